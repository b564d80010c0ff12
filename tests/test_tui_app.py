"""Starting the workstation from the command line, claims kept alive, contacts and scrolling."""

from __future__ import annotations

import argparse
from datetime import timedelta

import pytest
from builtin_settings import SETTINGS
from ledger_builders import dossier
from sqlfile import raw_row
from tui_data import build, make_app, screen_text, settle

from callcenter.cli import wiring
from callcenter.tui import app as app_module
from callcenter.tui.widgets.contacts import ContactsPanel


@pytest.fixture
def book(store, now):
    build(store, now)
    return store


def claim_of(store, code):
    """(holder, expiry) of ``code``'s claim: the expiry is a column no QueueEntry carries."""
    return raw_row(
        store, "SELECT claimed_by, claim_expires_at FROM queue_state WHERE debtor_code = ?", (code,)
    )


def test_run_workstation_opens_the_default_session_and_gives_the_claim_back(
    book, db_path, now, monkeypatch, capsys
):
    book.close()
    seen = {}

    async def drive(app):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await settle(pilot)
            seen["code"] = app.shown_code
            seen["collector"] = app.desk.collector
            seen["lang"] = app.ui.lang
            seen["claim"] = claim_of(app.desk.store, app.shown_code)

    def fake_run(self):
        import asyncio

        asyncio.run(drive(self))

    monkeypatch.setattr(app_module.WorkstationApp, "run", fake_run)
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    args = argparse.Namespace(
        db=str(db_path), as_user="zoe", lang="en", settings=SETTINGS, campaign=None
    )
    assert wiring.run_workstation(args) == 0
    assert seen["code"] == "C001" and seen["collector"] == "zoe" and seen["lang"] == "en"
    assert seen["claim"][0] == "zoe"
    assert "zoe · session 0:00:0" in capsys.readouterr().out  # the session summary left on exit
    from callcenter.store import open_database

    reopened = open_database(db_path)
    try:
        assert claim_of(reopened, "C001")[0] is None  # released on the way out
    finally:
        reopened.close()


def test_unknown_campaign_is_refused_before_the_screen_opens(book, db_path, monkeypatch):
    book.close()
    args = argparse.Namespace(
        db=str(db_path), as_user="zoe", lang=None, settings=SETTINGS, campaign="nope"
    )
    with pytest.raises(SystemExit):
        wiring.run_workstation(args)


async def test_the_claim_is_renewed_while_the_debtor_is_on_screen(book, now):
    moments = [now]
    app = make_app(book, now)
    app.clock = lambda: moments[0]
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.clock = app.clock
        await pilot.press("enter")
        await settle(pilot)
        first = claim_of(book, "C001")
        moments[0] = now + timedelta(minutes=4)
        app.session._renew()
        await settle(pilot)
        renewed = claim_of(book, "C001")
        assert renewed[0] == "alice" and renewed[1] > first[1]


async def test_o_moves_to_the_next_contact_and_w_flags_the_one_on_screen(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        panel = str(app.session.query_one(ContactsPanel).render())
        assert panel.index("▶ Paul Martin") < panel.index("Sophie Leroy")  # the decider first
        await pilot.press("o")
        assert "▶ Sophie Leroy" in str(app.session.query_one(ContactsPanel).render())
        await pilot.press("w")
        await settle(pilot)
        flagged = [
            contact.name
            for code in book.queue.debtor_codes()
            for contact in dossier(book, code).contacts
            if contact.wrong_number
        ]
        assert flagged == ["Sophie Leroy"]
        assert app.shown_code == "C001"
        assert "▶ Paul Martin" in str(app.session.query_one(ContactsPanel).render())


async def test_small_terminal_stacks_the_panels_and_pages_through_them(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.has_class("-narrow")
        assert "Facturé / payé" not in screen_text(app)  # the last panel is below the fold
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        assert "Facturé / payé" in screen_text(app)
        body = app.session.query_one("#body")
        assert body.scroll_y > 0


def test_two_windows_of_one_collector_never_get_the_same_debtor(book, now):
    from callcenter.tui.desk import Desk

    first, second = (
        Desk(book, collector="alice", config=SETTINGS),
        Desk(book, collector="alice", config=SETTINGS),
    )
    shown = first.next_debtor(now)
    other = second.next_debtor(now)
    assert shown.code == "C001" and other.code == "C002"
    assert first.next_debtor(now, skip=("C001",)).code == "C003"  # C002 stays with window 2
    first.hold_claim()  # as the screen does once C003 is painted
    assert claim_of(book, "C002")[0] == "alice"
    assert claim_of(book, "C001")[0] is None  # window 1 moved on and gave it back


async def test_an_empty_database_says_the_queue_is_empty(store, now):
    app = make_app(store, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown_code is None
        assert "File vide" in screen_text(app)
        await pilot.press("n")  # no debtor: nothing to log, nothing crashes
        await settle(pilot)
        assert store.ledger.count_rows("calls") == 0

"""Callbacks by keystrokes: who a callback comes back to ("me" or "anyone")."""

from __future__ import annotations

from datetime import timedelta

import pytest
from builtin_settings import SETTINGS
from ledger_builders import claims, contact_id
from sqlfile import raw_row
from tui_data import build, settle

from callcenter.i18n import Locale
from callcenter.tui.app import WorkstationApp
from callcenter.tui.desk import Desk


@pytest.fixture
def book(store, now):
    build(store, now)
    return store


def workstation(store, collector, when, config=SETTINGS) -> WorkstationApp:
    desk = Desk(store, collector=collector, lang="fr", config=config)
    return WorkstationApp(desk, Locale("fr", "dmy"), clock=lambda: when)


async def callback_in_an_hour(store, now, *keys: str) -> None:
    """Alice opens C001 (the best debtor), sets a callback in an hour, and quits."""
    app = workstation(store, "alice", now)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert claims(store) == [("C001", "alice")]
        await pilot.press("c", *keys, "1")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)


async def first_debtor_of(store, collector, when) -> list[tuple[str, str]]:
    app = workstation(store, collector, when)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        return claims(store)


async def test_a_callback_for_anyone_is_taken_by_another_collector(book, now):
    await callback_in_an_hour(book, now)  # the settings' default: anyone
    row = raw_row(book, "SELECT outcome, callback_owner FROM calls ORDER BY id DESC")
    assert row == ("callback", None)
    assert await first_debtor_of(book, "bob", now + timedelta(minutes=61)) == [("C001", "bob")]


async def test_a_callback_for_me_comes_back_to_its_owner_only(book, now):
    await callback_in_an_hour(book, now, "o")  # o: for me only
    row = raw_row(book, "SELECT outcome, callback_owner FROM calls ORDER BY id DESC")
    assert row == ("callback", "alice")
    later = now + timedelta(minutes=61)
    (taken,) = await first_debtor_of(book, "bob", later)
    assert taken[0] != "C001"
    book.queue.release_claims_of("bob")
    assert await first_debtor_of(book, "alice", later) == [("C001", "alice")]


async def test_the_agenda_lists_my_callbacks_and_promises_and_opens_the_debtor(book, now):
    from tui_data import screen_text

    from callcenter.domain.models import Outcome
    from callcenter.service.outcomes import log_outcome

    def log(code, outcome, collector, **details):
        log_outcome(book, code, outcome, collector=collector, now=now, config=SETTINGS, **details)

    herve = contact_id(book, "C005", "Hervé Petit")
    log("C005", Outcome.CALLBACK, "alice", callback_at=now + timedelta(hours=2), contact_id=herve)
    log("C002", Outcome.CALLBACK, "bob", callback_at=now + timedelta(hours=4))  # for anyone
    log("C001", Outcome.CALLBACK, "bob", callback_at=now + timedelta(hours=3), callback_owner="me")
    log("C003", Outcome.PROMISE, "alice", promise_date=(now + timedelta(days=1)).date(),
        amount_cents=450_00)  # fmt: skip
    app = workstation(book, "alice", now)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        shown = screen_text(app)
        assert "Rappels aujourd'hui" in shown and "Promesses dues" in shown
        assert "à 12:00 · Garage Petit C005 · Hervé Petit" in shown
        # bob's callback for anyone, on a debtor alice may work, says whose it is
        assert "à 14:00 · Transports Dupuis SA C002 · pour n'importe qui, posé par bob" in shown
        assert "demain · [bold red]X[/] [link=https://example.org]y[/link] C003" in shown
        assert "450,00 €" in shown
        assert "à 13:00" not in shown  # bob's callback for himself
        await pilot.press("enter")  # the first line: my callback
        await settle(pilot)
        assert screen_text(app).splitlines()[0].startswith(" Garage Petit  C005")

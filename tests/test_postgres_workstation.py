"""The workstation and the collector's commands, run end to end as a collector's own role.

The server holds the team's book; alice connects as the role ``alice`` (not
the owner), so every statement the workstation sends passes through the
collector group's GRANTs and row policies: whatever the server refused that
the workstation legitimately does would fail here.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")

from builtin_settings import SETTINGS  # noqa: E402
from postgres_cluster import as_role  # noqa: E402
from sqlfile import raw_rows
from tui_data import CONTACTS, DEBTORS, INVOICES, PAYMENTS, screen_text, settle  # noqa: E402

from callcenter.cli import main  # noqa: E402
from callcenter.domain.models import Debtor, Invoice  # noqa: E402
from callcenter.i18n import Locale  # noqa: E402
from callcenter.service.queue import rescore  # noqa: E402
from callcenter.service.users import add_user  # noqa: E402
from callcenter.store import open_database  # noqa: E402
from callcenter.tui.app import WorkstationApp  # noqa: E402
from callcenter.tui.desk import Desk  # noqa: E402


@pytest.fixture
def book(pg_url, now, login):
    """The workstation tests' book (shared pool) plus bob's debtor B9; sam, alice, bob granted."""
    login("sam")
    owner = open_database(pg_url)
    with owner.transaction():
        owner.ledger.upsert_debtors([*DEBTORS, Debtor("B9", "Bobcat", collector="bob")], now)
        owner.ledger.upsert_contacts(CONTACTS)
        owner.ledger.upsert_invoices(
            [*INVOICES, Invoice("B9", "B-1", now.date() - timedelta(days=90),
             now.date() - timedelta(days=60), 9_000_00, 9_000_00)]
        )  # fmt: skip
        owner.ledger.upsert_payments(PAYMENTS)
    add_user(owner, "sam", role="supervisor", actor="sam", now=now)
    for name in ("alice", "bob"):
        add_user(owner, name, actor="sam", now=now)
    rescore(owner, now=now, config=SETTINGS)
    yield owner
    owner.close()


#: The debtors alice may work (the shared pool), by code.
NAMES = {debtor.code: debtor.name for debtor in DEBTORS}


def rows(store, sql: str, params=()) -> list[tuple]:
    return raw_rows(store, sql, params)


async def test_a_collector_s_day_on_the_workstation_as_her_own_role(book, pg_url, now, login):
    login("alice")
    alice = open_database(as_role(pg_url, "alice"), create=False)
    assert rows(alice, "SELECT current_user") == [("alice",)]
    desk = Desk(alice, collector="alice", lang="fr", config=SETTINGS)
    app = WorkstationApp(desk, Locale("fr", "dmy"), clock=lambda: now)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("enter")
            await settle(pilot)
            first = app.shown_code
            assert first in NAMES
            assert rows(book, "SELECT debtor_code, claimed_by FROM queue_state"
                        " WHERE claimed_by IS NOT NULL") == [(first, "alice")]  # fmt: skip
            await pilot.press("p", "1")  # a promise for tomorrow, the overdue amount
            await settle(pilot)
            assert rows(
                book, "SELECT debtor_code, status FROM promises WHERE collector = 'alice'"
            ) == [(first, "pending")]
            # the rescore: that debtor now waits for its promise; the next claim is another one
            assert rows(book, "SELECT state FROM queue_state WHERE debtor_code = %s", (first,)) == [
                ("promise",)
            ]
            second = app.shown_code
            assert second in NAMES and second != first
            await pilot.press("t", "h")  # dial (a tel link), hang up: nobody answered
            await settle(pilot)
            await pilot.press("n")  # no answer, tied to the attempt
            await settle(pilot)
            assert rows(book, "SELECT a.debtor_code, a.collector FROM call_attempts a") == [
                (second, "alice")
            ]
            assert rows(book, "SELECT count(*) FROM call_events")[0][0] >= 2
            shown = app.shown_code
            assert shown in NAMES and shown not in (first, second)
            await pilot.press("c", "1")  # call back in an hour
            await settle(pilot)
            assert rows(book, "SELECT outcome FROM calls WHERE collector = 'alice' ORDER BY id") == [
                ("promise",), ("no_answer",), ("callback",)
            ]  # fmt: skip
            await pilot.press("u")  # undo the callback
            await settle(pilot)
            assert rows(book, "SELECT outcome FROM calls ORDER BY id DESC LIMIT 1") == [("undo",)]
            assert app.shown_code == shown
            await pilot.press("z", "1")  # a pause for lunch, then back
            await settle(pilot)
            await pilot.press("z")
            await settle(pilot)
            states = rows(book, "SELECT collector, state, reason FROM agent_states ORDER BY id")
            assert states[-2:] == [("alice", "paused", "lunch"), ("alice", "ready", "")]
            assert {collector for collector, _, _ in states} == {"alice"}
            await pilot.press("j")  # the agenda: her promise of tomorrow
            await settle(pilot)
            text = screen_text(app)
            assert "Promesses dues" in text and NAMES[first] in text, text
            assert "Bobcat" not in text
            await pilot.press("escape")
            await pilot.press("ctrl+q")
            await settle(pilot)
    finally:
        alice.close()
    assert rows(book, "SELECT count(*) FROM queue_state WHERE claimed_by IS NOT NULL") == [(0,)]
    assert book.figures.sum_differences() == {}


@pytest.fixture
def cli(book, pg_url, now, monkeypatch, tmp_path, login):
    """``callcenter`` as alice, connected as her own role."""
    login("alice")
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    monkeypatch.delenv("CALLCENTER_USER", raising=False)
    monkeypatch.delenv("CALLCENTER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    url = as_role(pg_url, "alice")

    def run(*argv: str) -> int:
        try:
            return main(["--db", url, "--lang", "en", *argv])
        except SystemExit as exc:
            return int(exc.code or 0)

    return run


def test_the_collector_s_commands_as_her_own_role(cli, book, capsys):
    assert cli("queue", "--json") == 0
    codes = [d["code"] for d in json.loads(capsys.readouterr().out)]
    assert codes and "B9" not in codes
    assert cli("log", "C005", "no_answer", "--json") == 0
    call_id = json.loads(capsys.readouterr().out)["call_id"]
    assert cli("undo", str(call_id), "--json") == 0
    capsys.readouterr()
    assert rows(book, "SELECT outcome, undoes FROM calls ORDER BY id DESC LIMIT 1") == [
        ("undo", call_id)
    ]
    assert cli("debtor", "C005", "--json") == 0
    assert json.loads(capsys.readouterr().out)["code"] == "C005"
    assert cli("debtor", "B9") != 0  # bob's: the server does not show it to her
    capsys.readouterr()
    assert cli("stats", "--json") == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["scope"]["collector"] == "alice"
    assert cli("agents", "--json") == 0
    assert all(a["collector"] == "alice" for a in json.loads(capsys.readouterr().out))
    assert cli("rescore") != 0  # the team's upkeep: a supervisor's
    assert "refused this change to your role" in capsys.readouterr().err

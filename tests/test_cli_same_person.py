"""The CLI for the person at the keyboard: a collector's own queue, and every dashboard table."""

from __future__ import annotations

import json

import pytest
from supervisor_ledger import build

from callcenter.cli import main


@pytest.fixture
def cli(store, db_path, now, monkeypatch, capsys, login):
    build(store, now)
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    monkeypatch.setenv("COLUMNS", "120")

    def run(*argv: str, actor: str) -> tuple[int, str]:
        login(actor)
        try:
            code = main(["--db", str(db_path), *argv])
        except SystemExit as exc:
            code = exc.code
        return code, capsys.readouterr().out

    return run


def codes(out: str) -> set[str]:
    return {entry["code"] for entry in json.loads(out)}


def test_a_collector_sees_their_own_queue_unless_asking_for_the_team(cli):
    _, team = cli("queue", "--all", "--waiting", "--json", actor="alice")
    _, own = cli("queue", "--waiting", "--json", actor="alice")
    _, bobs = cli("queue", "--waiting", "--json", "--collector", "bob", actor="alice")
    _, supervisor = cli("queue", "--waiting", "--json", actor="sam")
    assert "B" in codes(team) and "B" not in codes(own)  # B is bob's
    assert codes(own) <= {"A", "C", "D"}  # alice's and the unassigned one
    assert "B" in codes(bobs) and not codes(bobs) & {"A", "C"}
    assert codes(supervisor) == codes(team)  # a supervisor has no portfolio of their own


def test_stats_text_shows_every_table_of_the_dashboard(cli):
    code, out = cli("--lang", "en", "stats", actor="sam")
    assert code == 0
    for title in (
        "Queue now",
        "Promise-kept rate",
        "Today per collector",
        "Aging",
        "Promised / collected over the period",
        "Largest overdue",
    ):
        assert title in out, title
    code, out = cli("--lang", "fr", "stats", actor="sam")
    for title in ("File maintenant", "Aujourd'hui par chargé", "Promis / encaissé", "Balance âgée"):
        assert title in out, title

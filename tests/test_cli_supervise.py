"""The supervisor commands: stats, export, campaign, user, assign."""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest
from sqlfile import raw_value
from supervisor_ledger import build

from callcenter.cli import main
from callcenter.cli.periods import past_date
from callcenter.service.figures import figures, figures_to_json


@pytest.fixture
def cli(store, db_path, now, monkeypatch, capsys, login):
    build(store, now)
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    monkeypatch.setenv("COLUMNS", "120")

    def run(*argv: str, actor: str = "sam") -> tuple[int, str, str]:
        login(actor)
        try:
            code = main(["--db", str(db_path), *argv])
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_stats_json_is_the_dashboard_function(cli, store, now):
    code, out, _ = cli("stats", "--since", "01/10/2026", "--until", "2026-10-31", "--json")
    assert code == 0
    expected = figures(
        store, now=now, actor="sam", since=date(2026, 10, 1), until=date(2026, 10, 31)
    )
    shown = json.loads(out)
    assert shown.pop("agents") == []  # nobody has a state in this ledger (test_agents has some)
    assert shown == json.loads(json.dumps(figures_to_json(expected), default=str))
    assert shown["dso_days"] == 155.0


def test_stats_text_and_collector_scope(cli):
    code, out, _ = cli("--lang", "en", "stats")
    assert code == 0
    assert "DSO (simple)" in out and "[bold]Boulangerie[/] Brun" in out
    code, out, _ = cli("--lang", "fr", "stats", "--since", "01/10/2026", "--until", "31/10/2026")
    assert "DSO simple" in out and "155,0 jours" in out and "27,0\u00a0%" in out
    code, out, _ = cli("stats", "--json", actor="alice")
    assert json.loads(out)["scope"]["collector"] == "alice"
    assert list(json.loads(out)["today"]) == ["alice"]


def test_export_to_a_file(cli, tmp_path):
    target = tmp_path / "calls.csv"
    code, out, _ = cli("export", "calls", "--since", "-1", "--output", str(target))
    assert code == 0 and "8 lignes calls écrites" in out  # French by default
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 8 and not (tmp_path / "calls.csv.partial").exists()
    code, out, _ = cli("export", "queue", "--format", "json")
    assert [row["debtor_code"] for row in json.loads(out)][:1] == ["A"]


def test_roles_cannot_be_granted_with_as(cli):
    code, _, err = cli("user", "add", "mallory", "--role", "supervisor", actor="mallory")
    assert code == 1 and "seul un superviseur" in err  # the default session speaks French
    code, out, _ = cli("--lang", "en", "user", "whoami", actor="mallory")
    assert "mallory (collector)" in out
    code, out, _ = cli("--lang", "en", "user", "add", "ann", "--role", "supervisor")
    assert code == 0 and "ann is a supervisor" in out
    code, out, _ = cli("user", "list", "--json", actor="alice")
    assert [u["name"] for u in json.loads(out)] == ["alice"]


def test_campaign_commands(cli):
    code, out, _ = cli(
        "campaign", "create", "gros", "--min-overdue", "1 000,00", "--collector", "alice"
    )
    assert code == 0 and "gros: 1 debtors" in out
    code, out, _ = cli("campaign", "list", "--json")
    assert json.loads(out)[0]["collectors"] == ["alice"]
    code, out, _ = cli("stats", "--campaign", "gros", "--json")
    assert json.loads(out)["scope"]["campaign"] == "gros"
    code, _, err = cli("campaign", "create", "x", actor="alice")
    assert code == 1 and "seul un superviseur" in err
    code, _, err = cli("stats", "--campaign", "nope")
    assert code == 1 and "no campaign named" in err


def test_assign(cli, store):
    code, out, _ = cli("--lang", "en", "assign", "A", "C", "--to", "bob")
    assert code == 0 and "2 debtors now with bob" in out
    code, out, _ = cli("assign", "--from", "bob", "--unassign")
    assert "3 débiteurs maintenant chez personne (file commune)" in out
    code, _, err = cli("assign", "A", "--to", "alice", actor="alice")
    assert code == 1 and "seul un superviseur" in err
    code, _, err = cli("assign", "--to", "bob")
    assert code == 2
    assert raw_value(store, "SELECT count(*) FROM debtors WHERE collector IS NULL") == 4


def test_period_bounds_read_as_past_dates():
    today = date(2026, 11, 24)
    assert past_date("-7", today) == date(2026, 11, 17)
    assert past_date("15/11", today) == date(2026, 11, 15)
    assert past_date("15/12", today) == date(2025, 12, 15)  # no year: the last 15 December
    assert past_date("15/12/2026", today) == date(2026, 12, 15)
    with pytest.raises(SystemExit):
        past_date("someday", today)


def test_supervise_builds_the_dashboard_from_the_arguments(cli, monkeypatch, db_path):
    from callcenter.tui.supervisor.app import SupervisorApp

    started = []
    monkeypatch.setattr(SupervisorApp, "run", lambda app: started.append(app))
    code, _, _ = cli("--lang", "en", "supervise", "--since", "-6", "--every", "2", actor="alice")
    assert code == 0
    app = started[0]
    assert (app.source.actor, app.source.store.path, app.every) == ("alice", db_path, 2.0)
    app.source.close()
    assert app.source.since == date(2026, 11, 18) and app.ui.lang == "en"
    code, _, err = cli("supervise", "--campaign", "nope")
    assert code == 1 and "no campaign named" in err


def test_campaign_show_lists_its_debtors(cli):
    cli("campaign", "create", "pme", "--segment", "pme")
    code, out, _ = cli("campaign", "show", "pme", "--json")
    # A and C are the pme debtors; C owes more (600 vs 500) as last scored.
    assert code == 0
    assert [(d["code"], d["overdue_cents"], d["state"]) for d in json.loads(out)] == [
        ("C", 60_000, "callback"),
        ("A", 50_000, "promise"),
    ]
    code, out, _ = cli("campaign", "show", "pme")
    assert "Cave Colin" in out


def test_the_days_written_messages_are_counted_in_stats(cli, store, now):
    from datetime import timedelta

    from callcenter.domain.communications import Communication, Result

    def logged(code: str, channel: str, result: Result, key: str, at=now) -> None:
        entry = Communication(code, at, "remind", "step", channel, result, send_key=key)
        with store.transaction():
            store.communications.record(entry)

    logged("A", "email", Result.SENT, "A:1")
    logged("A", "statement", Result.WRITTEN, "A:2")
    logged("B", "formal_notice", Result.WRITTEN, "B:1")
    logged("B", "email", Result.FAILED, "B:2")
    logged("C", "email", Result.SENT, "C:1", at=now - timedelta(days=1))  # yesterday's
    logged("C", "formal_notice", Result.AWAITING, "C:9", at=now - timedelta(days=3))
    logged("A", "formal_notice", Result.AWAITING, "A:9")
    logged("A", "formal_notice", Result.WRITTEN, "A:9")  # approved since: no longer awaited
    written = figures(store, now=now, actor="sam").written
    assert (written.emails, written.letters, written.failed, written.awaiting) == (2, 2, 1, 1)
    assert figures(store, now=now, actor="bob").written.letters == 1  # bob's debtor B only
    code, out, _ = cli("stats", "--json")
    assert json.loads(out)["written_today"] == {
        "emails": 2,
        "letters": 2,
        "failed": 1,
        "awaiting_approval": 1,
    }
    code, out, _ = cli("--lang", "en", "stats")
    assert "Written today" in out and "to approve" in out

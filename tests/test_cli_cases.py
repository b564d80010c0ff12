"""``callcenter dispute`` and ``callcenter task`` from a shell, in both languages."""

from __future__ import annotations

import json

import pytest
from builtin_settings import SETTINGS
from ledger_builders import add_debtor, late

from callcenter.cli import main
from callcenter.cli.common import console
from callcenter.domain.models import Outcome
from callcenter.service.outcomes import log_outcome
from callcenter.service.queue import rescore


@pytest.fixture
def cli(db_path, store, now, monkeypatch):
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    monkeypatch.setenv("CALLCENTER_USER", "alice")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(db_path.parent / "no-config"))
    monkeypatch.setattr(console, "width", 160)  # one line a row, to read the cells
    add_debtor(
        store,
        now,
        "C1",
        name="[bold]Martin[/bold] SARL",
        collector="alice",
        invoices=[late("F1", 40, 1_000_00)],
        contacts=["Mme Martin"],
    )
    rescore(store, now=now, config=SETTINGS)
    log_outcome(
        store,
        "C1",
        Outcome.DISPUTE,
        collector="alice",
        now=now,
        reason="[red]prix[/red]",
        config=SETTINGS,
    )
    log_outcome(
        store,
        "C1",
        Outcome.ALREADY_PAID,
        collector="alice",
        now=now,
        paid_on=now.date(),
        config=SETTINGS,
    )

    def run(*argv: str, lang: str = "en", user: str = "alice") -> int:
        monkeypatch.setenv("CALLCENTER_USER", user)
        try:
            return main(["--db", str(db_path), "--lang", lang, *argv])
        except SystemExit as exc:
            return int(exc.code)

    return run


def test_dispute_list_resolve_and_undo(cli, capsys, store):
    assert cli("dispute", "list", "--json") == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert (listed["invoices"], listed["reason"], listed["status"]) == (
        ["F1"],
        "[red]prix[/red]",
        "open",
    )
    assert cli("dispute", "list", lang="fr") == 0
    out = capsys.readouterr().out
    assert "Litiges" in out and "[red]prix[/red]" in out and "ouvert" in out
    assert cli("dispute", "resolve", str(listed["id"]), "--rejected") == 0
    assert "Dispute rejected" in capsys.readouterr().out
    found = store.dossiers.dispute(listed["id"])
    assert (found.status, found.resolution) == ("resolved", "rejected")
    assert cli("dispute", "undo", str(listed["id"])) == 0
    assert "Change undone" in capsys.readouterr().out
    assert cli("dispute", "cancel", str(listed["id"]), "--json") == 0
    assert "change_id" in json.loads(capsys.readouterr().out)
    assert store.dossiers.dispute(listed["id"]).status == "cancelled"


def test_a_refused_change_is_one_line_in_the_interface_language(cli, capsys):
    assert cli("dispute", "cancel", "1", user="bob", lang="fr") == 2
    err = capsys.readouterr().err
    assert "C1 est dans le portefeuille de alice, pas de bob" in err
    assert cli("dispute", "cancel", "99") == 2
    assert "no dispute 99" in capsys.readouterr().err


def test_task_list_and_done(cli, capsys, store):
    assert cli("task", "list", lang="fr") == 0
    out = capsys.readouterr().out
    assert "chercher le paiement annoncé" in out and "26/11/2026" in out
    assert cli("task", "list", "--json") == 0
    (task,) = json.loads(capsys.readouterr().out)
    assert (task["kind"], task["created_by"], task["due_on"]) == (
        "check_payment",
        "alice",
        "2026-11-26",
    )
    assert cli("task", "done", str(task["id"])) == 0
    assert "Task done" in capsys.readouterr().out
    assert cli("task", "list", "--json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert store.dossiers.task(task["id"]).done_by == "alice"
    assert cli("task", "undo", str(task["id"])) == 0
    assert store.dossiers.task(task["id"]).done_at is None


def test_debtor_shows_the_account_note_tasks_and_dispute_state(cli, capsys, store, now):
    from callcenter.service.dossier import set_account_note

    set_account_note(store, "C1", "payeur : Mme Martin", actor="alice", now=now)
    assert cli("debtor", "C1", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["account_note"] == "payeur : Mme Martin" and data["credit_limit"] is None
    assert [t["kind"] for t in data["tasks"]] == ["check_payment"]
    assert data["disputes"][0]["resolution"] is None
    assert cli("debtor", "C1", lang="fr") == 0
    assert "Note : payeur : Mme Martin" in capsys.readouterr().out

"""A deliberate move on the dunning ladder: who may, how it is logged, how it is undone."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta

import pytest
from builtin_settings import SETTINGS
from ledger_builders import add_debtor, late
from sqlfile import raw_rows, raw_write

from callcenter.domain.models import DossierChange, Task
from callcenter.domain.settings import Config, QueueConfig
from callcenter.service.changes import ChangeError, undo_change
from callcenter.service.dunning import set_dunning_step, undo_last_step
from callcenter.service.errors import OutcomeError
from callcenter.service.queue import rescore
from callcenter.service.users import add_user
from callcenter.store import open_database


@pytest.fixture
def debtor(store, now):
    add_debtor(store, now, "C1", invoices=[late("F1", 40, 1_000_00)], contacts=["Mme Martin"])
    add_user(store, "sophie", role="supervisor", actor="sophie", now=now)
    rescore(store, now=now, config=SETTINGS)
    return "C1"


def step(store) -> int:
    return store.outcomes.dunning_step("C1")


def change(store, change_id: int) -> DossierChange:
    found = store.dossiers.change(change_id)
    assert found is not None, f"no change {change_id}"
    return found


def task_of_change(store, change_id: int) -> Task:
    target = change(store, change_id).target_id
    found = None if target is None else store.dossiers.task(target)
    assert found is not None, f"change {change_id} names no task"
    return found


def test_formal_notice_is_a_supervisors_deliberate_act(store, now, debtor):
    moves = [set_dunning_step(store, "C1", 3, actor="alice", now=now, config=SETTINGS)]
    with pytest.raises(OutcomeError, match="for a supervisor") as refused:
        set_dunning_step(store, "C1", 4, actor="alice", now=now, config=SETTINGS)
    assert refused.value.code == "step_supervisor_only"
    moves.append(
        set_dunning_step(
            store, "C1", 4, actor="sophie", now=now, note="LRAR 1A234", config=SETTINGS
        )
    )
    anyone = Config(queue=QueueConfig(formal_steps_by_supervisor=False))
    moves.append(set_dunning_step(store, "C1", 5, actor="alice", now=now, config=anyone))
    # Each move keeps a done task (the change points at it); the refused one left none.
    assert store.ledger.count_rows("tasks") == 3
    notes = [task_of_change(store, change).note for change in moves]
    assert notes == [
        "dunning step 0 -> 3",
        "dunning step 3 -> 4: LRAR 1A234",
        "dunning step 4 -> 5",
    ]
    with pytest.raises(OutcomeError, match="outside 0 to 6"):
        set_dunning_step(store, "C1", 7, actor="sophie", now=now, config=SETTINGS)
    with pytest.raises(OutcomeError, match="already at dunning step 5"):
        set_dunning_step(store, "C1", 5, actor="sophie", now=now, config=SETTINGS)


def test_a_move_is_logged_and_undone_like_any_change(store, now, debtor):
    first = set_dunning_step(store, "C1", 2, actor="alice", now=now, config=SETTINGS)
    second = set_dunning_step(
        store, "C1", 4, actor="sophie", now=now + timedelta(minutes=1), config=SETTINGS
    )
    rows = [(c.actor, c.action, c.detail) for c in (change(store, first), change(store, second))]
    assert rows == [("alice", "dunning_step", "0 -> 2"), ("sophie", "dunning_step", "2 -> 4")]
    with pytest.raises(ChangeError, match="made by sophie"):
        undo_change(store, second, actor="alice", now=now, config=SETTINGS)
    undo_last_step(store, "C1", actor="sophie", now=now + timedelta(minutes=2), config=SETTINGS)
    assert step(store) == 2
    undo_last_step(store, "C1", actor="alice", now=now + timedelta(minutes=3), config=SETTINGS)
    assert step(store) == 0
    with pytest.raises(ChangeError, match="nothing to undo on the dunning step of C1"):
        undo_last_step(store, "C1", actor="alice", now=now, config=SETTINGS)
    with pytest.raises(ChangeError, match="already undone"):
        undo_change(store, first, actor="alice", now=now, config=SETTINGS)


def test_an_undo_does_not_overwrite_a_later_move(store, now, debtor):
    first = set_dunning_step(store, "C1", 2, actor="alice", now=now, config=SETTINGS)
    set_dunning_step(store, "C1", 3, actor="alice", now=now, config=SETTINGS)
    undo_last_step(store, "C1", actor="alice", now=now, config=SETTINGS)  # back to 2
    set_dunning_step(store, "C1", 1, actor="alice", now=now, config=SETTINGS)
    with pytest.raises(ChangeError, match="moved since"):
        undo_change(store, first, actor="alice", now=now, config=SETTINGS)
    assert step(store) == 1


def test_from_a_shell(store, now, debtor, db_path, monkeypatch, capsys, login):
    from callcenter.cli import main

    login("alice")
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    monkeypatch.delenv("CALLCENTER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(db_path.parent / "no-config"))

    def run(*argv: str) -> int:
        try:
            return main(["--db", str(db_path), "--lang", "fr", "dunning", "C1", *argv])
        except SystemExit as exc:
            return int(exc.code)

    assert run("4") != 0
    assert "réservé à un superviseur" in capsys.readouterr().err
    assert run("3", "--note", "appel au DAF", "--json") == 0
    assert "change_id" in json.loads(capsys.readouterr().out)
    assert step(store) == 3
    assert run("trois") != 0
    assert "n'est pas une étape" in capsys.readouterr().err
    assert run("undo") == 0
    assert "Modification défaite" in capsys.readouterr().out
    assert step(store) == 0


def test_the_change_log_keeps_its_rows_and_rules_through_migration_9(tmp_path, now, monkeypatch):
    """A database made before 'dunning_step' was a change keeps its log and its undo links."""
    from callcenter.store.sqlite import db as sqlite_db

    path = tmp_path / "old.db"
    monkeypatch.setattr(sqlite_db, "SCHEMA_VERSION", 8)
    old = open_database(path)
    add_debtor(old, now, "C1", invoices=[late("F1", 40, 1_000_00)])
    with old.transaction():
        raw_write(
            old,
            "INSERT INTO dossier_changes (id, debtor_code, actor, at, action, before)"
            " VALUES (1, 'C1', 'alice', 'x', 'account_note', '{\"note\": \"\"}')",
        )
        raw_write(
            old,
            "INSERT INTO dossier_changes (id, debtor_code, actor, at, action, undoes)"
            " VALUES (2, 'C1', 'alice', 'x', 'undo', 1)",
        )
    old.close()
    monkeypatch.undo()
    store = open_database(path)
    assert store.schema_version == sqlite_db.SCHEMA_VERSION  # 9 and every later one
    rows = raw_rows(store, "SELECT id, action, undoes FROM dossier_changes ORDER BY id")
    assert rows == [(1, "account_note", None), (2, "undo", 1)]
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        raw_write(store, "DELETE FROM dossier_changes")
    assert raw_rows(store, "PRAGMA foreign_key_check") == []
    store.close()


def test_the_dialogs_step_list_never_cuts_a_step_across_lines():
    from callcenter.domain.hint_texts import step_name
    from callcenter.tui.screens.dunning import STEPS_WIDTH, step_lines

    steps = [f"{n} {step_name('fr', n)}" for n in range(7)]
    lines = step_lines(steps)
    assert len(lines) > 1  # the French ladder does not fit one 80-column dialog line
    assert all(len(line) <= STEPS_WIDTH for line in lines)
    assert [s for line in lines for s in line.split(" · ")] == steps

"""The dispute and task workflow: resolve, reject, cancel, complete, and undo each."""

from __future__ import annotations

from datetime import timedelta

import pytest
from builtin_settings import SETTINGS
from ledger_builders import add_debtor, late, queued
from sqlfile import raw_value, raw_write

from callcenter.domain.models import Outcome
from callcenter.service.changes import ChangeError, undo_change
from callcenter.service.disputes import (
    cancel_dispute,
    list_disputes,
    resolve_dispute,
    undo_last,
)
from callcenter.service.dossier import dossier, set_account_note
from callcenter.service.errors import AccessRefused
from callcenter.service.outcomes import log_outcome
from callcenter.service.queue import rescore
from callcenter.service.tasks import complete_task, my_tasks, reopen_task
from callcenter.service.users import add_user


@pytest.fixture
def disputed(store, now):
    """C1 (alice's) disputes F1 of its two overdue invoices."""
    add_debtor(
        store,
        now,
        "C1",
        collector="alice",
        invoices=[late("F1", 40, 1_000_00), late("F2", 10, 500_00)],
        contacts=["Mme Martin"],
    )
    rescore(store, now=now, config=SETTINGS)
    log_outcome(
        store,
        "C1",
        Outcome.DISPUTE,
        collector="alice",
        now=now,
        reason="livraison incomplète",
        invoice_numbers=["F1"],
        config=SETTINGS,
    )
    (dispute,) = store.dossiers.load_dossier("C1").disputes
    return dispute.id


def overdue(store) -> int:
    return queued(store, "C1").overdue_cents


def dispute_row(store, dispute_id):
    found = store.dossiers.dispute(dispute_id)
    return (found.status, found.resolution, found.resolved_by)


def test_rejected_dispute_returns_its_invoices_to_the_queue(store, now, disputed):
    assert overdue(store) == 500_00  # F1 is out of the chase while disputed
    change = resolve_dispute(
        store, disputed, in_favour=False, actor="alice", now=now, config=SETTINGS
    )
    assert dispute_row(store, disputed) == ("resolved", "rejected", "alice")
    assert overdue(store) == 1_500_00
    logged = store.dossiers.change(change)
    assert (logged.action, logged.actor, logged.target_id) == (
        "dispute_rejected",
        "alice",
        disputed,
    )


def test_dispute_settled_for_the_client_waits_for_the_credit_note(store, now, disputed):
    resolve_dispute(store, disputed, in_favour=True, actor="alice", now=now, config=SETTINGS)
    assert dispute_row(store, disputed) == ("resolved", "credit_note", "alice")
    assert overdue(store) == 500_00  # F1 stays out: a credit note will cancel it
    (task,) = my_tasks(store, actor="alice")
    assert (task.kind, task.note, task.due) == ("credit_note", "F1", now.date() + timedelta(7))
    found = dossier(store, "C1", now.date())
    assert [i.disputed for i in found.invoices] == [True, False]


def test_cancel_then_undo_puts_the_dispute_back(store, now, disputed):
    change = cancel_dispute(store, disputed, actor="alice", now=now, config=SETTINGS)
    assert dispute_row(store, disputed)[0] == "cancelled"
    assert overdue(store) == 1_500_00
    undo = undo_change(store, change, actor="alice", now=now, config=SETTINGS)
    assert dispute_row(store, disputed) == ("open", None, "")
    assert overdue(store) == 500_00
    with pytest.raises(ChangeError, match="already undone"):
        undo_change(store, change, actor="alice", now=now, config=SETTINGS)
    with pytest.raises(ChangeError, match="itself an undo"):
        undo_change(store, undo, actor="alice", now=now, config=SETTINGS)
    # the log only grew (raw: no port counts the change log)
    assert raw_value(store, "SELECT count(*) FROM dossier_changes") == 2


def test_undoing_a_resolution_withdraws_its_credit_note_task(store, now, disputed):
    resolve_dispute(store, disputed, in_favour=True, actor="alice", now=now, config=SETTINGS)
    undo_last(store, disputed, actor="alice", now=now, config=SETTINGS)
    assert dispute_row(store, disputed)[0] == "open"
    assert my_tasks(store, actor="alice") == []
    with pytest.raises(ChangeError, match="nothing to undo"):
        undo_last(store, disputed, actor="alice", now=now, config=SETTINGS)


def test_a_dispute_ends_once(store, now, disputed):
    cancel_dispute(store, disputed, actor="alice", now=now, config=SETTINGS)
    with pytest.raises(ChangeError, match="not open"):
        resolve_dispute(store, disputed, in_favour=False, actor="alice", now=now, config=SETTINGS)
    with pytest.raises(ChangeError, match="no dispute 999"):
        cancel_dispute(store, 999, actor="alice", now=now, config=SETTINGS)


def test_only_the_portfolio_or_a_supervisor_settles_a_dispute(store, now, disputed):
    with pytest.raises(AccessRefused, match="in alice's portfolio"):
        cancel_dispute(store, disputed, actor="bob", now=now, config=SETTINGS)
    assert list_disputes(store, actor="bob") == []
    add_user(store, "boss", role="supervisor", actor="boss", now=now)
    change = cancel_dispute(store, disputed, actor="boss", now=now, config=SETTINGS)
    with pytest.raises(ChangeError, match="made by boss"):
        undo_change(store, change, actor="alice", now=now, config=SETTINGS)
    assert [d.id for d, _ in list_disputes(store, actor="boss", everyone=True, status=None)] == [
        disputed
    ]


def test_a_task_is_done_and_reopened(store, now, disputed):
    log_outcome(
        store,
        "C1",
        Outcome.ALREADY_PAID,
        collector="alice",
        now=now,
        paid_on=now.date(),
        config=SETTINGS,
    )
    (task,) = my_tasks(store, actor="alice")
    assert (task.kind, task.created_by, task.debtor_name) == ("check_payment", "alice", "Debtor C1")
    assert task.due == now.date() + timedelta(days=2)
    assert my_tasks(store, actor="bob") == []
    complete_task(store, task.id, actor="alice", now=now)
    assert my_tasks(store, actor="alice") == []
    assert dossier(store, "C1", now.date()).tasks == ()
    with pytest.raises(ChangeError, match="already done"):
        complete_task(store, task.id, actor="alice", now=now)
    reopen_task(store, task.id, actor="alice", now=now, config=SETTINGS)
    assert [t.id for t in dossier(store, "C1", now.date()).tasks] == [task.id]


def test_account_note_is_kept_and_undone(store, now, disputed):
    first = set_account_note(store, "C1", "Payer : Mme Martin, le mardi", actor="alice", now=now)
    last = set_account_note(store, "C1", "[b]Toujours[/b] demander le BL", actor="alice", now=now)
    assert dossier(store, "C1").debtor.account_note == "[b]Toujours[/b] demander le BL"
    undo_change(store, last, actor="alice", now=now, config=SETTINGS)
    assert dossier(store, "C1").debtor.account_note == "Payer : Mme Martin, le mardi"
    assert first < last
    with pytest.raises(AccessRefused, match="in alice's portfolio"):
        set_account_note(store, "C1", "x", actor="bob", now=now)


def test_the_change_log_is_append_only(store, now, disputed):
    cancel_dispute(store, disputed, actor="alice", now=now, config=SETTINGS)
    import sqlite3

    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        raw_write(store, "DELETE FROM dossier_changes")

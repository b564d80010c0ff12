"""Outcomes, their undo, promise settlement and the figures' sums, through the interface."""

from __future__ import annotations

from datetime import date, timedelta

from builtin_settings import SETTINGS

from callcenter.domain.models import Contact, Outcome, Payment, PromiseStatus, QueueState
from callcenter.service.outcomes import log_outcome, undo_outcome
from callcenter.service.promises import settle_promises

from .conftest import seed


def test_a_call_is_read_back_as_it_was_logged(store, now):
    seed(store, now, 1)
    call_id = log_outcome(
        store, "D00", Outcome.NO_ANSWER, collector="alice", now=now, config=SETTINGS
    )
    call = store.outcomes.call(call_id)
    assert (call.debtor_code, call.collector, call.outcome) == ("D00", "alice", Outcome.NO_ANSWER)
    assert call.started_at == now
    assert store.outcomes.call(call_id + 1000) is None


def test_a_promise_and_its_undo(store, now):
    seed(store, now, 2)
    promised = now.date() + timedelta(days=3)
    call_id = log_outcome(
        store,
        "D00",
        Outcome.PROMISE,
        collector="alice",
        now=now,
        promise_date=promised,
        amount_cents=1000_00,
        config=SETTINGS,
    )
    (promise,) = store.promises.promises_of(["D00"])
    assert (promise.promised_on, promise.amount_cents) == (promised, 1000_00)
    assert promise.status is PromiseStatus.PENDING and promise.call_id == call_id
    assert store.queue.entry("D00").state is QueueState.PROMISE
    undo_id = undo_outcome(
        store, call_id, collector="alice", now=now + timedelta(minutes=1), config=SETTINGS
    )
    assert store.outcomes.undone_by(call_id) == undo_id
    assert store.promises.promises_of(["D00"]) == []  # cancelled
    assert store.queue.entry("D00").state is QueueState.DUE


def test_a_promise_paid_in_full_is_kept(store, now):
    seed(store, now, 1)
    promised = now.date() + timedelta(days=2)
    log_outcome(
        store,
        "D00",
        Outcome.PROMISE,
        collector="alice",
        now=now,
        promise_date=promised,
        amount_cents=500_00,
        config=SETTINGS,
    )
    with store.transaction():
        store.ledger.upsert_payments([Payment("D00", "VIR1", promised, 500_00)])
    settle_promises(store, now=now + timedelta(days=3), codes=["D00"], config=SETTINGS)
    (promise,) = store.promises.promises_of(["D00"])
    assert promise.status is PromiseStatus.KEPT and promise.paid_cents == 500_00
    (payment,) = store.promises.payments_of(["D00"], now.date())
    assert (payment.reference, payment.amount_cents) == ("VIR1", 500_00)


def test_a_wrong_number_is_kept_on_the_contact(store, now):
    seed(store, now, 1)
    with store.transaction():
        store.ledger.upsert_contacts([Contact("D00", "Mme Martin", phone="+33612345678")])
    (contact_id,) = [c.id for c in store.dossiers.load_dossier("D00", now.date()).contacts]
    log_outcome(
        store,
        "D00",
        Outcome.WRONG_NUMBER,
        collector="alice",
        now=now,
        contact_id=contact_id,
        config=SETTINGS,
    )
    assert store.outcomes.contact(contact_id).wrong_number
    with store.transaction():  # a new import of the same contact keeps the collector's flag
        store.ledger.upsert_contacts([Contact("D00", "Mme Martin", phone="+33612345678")])
    assert store.outcomes.contact(contact_id).wrong_number


def test_the_sum_tables_agree_with_the_rows_after_writes(store, now):
    seed(store, now, 3)
    log_outcome(store, "D00", Outcome.NO_ANSWER, collector="alice", now=now, config=SETTINGS)
    with store.transaction():
        store.ledger.upsert_payments([Payment("D01", "VIR2", date(2026, 11, 20), 100_00)])
    assert store.figures.sums_available()
    assert store.figures.sum_differences() == {}

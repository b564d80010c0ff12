"""Promises settle themselves against payments: kept, partly kept, broken."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from builtin_settings import SETTINGS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_builders import add_debtor, add_payment, late, queued
from sqlfile import raw_row

from callcenter.domain.models import Outcome
from callcenter.service.outcomes import log_outcome
from callcenter.service.promises import settle_promises
from callcenter.service.queue import claim_next, rescore, top, worded
from callcenter.store import open_database

PARIS = ZoneInfo("Europe/Paris")
DEC_1 = date(2026, 12, 1)


def on(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=PARIS)


@pytest.fixture
def promised(store, now):
    """C1 owes 1 000 € and promises it for 1 December (grace: until 3 December)."""
    add_debtor(store, now, "C1", invoices=[late("F1", 40, 1_000_00)])
    add_debtor(store, now, "C2", invoices=[late("G1", 60, 5_000_00)])
    rescore(store, now=now, config=SETTINGS)
    log_outcome(
        store,
        "C1",
        Outcome.PROMISE,
        collector="alice",
        now=now,
        promise_date=DEC_1,
        config=SETTINGS,
    )
    return "C1"


def promise(store) -> tuple:
    """(status, paid, settled?) of C1's promise; raw: no Promise carries settled_at."""
    return raw_row(
        store,
        "SELECT status, paid_cents, settled_at IS NOT NULL FROM promises WHERE debtor_code = 'C1'",
    )


def verdicts(store) -> list[tuple[str, int]]:
    """(status, paid) of C1's promises, oldest date first, through the store's interface."""
    return [(p.status.value, p.paid_cents) for p in store.promises.promises_of(["C1"])]


def test_paid_in_full_within_grace_is_kept(store, promised):
    add_payment(store, "C1", "VIR1", date(2026, 12, 3), 1_000_00)
    summary = settle_promises(store, now=on(date(2026, 12, 4)), config=SETTINGS)
    assert summary["kept"] == 1 and summary["codes"] == ["C1"]
    assert promise(store) == ("kept", 1_000_00, 1)


def test_partly_paid_is_partly_kept(store, promised):
    add_payment(store, "C1", "VIR1", date(2026, 11, 30), 400_00)
    settle_promises(store, now=on(date(2026, 12, 4)), config=SETTINGS)
    assert promise(store) == ("partly_kept", 400_00, 1)


def test_nothing_paid_is_broken_and_the_debtor_comes_back_first(store, promised):
    settle_promises(store, now=on(date(2026, 12, 4)), config=SETTINGS)
    assert promise(store) == ("broken", 0, 1)
    row = queued(store, "C1")
    assert row.state == "due"
    first = top(store, now=on(date(2026, 12, 4)))[0]
    assert first.code == "C1"  # ahead of C2 who owes five times more
    assert "promise of 1 Dec broken" in worded(first, "en")


def test_not_judged_before_date_plus_grace(store, promised):
    summary = settle_promises(store, now=on(date(2026, 12, 3), 18), config=SETTINGS)
    assert summary["settled"] == 0
    assert promise(store) == ("pending", 0, 0)


def test_money_paid_early_keeps_the_promise_at_once_after_an_import(store, promised):
    add_payment(store, "C1", "VIR1", date(2026, 11, 25), 1_000_00)
    # the importer calls settle_promises(codes=...) right after a payments import
    summary = settle_promises(store, now=on(date(2026, 11, 25)), codes=["C1"], config=SETTINGS)
    assert summary["kept"] == 1
    assert promise(store)[0] == "kept"


def test_payments_outside_the_window_do_not_count(store, promised):
    add_payment(store, "C1", "OLD", date(2026, 11, 20), 1_000_00)  # before the promise
    add_payment(store, "C1", "LATE", date(2026, 12, 4), 1_000_00)  # after date + grace
    settle_promises(store, now=on(date(2026, 12, 5)), config=SETTINGS)
    assert promise(store) == ("broken", 0, 1)


def test_claim_next_settles_promises_that_fell_due(store, promised):
    # no explicit settlement: the pick notices the promise fell due and the boost wins
    assert claim_next(store, collector="bob", now=on(date(2026, 12, 4)), config=SETTINGS) == "C1"
    assert promise(store)[0] == "broken"


def test_one_payment_is_never_counted_twice(store, now):
    add_debtor(store, now, "C1", invoices=[late("F1", 40, 1_000_00)])
    rescore(store, now=now, config=SETTINGS)
    plan = [(date(2026, 12, 5), 500_00), (date(2027, 1, 5), 500_00)]
    log_outcome(
        store,
        "C1",
        Outcome.PAYMENT_PLAN,
        collector="alice",
        now=now,
        instalments=plan,
        config=SETTINGS,
    )
    add_payment(store, "C1", "VIR1", date(2026, 12, 4), 500_00)
    settle_promises(store, now=on(date(2026, 12, 10)), config=SETTINGS)
    assert [p.status.value for p in store.promises.promises_of(["C1"])] == ["kept", "pending"]
    assert queued(store, "C1").state == "promise"  # waiting for the second instalment
    settle_promises(store, now=on(date(2027, 1, 10)), config=SETTINGS)
    assert verdicts(store) == [("kept", 500_00), ("broken", 0)]


def test_a_larger_payment_spreads_over_instalments(store, now):
    add_debtor(store, now, "C1", invoices=[late("F1", 40, 1_000_00)])
    plan = [(date(2026, 12, 5), 500_00), (date(2026, 12, 20), 500_00)]
    log_outcome(
        store,
        "C1",
        Outcome.PAYMENT_PLAN,
        collector="alice",
        now=now,
        instalments=plan,
        config=SETTINGS,
    )
    add_payment(store, "C1", "VIR1", date(2026, 12, 4), 700_00)
    settle_promises(store, now=on(date(2026, 12, 30)), config=SETTINGS)
    assert verdicts(store) == [("kept", 500_00), ("partly_kept", 200_00)]


def test_cancelled_promises_are_left_alone(store, now, promised):
    from callcenter.service.outcomes import undo_outcome

    (call,) = store.dossiers.load_dossier("C1").calls
    call_id = call.id
    undo_outcome(store, call_id, collector="alice", now=now, config=SETTINGS)
    assert settle_promises(store, now=on(date(2026, 12, 10)), config=SETTINGS)["settled"] == 0
    assert promise(store)[0] == "cancelled"


def test_the_summary_counts(store, now, promised):
    add_debtor(store, now, "C3", invoices=[late("H1", 40, 300_00)])
    log_outcome(
        store,
        "C3",
        Outcome.PROMISE,
        collector="alice",
        now=now,
        promise_date=date(2026, 11, 30),
        config=SETTINGS,
    )
    add_payment(store, "C3", "VIR3", date(2026, 11, 30), 300_00)
    summary = settle_promises(store, now=on(date(2026, 12, 10)), config=SETTINGS)
    assert {k: summary[k] for k in ("kept", "partly_kept", "broken", "settled")} == {
        "kept": 1,
        "partly_kept": 0,
        "broken": 1,
        "settled": 2,
    }
    assert sorted(summary["codes"]) == ["C1", "C3"]


def test_a_pending_promise_keeps_the_debtor_out_until_date_plus_grace(store, now, promised):
    for day in (date(2026, 11, 25), date(2026, 12, 1), date(2026, 12, 3)):
        assert claim_next(store, collector="bob", now=on(day), skip=["C2"], config=SETTINGS) is None
    assert (
        claim_next(store, collector="bob", now=on(date(2026, 12, 4)), skip=["C2"], config=SETTINGS)
        == "C1"
    )


# -- invariants ----------------------------------------------------------------


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    promises=st.lists(
        st.tuples(st.integers(0, 60), st.integers(1, 100_000)), min_size=1, max_size=4
    ),
    payments=st.lists(st.tuples(st.integers(-10, 80), st.integers(1, 150_000)), max_size=5),
)
def test_settlement_never_counts_more_than_was_paid(
    tmp_path_factory, new_database, now, promises, payments
):
    store = open_database(new_database(tmp_path_factory.mktemp("p") / "p.db"))
    try:
        add_debtor(store, now, "C1", invoices=[late("F1", 40, 10_000_00)])
        today = now.date()
        for offset, cents in promises:
            log_outcome(
                store,
                "C1",
                Outcome.PROMISE,
                collector="alice",
                now=now,
                promise_date=today + timedelta(days=offset),
                amount_cents=cents,
                config=SETTINGS,
            )
        for n, (offset, cents) in enumerate(payments):
            add_payment(store, "C1", f"P{n}", today + timedelta(days=offset), cents)
        settle_promises(store, now=on(today + timedelta(days=90)), config=SETTINGS)
        rows = [
            (p.status, p.amount_cents, p.paid_cents)
            for p in store.dossiers.load_dossier("C1").promises  # every status
        ]
        counted = sum(c for o, c in payments if o >= 0)
        assert sum(paid for _, _, paid in rows) <= counted
        for status, amount, paid in rows:
            assert 0 <= paid <= amount
            expected = "kept" if paid == amount else "broken" if paid == 0 else "partly_kept"
            assert status == expected
    finally:
        store.close()

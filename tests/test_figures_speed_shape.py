"""The sum tables behind fast figures stay equal to a recomputation from the raw rows.

The figures read per-day sums that schema triggers keep (store/figure_sums.py).
Whatever happens to the ledger — imports that add or change invoices and
payments, closing, outcomes and their undo, settlements, debtors changing
hands or deleted — every figure read from the sums must be the figure summed
from the raw rows, for the whole team and for each collector.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from builtin_settings import SETTINGS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlfile import raw_row, raw_rows, raw_value, raw_write

from callcenter.domain.models import Debtor, Invoice, Outcome, Payment
from callcenter.service import period_cache
from callcenter.service.demo import build_demo
from callcenter.service.figures import figures
from callcenter.service.outcomes import OutcomeError, log_outcome, undo_outcome
from callcenter.service.portfolios import assign_debtors
from callcenter.service.promises import settle_promises
from callcenter.service.queue import rescore
from callcenter.store import Store, open_database
from callcenter.store.sqlite import figure_sums
from callcenter.store.sqlite.users import upsert_user
from callcenter.store.statements import figure_sums as sum_reads
from callcenter.store.statements import imports, ledger

CODES = ("A", "B", "C")
COLLECTORS = ("alice", "bob", None)
TODAY = date(2026, 11, 24)
OUTCOMES = {  # days are counted from the day of the call
    Outcome.PROMISE: {"promise_date": 3, "amount_cents": 300_00, "confirmed": True},
    Outcome.NO_ANSWER: {},
    Outcome.REFUSED: {"reason": "no"},
    Outcome.SKIP: {"reason": "later"},
    Outcome.PAID: {"amount_cents": 50_00},
    Outcome.PAYMENT_PLAN: {"instalments": [(2, 100_00)], "confirmed": True},
}

invoice_op = st.tuples(
    st.just("invoice"),
    st.sampled_from(CODES),
    st.integers(1, 2),  # invoice number: a repeat updates the row in place
    st.integers(-200, 0),  # issue date, days from today
    st.sampled_from((0, 30, 45, 60)),  # terms
    st.integers(-500_00, 5_000_00).filter(bool),
    st.sampled_from((0, 1, 2)),  # open: nothing, half, all
)
payment_op = st.tuples(
    st.just("payment"),
    st.sampled_from(CODES),
    st.integers(1, 2),  # reference: a repeat updates the payment in place
    st.integers(-60, 0),
    st.integers(1, 3_000_00),
)
call_op = st.tuples(
    st.just("call"),
    st.sampled_from(CODES),
    st.sampled_from(sorted(OUTCOMES)),
    st.sampled_from(("alice", "bob")),
    st.integers(-40 * 24, 0),  # hours before now
    st.booleans(),  # undone right away
)
undo_op = st.tuples(st.just("undo"), st.integers(0, 5))
settle_op = st.tuples(st.just("settle"), st.integers(0, 10))
move_op = st.tuples(st.just("move"), st.sampled_from(CODES), st.sampled_from(COLLECTORS))
close_op = st.tuples(st.just("close"), st.sampled_from(CODES))
rescore_op = st.tuples(st.just("rescore"), st.integers(-3, 3))
operations = st.lists(
    st.one_of(invoice_op, payment_op, call_op, undo_op, settle_op, move_op, close_op, rescore_op),
    min_size=1,
    max_size=14,
)


def _fresh_store(factory, new_database, now) -> Store:
    period_cache.clear()
    store = open_database(new_database(factory.mktemp("sums") / "sums.db"))
    with store.transaction():
        upsert_user(store, "sam", "supervisor", "", now)
        ledger.upsert_debtors(
            store,
            [
                Debtor(code=c, name=f"Debtor {c}", collector=k)
                for c, k in zip(CODES, COLLECTORS, strict=True)
            ],
            now,
        )
    return store


def _apply(store: Store, now: datetime, op: tuple, calls: list[tuple[int, str]]) -> None:
    kind, *args = op
    if kind == "invoice":
        code, number, issued, terms, cents, open_part = args
        issue = TODAY + timedelta(days=issued)
        invoice = Invoice(
            code, f"F{number}", issue, issue + timedelta(days=terms), cents, cents * open_part // 2
        )
        with store.transaction():
            ledger.upsert_invoices(store, [invoice])
    elif kind == "payment":
        code, ref, day, cents = args
        with store.transaction():
            ledger.upsert_payments(
                store, [Payment(code, f"P{ref}", TODAY + timedelta(days=day), cents)]
            )
    elif kind == "close":
        with store.transaction():
            keys = [k for k in imports.open_invoice_keys(store) if k[0] == args[0]]
            imports.close_invoices(store, keys)
    elif kind == "call":
        code, outcome, collector, hours, undone = args
        moment = now + timedelta(hours=hours)
        try:
            call_id = log_outcome(
                store,
                code,
                outcome,
                collector=collector,
                now=moment,
                config=SETTINGS,
                **_dated(outcome, moment),
            )
        except OutcomeError:
            return
        calls.append((call_id, collector))
        if undone:
            undo_outcome(store, call_id, collector=collector, now=moment, config=SETTINGS)
    elif kind == "undo" and calls:
        call_id, collector = calls[args[0] % len(calls)]
        try:
            undo_outcome(store, call_id, collector=collector, now=now, config=SETTINGS)
        except OutcomeError:
            pass  # already undone, or not the last outcome any more
    elif kind == "settle":
        settle_promises(store, now=now + timedelta(days=args[0]), config=SETTINGS)
    elif kind == "move":
        assign_debtors(store, [args[0]], args[1], actor="sam", now=now)
    elif kind == "rescore":
        rescore(store, now=now + timedelta(days=args[0]), config=SETTINGS)


def _dated(outcome: Outcome, moment: datetime) -> dict:
    """The outcome's details with its days turned into dates after the call."""
    details = dict(OUTCOMES[outcome])
    day = moment.astimezone(ZoneInfo("Europe/Paris")).date()
    if "promise_date" in details:
        details["promise_date"] = day + timedelta(days=details["promise_date"])
    if "instalments" in details:
        details["instalments"] = [(day + timedelta(days=n), c) for n, c in details["instalments"]]
    return details


def _both_ways(store: Store, monkeypatch, **kw):
    """The figures read from the sum tables, and the same figures from the raw rows."""
    period_cache.clear()
    quick = figures(store, fresh=True, **kw)
    with monkeypatch.context() as patch:
        patch.setattr(figure_sums, "available", lambda store: False)
        raw = figures(store, fresh=True, **kw)
    return quick, raw


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ops=operations,
    since=st.integers(-120, 0),
    length=st.integers(0, 60),
    tz=st.sampled_from(("Europe/Paris", "Asia/Kolkata")),
)
def test_figures_from_the_sums_equal_figures_from_the_raw_rows(
    tmp_path_factory, new_database, monkeypatch, now, ops, since, length, tz
):
    store = _fresh_store(tmp_path_factory, new_database, now)
    try:
        calls: list[tuple[int, str]] = []
        for op in ops:
            _apply(store, now, op, calls)
        assert figure_sums.differences(store) == {}
        first = TODAY + timedelta(days=since)
        period = {"since": first, "until": min(TODAY, first + timedelta(days=length))}
        for actor in ("sam", "alice", "bob"):
            quick, raw = _both_ways(store, monkeypatch, now=now, actor=actor, tz=ZoneInfo(tz))
            assert quick == raw
            quick, raw = _both_ways(store, monkeypatch, now=now, actor=actor, **period)
            assert quick == raw
    finally:
        store.close()


def test_the_demo_bulk_inserts_leave_exact_sums(store, now, monkeypatch):
    # Months of calls (undo entries included), promises and payments in one go.
    build_demo(store, debtors=120, seed=5, now=now, config=SETTINGS)
    assert raw_value(store, "SELECT count(*) FROM figure_calls") > 0
    assert figure_sums.differences(store) == {}
    for actor in ("sophie", "alice"):
        quick, raw = _both_ways(store, monkeypatch, now=now, actor=actor)
        assert quick == raw


def test_a_deleted_debtor_takes_its_sums_along(store, now, monkeypatch):
    with store.transaction():
        ledger.upsert_debtors(store, [Debtor(code="A", name="A", collector="alice")], now)
        ledger.upsert_invoices(
            store, [Invoice("A", "F1", date(2026, 10, 1), date(2026, 10, 31), 100_00, 100_00)]
        )
        ledger.upsert_payments(store, [Payment("A", "P1", date(2026, 11, 2), 40_00)])
    rescore(store, now=now, config=SETTINGS)
    assert raw_row(store, "SELECT sum(open_cents) FROM figure_invoices") == (100_00,)
    assert raw_rows(store, "SELECT collector, debtors FROM figure_queue") == [("alice", 1)]
    with store.transaction():  # invoices, payments, queue row go with it (ON DELETE CASCADE)
        raw_write(store, "DELETE FROM debtors WHERE code = 'A'")
    assert figure_sums.differences(store) == {}
    assert raw_row(
        store, "SELECT count(*) FROM figure_invoices WHERE amount_cents <> 0 OR open_lines <> 0"
    ) == (0,)
    assert raw_row(store, "SELECT count(*) FROM figure_queue WHERE debtors <> 0") == (0,)


def test_rebuild_repairs_sums_written_behind_the_triggers(store, now):
    with store.transaction():
        ledger.upsert_debtors(store, [Debtor(code="A", name="A", collector="alice")], now)
        ledger.upsert_invoices(
            store, [Invoice("A", "F1", date(2026, 10, 1), date(2026, 10, 31), 100_00, 100_00)]
        )
        raw_write(store, "UPDATE figure_invoices SET open_cents = 1")
    assert set(figure_sums.differences(store)) == {"figure_invoices"}
    with store.transaction():
        figure_sums.rebuild(store)
    assert figure_sums.differences(store) == {}


@pytest.mark.parametrize(
    ("start", "end", "whole"),
    [
        # A Paris office day: midnight is on the hour in UTC.
        ("2026-11-23T23:00:00+00:00", "2026-11-24T23:00:00+00:00", True),
        # An office at UTC+5:30: both ends are half past; the whole hours lie inside.
        ("2026-11-23T18:30:00+00:00", "2026-11-24T18:30:00+00:00", True),
        # Less than an hour: nothing whole, everything read from the raw calls.
        ("2026-11-24T09:10:00+00:00", "2026-11-24T09:50:00+00:00", False),
    ],
)
def test_whole_hours_inside_a_span(start, end, whole):
    lo, hi = datetime.fromisoformat(start), datetime.fromisoformat(end)
    hours = sum_reads.whole_hours(lo, hi)
    assert (hours is not None) == whole
    if hours:
        assert lo <= hours[0] < hours[1] <= hi
        assert hours[0].minute == hours[1].minute == 0
        assert hours[0] - lo < timedelta(hours=1) and hi - hours[1] < timedelta(hours=1)

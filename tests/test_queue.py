"""Queue order, who is in it, portfolios and campaigns, calling hours, bulk rescoring."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from builtin_settings import SETTINGS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_builders import add_debtor, late, queue_row, queued
from sqlfile import raw_rows
from tui_data import build

from callcenter.domain.campaigns import Campaign
from callcenter.domain.models import Contact, Invoice, QueueState
from callcenter.domain.settings import Config
from callcenter.service.queue import (
    claim_next,
    entry,
    find_debtors,
    position,
    refresh,
    rescore,
    top,
    worded,
)
from callcenter.store import open_database
from callcenter.store.codec import instant_to_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def ledger(store, now):
    add_debtor(store, now, "BIG", invoices=[late("B1", 60, 20_000_00)], name="Grosse SARL")
    add_debtor(store, now, "MID", invoices=[late("M1", 30, 2_000_00)], name="Moyenne SAS")
    add_debtor(store, now, "SMALL", invoices=[late("S1", 5, 100_00)], name="Petite EURL")
    add_debtor(store, now, "NOTDUE", invoices=[late("N1", -10, 5_000_00)])
    add_debtor(store, now, "PAID", invoices=[late("P1", 90, 5_000_00, open_cents=0)])
    add_debtor(
        store,
        now,
        "CREDIT",
        invoices=[
            late("C1", 20, 300_00),
            Invoice("CREDIT", "AV1", date(2026, 11, 1), date(2026, 12, 31), -400_00, -400_00),
        ],
    )
    add_debtor(store, now, "CLOSED", invoices=[late("X1", 90, 9_000_00)], status="closed")
    add_debtor(store, now, "EXCL", invoices=[late("E1", 90, 9_000_00, excluded=True)])
    rescore(store, now=now, config=SETTINGS)


def test_queue_order_and_who_is_left_out(store, now, ledger):
    codes = [e.code for e in top(store, now=now)]
    assert codes == ["BIG", "MID", "SMALL"]
    assert queued(store, "NOTDUE").state == "done"
    assert queued(store, "PAID").state == "done"
    assert queued(store, "CREDIT").state == "done"  # the credit note covers it
    assert queued(store, "CLOSED").state == "hold"
    assert queued(store, "EXCL").state == "hold"


def test_entries_carry_reasons_the_interface_words(store, now, ledger):
    first = top(store, now=now, limit=1)[0]
    assert first.state is QueueState.DUE
    assert first.reasons[0].code == "overdue"
    assert worded(first, "en")[0] == "€20,000 overdue, oldest 60 days"
    assert first.overdue_cents == 20_000_00
    assert first.oldest_days == 60
    assert worded(entry(store, "CLOSED"), "fr")[0] == "dossier clos"
    assert entry(store, "NOPE") is None


def test_position(store, now, ledger):
    assert position(store, "BIG", now=now) == (1, 3)
    assert position(store, "SMALL", now=now) == (3, 3)
    assert position(store, "CLOSED", now=now) == (0, 3)


def test_position_within_a_portfolio(store, now):
    add_debtor(store, now, "BOBS", invoices=[late("B", 90, 90_000_00)], collector="bob")
    add_debtor(store, now, "MINE", invoices=[late("A", 10, 100_00)], collector="alice")
    add_debtor(store, now, "FREE", invoices=[late("C", 30, 1_000_00)])
    rescore(store, now=now, config=SETTINGS)
    assert position(store, "MINE", now=now) == (3, 3)
    assert position(store, "MINE", now=now, collector="alice") == (2, 2)
    assert position(store, "BOBS", now=now, collector="alice") == (0, 2)  # bob's, not hers


def test_waiting_debtors_are_listed_only_on_request(store, now, ledger):
    from callcenter.service.outcomes import log_outcome

    log_outcome(store, "BIG", "no_answer", collector="alice", now=now, config=SETTINGS)
    assert [e.code for e in top(store, now=now)] == ["MID", "SMALL"]
    waiting = [e.code for e in top(store, now=now, include_waiting=True)]
    assert set(waiting) == {"BIG", "MID", "SMALL"}


def test_find_debtors_by_code_name_or_phone(store, now, ledger):
    add_debtor(
        store,
        now,
        "TEL",
        contacts=[Contact("TEL", "Standard", phone="+33 1 42 68 53 00")],
        name="Téléphone & Co",
    )
    assert [d.code for d in find_debtors(store, "big")] == ["BIG"]
    assert [d.code for d in find_debtors(store, "moyenne")] == ["MID"]
    assert [d.code for d in find_debtors(store, "01 42 68 53 00")] == ["TEL"]
    assert [d.code for d in find_debtors(store, "0142685300")] == ["TEL"]
    assert [d.code for d in find_debtors(store, "01 42 68")] == ["TEL"]  # the start, with the 0
    assert [d.code for d in find_debtors(store, "68 53")] == ["TEL"]  # a run in the middle
    assert find_debtors(store, "01 42 69") == []
    assert [d.code for d in find_debtors(store, "TELEPHONE &")] == ["TEL"]  # accents ignored
    assert find_debtors(store, "   ") == []
    assert find_debtors(store, "100%") == []  # LIKE wildcards are literal


def test_portfolios_outside_a_campaign(store, now):
    add_debtor(store, now, "MINE", invoices=[late("A", 10, 100_00)], collector="alice")
    add_debtor(store, now, "BOBS", invoices=[late("B", 90, 90_000_00)], collector="bob")
    add_debtor(store, now, "FREE", invoices=[late("C", 30, 1_000_00)])
    rescore(store, now=now, config=SETTINGS)
    # alice never gets bob's debtor, even though it scores highest
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "FREE"
    assert claim_next(store, collector="alice", now=now, skip=["FREE"], config=SETTINGS) == "MINE"
    assert (
        claim_next(store, collector="alice", now=now, skip=["FREE", "MINE"], config=SETTINGS)
        is None
    )
    assert claim_next(store, collector="bob", now=now, config=SETTINGS) == "BOBS"
    assert [e.code for e in top(store, now=now, collector="alice")] == [
        "FREE",
        "MINE",
    ]


def test_campaign_filters_on_its_debtors(store, now):
    add_debtor(store, now, "IN", invoices=[late("A", 10, 100_00)], collector="bob")
    add_debtor(store, now, "OUT", invoices=[late("B", 90, 90_000_00)])
    rescore(store, now=now, config=SETTINGS)
    with store.transaction():
        campaign = store.campaigns.insert_campaign(Campaign("Q4"), now)
        store.campaigns.add_members(campaign, ["IN"])
    assert (
        claim_next(store, collector="alice", now=now, campaign_id=campaign, config=SETTINGS) == "IN"
    )
    assert [e.code for e in top(store, now=now, campaign_id=campaign)] == ["IN"]


def test_calling_hours_are_enforced_per_debtor_timezone(store, now):
    add_debtor(store, now, "PARIS", invoices=[late("A", 10, 100_00)])
    add_debtor(
        store,
        now,
        "ANTILLES",
        invoices=[late("B", 10, 50_00)],
        timezone="America/Martinique",
    )
    rescore(store, now=now, config=SETTINGS)
    evening = datetime(2026, 11, 24, 20, 0, tzinfo=PARIS)  # 15:00 in Martinique
    assert claim_next(store, collector="alice", now=evening, config=SETTINGS) == "ANTILLES"
    night = datetime(2026, 11, 25, 2, 0, tzinfo=PARIS)  # 21:00 in Martinique
    assert claim_next(store, collector="alice", now=night, config=SETTINGS) is None
    christmas = datetime(2026, 12, 25, 10, 0, tzinfo=PARIS)
    assert claim_next(store, collector="alice", now=christmas, config=SETTINGS) is None
    relaxed = replace(Config(), hours=replace(Config().hours, enforce=False))
    assert claim_next(store, collector="alice", now=night, config=relaxed) == "PARIS"


def test_a_new_day_rescores_everything_before_the_pick(store, now):
    add_debtor(store, now, "OLD", invoices=[late("A", 10, 100_00)])
    rescore(store, now=now, config=SETTINGS)
    assert queued(store, "OLD").oldest_days == 10
    tomorrow = now + timedelta(days=1)
    assert claim_next(store, collector="alice", now=tomorrow, config=SETTINGS) == "OLD"
    assert queued(store, "OLD").oldest_days == 11
    # same day again: nothing to do
    assert refresh(store, now=tomorrow + timedelta(hours=1), config=SETTINGS) is False


def test_a_debtor_becomes_due_when_its_invoice_falls_due(store, now):
    add_debtor(store, now, "SOON", invoices=[late("A", 0, 100_00)])  # due today
    rescore(store, now=now, config=SETTINGS)
    assert queued(store, "SOON").state == "done"
    assert (
        claim_next(store, collector="alice", now=now + timedelta(days=1), config=SETTINGS) == "SOON"
    )


def test_rescoring_all_is_a_few_queries_whatever_the_number_of_debtors(store, now):
    def statements_for(n: int) -> int:
        for k in range(n):
            add_debtor(store, now, f"D{n}-{k}", invoices=[late(f"F{k}", k + 1, 100_00 * (k + 1))])
        seen: list[str] = []
        # raw: the driver's statement trace (no port counts statements)
        store.conn.set_trace_callback(seen.append)
        try:
            rescore(store, now=now, config=SETTINGS)
        finally:
            store.conn.set_trace_callback(None)
        # executemany traces one INSERT per row: count the reads (a CTE read starts WITH)
        return sum(1 for sql in seen if sql.lstrip().upper().startswith(("SELECT", "WITH")))

    assert statements_for(3) == statements_for(60) <= 10


def test_rescore_by_codes_touches_only_those(store, now, ledger):
    before = queue_row(store, "MID")["scored_at"]
    later = now + timedelta(minutes=5)
    assert rescore(store, now=later, codes=["BIG"], config=SETTINGS) == 1
    assert queue_row(store, "BIG")["scored_at"] == instant_to_db(later)
    assert queue_row(store, "MID")["scored_at"] == before


def test_many_codes_take_one_whole_pass_with_the_same_result(store, now, ledger, monkeypatch):
    from callcenter.store.statements import scoring as queue_store

    codes = ["BIG", "MID", "CLOSED"]
    by_chunks = queue_store.gather_facts(store, today=now.date(), now=now, codes=codes)
    monkeypatch.setattr(queue_store, "WHOLE_PASS_ABOVE", 2)
    whole = queue_store.gather_facts(store, today=now.date(), now=now, codes=codes)
    assert whole == by_chunks
    assert [f.code for f in whole] == ["BIG", "CLOSED", "MID"]


# -- invariants over random ledgers -------------------------------------------


invoice_specs = st.lists(
    st.tuples(
        st.integers(min_value=-20, max_value=400),  # days late (negative: not due yet)
        st.integers(min_value=-50_000, max_value=5_000_000),  # open cents (< 0: credit note)
        st.booleans(),  # excluded
    ),
    max_size=4,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ledgers=st.lists(invoice_specs, min_size=1, max_size=6))
def test_nothing_overdue_is_never_queued_on_any_ledger(
    tmp_path_factory, new_database, now, ledgers
):
    store = open_database(new_database(tmp_path_factory.mktemp("inv") / "q.db"))
    try:
        for n, specs in enumerate(ledgers):
            invoices = [
                late(f"F{k}", days, cents or 1, excluded=excluded)
                for k, (days, cents, excluded) in enumerate(specs)
            ]
            add_debtor(store, now, f"D{n}", invoices=invoices)
        rescore(store, now=now, config=SETTINGS)
        for code in (f"D{n}" for n in range(len(ledgers))):
            row = queued(store, code)
            if row.state in ("due", "callback"):
                assert row.overdue_cents > 0
            specs = ledgers[int(code[1:])]
            net = sum(c or 1 for d, c, x in specs if not x and (d > 0 or (c or 1) < 0))
            if net <= 0:
                assert row.state in ("done", "hold")
        for item in top(store, now=now, limit=None):
            assert item.overdue_cents > 0
    finally:
        store.close()


def test_calling_hours_open_says_when_calls_resume(now):
    from callcenter.service.queue import calling_hours_open

    assert calling_hours_open(now, Config()) is None
    saturday = datetime(2026, 11, 28, 11, 0, tzinfo=PARIS)
    assert calling_hours_open(saturday, Config()) == datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)
    relaxed = replace(Config(), hours=replace(Config().hours, enforce=False))
    assert calling_hours_open(saturday, relaxed) is None


def test_a_full_rescore_runs_in_short_slices(store, now, ledger, monkeypatch):
    from callcenter.service import queue as queue_service

    monkeypatch.setattr(queue_service, "SLICE", 3)
    begins: list[str] = []
    # raw: the driver's statement trace shows where each transaction begins
    store.conn.set_trace_callback(lambda sql: begins.append(sql) if "BEGIN" in sql else None)
    try:
        assert rescore(store, now=now + timedelta(days=1), config=SETTINGS) == 8
    finally:
        store.conn.set_trace_callback(None)
    assert len(begins) == 1 + 3 + 1  # lease, ceil(8 / 3) slices, mark
    assert queued(store, "BIG").oldest_days == 61
    assert store.queue.get_meta("queue_scored_on") == "2026-11-25"
    assert store.queue.get_meta("queue_rescoring_since") is None


def test_a_daily_rescore_under_way_elsewhere_is_not_started_twice(store, now, ledger):
    tomorrow = now + timedelta(days=1)
    with store.transaction():
        store.queue.set_meta("queue_rescoring_since", tomorrow.isoformat())
    assert refresh(store, now=tomorrow + timedelta(minutes=1), config=SETTINGS) is False
    assert queued(store, "BIG").oldest_days == 60  # left to the other process
    assert (
        claim_next(store, collector="alice", now=tomorrow, config=SETTINGS) == "BIG"
    )  # picks meanwhile
    # a lease older than a few minutes belongs to a crashed process: start again
    assert refresh(store, now=tomorrow + timedelta(minutes=10), config=SETTINGS) is True
    assert queued(store, "BIG").oldest_days == 61


def test_the_queue_position_is_counted_from_the_index_alone(store, now):
    """Counting a collector's queue after each dossier must not read the queue's rows."""
    build(store, now)
    counted: list[str] = []
    store.conn.set_trace_callback(counted.append)  # the statements rank_of runs, values bound
    try:
        store.queue.rank_of("C001", now, "alice")
    finally:
        store.conn.set_trace_callback(None)
    counts = [sql for sql in counted if sql.startswith("SELECT count(*)")]
    assert counts
    for sql in counts:
        plan = " ".join(str(row) for row in raw_rows(store, "EXPLAIN QUERY PLAN " + sql))
        assert "COVERING INDEX queue_portfolio" in plan, plan


def test_per_debtor_reads_do_not_grow_with_other_portfolios_or_the_undo_log(store, now):
    """The prefetch's top 5 walks only the collector's ranges, and an outcome's rescoring
    probes the undo index per call instead of listing every undo entry of the ledger."""
    build(store, now)
    ran: list[str] = []
    store.conn.set_trace_callback(ran.append)
    try:
        entries = top(store, now=now, limit=5, collector="alice")
        store.queue.gather_facts(today=now.date(), now=now, codes=[entries[0].code])
    finally:
        store.conn.set_trace_callback(None)
    plans = {
        sql: " ".join(str(row) for row in raw_rows(store, "EXPLAIN QUERY PLAN " + sql))
        for sql in ran
        if sql.startswith("SELECT")
    }
    queue_plans = [plan for sql, plan in plans.items() if "FROM queue_state" in sql]
    assert queue_plans and all("queue_pick" not in plan for plan in queue_plans), queue_plans
    assert any("MERGE (UNION ALL)" in plan for plan in queue_plans), queue_plans
    call_plans = [plan for sql, plan in plans.items() if "FROM calls" in sql]
    assert call_plans and all("LIST SUBQUERY" not in plan for plan in call_plans), call_plans


def test_the_unassigned_range_is_listed_once_for_a_collector_named_empty(store, now):
    add_debtor(store, now, "MINE", invoices=[late("A", 10, 100_00)], collector="alice")
    add_debtor(store, now, "FREE", invoices=[late("C", 30, 1_000_00)])
    rescore(store, now=now, config=SETTINGS)
    assert [e.code for e in top(store, now=now, collector="")] == ["FREE"]

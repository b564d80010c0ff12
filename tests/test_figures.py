"""Each figure on the hand-made ledger of supervisor_ledger.py, worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest
from builtin_settings import SETTINGS
from sqlfile import raw_write
from supervisor_ledger import build

from callcenter.domain import figures as fig
from callcenter.domain.campaigns import Campaign
from callcenter.domain.figures import Period, QueueCounts
from callcenter.service import period_cache
from callcenter.service.campaigns import create_campaign
from callcenter.service.figures import Drill, drill_down, figures, figures_to_json
from callcenter.service.users import PermissionDenied

OCTOBER = {"since": date(2026, 10, 1), "until": date(2026, 10, 31)}


@pytest.fixture
def ledger(store, now):
    build(store, now)
    return store


# -- pure arithmetic -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-5, "not_due"),
        (0, "not_due"),
        (1, "1-30"),
        (30, "1-30"),
        (31, "31-60"),
        (60, "31-60"),
        (61, "61-90"),
        (90, "61-90"),
        (91, "over_90"),
        (4000, "over_90"),
    ],
)
def test_aging_bucket_edges(days, bucket):
    assert fig.aging_bucket(days) == bucket


def test_bucket_due_dates_are_the_inverse_of_aging_bucket():
    today = date(2026, 11, 24)
    for bucket in fig.AGING_BUCKETS:
        low, high = fig.bucket_due_dates(bucket, today)
        for due in (low, high):
            if due is not None:
                assert fig.aging_bucket((today - due).days) == bucket


def test_ratios_refuse_to_divide_by_zero():
    assert fig.ratio_percent(1, 0) is None
    assert fig.dso_simple(100, 0, 30) is None
    assert fig.cei(0, 0, 0, 0) is None
    # Current receivables are capped by the balance: 500 not due but only 300 owed.
    assert fig.current_receivables(300, 500) == 300
    assert fig.current_receivables(-50, 500) == 0
    with pytest.raises(ValueError):
        Period(date(2026, 2, 1), date(2026, 1, 1))


# -- ledger figures --------------------------------------------------------------------
def test_cei_and_simple_dso_over_october(ledger, now):
    result = figures(ledger, now=now, actor="sam", **OCTOBER)
    s = result.ledger
    # Opening (invoiced before 10-01 − paid before): A1 1000 + B1 2000 + C1 800 − 0 = 3 800,00
    assert s.opening_cents == 380_000
    # Credit sales issued 10-01..10-31: A2 500 + B2 300 + AV −100 = 700,00
    assert s.credit_sales_cents == 70_000
    # Closing: 3 800 + 700 − paid up to 10-31 (A-P1 1 000) = 3 500,00
    assert s.closing_cents == 350_000
    # Not due on 10-31: A2 (due 11-14) 500 + B2 (due 12-19) 300 = 800, below the balance.
    assert s.closing_current_cents == 80_000
    # CEI = (3800 + 700 − 3500) / (3800 + 700 − 800) × 100 = 1000 / 3700 × 100 = 27.03 %
    assert result.cei == pytest.approx(100 * 1000 / 3700)
    # Simple DSO = 3500 / 700 × 31 days = 155 days
    assert result.period.days == 31
    assert result.dso == pytest.approx(155.0)


def test_aging_buckets_on_today(ledger, now):
    result = figures(ledger, now=now, actor="sam")
    aging = {row.bucket: (row.amount_cents, row.lines) for row in result.aging}
    assert aging == {
        "not_due": (30_000, 1),  # B2 due 12-19
        "1-30": (40_000, 2),  # two lines: A2 10 days (500) + AV exactly 30 days (−100)
        "31-60": (0, 0),
        "61-90": (60_000, 1),  # C1 due 09-19: 66 days, 600 still open
        "over_90": (200_000, 1),  # B1 due 07-31: 116 days
    }
    assert result.total_open_cents == 330_000


def test_largest_overdue_sums_past_due_lines_only(ledger, now):
    result = figures(ledger, now=now, actor="sam")
    # The dashboard reads the queue's totals; the drill-down sums the invoices: both agree.
    # B: 2000 − 100 (B2 not due yet) = 1900; C: 600; A: 500. D owes nothing.
    assert [(d.code, d.amount_cents) for d in result.largest] == [
        ("B", 190_000),
        ("C", 60_000),
        ("A", 50_000),
    ]
    assert result.largest[0].detail == "116"  # oldest invoice, days late
    drilled = drill_down(ledger, Drill("largest"), now=now, actor="sam")
    assert [(d.code, d.amount_cents, d.detail) for d in drilled] == [
        (d.code, d.amount_cents, d.detail) for d in result.largest
    ]


# -- activity figures --------------------------------------------------------------------
def test_today_per_collector(ledger, now):
    today = {d.collector: d for d in figures(ledger, now=now, actor="sam").today}
    alice, bob = today["alice"], today["bob"]
    # alice: calls 1, 2 and 8 (00:30 Paris is today); 3 is a skip. Right party: call 1.
    assert (alice.calls, alice.right_party) == (3, 1)
    # bob: call 4; 5 was undone by 6; 7 was 23:30 Paris yesterday.
    assert (bob.calls, bob.right_party) == (1, 1)
    # Promises made today: alice's 500 on A (the cancelled one is not today anyway).
    assert (alice.promises_made, alice.promised_cents) == (1, 50_000)
    # Falling due today: alice's 300 on C.
    assert (alice.falling_due, alice.falling_due_cents) == (1, 30_000)
    # Broken (settled at 07:00 Paris today): bob's 1 000, nothing of it paid.
    assert (bob.broken, bob.broken_cents) == (1, 100_000)
    assert (bob.promises_made, alice.broken) == (0, 0)


def test_rates_over_the_last_30_days(ledger, now):
    result = figures(ledger, now=now, actor="sam")
    assert result.period == Period(date(2026, 10, 26), date(2026, 11, 24))
    # Calls made 10-26..11-24 (Paris days): 1, 2, 4, 7, 8 = 5; right party: 1 and 4.
    assert (result.right_party_calls, result.calls_made) == (2, 5)
    assert result.right_party_rate == pytest.approx(40.0)
    # Promised on dates in the period and judged: broken (11-16), kept (11-03),
    # partly kept (11-10). Pending and cancelled do not count; 10-05 is outside.
    assert (result.promises_kept, result.promises_fell_due) == (1, 3)
    assert result.promise_kept_rate == pytest.approx(100 / 3)


def test_promised_vs_collected(ledger, now):
    result = figures(ledger, now=now, actor="sam")
    rows = {r.key: (r.promised_cents, r.kept_cents, r.collected_cents) for r in result.by_collector}
    # alice promised 500 + 300 + 200 (cancelled excluded), 200 arrived on them;
    # her portfolio (A, C) paid C-P1 200 on 11-02 (A-P1 on 10-10 is too old).
    # bob promised 1000 + 400, 100 arrived; his portfolio paid nothing.
    assert rows == {"alice": (100_000, 20_000, 20_000), "bob": (140_000, 10_000, 0)}
    assert len(result.flow) == 30
    flow = {f.day: (f.promised_cents, f.collected_cents) for f in result.flow}
    assert flow[date(2026, 11, 2)] == (100_000, 20_000)
    assert flow[date(2026, 11, 24)] == (50_000, 0)
    assert sum(p for p, _ in flow.values()) == 240_000


def test_queue_now(ledger, now):
    result = figures(ledger, now=now, actor="sam")
    # B due with no next action (claimed by bob until 10:05 Paris), D due tomorrow,
    # C waiting for a callback, A waiting for a promise.
    assert result.queue == QueueCounts(due_now=1, due_later=1, callback=1, promise=1, in_call=1)
    per = {q.collector: q.counts for q in result.queue_by_collector}
    assert per["alice"] == QueueCounts(callback=1, promise=1)
    assert per["bob"] == QueueCounts(due_now=1, in_call=1)
    assert per[""] == QueueCounts(due_later=1)


# -- scopes and permissions ------------------------------------------------------------
def test_a_collector_only_sees_their_own_figures(ledger, now):
    result = figures(ledger, now=now, actor="alice")
    assert result.scope.collector == "alice"
    assert [d.collector for d in result.today] == ["alice"]
    assert {a.bucket: a.amount_cents for a in result.aging if a.amount_cents} == {
        "1-30": 50_000,
        "61-90": 60_000,
    }
    assert [q.collector for q in result.queue_by_collector] == ["alice"]
    with pytest.raises(PermissionDenied):
        drill_down(ledger, Drill("calls_today", collector="bob"), now=now, actor="alice")
    # An unknown name is a collector too: an empty portfolio, not everybody's.
    assert figures(ledger, now=now, actor="mallory").total_open_cents == 0


def test_campaign_scope(ledger, now):
    create_campaign(ledger, Campaign("gros", min_overdue_cents=100_000), actor="sam", now=now)
    result = figures(ledger, now=now, actor="sam", campaign="gros")
    # Only B owes more than 1 000 past due: its lines are 300 not due, −100, 2000.
    assert {a.bucket: a.amount_cents for a in result.aging if a.amount_cents} == {
        "not_due": 30_000,
        "1-30": -10_000,
        "over_90": 200_000,
    }
    assert [r.key for r in result.by_campaign] == ["gros"]
    # B's promises made in the last 30 days: 1 000 + 400; 100 arrived; no payment.
    assert result.by_campaign[0].promised_cents == 140_000
    assert result.by_campaign[0].kept_cents == 10_000


# -- drill-down -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("drill", "codes"),
    [
        (Drill("aging", "over_90"), ["B"]),
        (Drill("aging", "1-30"), ["A"]),  # B's −100 credit note does not make it a debtor
        (Drill("aging", "not_due"), ["B"]),
        (Drill("queue", "due_now"), ["B"]),
        (Drill("queue", "callback"), ["C"]),
        (Drill("queue", "in_call"), ["B"]),
        (Drill("largest"), ["B", "C", "A"]),
        (Drill("calls_today"), ["A", "B", "C"]),  # A twice, then by amount
        (Drill("right_party_today", collector="bob"), ["B"]),
        (Drill("promises_due_today", collector="alice"), ["C"]),
        (Drill("promises_made_today"), ["A"]),
        (Drill("broken_today"), ["B"]),
        (Drill("promises_fell_due"), ["B", "C"]),
        (Drill("promises_kept"), ["C"]),
        (Drill("calls_period"), ["B", "A", "C"]),  # 2 calls each for B (4, 7) and A (1, 8)
        (Drill("right_party_period"), ["B", "A"]),
        (Drill("promises_made_30d", collector="bob"), ["B"]),
        (Drill("collected_30d"), ["C"]),  # C-P1 on 11-02; A-P1 (10-10) is too old
    ],
)
def test_drill_down_lists_the_debtors_behind_a_figure(ledger, now, drill, codes):
    assert [d.code for d in drill_down(ledger, drill, now=now, actor="sam")] == codes


def test_json_carries_cents_and_the_dso_method(ledger, now):
    data = figures_to_json(figures(ledger, now=now, actor="sam", **OCTOBER))
    assert data["receivables"]["closing"] == {"cents": 350_000, "units": 3500.0}
    assert data["dso_days"] == 155.0
    assert data["cei_percent"] == 27.0
    assert data["dso_method"].startswith("simple")
    assert data["aging"]["over_90"]["lines"] == 1


def test_period_figures_are_reused_for_a_minute_unless_fresh(ledger, now, monkeypatch):
    first = figures(ledger, now=now, actor="sam", fresh=True)
    with ledger.transaction():  # B1 gets paid in place (no new row); D is put on hold
        raw_write(ledger, "UPDATE invoices SET open_cents = 0 WHERE number = 'B1'")
        raw_write(ledger, "UPDATE queue_state SET state = 'hold' WHERE debtor_code = 'D'")
    quick = figures(ledger, now=now, actor="sam")
    assert quick.aging == first.aging and quick.ledger == first.ledger
    assert quick.queue.hold == 1  # the live part is always read anew
    full = figures(ledger, now=now, actor="sam", fresh=True)
    assert {a.bucket: a.amount_cents for a in full.aging}["over_90"] == 0
    # Another period (or scope, or day) never reuses the sums.
    other = figures(ledger, now=now, actor="sam", **OCTOBER)
    assert other.ledger != full.ledger
    # A new payment changes the ledger's stamp: the cache is dropped at once.
    with ledger.transaction():
        raw_write(
            ledger,
            "INSERT INTO payments (debtor_code, reference, paid_on, amount_cents)"
            " VALUES ('A', 'A-P2', '2026-11-20', 50000)",
        )
    assert figures(ledger, now=now, actor="sam").by_collector != full.by_collector
    # And nothing is reused after a minute.
    monkeypatch.setattr(period_cache, "TTL_SECONDS", 0.0)
    with ledger.transaction():
        raw_write(ledger, "UPDATE invoices SET open_cents = 0 WHERE number = 'C1'")
    assert {a.bucket: a.amount_cents for a in figures(ledger, now=now, actor="sam").aging}[
        "61-90"
    ] == 0


def test_idle_collectors_show_a_row_of_zeros(ledger, now):
    with ledger.transaction():
        raw_write(
            ledger,
            "INSERT INTO debtors (code, name, collector, updated_at) VALUES ('E', 'E', 'zoe', ?)",
            ("2026-11-01T00:00:00+00:00",),
        )
        raw_write(ledger, "INSERT INTO queue_state (debtor_code, state) VALUES ('E', 'due')")
    today = figures(ledger, now=now, actor="sam").today
    assert [d.collector for d in today] == ["alice", "bob", "zoe"]
    assert today[2] == fig.CollectorDay("zoe")
    assert fig.format_percent(100 / 3, "fr") == "33,3\u00a0%"
    assert fig.format_rate(2, 5) == "40.0\u00a0% (2/5)"


def test_done_debtors_count_in_the_total_only(ledger, now):
    with ledger.transaction():
        raw_write(ledger, "UPDATE queue_state SET state = 'done' WHERE debtor_code = 'D'")
    result = figures(ledger, now=now, actor="sam")
    assert (result.queue.done, result.queue.due_later) == (1, 0)
    assert "" not in {q.collector for q in result.queue_by_collector}  # D was the only one


def test_a_payment_plan_counts_as_one_promise_made(ledger, now):
    from callcenter.domain.models import Outcome
    from callcenter.service.outcomes import log_outcome

    # alice agrees a plan with C: 100 + 100 + 100 over three months.
    instalments = (
        (date(2026, 12, 1), 10_000),
        (date(2027, 1, 4), 10_000),
        (date(2027, 2, 1), 10_000),
    )
    log_outcome(
        ledger,
        "C",
        Outcome.PAYMENT_PLAN,
        collector="alice",
        now=now,
        instalments=instalments,
        config=SETTINGS,
    )
    alice = {d.collector: d for d in figures(ledger, now=now, actor="sam", fresh=True).today}[
        "alice"
    ]
    # Before: 1 promise of 500 on A (test_today_per_collector); now one more agreement, 300.
    assert (alice.promises_made, alice.promised_cents) == (2, 80_000)

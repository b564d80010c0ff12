"""The supervisor's figures: one function feeds the dashboard and ``callcenter stats``.

Collectors may read figures too, but only their own: the scope is narrowed
to their portfolio and their calls here, in the service, whatever the caller
asked for. Everything is read inside one read transaction so that the panels
of one refresh agree with each other while collectors keep writing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from callcenter.domain.figures import (
    AGING_BUCKETS,
    AgingRow,
    CollectorQueue,
    DebtorAmount,
    Figures,
    MonthFigures,
    Period,
    PeriodFigures,
    QueueCounts,
    Scope,
    with_idle_collectors,
)
from callcenter.domain.money import to_units
from callcenter.domain.record import record
from callcenter.service import period_cache
from callcenter.service.campaigns import campaign_by_name
from callcenter.service.users import PermissionDenied, is_supervisor
from callcenter.store import Store

#: The office's day decides what "today" means for calls and promises.
OFFICE_TZ = ZoneInfo("Europe/Paris")
#: Promised vs collected is always shown over this many days, ending today.
FLOW_DAYS = 30
LARGEST_SHOWN = 20


def scope_for(
    store: Store, actor: str, campaign: str | None = None, collector: str | None = None
) -> Scope:
    """The scope ``actor`` may see: everything for a supervisor, their own work otherwise.

    ``collector`` narrows a supervisor's view to one person (a collector's day
    summary); a collector may name only themself.
    """
    campaign_id = None
    if campaign:
        campaign_id = campaign_by_name(store, campaign).id
    own = None if is_supervisor(store, actor) else actor
    if collector is not None and own is not None and collector != own:
        raise PermissionDenied("figures.not_yours", actor=actor, collector=collector)
    return Scope(collector=collector or own, campaign_id=campaign_id, campaign_name=campaign)


def default_period(today: date) -> Period:
    """The last 30 days, today included."""
    return Period.last_days(today, FLOW_DAYS)


def figures(
    store: Store,
    *,
    now: datetime,
    actor: str,
    campaign: str | None = None,
    since: date | None = None,
    until: date | None = None,
    tz: tzinfo = OFFICE_TZ,
    fresh: bool = False,
    collector: str | None = None,
) -> Figures:
    """Every figure of the dashboard for ``actor``'s scope over [since, until].

    The queue, today's work and the largest debtors are always read anew.
    The period figures — aging, receivables, CEI/DSO, rates, promised vs
    collected — may come from a computation less than a minute old on an
    unchanged ledger (see :mod:`callcenter.service.period_cache`), unless
    ``fresh`` asks for everything to be recomputed. ``collector`` narrows a
    supervisor's figures to one person (see :func:`scope_for`).
    """
    today = now.astimezone(tz).date()
    period = _period(today, since, until)
    scope = scope_for(store, actor, campaign, collector)
    with store.snapshot():
        slow = period_cache.cached(
            store,
            ("period", scope, period, today, str(tz)),
            lambda: _period_figures(store, today, period, scope, tz),
            fresh=fresh,
        )
        return _with_live_figures(store, now, today, period, scope, tz, slow)


def _period(today: date, since: date | None, until: date | None) -> Period:
    end = until or today
    start = since or default_period(end).since
    return Period(start, end)


def _period_figures(
    store: Store, today: date, period: Period, scope: Scope, tz: tzinfo
) -> PeriodFigures:
    rates = _month_or_period(store, period, scope, tz)
    flow_period = Period.last_days(period.until, FLOW_DAYS)
    flow_days, by_collector = store.figures.flows(flow_period, scope)
    return PeriodFigures(
        aging=_all_buckets(store.figures.aging(today, scope)),
        flow=tuple(flow_days),
        by_collector=tuple(by_collector),
        by_campaign=tuple(store.figures.promised_collected_by_campaign(flow_period, scope)),
        promises_kept=rates.promises_kept,
        promises_fell_due=rates.promises_fell_due,
        calls_made=rates.calls_made,
        right_party_calls=rates.right_party_calls,
        ledger=rates.ledger,
    )


def _month_or_period(store: Store, period: Period, scope: Scope, tz: tzinfo) -> MonthFigures:
    """The counts and sums behind the four rates over ``period``: the one way they are read."""
    span_start, _ = day_bounds(period.since, tz)
    _, span_end = day_bounds(period.until, tz)
    kept, fell_due = store.figures.promises_fell_due(period, scope)
    calls, right_party = store.figures.calls_made(span_start, span_end, scope)
    return MonthFigures(
        period=period,
        ledger=store.figures.ledger_sums(period, scope),
        promises_kept=kept,
        promises_fell_due=fell_due,
        calls_made=calls,
        right_party_calls=right_party,
    )


#: Months a trend shows by default: a year, so a season compares with the last one.
TREND_MONTHS = 12


def monthly_trend(
    store: Store,
    *,
    now: datetime,
    actor: str,
    until: date | None = None,
    months: int = TREND_MONTHS,
    campaign: str | None = None,
    collector: str | None = None,
    tz: tzinfo,
) -> tuple[MonthFigures, ...]:
    """DSO, CEI, kept and right-party rates month by month, oldest first.

    Calendar months ending with the one that holds ``until`` (default today),
    that last one counted up to ``until`` only; same scope rules as
    :func:`figures`, same store reads as its period figures.
    """
    end = until or now.astimezone(tz).date()
    scope = scope_for(store, actor, campaign, collector)
    with store.snapshot():
        return tuple(
            _month_or_period(store, month, scope, tz) for month in calendar_months(end, months)
        )


def calendar_months(until: date, count: int) -> list[Period]:
    """The ``count`` calendar months up to the one holding ``until`` (cut at ``until``)."""
    periods = []
    first = until.replace(day=1)
    last = until
    for _ in range(count):
        periods.append(Period(first, last))
        last = first - timedelta(days=1)
        first = last.replace(day=1)
    return periods[::-1]


def _with_live_figures(
    store: Store,
    now: datetime,
    today: date,
    period: Period,
    scope: Scope,
    tz: tzinfo,
    slow: PeriodFigures,
) -> Figures:
    day_start, day_end = day_bounds(today, tz)
    per_collector = store.figures.queue_counts(now, scope)
    done = store.figures.done_count(scope)
    days = store.figures.collector_days(day_start, day_end, today, scope)
    return Figures(
        now=now,
        period=period,
        scope=scope,
        queue=sum(per_collector.values(), QueueCounts(done=done)),
        queue_by_collector=tuple(
            CollectorQueue(name, counts) for name, counts in sorted(per_collector.items())
        ),
        today=tuple(
            with_idle_collectors(days, [scope.collector] if scope.collector else per_collector)
        ),
        largest=tuple(store.figures.largest_in_queue(scope, LARGEST_SHOWN)),
        written=store.figures.written_day(day_start, day_end, scope),
        **{name: getattr(slow, name) for name in PeriodFigures.__dataclass_fields__},
    )


def _all_buckets(rows: list[AgingRow]) -> tuple[AgingRow, ...]:
    found = {row.bucket: row for row in rows}
    return tuple(found.get(bucket, AgingRow(bucket)) for bucket in AGING_BUCKETS)


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The instants where ``day`` starts and the next day starts, in the office timezone."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    return start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)


# -- drill-down ------------------------------------------------------------------------
@record
class Drill:
    """Which figure to open: ``kind`` names the panel, ``arg`` the row, ``collector`` a person.

    Kinds: ``aging`` (arg = bucket), ``queue`` (arg = due_now, callback, promise,
    dispute, hold, in_call...), ``largest``, ``calls_today``, ``right_party_today``,
    ``promises_made_today``, ``promises_due_today``, ``broken_today``;
    over the period: ``calls_period``, ``right_party_period``,
    ``promises_fell_due``, ``promises_kept``; over the 30-day window of
    promised vs collected: ``promises_made_30d``, ``collected_30d``.
    """

    kind: str
    arg: str = ""
    collector: str | None = None


DRILL_LIMIT = 500


def drill_down(
    store: Store,
    drill: Drill,
    *,
    now: datetime,
    actor: str,
    campaign: str | None = None,
    since: date | None = None,
    until: date | None = None,
    tz: tzinfo = OFFICE_TZ,
) -> list[DebtorAmount]:
    """The debtors behind one figure, largest amount first."""
    scope = scope_for(store, actor, campaign)
    if drill.collector is not None:
        if scope.collector is not None and drill.collector != scope.collector:
            raise PermissionDenied("figures.not_yours", actor=actor, collector=drill.collector)
        scope = Scope(collector=drill.collector, campaign_id=scope.campaign_id)
    today = now.astimezone(tz).date()
    handler = _DRILLS.get(drill.kind)
    if handler is None:
        raise ValueError(f"unknown figure {drill.kind!r}; choose from {', '.join(_DRILLS)}")
    with store.snapshot():
        return handler(store, drill, now, today, _period(today, since, until), scope, tz)


def _drill_aging(store, drill, now, today, period, scope, tz):
    return store.figures.largest_overdue(today, scope, DRILL_LIMIT, bucket=drill.arg)


def _drill_largest(store, drill, now, today, period, scope, tz):
    return store.figures.largest_overdue(today, scope, DRILL_LIMIT)


def _drill_queue(store, drill, now, today, period, scope, tz):
    return store.figures.debtors_in_state(now, drill.arg, scope, DRILL_LIMIT)


def _drill_calls(right_party: bool, whole_period: bool) -> Callable[..., list[DebtorAmount]]:
    def handler(store, drill, now, today, period, scope, tz):
        first, last = (period.since, period.until) if whole_period else (today, today)
        start, end = day_bounds(first, tz)[0], day_bounds(last, tz)[1]
        return store.figures.debtors_called(start, end, scope, right_party, DRILL_LIMIT)

    return handler


def _drill_collected(store, drill, now, today, period, scope, tz):
    window = Period.last_days(period.until, FLOW_DAYS)
    return store.figures.debtors_who_paid(window, scope, DRILL_LIMIT)


def _flow_instants(today, period, tz):
    window = Period.last_days(period.until, FLOW_DAYS)
    return [day_bounds(window.since, tz)[0], day_bounds(window.until, tz)[1]]


def _drill_promises(which: str, args: Callable[..., list]) -> Callable[..., list]:
    def handler(store, drill, now, today, period, scope, tz):
        return store.figures.debtors_with_promises(
            which, args(today, period, tz), scope, DRILL_LIMIT
        )

    return handler


def _today_instants(today, period, tz):
    return list(day_bounds(today, tz))


def _period_days(today, period, tz):
    return [period.since, period.until]


_DRILLS: dict[str, Callable[..., list[DebtorAmount]]] = {
    "aging": _drill_aging,
    "largest": _drill_largest,
    "queue": _drill_queue,
    "calls_today": _drill_calls(False, whole_period=False),
    "right_party_today": _drill_calls(True, whole_period=False),
    "calls_period": _drill_calls(False, whole_period=True),
    "right_party_period": _drill_calls(True, whole_period=True),
    "promises_made_30d": _drill_promises("made_between", _flow_instants),
    "collected_30d": _drill_collected,
    "promises_made_today": _drill_promises("made_between", _today_instants),
    "promises_due_today": _drill_promises("due_on", lambda today, p, tz: [today]),
    "broken_today": _drill_promises("broken_between", _today_instants),
    "promises_fell_due": _drill_promises("fell_due_between", _period_days),
    "promises_kept": _drill_promises("kept_between", _period_days),
}


# -- JSON -----------------------------------------------------------------------------
def figures_to_json(fig: Figures) -> dict[str, Any]:
    """The figures as plain JSON data: amounts in cents and in currency units, rates in %."""

    def money(cents: int) -> dict[str, Any]:
        return {"cents": cents, "units": to_units(cents)}

    def pc(row) -> dict[str, Any]:
        return {
            "promised": money(row.promised_cents),
            "kept": money(row.kept_cents),
            "collected": money(row.collected_cents),
        }

    ledger = fig.ledger
    return {
        "now": fig.now.isoformat(),
        "period": {
            "since": fig.period.since.isoformat(),
            "until": fig.period.until.isoformat(),
            "days": fig.period.days,
        },
        "scope": {"collector": fig.scope.collector, "campaign": fig.scope.campaign_name},
        "queue": _counts(fig.queue),
        "queue_by_collector": {q.collector: _counts(q.counts) for q in fig.queue_by_collector},
        "today": {
            d.collector: {
                "calls": d.calls,
                "right_party": d.right_party,
                "promises_made": d.promises_made,
                "promised": money(d.promised_cents),
                "falling_due": d.falling_due,
                "falling_due_amount": money(d.falling_due_cents),
                "broken": d.broken,
                "broken_amount": money(d.broken_cents),
            }
            for d in fig.today
        },
        "aging": {a.bucket: {"amount": money(a.amount_cents), "lines": a.lines} for a in fig.aging},
        "promise_kept_rate": _rate(fig.promise_kept_rate, fig.promises_kept, fig.promises_fell_due),
        "right_party_rate": _rate(fig.right_party_rate, fig.right_party_calls, fig.calls_made),
        "receivables": {
            "opening": money(ledger.opening_cents),
            "credit_sales": money(ledger.credit_sales_cents),
            "closing": money(ledger.closing_cents),
            "closing_current": money(ledger.closing_current_cents),
        },
        "cei_percent": _round(fig.cei),
        "dso_days": _round(fig.dso),
        "dso_method": "simple: closing receivables / credit sales of the period x days in period",
        "promised_vs_collected": {
            "days": FLOW_DAYS,
            "by_collector": {row.key: pc(row) for row in fig.by_collector},
            "by_campaign": {row.key: pc(row) for row in fig.by_campaign},
            "daily": [
                {
                    "day": f.day.isoformat(),
                    "promised": money(f.promised_cents),
                    "collected": money(f.collected_cents),
                }
                for f in fig.flow
            ],
        },
        "written_today": {
            "emails": fig.written.emails,
            "letters": fig.written.letters,
            "failed": fig.written.failed,
            "awaiting_approval": fig.written.awaiting,
        },
        "largest_overdue": [
            {
                "code": d.code,
                "name": d.name,
                "collector": d.collector,
                "overdue": money(d.amount_cents),
                "oldest_days": d.detail,
            }
            for d in fig.largest
        ],
    }


def _counts(counts: QueueCounts) -> dict[str, int]:
    return {name: getattr(counts, name) for name in counts.__dataclass_fields__}


def _rate(value: float | None, part: int, whole: int) -> dict[str, Any]:
    return {"percent": _round(value), "part": part, "whole": whole}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)

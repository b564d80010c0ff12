"""Aggregates behind the supervisor's figures: one GROUP BY per panel.

Each function reads sums over indexed ranges (``calls.started_at``,
``promises.created_at`` / ``promised_on``, ``invoices.due_date`` /
``issue_date``, ``payments.paid_on``); Python only sees a few dozen rows.
Figures over the whole ledger or a whole period (receivables, aging, calls
made, promised vs collected) read the per-day sums of
:mod:`callcenter.store.statements.figure_sums` instead whenever the scope is everybody
or one collector, so a full refresh stays far under 200 ms on 100 000 debtors.

A :class:`Scope` narrows every query: a campaign keeps its member debtors; a
collector keeps their portfolio for ledger figures and their own calls and
promises for activity figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Protocol

from callcenter.domain.figures import (
    NOT_DUE,
    AgingRow,
    CollectorDay,
    DailyFlow,
    DebtorAmount,
    LedgerSums,
    Period,
    PromisedCollected,
    QueueCounts,
    Scope,
    WrittenDay,
    bucket_due_dates,
    earliest_due,
)
from callcenter.store.codec import bound_to_db, instant_to_db
from callcenter.store.ports import Figures
from callcenter.store.statements import SqlStore, dict_query, figure_sums


class FiguredStore(SqlStore, Protocol):
    """A store whose figures aggregate says whether its sum tables can answer."""

    @property
    def figures(self) -> Figures: ...


#: The states worth a row per collector, spelled out so SQLite walks the
#: (state, next_action_at) index; 'done' (nothing overdue, often most debtors)
#: is only counted in total, by :func:`done_count`.
_STATES = "'due', 'callback', 'promise', 'dispute', 'hold'"
#: Outcomes that are not calls made: a skip dials nobody, an undo is bookkeeping.
_NOT_CALLS = ("skip", "undo")


#: The only column names the scope helpers put into SQL text.
_SCOPE_COLUMNS = frozenset(
    {
        "debtor_code",
        "qs.debtor_code",
        "i.debtor_code",
        "y.debtor_code",
        "c.debtor_code",
        "p.debtor_code",
        "c.collector",
        "p.collector",
        "d.collector",
    }
)


def _check_column(column: str) -> None:
    if column not in _SCOPE_COLUMNS:
        raise ValueError(f"not a scope column: {column!r}")


def _debtor_scope(scope: Scope, column: str, owner: str | None = None) -> tuple[str, list]:
    """SQL conditions keeping rows whose ``column`` (a debtor code) is in the scope.

    ``owner`` names the ``collector`` column of a ``debtors`` row already
    joined: filtering on it lets SQLite start from the collector's debtors
    instead of testing every row against a list. Column names are always
    literals from this module, never user input.
    """
    _check_column(column)
    parts: list[str] = []
    params: list[object] = []
    if scope.collector is not None and owner is not None:
        _check_column(owner)
        parts.append(f" AND {owner} = ?")
        params.append(scope.collector)
    elif scope.collector is not None:
        parts.append(f" AND {column} IN (SELECT code FROM debtors WHERE collector = ?)")  # noqa: S608
        params.append(scope.collector)
    if scope.campaign_id is not None:
        parts.append(
            f" AND {column} IN (SELECT debtor_code FROM campaign_debtors WHERE campaign_id = ?)"  # noqa: S608
        )
        params.append(scope.campaign_id)
    return "".join(parts), params


def _activity_scope(
    scope: Scope, debtor_column: str, collector_column: str, *, per_row: bool = False
) -> tuple[str, list]:
    """Conditions for calls and promises: own work for a collector, members for a campaign.

    ``per_row`` asks campaign membership with a correlated EXISTS, so SQLite
    walks the query's own range (today's calls, a month of promises) and
    checks each row, instead of walking every member of a large campaign
    through its history; the plain IN form wins when the range is long and
    dense (a month of calls).
    """
    _check_column(debtor_column)
    _check_column(collector_column)
    parts: list[str] = []
    params: list[object] = []
    if scope.collector is not None:
        parts.append(f" AND {collector_column} = ?")
        params.append(scope.collector)
    if scope.campaign_id is not None and per_row:
        parts.append(
            " AND EXISTS (SELECT 1 FROM campaign_debtors m"  # noqa: S608
            f" WHERE m.campaign_id = ? AND m.debtor_code = {debtor_column})"
        )
        params.append(scope.campaign_id)
    elif scope.campaign_id is not None:
        parts.append(
            f" AND {debtor_column} IN"  # noqa: S608
            " (SELECT debtor_code FROM campaign_debtors WHERE campaign_id = ?)"
        )
        params.append(scope.campaign_id)
    return "".join(parts), params


def _undone_since(start: str) -> tuple[str, list]:
    """Calls cancelled by an undo entry.

    Undo entries are few and sit in the partial index ``calls_undoes``; a
    date bound here would make SQLite walk every call of the period instead.
    ``start`` is kept in the signature for callers that know the window.
    """
    del start
    return " AND c.id NOT IN (SELECT undoes FROM calls WHERE undoes IS NOT NULL)", []


def _use_sums(store: FiguredStore, scope: Scope) -> bool:
    """Whether the per-day sums can answer for ``scope``: everybody or one collector.

    A campaign is any set of debtors, which no per-collector sum can follow;
    a file made before the sum tables existed has none. Both read raw rows.
    """
    return scope.campaign_id is None and store.figures.sums_available()


def ledger_stamp(store: FiguredStore) -> tuple:
    """A cheap sign that the ledger changed: the latest import, invoice, payment, membership.

    Every reading is a primary-key maximum or a count over a small table, so
    checking it costs microseconds whatever the size of the ledger.
    """
    return store.conn.execute(
        "SELECT (SELECT max(id) FROM imports), (SELECT max(id) FROM invoices),"
        " (SELECT max(id) FROM payments), (SELECT max(id) FROM campaigns),"
        " (SELECT count(*) FROM campaign_debtors)"
    ).fetchone()


# -- the queue now ---------------------------------------------------------
def queue_counts(store: FiguredStore, now: datetime, scope: Scope) -> dict[str, QueueCounts]:
    """Queue states per collector ('' for unassigned debtors), 'done' left out.

    Totals per state come from the counts the schema's triggers keep; only
    the debtors due later than now (a range of the state index) and the few
    live claims (a partial index) are read from the queue itself.
    """
    stamp = instant_to_db(now)
    if _use_sums(store, scope):
        raw = _queue_from_sums(store, stamp, scope.collector)
    else:
        raw = _queue_from_rows(store, stamp, scope)
    where, params = _debtor_scope(scope, "qs.debtor_code", owner="d.collector")
    # CROSS JOIN keeps SQLite on the few live claims (partial index) instead of
    # walking a collector's whole portfolio to find them.
    claims = (
        "SELECT coalesce(d.collector, ''), count(*) FROM queue_state qs"  # noqa: S608
        " CROSS JOIN debtors d ON d.code = qs.debtor_code"
        f" WHERE qs.claimed_by IS NOT NULL AND qs.claim_expires_at > ?{where} GROUP BY 1"
    )
    for collector, n in store.conn.execute(claims, [stamp, *params]):
        raw.setdefault(collector, {})["in_call"] = n
    return {collector: QueueCounts(**counts) for collector, counts in raw.items()}


def _queue_from_sums(
    store: FiguredStore, stamp: str, collector: str | None
) -> dict[str, dict[str, int]]:
    """Counts per state from the kept totals; only 'due' needs the clock, for a few rows."""
    raw: dict[str, dict[str, int]] = {}
    for name, state, n in figure_sums.queue_states(store, collector):
        if state == "done":
            continue
        raw.setdefault(name, {})["due_now" if state == "due" else state] = n
    for name, later in figure_sums.due_later(store, stamp, collector):
        counts = raw.setdefault(name, {})
        counts["due_now"] = counts.get("due_now", 0) - later
        counts["due_later"] = later
    return raw


def _queue_from_rows(store: FiguredStore, stamp: str, scope: Scope) -> dict[str, dict[str, int]]:
    """The same counts read from the queue itself (campaigns)."""
    where, params = _debtor_scope(scope, "qs.debtor_code", owner="d.collector")
    sql = (
        "SELECT coalesce(d.collector, '') AS collector, qs.state AS state, count(*) AS n,"  # noqa: S608
        " count(*) FILTER (WHERE qs.next_action_at IS NULL OR qs.next_action_at <= ?) AS ready"
        " FROM queue_state qs JOIN debtors d ON d.code = qs.debtor_code"
        f" WHERE qs.state IN ({_STATES}){where} GROUP BY 1, 2"
    )
    raw: dict[str, dict[str, int]] = {}
    for row in dict_query(store, sql, [stamp, *params]):
        counts = raw.setdefault(row["collector"], {})
        state, n = row["state"], row["n"]
        if state == "due":
            counts["due_now"] = counts.get("due_now", 0) + row["ready"]
            counts["due_later"] = counts.get("due_later", 0) + n - row["ready"]
        else:
            counts[state] = counts.get(state, 0) + n
    return raw


def done_count(store: FiguredStore, scope: Scope) -> int:
    """Debtors with nothing overdue: a total only, cheap without the join to debtors."""
    if _use_sums(store, scope):
        states = figure_sums.queue_states(store, scope.collector)
        return sum(n for _, state, n in states if state == "done")
    where, params = _debtor_scope(scope, "qs.debtor_code", owner="d.collector")
    join = " JOIN debtors d ON d.code = qs.debtor_code" if scope.collector is not None else ""
    return store.conn.execute(
        f"SELECT count(*) FROM queue_state qs{join} WHERE qs.state = 'done'{where}",  # noqa: S608
        params,
    ).fetchone()[0]


# -- today per collector -----------------------------------------------------
def collector_days(
    store: FiguredStore, start: datetime, end: datetime, today: date, scope: Scope
) -> list[CollectorDay]:
    """Calls, right-party contacts and promises per collector between two instants."""
    lo, hi = instant_to_db(start), instant_to_db(end)
    stats: dict[str, dict[str, int]] = {}

    def merge(sql: str, params: list, names: tuple[str, ...]) -> None:
        for row in dict_query(store, sql, params):
            entry = stats.setdefault(row["collector"], {})
            for name in names:
                entry[name] = entry.get(name, 0) + (row[name] or 0)

    where, params = _activity_scope(scope, "c.debtor_code", "c.collector", per_row=True)
    undone, undone_params = _undone_since(lo)
    merge(
        "SELECT c.collector AS collector, count(*) AS calls, sum(c.right_party) AS right_party"  # noqa: S608
        " FROM calls c WHERE c.started_at >= ? AND c.started_at < ?"
        f" AND c.outcome NOT IN (?, ?){undone}{where} GROUP BY c.collector",
        [lo, hi, *_NOT_CALLS, *undone_params, *params],
        ("calls", "right_party"),
    )
    where, params = _activity_scope(scope, "p.debtor_code", "p.collector", per_row=True)
    merge(
        # A payment plan is one agreement made on the phone, however many instalments.
        "SELECT p.collector AS collector,"  # noqa: S608
        " count(DISTINCT coalesce(p.plan_id, p.id)) AS promises_made,"
        " sum(p.amount_cents) AS promised_cents FROM promises p"
        " WHERE p.created_at >= ? AND p.created_at < ? AND p.status <> 'cancelled'"
        f"{where} GROUP BY p.collector",
        [lo, hi, *params],
        ("promises_made", "promised_cents"),
    )
    merge(
        "SELECT p.collector AS collector, count(*) AS falling_due,"  # noqa: S608
        " sum(p.amount_cents) AS falling_due_cents FROM promises p"
        f" WHERE p.promised_on = ? AND p.status <> 'cancelled'{where} GROUP BY p.collector",
        [today.isoformat(), *params],
        ("falling_due", "falling_due_cents"),
    )
    merge(
        "SELECT p.collector AS collector, count(*) AS broken,"  # noqa: S608
        " sum(p.amount_cents - p.paid_cents) AS broken_cents FROM promises p"
        " WHERE p.status IN ('broken', 'partly_kept') AND p.settled_at >= ?"
        f" AND p.settled_at < ?{where} GROUP BY p.collector",
        [lo, hi, *params],
        ("broken", "broken_cents"),
    )
    return [CollectorDay(collector=name, **values) for name, values in sorted(stats.items())]


# -- period figures ------------------------------------------------------------
def calls_made(
    store: FiguredStore, start: datetime, end: datetime, scope: Scope
) -> tuple[int, int]:
    """(calls made, of which right-party contacts) between two instants.

    Whole hours come from the hourly sums; only a ragged edge (a period not
    starting on the hour) reads raw calls.
    """
    hours = figure_sums.whole_hours(start, end) if _use_sums(store, scope) else None
    if hours is None:
        return _raw_calls_made(store, start, end, scope)
    calls, right_party = figure_sums.calls_made(store, *hours, scope.collector)
    for lo, hi in ((start, hours[0]), (hours[1], end)):
        if lo < hi:
            edge_calls, edge_right = _raw_calls_made(store, lo, hi, scope)
            calls, right_party = calls + edge_calls, right_party + edge_right
    return calls, right_party


def _raw_calls_made(
    store: FiguredStore, start: datetime, end: datetime, scope: Scope
) -> tuple[int, int]:
    """The same count read from the calls themselves (campaigns, ragged edges)."""
    lo, hi = instant_to_db(start), instant_to_db(end)
    where, params = _activity_scope(scope, "c.debtor_code", "c.collector")
    undone, undone_params = _undone_since(lo)
    row = store.conn.execute(
        "SELECT count(*), coalesce(sum(c.right_party), 0) FROM calls c"  # noqa: S608
        " WHERE c.started_at >= ? AND c.started_at < ?"
        f" AND c.outcome NOT IN (?, ?){undone}{where}",
        [lo, hi, *_NOT_CALLS, *undone_params, *params],
    ).fetchone()
    return row[0], row[1]


def promises_fell_due(store: FiguredStore, period: Period, scope: Scope) -> tuple[int, int]:
    """(promises kept, promises that fell due) among those promised within the period.

    A promise has fallen due once ``settle_promises`` judged it (kept, partly
    kept or broken, the grace days included); only 'kept' counts as kept.
    """
    where, params = _activity_scope(scope, "p.debtor_code", "p.collector", per_row=True)
    row = store.conn.execute(
        "SELECT count(*) FILTER (WHERE p.status = 'kept'), count(*) FROM promises p"  # noqa: S608
        " WHERE p.promised_on >= ? AND p.promised_on <= ?"
        f" AND p.status IN ('kept', 'partly_kept', 'broken'){where}",
        [period.since.isoformat(), period.until.isoformat(), *params],
    ).fetchone()
    return row[0], row[1]


def ledger_sums(store: FiguredStore, period: Period, scope: Scope) -> LedgerSums:
    """Opening/closing receivables and credit sales from invoices and payments.

    Receivables at a date = invoiced (issue_date ≤ date) − paid (paid_on ≤
    date); credit notes count as negative sales. One pass over each table,
    or over their per-day sums when the scope allows.
    """
    if _use_sums(store, scope):
        return figure_sums.ledger_sums(store, period, scope.collector)
    where, params = _debtor_scope(scope, "debtor_code")
    return figure_sums.ledger_sums_over(store, period, "invoices", "payments", where, params)


def aging(store: FiguredStore, today: date, scope: Scope) -> list[AgingRow]:
    """Open amounts and open lines per aging bucket (credit notes reduce their bucket).

    Lines, not distinct debtors: counting debtors per bucket needs a sort of
    every open line and would double the cost of the panel; the drill-down
    lists the debtors.
    """
    if _use_sums(store, scope):
        return figure_sums.aging(store, today, scope.collector)
    t0 = today.isoformat()
    t30, t60, t90 = (earliest_due(b, today).isoformat() for b in ("1-30", "31-60", "61-90"))
    where, params = _debtor_scope(scope, "debtor_code")
    sql = (
        "SELECT CASE WHEN due_date >= ? THEN 'not_due' WHEN due_date >= ? THEN '1-30'"  # noqa: S608
        " WHEN due_date >= ? THEN '31-60' WHEN due_date >= ? THEN '61-90' ELSE 'over_90' END"
        " AS bucket, sum(open_cents) AS cents, count(*) AS lines"
        f" FROM invoices WHERE open_cents <> 0{where} GROUP BY bucket ORDER BY bucket"
    )
    found = {
        row["bucket"]: AgingRow(row["bucket"], row["cents"], row["lines"])
        for row in dict_query(store, sql, [t0, t30, t60, t90, *params])
    }
    return list(found.values())


def flows(
    store: FiguredStore, period: Period, scope: Scope
) -> tuple[list[DailyFlow], list[PromisedCollected]]:
    """Promised vs collected per day and per collector, from two grouped scans.

    Promises count on the day they were made (promised, and what arrived on
    them); payments on their date, for the collector owning the debtor. One
    GROUP BY (day, collector) per table feeds both the chart and the table.
    """
    if _use_sums(store, scope):
        promised = figure_sums.promised_per_day(store, period, scope.collector)
        collected = figure_sums.collected_per_day(store, period, scope.collector)
    else:
        promised, collected = _raw_flows(store, period, scope)
    return _per_day(period, promised, collected), _per_collector(promised, collected)


def _raw_flows(store: FiguredStore, period: Period, scope: Scope) -> tuple[list, list]:
    """The (day, collector, ...) rows of :func:`flows` summed from promises and payments."""
    since, until = period.since.isoformat(), period.until.isoformat()
    end = (period.until + timedelta(days=1)).isoformat()
    where, params = _activity_scope(scope, "p.debtor_code", "p.collector", per_row=True)
    promised = store.conn.execute(
        "SELECT substr(p.created_at, 1, 10), p.collector, sum(p.amount_cents),"  # noqa: S608
        " sum(p.paid_cents) FROM promises p"
        f" WHERE p.created_at >= ? AND p.created_at < ? AND p.status <> 'cancelled'{where}"
        " GROUP BY 1, 2",
        [since, end, *params],
    ).fetchall()
    where, params = _debtor_scope(scope, "y.debtor_code", owner="d.collector")
    collected = store.conn.execute(
        "SELECT y.paid_on, coalesce(d.collector, ''), sum(y.amount_cents) FROM payments y"  # noqa: S608
        " JOIN debtors d ON d.code = y.debtor_code"
        f" WHERE y.paid_on >= ? AND y.paid_on <= ?{where} GROUP BY 1, 2",
        [since, until, *params],
    ).fetchall()
    return promised, collected


def _per_day(period: Period, promised: list, collected: list) -> list[DailyFlow]:
    by_day: dict[str, list[int]] = {}
    for day, _, amount, _kept in promised:
        by_day.setdefault(day, [0, 0])[0] += amount
    for day, _, amount in collected:
        by_day.setdefault(day, [0, 0])[1] += amount
    days = [period.since + timedelta(days=n) for n in range(period.days)]
    return [DailyFlow(d, *by_day.get(d.isoformat(), (0, 0))) for d in days]


def _per_collector(promised: list, collected: list) -> list[PromisedCollected]:
    totals: dict[str, list[int]] = {}
    for _, name, amount, kept in promised:
        entry = totals.setdefault(name, [0, 0, 0])
        entry[0] += amount
        entry[1] += kept
    for _, name, amount in collected:
        totals.setdefault(name, [0, 0, 0])[2] += amount
    return [PromisedCollected(name, *values) for name, values in sorted(totals.items())]


def promised_collected_by_campaign(
    store: FiguredStore, period: Period, scope: Scope
) -> list[PromisedCollected]:
    """Promised vs collected over the period for the debtors of each campaign.

    One grouped pass over the period's promises and one over its payments
    (CROSS JOIN keeps SQLite on those date ranges, even for one collector),
    each asking ``campaign_debtors_debtor`` which campaigns hold the debtor:
    the cost follows the period, not the number or size of campaigns.
    """
    one, one_params = "", []
    if scope.campaign_id is not None:
        one, one_params = " AND m.campaign_id = ?", [scope.campaign_id]
    names = store.conn.execute(
        "SELECT id, name FROM campaigns"  # noqa: S608
        f"{' WHERE id = ?' if scope.campaign_id is not None else ''} ORDER BY name",
        one_params,
    ).fetchall()
    if not names:
        return []
    since, until = period.since.isoformat(), period.until.isoformat()
    end = (period.until + timedelta(days=1)).isoformat()
    own = Scope(collector=scope.collector)
    where, params = _activity_scope(own, "p.debtor_code", "p.collector")
    promised = {
        campaign: (amount, kept)
        for campaign, amount, kept in store.conn.execute(
            "SELECT m.campaign_id, sum(p.amount_cents), sum(p.paid_cents) FROM promises p"  # noqa: S608
            " CROSS JOIN campaign_debtors m ON m.debtor_code = p.debtor_code"
            " WHERE p.created_at >= ? AND p.created_at < ? AND p.status <> 'cancelled'"
            f"{where}{one} GROUP BY m.campaign_id",
            [since, end, *params, *one_params],
        )
    }
    where, params = _debtor_scope(own, "y.debtor_code", owner="d.collector")
    owner = " CROSS JOIN debtors d ON d.code = y.debtor_code" if own.collector else ""
    collected = dict(
        store.conn.execute(
            "SELECT m.campaign_id, sum(y.amount_cents) FROM payments y"  # noqa: S608
            f" CROSS JOIN campaign_debtors m ON m.debtor_code = y.debtor_code{owner}"
            f" WHERE y.paid_on >= ? AND y.paid_on <= ?{where}{one} GROUP BY m.campaign_id",
            [since, until, *params, *one_params],
        ).fetchall()
    )
    return [
        PromisedCollected(name, *promised.get(campaign, (0, 0)), collected.get(campaign, 0))
        for campaign, name in names
    ]


# -- debtors behind a figure -------------------------------------------------------
def largest_in_queue(store: FiguredStore, scope: Scope, limit: int = 20) -> list[DebtorAmount]:
    """Debtors with the largest overdue amount as of the last rescore (indexed: instant).

    ``queue_state.overdue_cents`` is kept by the queue after every import and
    outcome; summing the open invoices of 100 000 debtors on each refresh
    would cost more than the rest of the dashboard together.
    """
    where, params = _debtor_scope(scope, "qs.debtor_code", owner="d.collector")
    sql = (
        "SELECT d.code AS code, d.name AS name, d.collector AS collector,"  # noqa: S608
        " qs.overdue_cents AS amount, qs.oldest_days AS days"
        " FROM queue_state qs JOIN debtors d ON d.code = qs.debtor_code"
        f" WHERE qs.overdue_cents > 0{where} ORDER BY qs.overdue_cents DESC LIMIT ?"
    )
    return [
        DebtorAmount(r["code"], r["name"], r["collector"], r["amount"], str(r["days"]))
        for r in dict_query(store, sql, [*params, limit])
    ]


def largest_overdue(
    store: FiguredStore,
    today: date,
    scope: Scope,
    limit: int = 20,
    bucket: str | None = None,
) -> list[DebtorAmount]:
    """Debtors with the largest open amount past due (or in one aging bucket)."""
    low: date | None
    high: date | None
    if bucket is None:
        low, high = None, today - timedelta(days=1)
    else:
        low, high = bucket_due_dates(bucket, today)
    conditions, args = ["i.open_cents <> 0"], []
    if low is not None:
        conditions.append("i.due_date >= ?")
        args.append(low.isoformat())
    if high is not None:
        conditions.append("i.due_date <= ?")
        args.append(high.isoformat())
    where, params = _debtor_scope(scope, "i.debtor_code", owner="d.collector")
    sql = (
        "SELECT d.code AS code, d.name AS name, d.collector AS collector,"  # noqa: S608
        " sum(i.open_cents) AS amount, min(i.due_date) AS oldest"
        " FROM invoices i JOIN debtors d ON d.code = i.debtor_code"
        f" WHERE {' AND '.join(conditions)}{where}"
        " GROUP BY d.code HAVING sum(i.open_cents) > 0 ORDER BY amount DESC, code LIMIT ?"
    )
    return [
        DebtorAmount(
            row["code"],
            row["name"],
            row["collector"],
            row["amount"],
            _days_late(today, row["oldest"]) if bucket != NOT_DUE else row["oldest"],
        )
        for row in dict_query(store, sql, [*args, *params, limit])
    ]


def debtors_in_state(
    store: FiguredStore, now: datetime, state: str, scope: Scope, limit: int = 500
) -> list[DebtorAmount]:
    """Debtors in a queue state ('due_now' = due with its next action time passed)."""
    stamp = instant_to_db(now)
    if state == "due_now":
        condition, args = (
            "qs.state = 'due' AND (qs.next_action_at IS NULL OR qs.next_action_at <= ?)",
            [stamp],
        )
    elif state == "in_call":
        condition, args = "qs.claimed_by IS NOT NULL AND qs.claim_expires_at > ?", [stamp]
    else:
        condition, args = "qs.state = ?", [state]
    where, params = _debtor_scope(scope, "qs.debtor_code", owner="d.collector")
    sql = (
        "SELECT d.code AS code, d.name AS name, d.collector AS collector,"  # noqa: S608
        " qs.overdue_cents AS amount, qs.next_action_at AS detail"
        " FROM queue_state qs JOIN debtors d ON d.code = qs.debtor_code"
        f" WHERE {condition}{where} ORDER BY qs.overdue_cents DESC, d.code LIMIT ?"
    )
    return [
        DebtorAmount(r["code"], r["name"], r["collector"], r["amount"], r["detail"] or "")
        for r in dict_query(store, sql, [*args, *params, limit])
    ]


#: Which promises a drill-down lists; the service names one, the SQL stays here.
PROMISE_FILTERS: dict[str, str] = {
    "made_between": "p.created_at >= ? AND p.created_at < ? AND p.status <> 'cancelled'",
    "due_on": "p.promised_on = ? AND p.status <> 'cancelled'",
    "broken_between": (
        "p.status IN ('broken', 'partly_kept') AND p.settled_at >= ? AND p.settled_at < ?"
    ),
    "fell_due_between": (
        "p.promised_on >= ? AND p.promised_on <= ? AND p.status IN ('kept', 'partly_kept', 'broken')"
    ),
    "kept_between": "p.promised_on >= ? AND p.promised_on <= ? AND p.status = 'kept'",
}


def debtors_with_promises(
    store: FiguredStore,
    which: str,
    bounds: Sequence[date | datetime],
    scope: Scope,
    limit: int = 500,
) -> list[DebtorAmount]:
    """Debtors whose promises match the filter ``which`` (a key of :data:`PROMISE_FILTERS`)."""
    condition = PROMISE_FILTERS[which]
    where, params = _activity_scope(scope, "p.debtor_code", "p.collector")
    sql = (
        "SELECT d.code AS code, d.name AS name, d.collector AS collector,"  # noqa: S608
        " sum(p.amount_cents) AS amount, max(p.promised_on) AS detail"
        " FROM promises p JOIN debtors d ON d.code = p.debtor_code"
        f" WHERE {condition}{where} GROUP BY d.code ORDER BY amount DESC, d.code LIMIT ?"
    )
    return [
        DebtorAmount(r["code"], r["name"], r["collector"], r["amount"], r["detail"])
        for r in dict_query(store, sql, [*map(bound_to_db, bounds), *params, limit])
    ]


def debtors_called(
    store: FiguredStore,
    start: datetime,
    end: datetime,
    scope: Scope,
    right_party_only: bool = False,
    limit: int = 500,
) -> list[DebtorAmount]:
    """Debtors called between two instants, with the number of calls as the detail."""
    lo, hi = instant_to_db(start), instant_to_db(end)
    where, params = _activity_scope(scope, "c.debtor_code", "c.collector")
    undone, undone_params = _undone_since(lo)
    rpc = " AND c.right_party = 1" if right_party_only else ""
    sql = (
        "SELECT d.code AS code, d.name AS name, d.collector AS collector,"  # noqa: S608
        " coalesce(qs.overdue_cents, 0) AS amount, count(*) AS calls"
        " FROM calls c JOIN debtors d ON d.code = c.debtor_code"
        " LEFT JOIN queue_state qs ON qs.debtor_code = d.code"
        f" WHERE c.started_at >= ? AND c.started_at < ? AND c.outcome NOT IN (?, ?){rpc}"
        # (qs is one row per debtor: its column in the GROUP BY only says so to PostgreSQL)
        f"{undone}{where} GROUP BY d.code, qs.overdue_cents ORDER BY calls DESC, amount DESC, d.code LIMIT ?"
    )
    return [
        DebtorAmount(r["code"], r["name"], r["collector"], r["amount"], str(r["calls"]))
        for r in dict_query(store, sql, [lo, hi, *_NOT_CALLS, *undone_params, *params, limit])
    ]


def debtors_who_paid(
    store: FiguredStore, period: Period, scope: Scope, limit: int = 500
) -> list[DebtorAmount]:
    """Debtors who paid within the period, with the amount paid and the last payment date."""
    where, params = _debtor_scope(scope, "y.debtor_code", owner="d.collector")
    sql = (
        "SELECT d.code AS code, d.name AS name, d.collector AS collector,"  # noqa: S608
        " sum(y.amount_cents) AS amount, max(y.paid_on) AS detail"
        " FROM payments y JOIN debtors d ON d.code = y.debtor_code"
        f" WHERE y.paid_on >= ? AND y.paid_on <= ?{where}"
        " GROUP BY d.code ORDER BY amount DESC, d.code LIMIT ?"
    )
    args = [period.since.isoformat(), period.until.isoformat(), *params, limit]
    return [
        DebtorAmount(r["code"], r["name"], r["collector"], r["amount"], r["detail"])
        for r in dict_query(store, sql, args)
    ]


def _days_late(today: date, oldest: str | None) -> str:
    if not oldest:
        return ""
    return str((today - date.fromisoformat(oldest)).days)


# -- the written funnel --------------------------------------------------------
def written_day(store: FiguredStore, start: datetime, end: datetime, scope: Scope) -> WrittenDay:
    """Messages delivered and attempts failed in [start, end) (the ``at`` index), and the
    steps awaiting approval never delivered since (the partial ``communications_awaiting``)."""
    where, params = _debtor_scope(scope, "c.debtor_code")
    rows = dict_query(
        store,
        "SELECT CASE WHEN c.result IN ('failed', 'refused') THEN 'failed'"  # noqa: S608
        " WHEN c.channel IN ('letter', 'formal_notice') THEN 'letters' ELSE 'emails' END AS kind,"
        " count(*) AS n FROM communications c WHERE c.at >= ? AND c.at < ?"
        f" AND c.result <> 'awaiting_approval'{where} GROUP BY kind",
        [instant_to_db(start), instant_to_db(end), *params],
    )
    counts = {r["kind"]: r["n"] for r in rows}
    awaiting = dict_query(
        store,
        "SELECT count(DISTINCT c.send_key) AS n FROM communications c"  # noqa: S608
        f" WHERE c.result = 'awaiting_approval'{where} AND NOT EXISTS (SELECT 1"
        " FROM communications d WHERE d.send_key = c.send_key AND d.result IN ('sent', 'written'))",
        params,
    ).fetchone()["n"]
    return WrittenDay(
        emails=counts.get("emails", 0),
        letters=counts.get("letters", 0),
        failed=counts.get("failed", 0),
        awaiting=awaiting,
    )

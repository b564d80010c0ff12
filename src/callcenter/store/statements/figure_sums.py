"""Reading the figure sum tables: receivables, aging, calls, promised vs collected, queue.

The sum tables (``figure_*``) hold, per day (per hour for calls) and per
collector, what the supervisor's figures would otherwise scan the ledger
for. The statements here are standard SQL over them and run on both
backends; each backend keeps its tables exact in its own way (SQLite's
triggers update one row per key, PostgreSQL's append deltas that its
figures read summed per key), recomputes and compares them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from callcenter.domain.figures import AgingRow, LedgerSums, Period, earliest_due
from callcenter.store.codec import instant_to_db
from callcenter.store.statements import SqlStore


def _owner(collector: str | None, column: str = "collector") -> tuple[str, list]:
    """The condition keeping one collector's rows (``column`` is a literal of this module)."""
    return ("", []) if collector is None else (f" AND {column} = ?", [collector])


def ledger_sums(store: SqlStore, period: Period, collector: str | None) -> LedgerSums:
    """Receivables at both ends of the period and the credit sales within it.

    Same definitions as :func:`callcenter.store.statements.figures.ledger_sums`, read
    from the per-day sums: a few thousand rows instead of the whole ledger.
    """
    owner, params = _owner(collector)
    return ledger_sums_over(store, period, "figure_invoices", "figure_payments", owner, params)


#: The pairs of tables ledger sums can be read from: the raw rows, or their per-day sums.
_LEDGER_TABLES = {("invoices", "payments"), ("figure_invoices", "figure_payments")}


def ledger_sums_over(
    store: SqlStore, period, invoices: str, payments: str, where: str, params: list
) -> LedgerSums:
    """Opening and closing receivables, credit sales and not-yet-due invoicing of ``period``.

    One definition for both sources: the raw tables (any scope, e.g. a
    campaign) and the trigger-kept sums (the whole team or one collector).
    """
    if (invoices, payments) not in _LEDGER_TABLES:
        raise ValueError(f"not ledger tables: {invoices}, {payments}")
    since, until = period.since.isoformat(), period.until.isoformat()
    inv = store.conn.execute(
        "SELECT coalesce(sum(CASE WHEN issue_date < ? THEN amount_cents END), 0),"  # noqa: S608
        " coalesce(sum(CASE WHEN issue_date >= ? THEN amount_cents END), 0),"
        " coalesce(sum(CASE WHEN due_date > ? THEN amount_cents END), 0)"
        f" FROM {invoices} WHERE issue_date <= ?{where}",
        [since, since, until, until, *params],
    ).fetchone()
    paid = store.conn.execute(
        "SELECT coalesce(sum(CASE WHEN paid_on < ? THEN amount_cents END), 0),"  # noqa: S608
        f" coalesce(sum(amount_cents), 0) FROM {payments} WHERE paid_on <= ?{where}",
        [since, until, *params],
    ).fetchone()
    invoiced_before, sales, not_due = inv
    paid_before, paid_to_end = paid
    return LedgerSums(
        opening_cents=invoiced_before - paid_before,
        credit_sales_cents=sales,
        closing_cents=invoiced_before + sales - paid_to_end,
        not_due_invoiced_cents=not_due,
    )


def aging(store: SqlStore, today: date, collector: str | None) -> list[AgingRow]:
    """Open amounts and open lines per aging bucket, from the per-due-date sums."""
    t0 = today.isoformat()
    t30, t60, t90 = (earliest_due(b, today).isoformat() for b in ("1-30", "31-60", "61-90"))
    owner, params = _owner(collector)
    sql = (
        "SELECT CASE WHEN due_date >= ? THEN 'not_due' WHEN due_date >= ? THEN '1-30'"  # noqa: S608
        " WHEN due_date >= ? THEN '31-60' WHEN due_date >= ? THEN '61-90' ELSE 'over_90' END,"
        " sum(open_cents), sum(open_lines)"
        f" FROM figure_invoices WHERE open_lines <> 0{owner} GROUP BY 1 ORDER BY 1"
    )
    rows = store.conn.execute(sql, [t0, t30, t60, t90, *params]).fetchall()
    return [AgingRow(bucket, cents, lines) for bucket, cents, lines in rows if lines]


def _hour_key(moment: datetime) -> str:
    """``2026-11-24T09``: the prefix every instant of that UTC hour starts with."""
    return instant_to_db(moment)[:13]


def _hour_ceiling(moment: datetime) -> datetime:
    floor = moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    return floor if floor == moment else floor + timedelta(hours=1)


def _hour_floor(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def whole_hours(start: datetime, end: datetime) -> tuple[datetime, datetime] | None:
    """The whole UTC hours inside [start, end), or None when there is none.

    Office days start on the hour in Europe/Paris, so a period is usually whole
    hours; the caller reads the raw calls of any ragged edge (under an hour).
    """
    first, last = _hour_ceiling(start), _hour_floor(end)
    return (first, last) if first < last else None


def calls_made(
    store: SqlStore, first: datetime, last: datetime, collector: str | None
) -> tuple[int, int]:
    """(calls made, right-party contacts) in the whole hours [first, last)."""
    owner, params = _owner(collector, "caller")
    row = store.conn.execute(
        "SELECT coalesce(sum(calls), 0), coalesce(sum(right_party), 0)"  # noqa: S608
        f" FROM figure_calls WHERE hour >= ? AND hour < ?{owner}",
        [_hour_key(first), _hour_key(last), *params],
    ).fetchone()
    return row[0], row[1]


def promised_per_day(store: SqlStore, period: Period, collector: str | None) -> list[tuple]:
    """(UTC day made, collector, promised, arrived on them) for promises not cancelled."""
    owner, params = _owner(collector)
    return store.conn.execute(
        "SELECT day, collector, promised_cents, paid_cents FROM figure_promises"  # noqa: S608
        f" WHERE day >= ? AND day <= ? AND promises <> 0{owner}",
        [period.since.isoformat(), period.until.isoformat(), *params],
    ).fetchall()


def collected_per_day(store: SqlStore, period: Period, collector: str | None) -> list[tuple]:
    """(day paid, collector owning the debtor, amount) for the payments of the period."""
    owner, params = _owner(collector)
    return store.conn.execute(
        "SELECT paid_on, collector, amount_cents FROM figure_payments"  # noqa: S608
        f" WHERE paid_on >= ? AND paid_on <= ? AND payments <> 0{owner}",
        [period.since.isoformat(), period.until.isoformat(), *params],
    ).fetchall()


def queue_states(store: SqlStore, collector: str | None) -> list[tuple[str, str, int]]:
    """(collector, state, debtors) for every state that holds somebody, 'done' included."""
    owner, params = _owner(collector)
    return store.conn.execute(
        "SELECT collector, state, debtors FROM figure_queue"  # noqa: S608
        f" WHERE debtors <> 0{owner}",
        params,
    ).fetchall()


def due_later(store: SqlStore, stamp: str, collector: str | None) -> list[tuple[str, int]]:
    """(collector, debtors) due whose next action lies after ``stamp``: the few not callable yet.

    A range of the ``queue_state_state`` index (state, next_action_at), so
    only those rows are joined to their debtor, not the whole queue.
    """
    owner, params = ("", []) if collector is None else (" AND d.collector = ?", [collector])
    return store.conn.execute(
        "SELECT coalesce(d.collector, ''), count(*) FROM queue_state q"  # noqa: S608
        " JOIN debtors d ON d.code = q.debtor_code"
        f" WHERE q.state = 'due' AND q.next_action_at > ?{owner} GROUP BY 1",
        [stamp, *params],
    ).fetchall()

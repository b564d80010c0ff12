"""The figures a supervisor reads, defined once, in plain arithmetic.

The store hands over aggregated sums (it does the GROUP BY over the whole
ledger); this module turns them into the ratios of domain.md and holds the
records the dashboard, ``callcenter stats`` and the exports share, so a figure
cannot mean one thing on screen and another in a JSON file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field
from datetime import date, datetime, timedelta

from callcenter.domain.record import record

#: Aging buckets by days past due, in display order.
NOT_DUE = "not_due"
AGING_BUCKETS: tuple[str, ...] = (NOT_DUE, "1-30", "31-60", "61-90", "over_90")
#: Inclusive bounds in days past due of each overdue bucket (None: no upper bound).
_BUCKET_DAYS: dict[str, tuple[int, int | None]] = {
    "1-30": (1, 30),
    "31-60": (31, 60),
    "61-90": (61, 90),
    "over_90": (91, None),
}
OVERDUE_BUCKETS: tuple[str, ...] = tuple(_BUCKET_DAYS)


def aging_bucket(days_past_due: int) -> str:
    """The bucket of an invoice that is ``days_past_due`` days late (0 or less: not due)."""
    for bucket, (low, high) in _BUCKET_DAYS.items():
        if days_past_due >= low and (high is None or days_past_due <= high):
            return bucket
    return NOT_DUE


def earliest_due(bucket: str, today: date) -> date:
    """The earliest due date of a closed aging bucket (every one but "over 90" has one)."""
    earliest, _ = bucket_due_dates(bucket, today)
    if earliest is None:
        raise ValueError(f"aging bucket {bucket!r} has no earliest due date")
    return earliest


def bucket_due_dates(bucket: str, today: date) -> tuple[date | None, date | None]:
    """Inclusive due-date range of ``bucket`` on ``today`` (None: open-ended).

    Turning days into due dates lets SQL compare an indexed ``due_date``
    column instead of computing an age for every row.
    """
    if bucket == NOT_DUE:
        return today, None
    if bucket not in _BUCKET_DAYS:
        raise ValueError(f"unknown aging bucket {bucket!r}; choose from {', '.join(AGING_BUCKETS)}")
    low, high = _BUCKET_DAYS[bucket]
    earliest = today - timedelta(days=high) if high is not None else None
    return earliest, today - timedelta(days=low)


def ratio_percent(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent, or None when there is nothing to divide by."""
    if whole == 0:
        return None
    return 100.0 * part / whole


def format_percent(value: float | None, lang: str = "en") -> str:
    """A rate for people: ``40.0 %`` (``40,0 %`` in French), or a dash when undefined."""
    if value is None:
        return "—"
    shown = f"{value:.1f}"
    return (shown.replace(".", ",") if lang == "fr" else shown) + "\u00a0%"


def format_rate(part: int, whole: int, lang: str = "en") -> str:
    """``40.0 % (2/5)``: the rate with the counts it comes from."""
    return f"{format_percent(ratio_percent(part, whole), lang)} ({part}/{whole})"


def current_receivables(closing_cents: int, not_due_invoiced_cents: int) -> int:
    """Receivables not yet due at the end of a period, from aggregated sums.

    Payments are not linked to invoices, so we assume they settle the oldest
    invoices first: the invoices not yet due are then the last ones paid, and
    the current part of the balance is what was invoiced and is not yet due,
    capped by the whole balance (and never below zero).
    """
    return max(0, min(closing_cents, not_due_invoiced_cents))


def dso_simple(closing_cents: int, credit_sales_cents: int, days: int) -> float | None:
    """Simple (not count-back) DSO: closing receivables ÷ credit sales × days in period."""
    if credit_sales_cents <= 0 or days <= 0:
        return None
    return closing_cents / credit_sales_cents * days


def cei(
    opening_cents: int, credit_sales_cents: int, closing_cents: int, closing_current_cents: int
) -> float | None:
    """Collection effectiveness index, in percent.

    (opening + credit sales − closing total) ÷ (opening + credit sales − closing
    current) × 100: what was collected out of what could have been collected.
    """
    collectible = opening_cents + credit_sales_cents - closing_current_cents
    if collectible <= 0:
        return None
    return 100.0 * (opening_cents + credit_sales_cents - closing_cents) / collectible


@record
class Period:
    """Inclusive range of days a figure is computed over."""

    since: date
    until: date

    def __post_init__(self) -> None:
        if self.since > self.until:
            raise ValueError(f"the period starts ({self.since}) after it ends ({self.until})")

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    @classmethod
    def last_days(cls, today: date, days: int = 30) -> Period:
        return cls(today - timedelta(days=days - 1), today)


@record
class Scope:
    """Whose figures: everybody's, one collector's portfolio, one campaign's debtors."""

    collector: str | None = None
    campaign_id: int | None = None
    campaign_name: str | None = None


@record
class WrittenDay:
    """The written funnel's day: what went out, what failed, what waits for a person."""

    #: E-mails delivered (SMTP or outbox): reminders, confirmations, statements, copies.
    emails: int = 0
    #: Letters and formal notices written to the print folder.
    letters: int = 0
    #: Attempts that failed or whose recipients were all refused.
    failed: int = 0
    #: Steps awaiting a person's approval and not delivered since (whatever the day).
    awaiting: int = 0


@record
class LedgerSums:
    """Receivable sums over a period (receivables at a date = invoiced − paid up to it)."""

    opening_cents: int
    credit_sales_cents: int
    closing_cents: int
    not_due_invoiced_cents: int

    @property
    def closing_current_cents(self) -> int:
        return current_receivables(self.closing_cents, self.not_due_invoiced_cents)


@record
class QueueCounts:
    """How many debtors sit in each queue state right now (``done`` only in the total)."""

    due_now: int = 0
    due_later: int = 0
    callback: int = 0
    promise: int = 0
    dispute: int = 0
    hold: int = 0
    done: int = 0
    in_call: int = 0

    def __add__(self, other: QueueCounts) -> QueueCounts:
        return QueueCounts(
            *(getattr(self, n) + getattr(other, n) for n in self.__dataclass_fields__)
        )


@record
class CollectorQueue:
    collector: str
    counts: QueueCounts


@record
class CollectorDay:
    """What one collector did today (calls exclude skips and undone calls)."""

    collector: str
    calls: int = 0
    right_party: int = 0
    promises_made: int = 0
    promised_cents: int = 0
    falling_due: int = 0
    falling_due_cents: int = 0
    broken: int = 0
    broken_cents: int = 0


def with_idle_collectors(days: Sequence[CollectorDay], names: Iterable[str]) -> list[CollectorDay]:
    """Today's rows plus a zero row for each named collector who did nothing yet.

    A collector missing from the table reads as "not working"; a row of
    zeros says the same thing explicitly, which is what a supervisor wants.
    """
    seen = {day.collector for day in days}
    idle = [CollectorDay(name) for name in set(names) if name and name not in seen]
    return sorted([*days, *idle], key=lambda day: day.collector)


@record
class PromisedCollected:
    """Promised vs collected for one collector or one campaign over a window."""

    key: str
    promised_cents: int = 0
    kept_cents: int = 0
    collected_cents: int = 0


@record
class DailyFlow:
    day: date
    promised_cents: int = 0
    collected_cents: int = 0


@record
class AgingRow:
    bucket: str
    amount_cents: int = 0
    lines: int = 0  # open invoices and credit notes


@record
class DebtorAmount:
    """One debtor behind a figure, with the amount that puts it there."""

    code: str
    name: str
    collector: str | None
    amount_cents: int
    detail: str = ""


class PeriodRates:
    """The four ratios of domain.md, read off a period's counts and ledger sums.

    One definition for the dashboard's figures and for each month of a trend
    (:class:`MonthFigures`), so a month's DSO cannot mean another thing than
    the dashboard's. Subclasses provide ``period``, ``ledger`` and the counts.
    """

    __slots__ = ()
    period: Period
    ledger: LedgerSums
    promises_kept: int
    promises_fell_due: int
    calls_made: int
    right_party_calls: int

    @property
    def promise_kept_rate(self) -> float | None:
        return ratio_percent(self.promises_kept, self.promises_fell_due)

    @property
    def right_party_rate(self) -> float | None:
        return ratio_percent(self.right_party_calls, self.calls_made)

    @property
    def cei(self) -> float | None:
        s = self.ledger
        return cei(s.opening_cents, s.credit_sales_cents, s.closing_cents, s.closing_current_cents)

    @property
    def dso(self) -> float | None:
        s = self.ledger
        return dso_simple(s.closing_cents, s.credit_sales_cents, self.period.days)


@record
class MonthFigures(PeriodRates):
    """The counts and sums behind the rates over one calendar month (or its part so far)."""

    period: Period
    ledger: LedgerSums
    promises_kept: int
    promises_fell_due: int
    calls_made: int
    right_party_calls: int


@record
class PeriodFigures:
    """The part of the figures that reads the whole period (slow to compute, slow to move)."""

    aging: tuple[AgingRow, ...]
    flow: tuple[DailyFlow, ...]
    by_collector: tuple[PromisedCollected, ...]
    by_campaign: tuple[PromisedCollected, ...]
    promises_kept: int
    promises_fell_due: int
    calls_made: int
    right_party_calls: int
    ledger: LedgerSums


@record
class Figures(PeriodFigures, PeriodRates):
    """Everything the dashboard and ``callcenter stats`` show: the period figures
    (inherited, possibly kept from an earlier refresh) and the live ones."""

    now: datetime
    period: Period
    scope: Scope
    queue: QueueCounts
    queue_by_collector: tuple[CollectorQueue, ...]
    today: tuple[CollectorDay, ...]
    largest: tuple[DebtorAmount, ...] = field(default=())
    written: WrittenDay = field(default=WrittenDay())

    @property
    def total_open_cents(self) -> int:
        return sum(row.amount_cents for row in self.aging)

"""Records the store takes or hands back that are not domain objects: a claim's ask,
plans, summaries, findings.

Plain values only, the same whichever backend made them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from callcenter.domain.record import record


class ClaimAsk(NamedTuple):
    """What one claim of the next debtor asks for, said once for the service and both backends.

    ``Queue.pick_if_upkept``, ``Queue.claim_best`` and the rest take it whole: the
    service builds it once per claim, and a backend reads its fields where
    its statement needs them, instead of seven keywords spelled at each hop.
    A named tuple rather than a frozen dataclass: it is built at every pick, the
    queue's hot path, and a frozen dataclass's ``__init__`` cost ~2 µs of it.
    """

    collector: str
    now: datetime
    #: When the lease on the debtor taken runs out.
    expires: datetime
    #: Inside a campaign: its debtors, whoever they are assigned to.
    campaign_id: int | None = None
    #: Debtors passed over (the workstation's "later" list).
    skip: tuple[str, ...] = ()
    #: The window claiming: only its previous claim is given back (None: all the collector's).
    session: str | None = None
    #: Whether a timezone is in calling hours now; None when every zone is.
    callable_in: Callable[[str], bool] | None = None


@record
class QueueUpkeep:
    """When a queue needs no upkeep before a pick: the meta row ``scored_key`` says
    ``today`` (the daily rescore ran) and no pending promise is dated before ``cutoff``."""

    scored_key: str
    today: date
    cutoff: date


@dataclass(slots=True)
class InvoicePlan:
    """Which row each invoice of a FEC goes to, worked out before anything is written."""

    #: (row id, new values) for rows found again whose values changed.
    updates: list[tuple] = field(default_factory=list)
    #: Row ids whose number changes (renamed in two steps: numbers may swap).
    renamed: list[int] = field(default_factory=list)
    inserts: list[tuple] = field(default_factory=list)
    #: Open rows the file no longer has: closed unless the file was read in part.
    absent: list[int] = field(default_factory=list)
    #: Debtors of those rows (their queue entry changes when they are closed).
    absent_codes: set[str] = field(default_factory=set)


@record
class Duplicate:
    """A row whose key an earlier row of the same file already gave."""

    line: int
    first_line: int
    #: The row's whole key (client code first), the last part is what the message quotes.
    key: tuple[str, ...]


@record
class StagedSummary:
    """What the staged rows amount to, for the import's report."""

    rows: int
    invoices: int
    invoices_open: int
    credit_notes: int
    balance_cents: int


@record
class OrphanResult:
    """One consistency rule checked: how many rows break it, and a few of their ids."""

    name: str
    severity: str  # "error" (data is wrong) or "warning" (harmless but worth a look)
    description: str
    count: int
    examples: tuple[str, ...]


@record
class SchemaGap:
    """An object the schema should have and the database lacks (``check`` names it)."""

    kind: str  # "table", "column" (``table.column``), "index", "trigger" or "view"
    name: str


#: The keys of the rows the ``Exports`` port streams, in the export's column order.
#: Values are as the export writes them: instants as ISO 8601 UTC text, dates as
#: ``YYYY-MM-DD``, amounts as integer cents, flags as 0/1.
CALL_EXPORT_COLUMNS = (
    "id",
    "started_at",
    "debtor_code",
    "debtor_name",
    "collector",
    "entered_by",
    "outcome",
    "reason",
    "right_party",
    "contact_id",
    "campaign",
    "callback_at",
    "undoes",
    "note",
)
PROMISE_EXPORT_COLUMNS = (
    "id",
    "created_at",
    "debtor_code",
    "debtor_name",
    "collector",
    "promised_on",
    "amount_cents",
    "paid_cents",
    "status",
    "settled_at",
    "plan_id",
    "call_id",
)
QUEUE_EXPORT_COLUMNS = (
    "debtor_code",
    "debtor_name",
    "collector",
    "state",
    "score",
    "overdue_cents",
    "oldest_days",
    "next_action_at",
    "last_call_at",
    "last_contact_at",
    "claimed_by",
)

EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "calls": CALL_EXPORT_COLUMNS,
    "promises": PROMISE_EXPORT_COLUMNS,
    "queue": QUEUE_EXPORT_COLUMNS,
}


@dataclass
class CopyReport:
    """Rows per table on each side and the figure sums that disagree (empty: identical)."""

    target: str  # the database copied into, as messages show it (never its password)
    source_counts: dict[str, int]
    target_counts: dict[str, int]
    sum_differences: dict[str, list[tuple]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.source_counts == self.target_counts and not self.sum_differences

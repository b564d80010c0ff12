"""The facts about one dossier that the negotiation hints are drawn from.

Gathered once, so each hint reads like the sentence it produces and the
rules (what counts as overdue, as a broken promise, as an answered call)
live in one place.
"""

from __future__ import annotations

from datetime import date, timedelta

from callcenter.domain.models import (
    REACHED,
    Call,
    Contact,
    Debtor,
    Dossier,
    Invoice,
    Outcome,
    Promise,
    PromiseStatus,
)
from callcenter.domain.promise_words import MISSED
from callcenter.domain.record import record

#: Calls that reached nobody; several in a row mean the approach must change.
UNANSWERED = frozenset({Outcome.NO_ANSWER, Outcome.VOICEMAIL, Outcome.BUSY})
#: The dunning ladder ``Debtor.dunning_step`` climbs (0 = nothing sent yet):
#: 1 first reminder, 2 second reminder, 3 phone reminders, 4 formal notice
#: (mise en demeure), 5 court payment order (injonction de payer), 6 and above
#: litigation or a collection agency.
FORMAL_NOTICE_STEP = 4
LAST_STEP = 6
#: Days back the missed promises count (the default of ``queue.broken_promise_memory_days``).
DEFAULT_MEMORY_DAYS = 180
#: Beyond the second reminder a client is no longer one who merely "slipped".
SLIPPED_MAX_STEP = 2
#: Months with a payment, out of the last twelve, that make a regular payer.
REGULAR_MONTHS = 6
#: Share (percent) of what was invoiced that a regular payer has settled.
REGULAR_PAID_PERCENT = 80
#: A regular payer whose oldest overdue invoice is this recent has "slipped".
SLIP_DAYS = 60


@record
class DossierFacts:
    """What the hints read from one dossier, worked out once for all of them."""

    debtor: Debtor
    today: date
    open_invoices: tuple[Invoice, ...]
    #: Open, past due and not excluded, oldest first.
    overdue: tuple[Invoice, ...]
    disputed: tuple[Invoice, ...]
    all_invoices: tuple[Invoice, ...]
    contacts: tuple[Contact, ...]
    #: Broken or partly kept promises of the span the queue counts too, oldest first.
    broken: tuple[Promise, ...]
    #: Those promised before that span (still the client's history), oldest first.
    older_broken: tuple[Promise, ...]
    #: The span, in days (``queue.broken_promise_memory_days``).
    memory_days: int
    #: Pending promises, earliest first.
    pending: tuple[Promise, ...]
    #: True when the latest promise that fell due was not kept.
    last_promise_broken: bool
    #: Calls not cancelled by an undo entry, oldest first.
    calls: tuple[Call, ...]
    #: Months of the last twelve in which the client paid something.
    months_paid: int
    #: Paid over the twelve months, in percent of what was invoiced over the first ten
    #: (the last two months' invoices are mostly not due yet); None without invoicing.
    paid_percent: int | None
    has_open_dispute: bool

    @property
    def overdue_cents(self) -> int:
        return sum(i.open_cents for i in self.overdue)

    @property
    def disputed_cents(self) -> int:
        return sum(i.open_cents for i in self.disputed)

    @property
    def undisputed_overdue(self) -> tuple[Invoice, ...]:
        numbers = {i.number for i in self.disputed}
        return tuple(i for i in self.overdue if i.number not in numbers)

    @property
    def oldest_days(self) -> int:
        return max((i.days_late(self.today) for i in self.overdue), default=0)

    @property
    def ever_reached(self) -> bool:
        return any(c.outcome in REACHED for c in self.calls)

    @property
    def last_conversation(self) -> Call | None:
        """The latest call on which somebody at the client answered."""
        return next((c for c in reversed(self.calls) if c.outcome in REACHED), None)

    @property
    def unanswered_streak(self) -> int:
        """Calls in a row, most recent backwards, on which nobody answered."""
        streak = 0
        for call in reversed(self.calls):
            if call.outcome == Outcome.SKIP:
                continue
            if call.outcome not in UNANSWERED:
                break
            streak += 1
        return streak

    @property
    def good_payer_slipped(self) -> bool:
        """A client who pays month after month and is only a little late now.

        The dossier carries no dated history of settled invoices, so "good
        payer" is read from the last twelve months: payments in most of them
        covering most of the invoicing, no promise ever broken, no dispute, no
        hold, an early dunning step and nothing overdue for long.
        """
        return (
            self.months_paid >= REGULAR_MONTHS
            and self.paid_percent is not None
            and self.paid_percent >= REGULAR_PAID_PERCENT
            and not self.broken
            and not self.older_broken
            and not self.has_open_dispute
            and 0 < self.oldest_days <= SLIP_DAYS
            and self.debtor.dunning_step <= SLIPPED_MAX_STEP
            and not self.debtor.credit_hold
        )

    @property
    def reachable_contacts(self) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if not c.wrong_number and (c.phone or c.phone2))

    @property
    def tracks_documents(self) -> bool:
        """Whether this ledger records quotes, POs and delivery notes at all.

        An FEC import knows nothing about documents; flagging every invoice as
        "no delivery note" would then be noise, not a warning.
        """
        return any(i.has_quote or i.has_po or i.has_delivery_note for i in self.all_invoices)


def gather(dossier: Dossier, today: date, memory_days: int = DEFAULT_MEMORY_DAYS) -> DossierFacts:
    """Read the dossier once into the facts the hints need.

    Missed promises are split at ``memory_days`` back, the span the queue's
    reason counts over, so the hint and the reason give the same count.
    """
    invoices = tuple(dossier.invoices)
    open_invoices = tuple(i for i in invoices if i.open_cents != 0)
    overdue = tuple(
        sorted(
            (
                i
                for i in open_invoices
                if i.open_cents > 0 and i.days_late(today) > 0 and not i.excluded
            ),
            key=lambda i: (i.due_date, i.number),
        )
    )
    disputed_numbers = {
        n for d in dossier.disputes if d.status == "open" for n in d.invoice_numbers
    }
    disputed = tuple(i for i in overdue if i.disputed or i.number in disputed_numbers)
    promises = sorted(dossier.promises, key=lambda p: (p.promised_on, p.id or 0))
    missed = [p for p in promises if p.status in MISSED]
    since = today - timedelta(days=memory_days)
    settled = [
        p for p in promises if p.status not in (PromiseStatus.PENDING, PromiseStatus.CANCELLED)
    ]
    return DossierFacts(
        debtor=dossier.debtor,
        today=today,
        open_invoices=open_invoices,
        overdue=overdue,
        disputed=disputed,
        all_invoices=invoices,
        contacts=tuple(dossier.contacts),
        broken=tuple(p for p in missed if p.promised_on >= since),
        older_broken=tuple(p for p in missed if p.promised_on < since),
        memory_days=memory_days,
        pending=tuple(p for p in promises if p.status == PromiseStatus.PENDING),
        last_promise_broken=bool(settled) and settled[-1].status != PromiseStatus.KEPT,
        calls=_effective_calls(dossier.calls),
        months_paid=sum(1 for _, _, paid in dossier.monthly if paid > 0),
        paid_percent=_paid_percent(dossier.monthly),
        has_open_dispute=bool(disputed) or any(d.status == "open" for d in dossier.disputes),
    )


def _effective_calls(calls) -> tuple[Call, ...]:
    """The call log without undo entries and the calls they cancel, oldest first."""
    undone = {c.undoes for c in calls if c.outcome == Outcome.UNDO and c.undoes is not None}
    kept = [c for c in calls if c.outcome != Outcome.UNDO and (c.id is None or c.id not in undone)]
    return tuple(sorted(kept, key=lambda c: (c.started_at, c.id or 0)))


def _paid_percent(monthly) -> int | None:
    """Payments of the twelve months against invoicing of all but the last two."""
    invoiced = sum(amount for _, amount, _ in monthly[:-2])
    paid = sum(amount for _, _, amount in monthly)
    if invoiced <= 0:
        return None
    return min(100, paid * 100 // invoiced)

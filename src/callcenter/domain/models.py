"""The records a collector works with, as plain frozen dataclasses.

These are what the store returns and what importers produce; nothing here
knows about SQL or Textual. Amounts are integer cents, dates are
``datetime.date``, instants are timezone-aware ``datetime``.
"""

from __future__ import annotations

import re
from dataclasses import field
from datetime import date, datetime, timedelta
from enum import StrEnum

from callcenter.domain.communications import Communication
from callcenter.domain.record import record


class Role(StrEnum):
    """Who a contact is at the debtor: it decides whom to ask for."""

    OWNER = "owner"  # boss / manager: decides
    ACCOUNTANT = "accountant"  # pays the suppliers
    PURCHASING = "purchasing"  # purchasing / accounts payable: unblocks invoices
    OTHER = "other"


class Outcome(StrEnum):
    """What happened on a call; each maps to one key in the workstation."""

    PROMISE = "promise"
    NO_ANSWER = "no_answer"
    VOICEMAIL = "voicemail"
    BUSY = "busy"
    CALLBACK = "callback"
    DISPUTE = "dispute"
    WRONG_NUMBER = "wrong_number"
    REFUSED = "refused"
    ALREADY_PAID = "already_paid"
    PAYMENT_PLAN = "payment_plan"
    SKIP = "skip"
    PAID = "paid"
    UNDO = "undo"  # compensating entry: the call log is append-only


#: Outcomes where somebody at the debtor actually talked to the collector.
REACHED = frozenset(
    {
        Outcome.PROMISE,
        Outcome.CALLBACK,
        Outcome.DISPUTE,
        Outcome.REFUSED,
        Outcome.ALREADY_PAID,
        Outcome.PAYMENT_PLAN,
        Outcome.PAID,
    }
)


def is_right_party(outcome: Outcome, decision_maker: bool | None) -> bool:
    """A right-party contact: somebody talked (``REACHED``) and the contact, when one is
    named, can decide. The session bar and the dashboard both count this."""
    return outcome in REACHED and decision_maker is not False


class PromiseStatus(StrEnum):
    PENDING = "pending"
    KEPT = "kept"
    PARTLY_KEPT = "partly_kept"
    BROKEN = "broken"
    CANCELLED = "cancelled"  # undone by the collector


class QueueState(StrEnum):
    """Why a debtor is, or is not, in the calling queue right now."""

    DUE = "due"  # callable when next_action_at has passed
    CALLBACK = "callback"  # a callback was asked for at next_action_at
    PROMISE = "promise"  # waiting for a promised payment
    DISPUTE = "dispute"  # every overdue invoice is disputed
    HOLD = "hold"  # handled by hand / excluded / litigation
    DONE = "done"  # nothing overdue


@record
class Debtor:
    """A client that owes money: who calls it, when, and what the ledger knows about it."""

    code: str
    name: str
    segment: str = "standard"
    timezone: str = "Europe/Paris"
    status: str = "active"
    collector: str | None = None
    credit_hold: bool = False
    payment_terms_days: int | None = None
    dunning_step: int = 0
    tags: tuple[str, ...] = ()
    pending_orders_cents: int = 0
    #: None when the ledger does not say: "no limit known" is not "a limit of zero".
    credit_limit_cents: int | None = None
    address: str = ""
    siren: str = ""
    #: What every collector should know about the account, kept across calls.
    account_note: str = ""


@record
class Contact:
    """A person to call or write to at a debtor, with the role that says who can decide."""

    debtor_code: str
    name: str
    role: Role = Role.OTHER
    phone: str = ""
    phone2: str = ""
    email: str = ""
    decision_maker: bool = False
    wrong_number: bool = False
    best_hours: str = ""
    id: int | None = None
    #: Why the mail server refused ``email`` ("" : no doubt); reminders skip it.
    email_doubtful: str = ""


@record
class Invoice:
    """One invoice of a debtor: amounts in cents, ``open_cents`` what is left to pay."""

    debtor_code: str
    number: str
    issue_date: date
    due_date: date
    amount_cents: int
    open_cents: int
    currency: str = "EUR"
    has_quote: bool = False
    has_po: bool = False
    has_delivery_note: bool = False
    excluded: bool = False
    disputed: bool = False
    id: int | None = None

    def days_late(self, today: date) -> int:
        """Days past the due date (negative when not yet due)."""
        return (today - self.due_date).days


@record
class Payment:
    """Money received from a debtor, as the bank or the ledger recorded it."""

    debtor_code: str
    reference: str
    paid_on: date
    amount_cents: int
    #: The invoice the payment settles, when the source says so.
    invoice_number: str = ""
    id: int | None = None

    @property
    def settles(self) -> tuple[str, ...]:
        """The invoices it settled, as the import found them (never guessed on display)."""
        return (self.invoice_number,) if self.invoice_number else ()


@record
class Call:
    """One outcome a collector logged for a debtor (an undo is a call that ``undoes`` another)."""

    debtor_code: str
    collector: str
    started_at: datetime
    outcome: Outcome
    note: str = ""
    contact_id: int | None = None
    undoes: int | None = None
    campaign_id: int | None = None
    id: int | None = None
    #: The login who typed it for ``collector`` (a supervisor covering), else None.
    entered_by: str | None = None
    #: What the debtor said: a refusal's, a skip's or a dispute's reason.
    reason: str = ""
    #: A callback's instant, or the morning a skip put the debtor aside until.
    callback_at: datetime | None = None
    #: What an "already paid" debtor said it paid.
    claim: PaymentClaim | None = None
    #: Somebody who can decide talked (:func:`is_right_party`), as logged with the call.
    right_party: bool = False


@record
class PaymentClaim:
    """The payment a debtor says it made: to be found on the bank statement."""

    paid_on: date
    amount_cents: int | None = None
    #: One of ``service.outcome_rules.PAYMENT_MEANS``, or "" when not said.
    means: str = ""
    reference: str = ""


@record
class Promise:
    """A date and amount the debtor committed to, judged by settlement once it falls due."""

    debtor_code: str
    promised_on: date
    amount_cents: int
    status: PromiseStatus = PromiseStatus.PENDING
    collector: str = ""
    created_at: datetime | None = None
    paid_cents: int = 0
    call_id: int | None = None
    plan_id: int | None = None  # instalments of one payment plan share it
    id: int | None = None
    #: The verdict a late bank line overturned (broken, then kept), and when.
    revised_from: PromiseStatus | None = None
    revised_at: datetime | None = None
    #: When settlement judged it (kept, partly kept or broken); None while pending.
    settled_at: datetime | None = None


@record
class Dispute:
    """The debtor's objection to some of its invoices, open until resolved."""

    debtor_code: str
    reason: str
    invoice_numbers: tuple[str, ...]
    status: str = "open"
    opened_at: datetime | None = None
    opened_by: str = ""
    id: int | None = None
    #: For a resolved dispute: "credit_note" (the client was right) or "rejected".
    resolution: str | None = None
    resolved_at: datetime | None = None
    resolved_by: str = ""
    #: The call it was raised on, when it was raised on one.
    call_id: int | None = None


#: A task asked for during a call ("look for the payment") is due two days later: soon
#: enough to call the debtor back with the answer while the call is fresh.
TASK_DUE_DAYS = 2


@record
class Task:
    """Something to do for a debtor outside a call: look for a payment, send a copy..."""

    debtor_code: str
    kind: str
    note: str
    created_at: datetime
    created_by: str = ""
    due_on: date | None = None
    done_at: datetime | None = None
    done_by: str = ""
    debtor_name: str = ""
    id: int | None = None
    #: The call it was asked for on, when it was asked for on one.
    call_id: int | None = None

    @property
    def due(self) -> date:
        """The day it is due: as set, else :data:`TASK_DUE_DAYS` after it was asked for."""
        if self.due_on is not None:
            return self.due_on
        return self.created_at.date() + timedelta(days=TASK_DUE_DAYS)


_POSTCODE_CITY = re.compile(r"\b\d{5}\s+(?P<city>[^,\d][^,]*)")


def city_of(address: str) -> str:
    """The town of a French postal address ("12 rue du Four, 59000 Lille" -> "Lille"),
    else its last comma-separated part; "" when there is no address."""
    found = _POSTCODE_CITY.search(address)
    if found:
        return found.group("city").strip()
    return address.rsplit(",", 1)[-1].strip() if "," in address else ""


@record
class FoundDebtor:
    """A debtor found by name, code or phone, with what tells it apart from namesakes.

    For a phone search, the contact and the number that matched: on an inbound
    call the collector greets the right person.
    """

    debtor: Debtor
    balance_cents: int = 0
    state: QueueState | None = None
    claimed_by: str | None = None
    matched_contact: str = ""
    matched_phone: str = ""

    @property
    def code(self) -> str:
        return self.debtor.code

    @property
    def name(self) -> str:
        return self.debtor.name

    @property
    def city(self) -> str:
        return city_of(self.debtor.address)


@record
class Reason:
    """One factor behind a place in the queue: a code and its parameters.

    Stored as JSON and rendered per language by :func:`describe`, so the
    same queue reads in French or English.
    """

    code: str
    params: tuple[tuple[str, str | int], ...] = ()

    def get(self, key: str, default: str | int | None = None):
        return dict(self.params).get(key, default)

    def to_json(self) -> dict:
        return {"code": self.code, **dict(self.params)}

    @classmethod
    def from_json(cls, data: dict | str) -> Reason:
        if isinstance(data, str):  # an already rendered text
            return cls("text", (("text", data),))
        params = tuple(sorted((k, v) for k, v in data.items() if k != "code"))
        return cls(str(data.get("code", "text")), params)


def reason(code: str, **params: str | int) -> Reason:
    return Reason(code, tuple(sorted(params.items())))


@record
class QueueEntry:
    """A debtor's place in the queue, with the reasons behind its score.

    The reasons are codes with values; the interface words them in its language
    (:func:`callcenter.domain.scoring.describe`).
    """

    code: str
    name: str
    score: int
    reasons: tuple[Reason, ...]
    overdue_cents: int
    oldest_days: int
    state: QueueState
    next_action_at: datetime | None = None
    collector: str | None = None
    claimed_by: str | None = None


@record
class Dossier:
    """Everything the collector needs on screen for one call."""

    debtor: Debtor
    contacts: tuple[Contact, ...] = ()
    invoices: tuple[Invoice, ...] = ()
    payments: tuple[Payment, ...] = ()
    calls: tuple[Call, ...] = ()
    promises: tuple[Promise, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    #: Open tasks, oldest due first.
    tasks: tuple[Task, ...] = ()
    queue: QueueEntry | None = None
    balance_cents: int = 0
    #: Last 12 months, oldest first: (month "YYYY-MM", invoiced cents, paid cents).
    monthly: tuple[tuple[str, int, int], ...] = ()
    #: The PBX's recording of a call, by call id, where one was found (settings' pattern).
    recordings: dict[int, str] = field(default_factory=dict)
    #: The communications log for the funnel's line and the history, newest first: the
    #: latest entries and every delivery (a step's day), read with the rest of the dossier.
    communications: tuple[Communication, ...] = ()

    @property
    def open_invoices(self) -> tuple[Invoice, ...]:
        return tuple(i for i in self.invoices if i.open_cents != 0)

    @property
    def last_payment(self) -> Payment | None:
        """The most recent payment (payments are loaded newest first)."""
        return self.payments[0] if self.payments else None

    def contact_name(self, contact_id: int | None) -> str:
        """The name of contact ``contact_id``, or "" when unknown."""
        for contact in self.contacts:
            if contact.id == contact_id:
                return contact.name
        return ""


@record
class User:
    """Someone the database knows, with their role and how many debtors they hold."""

    name: str
    role: str
    display_name: str = ""
    debtors: int = 0


@record
class DossierChange:
    """One entry of a dossier's change log: who changed what, and what an undo restores."""

    id: int
    debtor_code: str
    actor: str
    at: datetime
    action: str
    target_id: int | None = None
    detail: str = ""
    #: What the change replaced (a task id, a note's text...), for its undo.
    before: dict[str, object] | None = None
    undoes: int | None = None

"""What the demo generator works with: segments, payer profiles, the team, one debtor's output."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from callcenter.domain.models import (
    Call,
    Contact,
    Debtor,
    Dispute,
    Invoice,
    Payment,
    Promise,
    Task,
    User,
)
from callcenter.domain.record import record


class DemoError(ValueError):
    """The demo ledger cannot be generated as asked."""


@record
class Segment:
    name: str
    weight: int
    terms: tuple[int, ...]  # payment terms in days ("45 fin de mois" counted as 60)
    amount_median_eur: int
    invoices_mean: int
    p_quote: float
    p_po: float


SEGMENTS = (
    Segment("tpe", 35, (30, 30, 45), 900, 7, 0.55, 0.45),
    Segment("pme", 40, (30, 45, 60, 60), 3500, 11, 0.75, 0.80),
    Segment("grand_compte", 10, (45, 60, 60), 15000, 18, 0.85, 0.97),
    Segment("public", 15, (30, 30, 50), 6000, 9, 0.70, 0.98),
)


@record
class Profile:
    """How a customer pays: delay after the due date (triangular low, high, mode), in days."""

    name: str
    weight: int
    delay: tuple[int, int, int]
    p_partial: float  # an open overdue invoice got an instalment
    p_promise: float  # a late payment was preceded by a promise
    p_broken: float  # an open overdue invoice carries a broken promise
    p_pending: float  # a promise is running right now


PROFILES = (
    Profile("good", 42, (-8, 12, 0), 0.02, 0.20, 0.15, 0.10),
    Profile("slow", 33, (0, 75, 20), 0.10, 0.40, 0.45, 0.25),
    Profile("bad", 15, (20, 220, 70), 0.20, 0.35, 0.70, 0.10),
    Profile("stopped", 8, (0, 60, 15), 0.05, 0.35, 0.80, 0.10),
    Profile("credit", 2, (-10, 5, -2), 0.0, 0.0, 0.0, 0.0),
)

#: The team: five collectors and one supervisor (login, display name, role).
TEAM = (
    ("alice", "Alice Moreau", "collector"),
    ("bruno", "Bruno Lefèvre", "collector"),
    ("chloe", "Chloé Garnier", "collector"),
    ("david", "David N'Diaye", "collector"),
    ("emma", "Emma Roussel", "collector"),
    ("sophie", "Sophie Lambert", "supervisor"),
)
KEY_ACCOUNT_COLLECTORS = ("alice", "bruno")
SME_COLLECTORS = ("chloe", "david", "emma", "bruno")
COLLECTORS = tuple(login for login, _, role in TEAM if role == "collector")
#: The team as the users the demo database knows.
TEAM_USERS = tuple(User(login, role, display) for login, display, role in TEAM)


@dataclass(slots=True)
class Ids:
    """The last id used per table; the builder takes the next ones in order."""

    contacts: int = 0
    invoices: int = 0
    calls: int = 0
    promises: int = 0
    disputes: int = 0
    tasks: int = 0


@dataclass(slots=True)
class Draft:
    """An invoice while it is being built (mutable until the history is known)."""

    number: str
    issue: date
    due: date
    amount: int
    open: int
    paid_on: date | None  # the day it was settled in full, None while open
    has_quote: bool
    has_po: bool
    has_delivery: bool
    excluded: bool = False
    id: int = 0


@dataclass(slots=True)
class DebtorLedger:
    """Everything generated for one debtor: its ledger and its history, as domain objects
    carrying the ids the generator chose (promises and tasks point at their calls)."""

    debtor: Debtor
    profile: str
    contacts: list[Contact]
    invoices: list[Invoice]
    payments: list[Payment]
    calls: list[Call] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    #: FEC lettering: invoice number or payment reference -> (code, lettering date).
    letters: dict[str, tuple[str, date]] = field(default_factory=dict)


def debtor_code(index: int) -> str:
    return f"C{index + 1:06d}"

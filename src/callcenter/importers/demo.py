"""A deterministic, realistic French SME receivables ledger for demos, tests and the bench.

``generate(store, debtors=N, seed=S, now=...)`` fills an empty database with
N customers of a small French supplier: companies and public bodies with
contacts and phone numbers, twelve months of invoices, credit notes and
payments, a team of collectors, and the calls, promises, disputes and tasks
those collectors logged. ``write_fec`` writes the same ledger as an FEC
export, so the FEC importer can be tested and timed against it.

Why it is built this way:

* Each debtor draws from its own ``random.Random(seed, index)``, so debtor 7
  is the same whether 300 or 100 000 are generated, and the output depends
  only on (debtors, seed, the date of ``now``).
* Payment behaviour comes from a payer profile (good, slow, bad, stopped,
  credit balance); aging buckets, dunning steps, calls and promises follow
  from it rather than being drawn independently, so the figures agree.
* A promise's status is not drawn: it is worked out from the payments that
  arrived between the promise and its date plus grace, the same rule the
  settlement code applies, so the history is consistent by construction.
* History rows are plain tuples with ids chosen here (the database is empty
  and locked while we write), which keeps 2 000 000 calls to a few minutes.
"""

from __future__ import annotations

import math
import random
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from time import perf_counter
from zoneinfo import ZoneInfo

import holidays

from callcenter.domain.models import REACHED, Contact, Debtor, Invoice, Outcome, Payment, Role
from callcenter.importers import names
from callcenter.store import history, ledger
from callcenter.store.db import Store

PARIS = ZoneInfo("Europe/Paris")
#: Days after a promised date during which the money still counts as on time
#: (the queue's default grace; kept equal so generated statuses match settlement).
PROMISE_GRACE_DAYS = 2
#: Average past calls per debtor window-day, tuned so 100 000 debtors give about 2 000 000 calls.
CALL_RATE = 0.095
MAX_CALLS_PER_DEBTOR = 160


class DemoError(ValueError):
    """The demo ledger cannot be generated as asked."""


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
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
    Profile("good", 42, (-8, 12, 0), 0.02, 0.25, 0.10, 0.10),
    Profile("slow", 33, (0, 75, 20), 0.10, 0.50, 0.30, 0.25),
    Profile("bad", 15, (20, 220, 70), 0.20, 0.40, 0.50, 0.10),
    Profile("stopped", 8, (0, 60, 15), 0.05, 0.40, 0.60, 0.10),
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

#: Outcomes of ordinary attempts, weighted as a dialler sees them.
GENERIC_OUTCOMES = (
    (Outcome.NO_ANSWER, 38),
    (Outcome.VOICEMAIL, 24),
    (Outcome.BUSY, 6),
    (Outcome.CALLBACK, 10),
    (Outcome.REFUSED, 5),
    (Outcome.ALREADY_PAID, 3),
    (Outcome.SKIP, 2),
)
_GENERIC = tuple(o for o, _ in GENERIC_OUTCOMES)
_GENERIC_CUM = tuple(
    sum(w for _, w in GENERIC_OUTCOMES[: i + 1]) for i in range(len(GENERIC_OUTCOMES))
)

#: Days past due at which each dunning step is reached (step = how many are passed).
DUNNING_THRESHOLDS = (1, 8, 15, 30, 45, 60, 90, 120, 180)

#: Phone numbers come from six small blocks that, to our knowledge, the French
#: regulator keeps for fiction (films, books), so a demo database should not
#: dial a real person; not verified against the current numbering plan.
PHONE_BLOCKS = {"1": "99 00", "2": "61 91", "3": "53 01", "4": "65 71", "5": "36 49", "6": "39 98"}

BEST_HOURS = ("", "", "9h-12h", "14h-17h", "matin", "après 16h", "mardi et jeudi", "avant 10h")


# -- the calendar ------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.France(years=year))


def _is_business(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def _business_on_or_before(day: date) -> date:
    while not _is_business(day):
        day -= timedelta(days=1)
    return day


def _business_on_or_after(day: date) -> date:
    while not _is_business(day):
        day += timedelta(days=1)
    return day


@lru_cache(maxsize=1024)
def _utc_offset(day: date) -> timedelta:
    # Calling hours never straddle the 2-3 a.m. clock change, so noon's offset holds all day.
    return PARIS.utcoffset(datetime(day.year, day.month, day.day, 12))


def _instant(day: date, seconds: int) -> str:
    """Paris local time of day -> the UTC text the store keeps (``...+00:00``)."""
    local = datetime(day.year, day.month, day.day) + timedelta(seconds=seconds)
    return (local - _utc_offset(day)).isoformat() + "+00:00"


def _calling_second(rng: random.Random) -> int:
    """A moment inside calling hours: 09:00-12:30 or 14:00-18:30, Paris time."""
    if rng.random() < 0.45:
        return rng.randrange(9 * 3600, 12 * 3600 + 1800)
    return rng.randrange(14 * 3600, 18 * 3600 + 1800)


# -- one debtor ----------------------------------------------------------------------------


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
class _Inv:
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
    letter: str = ""
    letter_on: date | None = None
    id: int = 0


@dataclass(slots=True)
class DebtorLedger:
    """Everything generated for one debtor: ledger objects and history tuples."""

    debtor: Debtor
    profile: str
    contacts: list[Contact]
    invoices: list[Invoice]
    payments: list[Payment]
    calls: list[tuple] = field(default_factory=list)
    promises: list[tuple] = field(default_factory=list)
    disputes: list[tuple] = field(default_factory=list)
    dispute_invoices: list[tuple[int, int]] = field(default_factory=list)
    tasks: list[tuple] = field(default_factory=list)
    #: FEC lettering: invoice number or payment reference -> (code, lettering date).
    letters: dict[str, tuple[str, date]] = field(default_factory=dict)


def debtor_code(index: int) -> str:
    return f"C{index + 1:06d}"


def build_debtor(seed: int, index: int, today: date, ids: Ids) -> DebtorLedger:
    """Generate debtor number ``index`` (0-based) as of ``today``, taking ids from ``ids``."""
    rng = random.Random(seed * 1_000_003 + index)
    code = debtor_code(index)
    segment = _weighted(rng, SEGMENTS)
    profile = _weighted(rng, PROFILES)
    town, area = rng.choice(names.TOWNS)
    name = _company_name(rng, segment.name, town)
    terms = rng.choice(segment.terms)
    invs, pays, letters = _invoices(rng, code, index, segment, profile, terms, today)
    book = _Book(rng, code, today, invs, pays, letters, profile)
    contacts = _contacts(rng, code, name, segment.name, area, index)
    debtor_contacts = book.history(contacts, ids, _portfolio(rng, segment.name))
    for inv in invs:
        ids.invoices += 1
        inv.id = ids.invoices
    for dispute_id, positions in book.disputed:
        book.dispute_invoices.extend((dispute_id, invs[p].id) for p in positions)
    oldest = max(((today - i.due).days for i in invs if i.open > 0 and i.amount > 0), default=0)
    oldest = max(0, oldest)
    debtor = _debtor(rng, code, name, segment, profile, terms, book.collector, oldest, invs)
    return DebtorLedger(
        debtor=debtor,
        profile=profile.name,
        contacts=debtor_contacts,
        invoices=[_invoice(code, inv) for inv in invs],
        payments=[Payment(code, ref, day, cents) for ref, day, cents in pays],
        calls=book.calls,
        promises=book.promises,
        disputes=book.disputes,
        dispute_invoices=book.dispute_invoices,
        tasks=book.tasks,
        letters=letters,
    )


def _weighted(rng: random.Random, options):
    return rng.choices(options, weights=[o.weight for o in options])[0]


def _de(place: str) -> str:
    """French elision: "de Lyon" but "d'Angers"."""
    return f"d'{place}" if _ascii(place)[:1].lower() in "aeiouy" else f"de {place}"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in _ascii(text).lower()).strip("-")


def _company_name(rng: random.Random, segment: str, town: str) -> str:
    family = rng.choice(names.FAMILY_NAMES)
    form = rng.choice(names.LEGAL_FORMS)
    if segment == "public":
        return rng.choice(names.PUBLIC_BODIES).replace("de {town}", _de(town))
    if segment == "grand_compte":
        pattern = rng.randrange(3)
        if pattern == 0:
            return f"Groupe {family}"
        if pattern == 1:
            return f"{family} {rng.choice(names.INDUSTRIES)} SA"
        return f"{rng.choice(names.INDUSTRIES)} du {rng.choice(names.PLACES)} SAS"
    trade = rng.choice(names.TRADES)
    pattern = rng.randrange(6)
    if pattern == 0:
        return f"{trade} {family}"
    if pattern == 1:
        return f"{trade} {family} {form}"
    if pattern == 2:
        return f"{trade} {_de(town)}"
    if pattern == 3:
        return f"Établissements {family}"
    if pattern == 4:
        return f"{family} & Fils {form}"
    return f"L'Atelier {_de(rng.choice(names.FIRST_NAMES))}"


def _portfolio(rng: random.Random, segment: str) -> str | None:
    """Key accounts and public bodies go to two seniors; a few debtors are unassigned."""
    if rng.random() < 0.04:
        return None
    if segment in ("grand_compte", "public"):
        return rng.choice(KEY_ACCOUNT_COLLECTORS)
    return rng.choice(SME_COLLECTORS)


def _phone(rng: random.Random, area: str, index: int, slot: int, mobile: bool) -> str:
    digit = "6" if mobile else area.lstrip("0")
    # Spread debtors over the 10 000 numbers of each fictional block.
    suffix = (index * 4 + slot) * 7919 % 10000
    block = f"{PHONE_BLOCKS[digit]} {suffix // 100:02d} {suffix % 100:02d}"
    style = rng.randrange(3)
    if style == 0:
        return f"+33 {digit} {block}"
    if style == 1:
        return f"0{digit} {block}"
    return f"0{digit}{block.replace(' ', '')}"


#: Who one calls, per segment: roles in the order they are added.
_SEGMENT_ROLES = {
    "tpe": (Role.OWNER, Role.ACCOUNTANT, Role.OTHER),
    "pme": (Role.OWNER, Role.ACCOUNTANT, Role.PURCHASING, Role.OTHER),
    "grand_compte": (Role.ACCOUNTANT, Role.PURCHASING, Role.OWNER, Role.OTHER),
    "public": (Role.PURCHASING, Role.ACCOUNTANT, Role.OTHER),
}


def _contacts(
    rng: random.Random, code: str, company: str, segment: str, area: str, index: int
) -> list[dict]:
    roles = _SEGMENT_ROLES[segment]
    count = min(len(roles), 1 + int(rng.random() * 2.2 + rng.random() * 1.3))
    domain = _slug(company)[:24] + ".example"
    contacts, seen = [], set()
    for slot, role in enumerate(roles[:count]):
        first, family = rng.choice(names.FIRST_NAMES), rng.choice(names.FAMILY_NAMES)
        person = f"{first} {family}"
        if person in seen:
            person = f"{person} ({slot + 1})"
        seen.add(person)
        title = rng.choice(names.ROLE_TITLES[str(role)])
        decision = role is Role.OWNER or (role is Role.ACCOUNTANT and title in ("DAF",))
        decision = decision or (role is Role.ACCOUNTANT and rng.random() < 0.4)
        contacts.append(
            {
                "name": f"{person}, {title}",
                "role": role,
                "phone": _phone(rng, area, index, slot, mobile=role is Role.OWNER),
                "phone2": _phone(rng, area, index, 3, mobile=True) if rng.random() < 0.15 else "",
                "email": f"{_slug(first)}.{_slug(family)}@{domain}",
                "decision_maker": decision,
                "wrong_number": False,
                "best_hours": rng.choice(BEST_HOURS),
            }
        )
    return contacts


def _amount(rng: random.Random, segment: Segment) -> int:
    euros = rng.lognormvariate(math.log(segment.amount_median_eur), 0.9)
    return max(50_00, int(euros) * 100 + rng.choice((0, 0, 0, 50, 90, 20)))


def _invoices(
    rng: random.Random,
    code: str,
    index: int,
    segment: Segment,
    profile: Profile,
    terms: int,
    today: date,
) -> tuple[list[_Inv], list[tuple[str, date, int]], dict[str, tuple[str, date]]]:
    """Twelve months of invoices with their payments, credit notes and lettering."""
    count = rng.randint(1, 2 * segment.invoices_mean - 1)
    issues = sorted(today - timedelta(days=rng.randint(0, 364)) for _ in range(count))
    stop = today - timedelta(days=rng.randint(45, 200)) if profile.name == "stopped" else None
    low, high, mode = profile.delay
    invs: list[_Inv] = []
    pays: list[tuple[str, date, int]] = []
    letters: dict[str, tuple[str, date]] = {}
    for k, issue in enumerate(issues):
        due = issue + timedelta(days=terms)
        number = f"F{issue:%y%m}-{index + 1:06d}{k:02d}"
        amount = _amount(rng, segment)
        paid_on = due + timedelta(days=round(rng.triangular(low, high, mode)))
        if paid_on <= issue or (stop and due >= stop):
            paid_on = issue + timedelta(days=1) if not (stop and due >= stop) else date.max
        inv = _Inv(
            number=number,
            issue=issue,
            due=due,
            amount=amount,
            open=amount,
            paid_on=None,
            has_quote=rng.random() < segment.p_quote,
            has_po=rng.random() < segment.p_po,
            has_delivery=rng.random() < 0.9,
        )
        invs.append(inv)
        credit = _credit_note(rng, inv, index, k, min(paid_on, today - timedelta(days=1)))
        if credit:
            invs.append(credit)
            inv.open -= -credit.amount
        if paid_on < today or inv.open == 0:
            paid_on = min(paid_on, credit.issue if credit and inv.open == 0 else paid_on)
            if inv.open > 0:
                pays.append((f"VIR-{number}", _business_on_or_before(paid_on), inv.open))
            inv.open, inv.paid_on = 0, paid_on
            letter = _letter_code(len(letters))
            letters[number] = (letter, paid_on)
            letters[f"VIR-{number}"] = (letter, paid_on)
            if credit:
                letters[credit.number] = (letter, paid_on)
        elif (
            due < today - timedelta(days=5)
            and inv.open >= 1000
            and rng.random() < profile.p_partial
        ):
            part = max(100, int(inv.open * rng.uniform(0.2, 0.7)) // 100 * 100)
            span = (today - due).days - 1
            on = _business_on_or_before(due + timedelta(days=rng.randint(1, span)))
            pays.append((f"ACP-{number}", on, part))
            inv.open -= part
        if inv.open > 0 and rng.random() < 0.02:
            inv.excluded = True
    if profile.name == "credit":
        invs.append(_unapplied_credit(rng, index, invs, today))
    return invs, pays, letters


def _credit_note(rng: random.Random, inv: _Inv, index: int, k: int, latest: date) -> _Inv | None:
    """Now and then a credit note (avoir) for a return or a commercial gesture."""
    if rng.random() >= 0.03 or latest <= inv.issue:
        return None
    on = min(latest, inv.issue + timedelta(days=rng.randint(5, 30)))
    share = rng.choice((10, 20, 50, 100))
    # A full credit cancels the invoice to the cent; a partial one is a round amount.
    cents = inv.amount if share == 100 else max(100, inv.amount * share // 100 // 100 * 100)
    return _Inv(f"AV{on:%y%m}-{index + 1:06d}{k:02d}", on, on, -cents, 0, on, False, False, False)


def _unapplied_credit(rng: random.Random, index: int, invs: list[_Inv], today: date) -> _Inv:
    """A credit note bigger than what is owed: the customer has a credit balance."""
    owed = sum(i.open for i in invs)
    cents = owed + rng.randint(100, 2000) * 100
    on = today - timedelta(days=rng.randint(5, 60))
    return _Inv(f"AV{on:%y%m}-{index + 1:06d}99", on, on, -cents, -cents, None, False, False, False)


def _letter_code(n: int) -> str:
    """0 -> AA, 1 -> AB ... the lettering codes accounting packages print."""
    letters = ""
    n += 26  # always at least two letters
    while n:
        n, rest = divmod(n, 26)
        letters = chr(65 + rest) + letters
    return letters


def _invoice(code: str, inv: _Inv) -> Invoice:
    return Invoice(
        debtor_code=code,
        number=inv.number,
        issue_date=inv.issue,
        due_date=inv.due,
        amount_cents=inv.amount,
        open_cents=inv.open,
        has_quote=inv.has_quote,
        has_po=inv.has_po,
        has_delivery_note=inv.has_delivery,
        excluded=inv.excluded,
        id=inv.id,
    )


def _debtor(
    rng: random.Random,
    code: str,
    name: str,
    segment: Segment,
    profile: Profile,
    terms: int,
    collector: str | None,
    oldest: int,
    invs: list[_Inv],
) -> Debtor:
    step = min(9, sum(1 for t in DUNNING_THRESHOLDS if oldest >= t))
    status = "active"
    if oldest > 150 and rng.random() < 0.3:
        status = "litigation"
    elif oldest == 0 and not any(i.open for i in invs) and rng.random() < 0.05:
        status = "closed"
    hold = profile.name == "stopped" or (oldest > 60 and rng.random() < 0.6)
    tags = (rng.choice(names.TAGS),) if rng.random() < 0.15 else ()
    orders = 0
    if status == "active" and rng.random() < 0.2:
        orders = int(rng.lognormvariate(math.log(segment.amount_median_eur), 0.7)) * 100
    return Debtor(
        code=code,
        name=name,
        segment=segment.name,
        status=status,
        collector=collector,
        credit_hold=hold,
        payment_terms_days=terms,
        dunning_step=step,
        tags=tags,
        pending_orders_cents=orders,
    )


# -- the history of one debtor --------------------------------------------------------------


class _Book:
    """Builds one debtor's calls and what they created, in time order.

    Events are collected first (day, second, outcome, details), then sorted
    and numbered, so ids follow time and promises can point at their call.
    """

    def __init__(
        self,
        rng: random.Random,
        code: str,
        today: date,
        invs: list[_Inv],
        pays: list[tuple[str, date, int]],
        letters: dict[str, tuple[str, date]],
        profile: Profile,
    ):
        self.rng, self.code, self.today, self.invs, self.pays = rng, code, today, invs, pays
        self.letters, self.profile = letters, profile
        self.events: list[list] = []
        self.calls: list[tuple] = []
        self.promises: list[tuple] = []
        self.disputes: list[tuple] = []
        self.dispute_invoices: list[tuple[int, int]] = []
        self.disputed: list[tuple[int, list[int]]] = []
        self.tasks: list[tuple] = []
        self.collector: str | None = None
        self.windows = self._windows()

    def _windows(self) -> list[tuple[date, date, int]]:
        """Periods when an invoice was overdue and worth a call: (first day, last day, position)."""
        out = []
        yesterday = self.today - timedelta(days=1)
        for pos, inv in enumerate(self.invs):
            if inv.amount <= 0:
                continue
            start = inv.due + timedelta(days=7)  # two reminder e-mails come first
            end = min(inv.paid_on - timedelta(days=1), yesterday) if inv.paid_on else yesterday
            if end >= start:
                out.append((start, end, pos))
        return out

    # -- events
    def _event(self, day: date, outcome: Outcome, contact: int, **details) -> list:
        day = _business_on_or_before(min(day, self.today - timedelta(days=1)))
        event = [day, _calling_second(self.rng), outcome, contact, details]
        self.events.append(event)
        return event

    def _day_in(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def history(self, contacts: list[dict], ids: Ids, collector: str | None) -> list[Contact]:
        """Draw every call of this debtor; returns the final contacts (wrong numbers flagged)."""
        self.collector = collector
        self.contacts = contacts
        self.deciders = [i for i, c in enumerate(contacts) if c["decision_maker"]] or [0]
        if self.windows:
            self._promises()
            self._disputes()
            self._wrong_number()
            self._generic_calls()
            self._upcoming()
        self._number(ids)
        result = []
        for c in contacts:
            ids.contacts += 1
            result.append(Contact(debtor_code=self.code, id=ids.contacts, **c))
        self._contact_ids = [c.id for c in result]
        self._emit()
        return result

    def _decider(self) -> int:
        return self.rng.choice(self.deciders)

    def _promises(self) -> None:
        rng, profile, grace = self.rng, self.profile, timedelta(days=PROMISE_GRACE_DAYS)
        partials = {ref[4:]: (on, cents) for ref, on, cents in self.pays if ref.startswith("ACP-")}
        for start, _end, pos in self.windows:
            inv = self.invs[pos]
            paid = self._paid_for(inv.number) if inv.paid_on else 0
            if paid and rng.random() < profile.p_promise:
                # The promise that came before a late payment (kept, mostly).
                called = max(start, inv.paid_on - timedelta(days=rng.randint(2, 12)))
                promised = inv.paid_on + timedelta(days=rng.randint(-2, 3))
                self._promise(called, promised, paid)
            elif inv.number in partials and rng.random() < 0.7:
                on, cents = partials[inv.number]
                called = max(start - timedelta(days=5), on - timedelta(days=rng.randint(2, 8)))
                self._promise(called, on + timedelta(days=rng.randint(0, 2)), inv.open + cents)
            elif not inv.paid_on and rng.random() < profile.p_broken:
                latest = self.today - grace - timedelta(days=12)
                if latest > start:
                    called = self._day_in(start, latest)
                    promised = called + timedelta(days=rng.randint(3, 10))
                    self._promise(called, promised, inv.open)
        overdue = self._overdue_total()
        if overdue > 0 and rng.random() < profile.p_pending:
            called = self.today - timedelta(days=rng.randint(1, 6))
            promised = _business_on_or_after(self.today + timedelta(days=rng.randint(0, 12)))
            cents = overdue if rng.random() < 0.7 else max(100, overdue // 200 * 100)
            self._promise(called, promised, cents)
        elif overdue > 500_000 and rng.random() < 0.05:
            self._payment_plan(overdue)

    def _paid_for(self, number: str) -> int:
        for ref, _, cents in self.pays:
            if ref == f"VIR-{number}":
                return cents
        return 0

    def _overdue_total(self) -> int:
        return sum(
            i.open for i in self.invs if i.open > 0 and i.due < self.today and not i.excluded
        )

    def _promise(self, called: date, promised: date, cents: int) -> None:
        promised = _business_on_or_after(max(promised, called + timedelta(days=1)))
        note = self.rng.choice(names.CALL_NOTES["promise"])
        self._event(called, Outcome.PROMISE, self._decider(), note=note, promise=(promised, cents))

    def _payment_plan(self, overdue: int) -> None:
        """Instalments agreed a few weeks ago; those already due were (mostly) paid."""
        rng = self.rng
        called = self.today - timedelta(days=rng.randint(20, 45))
        count = rng.randint(3, 5)
        share = overdue // count // 100 * 100
        plan = []
        for n in range(count):
            on = _business_on_or_after(called + timedelta(days=10 + 30 * n))
            cents = share if n < count - 1 else overdue - share * (count - 1)
            plan.append((on, cents))
            if on < self.today - timedelta(days=PROMISE_GRACE_DAYS) and rng.random() < 0.85:
                self._pay_oldest(f"ECH-{self.code}-{n + 1}", on, cents)
        note = rng.choice(names.CALL_NOTES["payment_plan"])
        self._event(called, Outcome.PAYMENT_PLAN, self._decider(), note=note, plan=plan)

    def _pay_oldest(self, reference: str, on: date, cents: int) -> None:
        """A payment without an invoice reference settles the oldest open invoices first."""
        self.pays.append((reference, on, cents))
        for inv in sorted(self.invs, key=lambda i: i.due):
            if cents <= 0:
                break
            if inv.open > 0 and not inv.excluded:
                used = min(cents, inv.open)
                inv.open -= used
                cents -= used
                if inv.open == 0:
                    inv.paid_on = on

    def _disputes(self) -> None:
        rng = self.rng
        open_late = [(s, e, p) for s, e, p in self.windows if self.invs[p].open > 0]
        if open_late and rng.random() < 0.06:
            start, end, pos = rng.choice(open_late)
            chosen = [pos]
            others = [p for _, _, p in open_late if p != pos]
            if others and rng.random() < 0.3:
                chosen.append(rng.choice(others))
            reason = rng.choice(names.DISPUTE_REASONS)
            if reason == "Bon de livraison non signé":
                for p in chosen:
                    self.invs[p].has_delivery = False
            elif reason == "Bon de commande absent":
                for p in chosen:
                    self.invs[p].has_po = False
            self._dispute_event(self._day_in(start, end), reason, chosen, resolved=None)
        paid_late = [(s, e, p) for s, e, p in self.windows if self.invs[p].paid_on]
        if paid_late and rng.random() < 0.04:
            start, end, pos = rng.choice(paid_late)
            resolved = self.invs[pos].paid_on - timedelta(days=1)
            self._dispute_event(
                self._day_in(start, end), rng.choice(names.DISPUTE_REASONS), [pos], resolved
            )

    def _dispute_event(self, day: date, reason: str, positions: list[int], resolved) -> None:
        note = self.rng.choice(names.CALL_NOTES["dispute"])
        self._event(
            day, Outcome.DISPUTE, self._decider(), note=note, dispute=(reason, positions, resolved)
        )

    def _wrong_number(self) -> None:
        if len(self.contacts) > 1 and self.rng.random() < 0.08:
            slot = self.rng.randrange(1, len(self.contacts))
            self.contacts[slot]["wrong_number"] = True
            start, end, _ = self.rng.choice(self.windows)
            note = self.rng.choice(names.CALL_NOTES["wrong_number"])
            self._event(self._day_in(start, end), Outcome.WRONG_NUMBER, slot, note=note)

    def _generic_calls(self) -> None:
        rng = self.rng
        span = sum((e - s).days + 1 for s, e, _ in self.windows)
        count = min(MAX_CALLS_PER_DEBTOR, int(span * CALL_RATE * rng.uniform(0.6, 1.4) + 0.5))
        weights = [(e - s).days + 1 for s, e, _ in self.windows]
        callable_ = [i for i, c in enumerate(self.contacts) if not c["wrong_number"]] or [0]
        for start, end, _ in rng.choices(self.windows, weights=weights, k=count):
            outcome = _GENERIC[bisect_right(_GENERIC_CUM, rng.random() * _GENERIC_CUM[-1])]
            contact = rng.choice(callable_)
            details = {"note": rng.choice(names.CALL_NOTES[str(outcome)])}
            if outcome is Outcome.SKIP:
                details["reason"] = rng.choice(names.SKIP_REASONS)
            elif outcome is Outcome.REFUSED:
                contact = self._decider()
                details["reason"] = rng.choice(names.REFUSAL_REASONS)
            event = self._event(self._day_in(start, end), outcome, contact, **details)
            if outcome is Outcome.CALLBACK:
                event[4]["callback"] = _instant(
                    event[0], rng.choice((11, 15, 16, 17)) * 3600 + rng.choice((0, 1800))
                )
            elif outcome is Outcome.ALREADY_PAID:
                event[4]["task"] = "check_payment"
            elif outcome is Outcome.NO_ANSWER and rng.random() < 0.01:
                # A key pressed by mistake, undone at once and logged again.
                undo = [event[0], event[1] + 20, Outcome.UNDO, contact, {"undoes": event}]
                again = [event[0], event[1] + 40, Outcome.VOICEMAIL, contact, {"note": ""}]
                self.events.extend((undo, again))

    def _upcoming(self) -> None:
        """Some debtors asked yesterday to be called back today or tomorrow."""
        if self._overdue_total() <= 0 or self.rng.random() >= 0.05:
            return
        if any(e[2] is Outcome.PROMISE and e[4]["promise"][0] >= self.today for e in self.events):
            return
        yesterday = _business_on_or_before(self.today - timedelta(days=1))
        day = self.today if self.rng.random() < 0.6 else self.today + timedelta(days=1)
        when = _instant(_business_on_or_after(day), self.rng.choice((14, 15, 16, 17)) * 3600)
        note = self.rng.choice(names.CALL_NOTES["callback"])
        self._event(yesterday, Outcome.CALLBACK, self._decider(), note=note, callback=when)

    # -- numbering and rows
    def _number(self, ids: Ids) -> None:
        self.events.sort(key=lambda e: (e[0], e[1]))
        for event in self.events:
            ids.calls += 1
            event.append(ids.calls)
        self.ids = ids

    def _emit(self) -> None:
        collector = self.collector or self.rng.choice(COLLECTORS)
        for day, second, outcome, contact, details, call_id in self.events:
            who = collector if self.rng.random() < 0.85 else self.rng.choice(COLLECTORS)
            at = _instant(day, second)
            right = int(outcome in REACHED and self.contacts[contact]["decision_maker"])
            undoes = details["undoes"][5] if "undoes" in details else None
            self.calls.append(
                (
                    call_id,
                    self.code,
                    who,
                    at,
                    self._contact_ids[contact],
                    str(outcome),
                    details.get("note", ""),
                    right,
                    undoes,
                    None,
                    details.get("callback"),
                    details.get("reason", ""),
                )
            )
            if "promise" in details:
                on, cents = details["promise"]
                self._add_promise(call_id, None, who, day, at, on, cents)
            elif "plan" in details:
                for on, cents in details["plan"]:
                    self._add_promise(call_id, call_id, who, day, at, on, cents)
            elif "dispute" in details:
                self._add_dispute(call_id, who, at, *details["dispute"])
            elif "task" in details:
                checked = day + timedelta(days=2)
                done = _instant(checked, 10 * 3600) if checked < self.today else None
                self._add_task(call_id, "check_payment", who, at, done)

    def _add_promise(self, call_id, plan_id, who, day, at, on: date, cents: int) -> None:
        """Status and paid amount follow from the payments, as settlement would find them."""
        deadline = on + timedelta(days=PROMISE_GRACE_DAYS)
        paid = sum(c for _, p_on, c in self.pays if day <= p_on <= deadline)
        paid = min(paid, cents)
        if deadline >= self.today:
            status, settled = ("kept", at) if paid >= cents else ("pending", None)
        else:
            status = "kept" if paid >= cents else "partly_kept" if paid else "broken"
            settled = _instant(deadline + timedelta(days=1), 7 * 3600)
        self.ids.promises += 1
        self.promises.append(
            (self.ids.promises, self.code, call_id, plan_id, who, at, on.isoformat(), cents, paid,
             status, settled)
        )  # fmt: skip

    def _add_dispute(self, call_id, who, at, reason, positions, resolved) -> None:
        self.ids.disputes += 1
        status = "resolved" if resolved else "open"
        resolved_at = _instant(resolved, 11 * 3600) if resolved else None
        self.disputes.append(
            (self.ids.disputes, self.code, call_id, reason, status, at, who, resolved_at)
        )
        self.disputed.append((self.ids.disputes, positions))
        kind = "send_delivery_note" if "livraison" in reason.lower() else "send_copy"
        self._add_task(call_id, kind, who, at, resolved_at)

    def _add_task(self, call_id, kind: str, who: str, at: str, done: str | None) -> None:
        self.ids.tasks += 1
        note = dict(names.TASK_KINDS).get(kind, "")
        self.tasks.append((self.ids.tasks, self.code, call_id, kind, note, at, who, done))


# -- the whole ledger ------------------------------------------------------------------------


@dataclass
class _Summary:
    counts: Counter = field(default_factory=Counter)
    promises: Counter = field(default_factory=Counter)
    aging: Counter = field(default_factory=Counter)
    balance_cents: int = 0
    overdue_cents: int = 0

    def add(self, built: DebtorLedger, today: date) -> None:
        c = self.counts
        c["debtors"] += 1
        c["contacts"] += len(built.contacts)
        c["invoices"] += len(built.invoices)
        c["payments"] += len(built.payments)
        c["calls"] += len(built.calls)
        c["promises"] += len(built.promises)
        c["disputes"] += len(built.disputes)
        c["tasks"] += len(built.tasks)
        for row in built.promises:
            self.promises[row[9]] += 1
        for inv in built.invoices:
            if inv.open_cents == 0:
                continue
            c["open_invoices"] += 1
            self.balance_cents += inv.open_cents
            bucket = aging_bucket((today - inv.due_date).days)
            self.aging[bucket] += inv.open_cents
            if bucket != "not_due":
                self.overdue_cents += inv.open_cents


def aging_bucket(days_late: int) -> str:
    """The five buckets of an aged balance: not due, 1-30, 31-60, 61-90, over 90 days."""
    if days_late <= 0:
        return "not_due"
    if days_late <= 30:
        return "1_30"
    if days_late <= 60:
        return "31_60"
    if days_late <= 90:
        return "61_90"
    return "over_90"


def ledger_day(now: datetime) -> date:
    """The business date the ledger is built for: ``now`` seen from Paris."""
    if now.tzinfo is None:
        raise DemoError("now must be timezone-aware")
    return now.astimezone(PARIS).date()


def iter_debtors(seed: int, debtors: int, today: date, ids: Ids | None = None):
    """Yield each generated debtor in order (pure: nothing is written)."""
    ids = ids if ids is not None else Ids()
    for index in range(debtors):
        yield build_debtor(seed, index, today, ids)


def generate(
    store: Store,
    *,
    debtors: int,
    seed: int,
    now: datetime,
    chunk: int = 1000,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Fill an empty database with a demo ledger; returns a summary of what was written.

    One transaction: either the whole ledger is there or nothing is. The queue
    is scored afterwards when the queue service is available.
    """
    if debtors < 1:
        raise DemoError("the demo ledger needs at least one debtor")
    today = ledger_day(now)
    stamp = datetime.combine(today, time(6, 0), tzinfo=UTC)
    started = perf_counter()
    with history.bulk_mode(store), store.transaction():
        if not history.ledger_is_empty(store):
            raise DemoError(f"{store.path}: the database already holds debtors")
        with history.deferred_indexes(store):
            summary = _fill(store, debtors, seed, today, stamp, chunk, progress)
    built_seconds = perf_counter() - started
    queued = _rescore(store, now)
    result = {
        "debtors": debtors,
        "seed": seed,
        "date": today.isoformat(),
        **{k: v for k, v in summary.counts.items() if k != "debtors"},
        "users": len(TEAM),
        "promises_by_status": dict(sorted(summary.promises.items())),
        "balance_cents": summary.balance_cents,
        "overdue_cents": summary.overdue_cents,
        "aging_cents": {b: summary.aging.get(b, 0) for b in AGING_BUCKETS},
        "build_seconds": round(built_seconds, 2),
        "queued": queued,
    }
    return result


AGING_BUCKETS = ("not_due", "1_30", "31_60", "61_90", "over_90")


def _fill(
    store: Store,
    debtors: int,
    seed: int,
    today: date,
    stamp: datetime,
    chunk: int,
    progress: Callable[[int, int], None] | None,
) -> _Summary:
    """Build and write the debtors chunk by chunk (inside the caller's transaction)."""
    summary = _Summary()
    history.insert_users(store, _team_rows(stamp))
    ids = Ids(**history.last_ids(store))
    first_contact, first_invoice = ids.contacts, ids.invoices
    batch: list[DebtorLedger] = []
    for built in iter_debtors(seed, debtors, today, ids):
        batch.append(built)
        summary.add(built, today)
        if len(batch) >= chunk:
            _write(store, batch, stamp)
            batch = []
            if progress:
                progress(summary.counts["debtors"], debtors)
    _write(store, batch, stamp)
    _check_ids(store, ids, first_contact, first_invoice, summary)
    return summary


def _team_rows(stamp: datetime) -> list[tuple[str, str, str, str]]:
    created = stamp.isoformat()
    return [(login, role, display, created) for login, display, role in TEAM]


def _write(store: Store, batch: list[DebtorLedger], stamp: datetime) -> None:
    if not batch:
        return
    ledger.upsert_debtors(store, (b.debtor for b in batch), stamp)
    ledger.upsert_contacts(store, (c for b in batch for c in b.contacts))
    ledger.upsert_invoices(store, (i for b in batch for i in b.invoices))
    ledger.upsert_payments(store, (p for b in batch for p in b.payments))
    history.insert_calls(store, (row for b in batch for row in b.calls))
    history.insert_promises(store, (row for b in batch for row in b.promises))
    history.insert_disputes(store, (row for b in batch for row in b.disputes))
    history.insert_dispute_invoices(store, (row for b in batch for row in b.dispute_invoices))
    history.insert_tasks(store, (row for b in batch for row in b.tasks))


def _check_ids(store: Store, ids: Ids, first_contact: int, first_invoice: int, summary) -> None:
    """The ids we handed out must be the ones SQLite gave (it numbers an empty table 1, 2, ...)."""
    last = history.last_ids(store)
    expected_contacts = first_contact + summary.counts["contacts"]
    expected_invoices = first_invoice + summary.counts["invoices"]
    if last["contacts"] != expected_contacts or last["invoices"] != expected_invoices:
        raise DemoError("row ids drifted while writing the demo ledger; nothing was written")


def _rescore(store: Store, now: datetime) -> int | None:
    """Score the queue when the queue service exists (it is built alongside the generator)."""
    try:
        from callcenter.service.queue import rescore
    except ImportError:
        return None
    return rescore(store, now=now)


# -- FEC export ------------------------------------------------------------------------------

FEC_COLUMNS = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
)
RECEIVABLE_ACCOUNT = "411000"
SALES_ACCOUNT = "706000"
VAT_ACCOUNT = "445710"
BANK_ACCOUNT = "512000"


def fec_amount(cents: int) -> str:
    """``1234,50``: the FEC writes comma decimals without grouping."""
    units, rest = divmod(cents, 100)
    return f"{units},{rest:02d}"


def write_fec(
    path: str | Path,
    *,
    debtors: int,
    seed: int,
    now: datetime,
    max_lines: int | None = None,
) -> int:
    """Write the generated ledger as an FEC file (tab separated, UTF-8); returns the line count.

    Each invoice is a balanced sales entry (411 debit, 706 and 44571 credits),
    each credit note the reverse, each payment a bank entry (512 debit, 411
    credit). Fully settled invoices share a lettering code with their payment
    and credit note. Entries are grouped by customer, not sorted by date.
    ``max_lines`` stops after the entry that reaches it (entries stay whole).
    """
    today = ledger_day(now)
    written = 0
    numbers = iter(range(1, 1 << 62))
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("\t".join(FEC_COLUMNS) + "\n")
        for built in iter_debtors(seed, debtors, today):
            for line in _fec_lines(built, numbers, today):
                out.write(line)
                written += 1
            if max_lines is not None and written >= max_lines:
                break
    return written


def _fec_lines(built: DebtorLedger, numbers: Iterator[int], today: date) -> Iterator[str]:
    code, name = built.debtor.code, _fec_text(built.debtor.name)
    valid = f"{today:%Y%m%d}"
    for inv in built.invoices:
        num = f"VE{next(numbers):08d}"
        day = f"{inv.issue_date:%Y%m%d}"
        letter, let_on = built.letters.get(inv.number, ("", None))
        let_day = f"{let_on:%Y%m%d}" if let_on else ""
        gross = abs(inv.amount_cents)
        net = (gross * 5 + 3) // 6  # gross / 1.2 rounded, in integers
        vat = gross - net
        is_credit = inv.amount_cents < 0
        label = ("Avoir " if is_credit else "Facture ") + inv.number
        head = f"VE\tVentes\t{num}\t{day}\t"
        tail = f"\t{inv.number}\t{day}\t{label}\t"
        debit, credit = ("", fec_amount(gross)) if is_credit else (fec_amount(gross), "")
        yield (
            f"{head}{RECEIVABLE_ACCOUNT}\tClients\t{code}\t{name}{tail}"
            f"{debit or '0,00'}\t{credit or '0,00'}\t{letter}\t{let_day}\t{valid}\t\t\n"
        )
        for account, label2, cents in ((SALES_ACCOUNT, "Ventes", net), (VAT_ACCOUNT, "TVA", vat)):
            d, c = (fec_amount(cents), "0,00") if is_credit else ("0,00", fec_amount(cents))
            yield f"{head}{account}\t{label2}\t\t{tail}{d}\t{c}\t\t\t{valid}\t\t\n"
    for pay in built.payments:
        num = f"BQ{next(numbers):08d}"
        day = f"{pay.paid_on:%Y%m%d}"
        letter, let_on = built.letters.get(pay.reference, ("", None))
        let_day = f"{let_on:%Y%m%d}" if let_on else ""
        amount = fec_amount(pay.amount_cents)
        head = f"BQ\tBanque\t{num}\t{day}\t"
        tail = f"\t{pay.reference}\t{day}\tRèglement {pay.reference}\t"
        yield f"{head}{BANK_ACCOUNT}\tBanque\t\t{tail}{amount}\t0,00\t\t\t{valid}\t\t\n"
        yield (
            f"{head}{RECEIVABLE_ACCOUNT}\tClients\t{code}\t{name}{tail}0,00\t{amount}"
            f"\t{letter}\t{let_day}\t{valid}\t\t\n"
        )


def _fec_text(text: str) -> str:
    """Tabs and line breaks would break the columns."""
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")

"""One debtor's ledger: name, contacts, twelve months of invoices and payments, then its history."""

from __future__ import annotations

import math
import random
import unicodedata
from datetime import date, timedelta

from callcenter.domain.models import Debtor, Invoice, Payment, Role
from callcenter.importers.demo import words
from callcenter.importers.demo.calls import Book
from callcenter.importers.demo.days import business_on_or_before
from callcenter.importers.demo.model import (
    KEY_ACCOUNT_COLLECTORS,
    PROFILES,
    SEGMENTS,
    SME_COLLECTORS,
    DebtorLedger,
    Draft,
    Ids,
    Profile,
    Segment,
    debtor_code,
)

#: Days past due of the oldest open invoice at which dunning steps 1 to 5 are reached
#: (step = how many are passed): 1 first reminder e-mail, 2 second reminder, 3 phone,
#: 4 formal notice (mise en demeure), 5 court payment order (injonction de payer).
DUNNING_THRESHOLDS = (1, 8, 15, 45, 90)
#: The last step of the product's ladder (queue.dunning_step_cap): litigation or an
#: agency. Only debtors in litigation stand on it; age alone stops at step 5.
DUNNING_LAST_STEP = 6

#: Phone numbers come from six small blocks that, to our knowledge, the French
#: regulator keeps for fiction (films, books), so a demo database should not
#: dial a real person; not verified against the current numbering plan.
PHONE_BLOCKS = {"1": "99 00", "2": "61 91", "3": "53 01", "4": "65 71", "5": "36 49", "6": "39 98"}

BEST_HOURS = ("", "", "9h-12h", "14h-17h", "matin", "après 16h", "mardi et jeudi", "avant 10h")


def build_debtor(seed: int, index: int, today: date, ids: Ids) -> DebtorLedger:
    """Generate debtor number ``index`` (0-based) as of ``today``, taking ids from ``ids``."""
    rng = random.Random(seed * 1_000_003 + index)
    code = debtor_code(index)
    segment = _weighted(rng, SEGMENTS)
    profile = _weighted(rng, PROFILES)
    town, area = rng.choice(words.TOWNS)
    name = _company_name(rng, segment.name, town)
    terms = rng.choice(segment.terms)
    invs, pays, letters = _invoices(rng, code, index, segment, profile, terms, today)
    book = Book(rng, code, today, invs, pays, letters, profile)
    contacts = _contacts(rng, code, name, segment.name, area, index)
    debtor_contacts = book.history(contacts, ids, _portfolio(rng, segment.name))
    for inv in invs:
        ids.invoices += 1
        inv.id = ids.invoices
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
    family = rng.choice(words.FAMILY_NAMES)
    form = rng.choice(words.LEGAL_FORMS)
    if segment == "public":
        return rng.choice(words.PUBLIC_BODIES).replace("de {town}", _de(town))
    if segment == "grand_compte":
        pattern = rng.randrange(3)
        if pattern == 0:
            return f"Groupe {family}"
        if pattern == 1:
            return f"{family} {rng.choice(words.INDUSTRIES)} SA"
        return f"{rng.choice(words.INDUSTRIES)} du {rng.choice(words.PLACES)} SAS"
    trade = rng.choice(words.TRADES)
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
    return f"L'Atelier {_de(rng.choice(words.FIRST_NAMES))}"


def _portfolio(rng: random.Random, segment: str) -> str | None:
    """Key accounts and public bodies go to two seniors; a few debtors are unassigned."""
    if rng.random() < 0.04:
        return None
    if segment in ("grand_compte", "public"):
        return rng.choice(KEY_ACCOUNT_COLLECTORS)
    return rng.choice(SME_COLLECTORS)


def _phone(rng: random.Random, area: str, index: int, slot: int, mobile: bool) -> str:
    """A number of the blocks set aside for fiction, in its stored (E.164) form.

    Ledgers type numbers three ways (``_typed_phone``); the normaliser reads each
    of them as ``+33`` and the nine digits (tests/test_demo_phones.py checks it on
    every style). Writing that form directly keeps the generator's draws, so the
    ledgers are the same, without parsing each number with phonenumbers: that was
    half of the time to generate a debtor, paid by every test that builds a ledger.
    """
    typed = _typed_phone(rng, area, index, slot, mobile)
    return "+33" + typed.replace(" ", "").removeprefix("+33").removeprefix("0")


def _typed_phone(rng: random.Random, area: str, index: int, slot: int, mobile: bool) -> str:
    """The number as a ledger would type it: international, spaced national or run together."""
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


_FEMININE = frozenset(words.FEMININE_FIRST_NAMES)

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
        first, family = rng.choice(words.FIRST_NAMES), rng.choice(words.FAMILY_NAMES)
        person = f"{first} {family}"
        if person in seen:
            person = f"{person} ({slot + 1})"
        seen.add(person)
        masculine, feminine = rng.choice(words.ROLE_TITLES[str(role)])
        title = feminine if first in _FEMININE else masculine
        decision = role is Role.OWNER or (role is Role.ACCOUNTANT and title == "DAF")
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
) -> tuple[list[Draft], list[tuple[str, date, int]], dict[str, tuple[str, date]]]:
    """Twelve months of invoices with their payments, credit notes and lettering."""
    count = rng.randint(1, 2 * segment.invoices_mean - 1)
    issues = sorted(today - timedelta(days=rng.randint(0, 364)) for _ in range(count))
    stop = today - timedelta(days=rng.randint(45, 200)) if profile.name == "stopped" else None
    low, high, mode = profile.delay
    invs: list[Draft] = []
    pays: list[tuple[str, date, int]] = []
    letters: dict[str, tuple[str, date]] = {}
    for k, issue in enumerate(issues):
        due = issue + timedelta(days=terms)
        number = f"F{issue:%y%m}-{index + 1:06d}{k:02d}"
        amount = _amount(rng, segment)
        paid_on = due + timedelta(days=round(rng.triangular(low, high, mode)))
        if paid_on <= issue or (stop and due >= stop):
            paid_on = issue + timedelta(days=1) if not (stop and due >= stop) else date.max
        inv = Draft(
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
                pays.append((f"VIR-{number}", business_on_or_before(paid_on), inv.open))
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
            on = business_on_or_before(due + timedelta(days=rng.randint(1, span)))
            pays.append((f"ACP-{number}", on, part))
            inv.open -= part
        if inv.open > 0 and rng.random() < 0.02:
            inv.excluded = True
    if profile.name == "credit":
        invs.append(_unapplied_credit(rng, index, invs, today))
    return invs, pays, letters


def _credit_note(rng: random.Random, inv: Draft, index: int, k: int, latest: date) -> Draft | None:
    """Now and then a credit note (avoir) for a return or a commercial gesture."""
    if rng.random() >= 0.03 or latest <= inv.issue:
        return None
    on = min(latest, inv.issue + timedelta(days=rng.randint(5, 30)))
    share = rng.choice((10, 20, 50, 100))
    # A full credit cancels the invoice to the cent; a partial one is a round amount.
    cents = inv.amount if share == 100 else max(100, inv.amount * share // 100 // 100 * 100)
    return Draft(f"AV{on:%y%m}-{index + 1:06d}{k:02d}", on, on, -cents, 0, on, False, False, False)


def _unapplied_credit(rng: random.Random, index: int, invs: list[Draft], today: date) -> Draft:
    """A credit note bigger than what is owed: the customer has a credit balance."""
    owed = sum(i.open for i in invs)
    cents = owed + rng.randint(100, 2000) * 100
    on = today - timedelta(days=rng.randint(5, 60))
    return Draft(
        f"AV{on:%y%m}-{index + 1:06d}99", on, on, -cents, -cents, None, False, False, False
    )


def _letter_code(n: int) -> str:
    """0 -> AA, 1 -> AB ... the lettering codes accounting packages print."""
    letters = ""
    n += 26  # always at least two letters
    while n:
        n, rest = divmod(n, 26)
        letters = chr(65 + rest) + letters
    return letters


def _invoice(code: str, inv: Draft) -> Invoice:
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
    invs: list[Draft],
) -> Debtor:
    status = "active"
    if oldest > 150 and rng.random() < 0.3:
        status = "litigation"
    elif oldest == 0 and not any(i.open for i in invs) and rng.random() < 0.05:
        status = "closed"
    step = dunning_step(oldest, status)
    hold = profile.name == "stopped" or (oldest > 60 and rng.random() < 0.6)
    tags = (rng.choice(words.TAGS),) if rng.random() < 0.15 else ()
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


def dunning_step(oldest_days_late: int, status: str) -> int:
    """The ladder step (0-6) a debtor stands on, from its oldest overdue invoice's age.

    Steps 1-5 follow the age; step 6 (litigation or agency) is a decision, not a
    delay, so it goes with the litigation status and never comes from age alone.
    """
    if status == "litigation":
        return DUNNING_LAST_STEP
    return sum(1 for t in DUNNING_THRESHOLDS if oldest_days_late >= t)

"""French late-payment law, as figures a collector can quote on the phone.

Between businesses, a late payer owes statutory penalties from the day after
the due date, without any reminder being needed, plus a fixed 40 € recovery
indemnity per invoice paid late (Code de commerce L441-10 and D441-5).
Saying so, with the figure, is one of the levers of a collection call. The
law also caps agreed payment terms and a commercial claim dies after five
years (L110-4): both are checked here so importers and hints agree.

Rates are integers in basis points (1 % = 100 bp) and amounts integer cents,
so nothing here touches a float. Every division rounds half up to the cent.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from dateutil.relativedelta import relativedelta

from callcenter.domain.models import Invoice
from callcenter.domain.record import record

#: The fixed recovery indemnity per invoice paid late (D441-5): 40 €.
RECOVERY_INDEMNITY_CENTS = 4_000
#: Points added to the ECB rate when the contract states no rate (L441-10): 10 points.
DEFAULT_MARGIN_BP = 1_000
#: Commercial claims are time-barred after five years (L110-4).
LIMITATION_YEARS = 5
#: Warn this long before the claim dies: 4.5 years after it fell due.
LIMITATION_WARNING = relativedelta(years=4, months=6)
#: Default terms when nothing was agreed (L441-10): 30 days after delivery.
DEFAULT_TERMS_DAYS = 30
#: Longest agreed terms (L441-10): 60 days from the invoice date...
MAX_TERMS_DAYS = 60
#: ...or 45 days end of month.
MAX_TERMS_END_OF_MONTH_DAYS = 45


class RateError(ValueError):
    """A rate that is not a percentage we can use."""


@record
class Rates:
    """The reference rates in force, in basis points, with the date they apply from.

    The ECB main refinancing rate is 2.15 % since 11 June 2025 (ECB decision
    of 5 June 2025), so the default penalty rate is 12.15 %. The legal
    interest rate for debts between professionals is 3.16 % for the second
    half of 2025 (arrêté of June 2025), hence a floor of 9.48 %. Both move
    every half-year: set the current values in the configuration (the Banque
    de France publishes them) rather than trusting these defaults for ever.
    One rate is applied to the whole lateness; the law takes the rate in
    force on 1 January / 1 July of each half-year, a refinement a phone call
    does not need.
    """

    ecb_bp: int = 215
    legal_bp: int = 316
    since: date = date(2025, 7, 1)
    #: A rate written in the terms of sale, when there is one.
    contractual_bp: int | None = None

    @property
    def floor_bp(self) -> int:
        """No agreed rate may be below three times the legal interest rate."""
        return 3 * self.legal_bp

    @property
    def penalty_bp(self) -> int:
        """The annual penalty rate: the agreed one (never below the floor), else ECB + 10."""
        if self.contractual_bp is not None:
            return max(self.contractual_bp, self.floor_bp)
        return self.ecb_bp + DEFAULT_MARGIN_BP

    @classmethod
    def from_percent(
        cls,
        ecb: str | int | float,
        legal: str | int | float = "3.16",
        since: date = date(2025, 7, 1),
        contractual: str | int | float | None = None,
    ) -> Rates:
        """Build from percentages as people write them ("2.15", "2,15", 2.15)."""
        return cls(
            ecb_bp=percent_to_bp(ecb),
            legal_bp=percent_to_bp(legal),
            since=since,
            contractual_bp=None if contractual is None else percent_to_bp(contractual),
        )


DEFAULT_RATES = Rates()


def percent_to_bp(value: str | int | float) -> int:
    """``"2.15"`` / ``"2,15 %"`` / ``2.15`` -> 215; raises :class:`RateError`."""
    text = str(value).replace(",", ".").replace("%", "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise RateError(f"not a percentage: {value!r}") from None
    if not number.is_finite() or not Decimal(0) <= number <= Decimal(100):
        raise RateError(f"a rate must be between 0 and 100 %: {value!r}")
    return int((number * 100).to_integral_value(rounding=ROUND_HALF_UP))


def format_rate(bp: int, lang: str = "fr") -> str:
    """215 -> ``2,15 %`` (fr) / ``2.15%`` (en)."""
    units, rest = divmod(bp, 100)
    if lang == "fr":
        return f"{units},{rest:02d}\u00a0%"
    return f"{units}.{rest:02d}%"


def divide_half_up(numerator: int, denominator: int) -> int:
    """Integer division rounded half up (away from zero for halves), for cents."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    sign = -1 if numerator < 0 else 1
    return sign * ((2 * abs(numerator) + denominator) // (2 * denominator))


def late_penalty_cents(open_cents: int, due_date: date, today: date, rate_bp: int) -> int:
    """Statutory penalties on one amount: open × rate × days late / 365, half up.

    Days run from the day after the due date to ``today`` included, on a
    365-day year (leap years too: the usual commercial convention). Nothing
    is due on a credit, an amount not yet due, or a zero rate.
    """
    days = (today - due_date).days
    if open_cents <= 0 or days <= 0 or rate_bp <= 0:
        return 0
    return divide_half_up(open_cents * rate_bp * days, 365 * 10_000)


@record
class InvoiceCharge:
    """What the law adds to one overdue invoice."""

    number: str
    open_cents: int
    days_late: int
    penalty_cents: int
    indemnity_cents: int = RECOVERY_INDEMNITY_CENTS


@record
class LateCharges:
    """Penalties and indemnities over a set of overdue invoices."""

    rate_bp: int
    invoices: tuple[InvoiceCharge, ...] = ()

    @property
    def penalties_cents(self) -> int:
        return sum(c.penalty_cents for c in self.invoices)

    @property
    def indemnities_cents(self) -> int:
        return sum(c.indemnity_cents for c in self.invoices)

    @property
    def total_cents(self) -> int:
        return self.penalties_cents + self.indemnities_cents


def late_charges(
    invoices: Iterable[Invoice], today: date, rates: Rates = DEFAULT_RATES
) -> LateCharges:
    """Penalties and the 40 € indemnity on every open, overdue, undisputed invoice.

    Disputed and excluded invoices are left out: the law may allow charging
    them, but quoting penalties on an invoice the client contests hardens the
    dispute instead of settling it. Credit notes and credits (open <= 0) carry
    nothing. Rounding is per invoice, then summed, as each invoice is claimed
    on its own.
    """
    rate = rates.penalty_bp
    charges = []
    for invoice in sorted(invoices, key=lambda i: (i.due_date, i.number)):
        days = invoice.days_late(today)
        if invoice.open_cents <= 0 or days <= 0 or invoice.disputed or invoice.excluded:
            continue
        penalty = late_penalty_cents(invoice.open_cents, invoice.due_date, today, rate)
        charges.append(InvoiceCharge(invoice.number, invoice.open_cents, days, penalty))
    return LateCharges(rate_bp=rate, invoices=tuple(charges))


def time_barred_on(due_date: date) -> date:
    """The day a claim that fell due on ``due_date`` can no longer be sued on.

    The five years of L110-4 run from when the claim could be demanded, the
    due date; a payment, a written acknowledgement or a court claim restarts
    them, which this simple date does not know about.
    """
    return _shifted(due_date, relativedelta(years=LIMITATION_YEARS))


def limitation_warning(invoice: Invoice, today: date) -> str | None:
    """``"barred"``, ``"near"`` (over 4.5 years since due) or None, for an open invoice."""
    if invoice.open_cents <= 0:
        return None
    if today >= time_barred_on(invoice.due_date):
        return "barred"
    if today >= _shifted(invoice.due_date, LIMITATION_WARNING):
        return "near"
    return None


def end_of_month(day: date) -> date:
    """The last calendar day of ``day``'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def latest_lawful_due_date(issue_date: date) -> date:
    """The latest due date the law allows for an invoice issued on ``issue_date``.

    Agreed terms may reach 60 days from the invoice, or 45 days end of month;
    the administration accepts both readings of the latter (end of month then
    45 days, or 45 days then end of month), so the most generous wins. Some
    trades have shorter caps (transport, perishable food): not modelled.
    """
    sixty = _shifted(issue_date, timedelta(days=MAX_TERMS_DAYS))
    forty_five = timedelta(days=MAX_TERMS_END_OF_MONTH_DAYS)
    return max(
        sixty,
        _shifted(end_of_month(issue_date), forty_five),
        end_of_month(_shifted(issue_date, forty_five)),
    )


def excess_terms_days(issue_date: date, due_date: date) -> int:
    """Days by which the agreed terms exceed the legal cap (0 when lawful)."""
    return max(0, (due_date - latest_lawful_due_date(issue_date)).days)


def default_due_date(issue_date: date, terms_days: int | None = None) -> date:
    """Due date from the client's terms, else the 30-day default (the FEC has no due date)."""
    days = DEFAULT_TERMS_DAYS if terms_days is None else terms_days
    return _shifted(issue_date, timedelta(days=days))


def _shifted(day: date, delta: timedelta | relativedelta) -> date:
    """``day + delta`` for a forward ``delta``, held at date.max instead of failing.

    Exports use 9999-12-31 (and worse) for "no date"; a hint must not crash
    the screen because of it.
    """
    try:
        return day + delta
    except (OverflowError, ValueError):
        return date.max

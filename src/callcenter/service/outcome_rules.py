"""The rules an outcome's details must meet, as refusal codes: one place for each rule.

Pure (no database): ``log_outcome`` applies them with what it reads in its
transaction (the balance), and the workstation's dialogs ask the same
functions before closing, with the dossier on screen, so the collector hears
the question while the debtor is still on the line. Codes are worded by
:meth:`callcenter.i18n.Locale.t`; the ones in
:data:`callcenter.service.errors.CONFIRMABLE` pass once the collector confirms.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

from callcenter.domain.record import record
from callcenter.service.errors import CONFIRMABLE

#: A promise further out than this is asked about: months, not weeks, is a plan.
FAR_MONTHS = 3


@record(slots=False)
class Refusal:
    """A refusal code and the values its message names."""

    code: str
    params: dict = field(default_factory=dict)

    @property
    def confirmable(self) -> bool:
        return self.code in CONFIRMABLE


def promise_refusal(
    day: date | None,
    cents: int | None,
    *,
    today: date,
    balance_cents: int,
    confirmed: bool = False,
) -> Refusal | None:
    """The first thing wrong with promising ``cents`` for ``day``, or None.

    ``cents`` None means "the overdue total" (checked by the caller). Firm
    refusals come first; with ``confirmed`` the questions are passed over.
    """
    if day is None:
        return Refusal("promise_no_date")
    if isinstance(day, datetime) or not isinstance(day, date):
        return Refusal("promise_not_a_date")
    if day < today:
        return Refusal("date_past", {"day": day})
    if cents is not None:
        if isinstance(cents, bool) or not isinstance(cents, int):
            return Refusal("amount_not_cents")
        if cents <= 0:
            return Refusal("amount_not_positive")
    if confirmed:
        return None
    return date_question(day, today) or amount_question(cents, balance_cents)


def date_question(day: date, today: date) -> Refusal | None:
    """A day more than three months out: said as "already past this year" when it is one.

    ``25/11`` typed on 1 December reads as 25/11 next year: almost surely a
    slip, so it is asked about; ``15/01`` typed in December is next month and
    passes.
    """
    if day <= today + relativedelta(months=FAR_MONTHS):
        return None
    try:
        this_year = day.replace(year=today.year)
    except ValueError:  # 29 February
        this_year = None
    if day.year > today.year and this_year is not None and this_year < today:
        return Refusal("date_passed_this_year", {"short": this_year, "day": day})
    return Refusal("date_far", {"day": day})


def amount_question(cents: int | None, balance_cents: int) -> Refusal | None:
    """More than the debtor owes: a typo, or an order not yet invoiced; ask."""
    if cents is not None and cents > balance_cents:
        return Refusal(
            "amount_above_balance", {"amount_cents": cents, "balance_cents": balance_cents}
        )
    return None


#: How a debtor may say it paid (``means`` of "already paid"); worded by ``means.<name>``.
PAYMENT_MEANS = ("transfer", "cheque", "card", "direct_debit", "bill", "cash", "other")


def _not_a_day(value: object) -> bool:
    return isinstance(value, datetime) or not isinstance(value, date)


def callback_refusal(moment: datetime | None, *, now: datetime) -> Refusal | None:
    """The first thing wrong with calling back at ``moment``, or None."""
    if moment is None:
        return Refusal("callback_no_time")
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        return Refusal("callback_naive")
    if moment <= now:
        return Refusal("callback_past")
    return None


def skip_refusal(reason: str, until: date | None, *, today: date) -> Refusal | None:
    """A skip says why; a day to come back, when given, is after today."""
    if not reason.strip():
        return Refusal("skip_no_reason")
    if until is not None and _not_a_day(until):
        return Refusal("promise_not_a_date")
    if until is not None and until <= today:
        return Refusal("skip_until_past", {"day": until})
    return None


def refused_refusal(reason: str) -> Refusal | None:
    """A refusal keeps what the debtor said: whoever decides the next step reads it."""
    return None if reason.strip() else Refusal("refused_no_reason")


def already_paid_refusal(
    paid_on: date | None,
    cents: int | None,
    means: str,
    *,
    today: date,
    balance_cents: int,
    confirmed: bool = False,
) -> Refusal | None:
    """The day the debtor says it paid (not to come), an amount above zero, a known means;
    more than the balance is asked about, as for a promise (a typo, or a payment for an
    invoice not imported yet)."""
    if paid_on is None:
        return Refusal("paid_no_date")
    if _not_a_day(paid_on):
        return Refusal("promise_not_a_date")
    if paid_on > today:
        return Refusal("paid_in_future", {"day": paid_on})
    if cents is not None and (isinstance(cents, bool) or not isinstance(cents, int)):
        return Refusal("amount_not_cents")
    if cents is not None and cents <= 0:
        return Refusal("paid_not_positive")
    if means and means not in PAYMENT_MEANS:
        return Refusal("paid_means", {"means": means})
    if confirmed:
        return None
    return paid_above_balance(cents, balance_cents)


def paid_above_balance(cents: int | None, balance_cents: int) -> Refusal | None:
    """Said to have paid more than the balance: asked about before it is kept."""
    if cents is not None and cents > balance_cents:
        return Refusal(
            "paid_above_balance", {"amount_cents": cents, "balance_cents": balance_cents}
        )
    return None


def plan_refusal(
    instalments, *, today: date, balance_cents: int, confirmed: bool = False
) -> Refusal | None:
    """Instalments (date, cents): at least one, dates not past and increasing, amounts above
    zero; a total above the balance is asked about."""
    if not instalments:
        return Refusal("plan_empty")
    previous: date | None = None
    for number, (day, cents) in enumerate(instalments, start=1):
        if _not_a_day(day):
            return Refusal("instalment_not_a_date", {"number": number})
        if isinstance(cents, bool) or not isinstance(cents, int) or cents <= 0:
            return Refusal("instalment_amount", {"number": number})
        if day < today:
            return Refusal("instalment_past", {"number": number, "day": day})
        if previous is not None and day <= previous:
            return Refusal("instalment_order", {"number": number})
        previous = day
    if confirmed:
        return None
    return amount_question(sum(c for _, c in instalments), balance_cents)

"""``a``: the debtor says it has paid: when, how much, how and under which reference.

What it says is kept with the call and a check task asks someone to find the
money on the bank statement; the bank line, when it is imported, is what
settles any promise.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.widgets import Input, Label

from callcenter.domain.money import AmountError, parse_amount
from callcenter.i18n import Locale
from callcenter.service.outcome_rules import PAYMENT_MEANS
from callcenter.tui.screens.asking import AskingDialog
from callcenter.tui.screens.promise import plain_amount


def means_choices(ui: Locale) -> str:
    """``1 virement · 2 chèque · …``: a digit is the same key in every language."""
    return " · ".join(f"{n} {ui.t('means.' + m)}" for n, m in enumerate(PAYMENT_MEANS, start=1))


def read_means(text: str, ui: Locale) -> str:
    """The means for a digit or a name in either language; the text itself when unknown."""
    typed = text.strip().casefold()
    if not typed:
        return ""
    if typed.isdigit() and 1 <= int(typed) <= len(PAYMENT_MEANS):
        return PAYMENT_MEANS[int(typed) - 1]
    for means in PAYMENT_MEANS:
        names = {means, ui.t("means." + means).casefold()}
        if typed in names:
            return means
    return text.strip()  # the service's rules name it as unknown


class AlreadyPaidDialog(AskingDialog):
    """Dismisses with ``(paid_on, amount_cents, means, reference, confirmed)``; Enter in any
    field saves; more than the balance waits for ``o`` to confirm."""

    def __init__(
        self,
        ui: Locale,
        today: date,
        default_cents: int,
        region: str = "FR",
        balance_cents: int | None = None,
    ) -> None:
        super().__init__(ui, "paid.title", "paid.keys")
        self.today = today
        self.holidays_region = region
        self.default_cents = default_cents
        self.balance_cents = default_cents if balance_cents is None else balance_cents

    def fields(self) -> ComposeResult:
        yield Label(self.ui.t("paid.date"))
        yield Input(id="paid_on", placeholder=self.ui.t("paid.date_hint"))
        yield Label(self.ui.t("paid.amount"))
        yield Input(plain_amount(self.default_cents, self.ui.lang), id="amount")
        yield Label(self.ui.t("paid.means", choices=means_choices(self.ui)))
        yield Input(id="means")
        yield Label(self.ui.t("paid.reference"))
        yield Input(id="reference")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from callcenter.domain.dates import DateParseError, parse_past_date
        from callcenter.service.outcome_rules import already_paid_refusal

        event.stop()
        typed = self.query_one("#paid_on", Input).value.strip()
        try:
            paid_on = parse_past_date(typed, self.today, self.holidays_region) if typed else None
        except DateParseError:
            self.fail(self.ui.t("error.date", text=typed))
            return
        amount = self.query_one("#amount", Input).value.strip()
        try:
            cents = parse_amount(amount) if amount else None
        except (AmountError, ValueError):
            self.fail(self.ui.t("error.amount", text=amount))
            return
        means = read_means(self.query_one("#means", Input).value, self.ui)
        reference = self.query_one("#reference", Input).value.strip()
        found = already_paid_refusal(
            paid_on, cents, means, today=self.today, balance_cents=self.balance_cents
        )
        self.settle(
            found,
            (paid_on, cents, means, reference, False),
            (paid_on, cents, means, reference, True),
        )

"""``s``: a payment plan, instalments of equal amounts one month apart."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from callcenter.domain.money import AmountError, parse_amount
from callcenter.i18n import Locale
from callcenter.tui.screens.asking import AskingDialog
from callcenter.tui.screens.promise import plain_amount

MAX_INSTALMENTS = 36


def split_plan(
    total_cents: int, count: int, first: date, region: str = "FR"
) -> list[tuple[date, int]]:
    """``count`` monthly instalments summing exactly to ``total_cents``; cents left go last.

    Each date is moved forward to a business day, so that a plan never asks for
    money on a Sunday or a bank holiday.
    """
    from callcenter.domain.dates import is_business_day

    if count < 1 or count > MAX_INSTALMENTS:
        raise ValueError(f"between 1 and {MAX_INSTALMENTS} instalments")
    if total_cents <= 0:
        raise ValueError("the total must be more than zero")
    base = total_cents // count
    plan = []
    for index in range(count):
        day = first + relativedelta(months=index)
        while not is_business_day(day, region):
            day += timedelta(days=1)
        amount = base if index < count - 1 else total_cents - base * (count - 1)
        plan.append((day, amount))
    return plan


class PlanDialog(AskingDialog):
    """Dismisses with ``(instalments, confirmed)``, the instalments a list of ``(date, cents)``.

    The service's rules decide: a total above the balance waits for ``o``/``y``.
    """

    def __init__(
        self,
        ui: Locale,
        today: date,
        default_cents: int,
        balance_cents: int | None = None,
        region: str = "FR",
    ) -> None:
        super().__init__(ui, "panel.plan")
        self.today = today
        self.default_cents = default_cents
        self.balance_cents = default_cents if balance_cents is None else balance_cents
        self.holidays_region = region

    def fields(self) -> ComposeResult:
        from callcenter.domain.dates import add_business_days

        yield Label(self.ui.t("plan.total"))
        yield Input(plain_amount(self.default_cents, self.ui.lang), id="total")
        yield Label(self.ui.t("plan.count"))
        yield Input("3", id="count", type="integer")
        yield Label(self.ui.t("plan.first"))
        yield Input(
            self.ui.date(add_business_days(self.today, 5, self.holidays_region)), id="first"
        )
        yield Static("", id="preview", markup=False)

    def on_mount(self) -> None:
        self._preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # AskingDialog's handler still runs: an edit withdraws a question
        self._preview()

    def _plan(self) -> list[tuple[date, int]]:
        from callcenter.domain.dates import parse_human_date

        total = parse_amount(self.query_one("#total", Input).value)
        count = int(self.query_one("#count", Input).value or "0")
        first_text = self.query_one("#first", Input).value
        first = self._first_date(first_text) or parse_human_date(
            first_text, self.today, self.holidays_region
        )
        return split_plan(total, count, first, self.holidays_region)

    def _first_date(self, text: str) -> date | None:
        """The prefilled date is shown in the locale's style, which may not be day-first."""
        from callcenter.domain.dates import add_business_days

        default = add_business_days(self.today, 5, self.holidays_region)
        return default if text.strip() == self.ui.date(default) else None

    def _explain(self, exc: ValueError) -> str:
        """What is wrong, in the collector's language (the helpers speak English)."""
        from callcenter.domain.dates import DateParseError

        if isinstance(exc, DateParseError):
            return self.ui.t("error.date", text=self.query_one("#first", Input).value.strip())
        count = self.query_one("#count", Input).value
        if not count.isdigit() or not 1 <= int(count) <= MAX_INSTALMENTS:
            return self.ui.t("error.count", max=MAX_INSTALMENTS)
        total = self.query_one("#total", Input).value.strip()
        try:
            parse_amount(total)
        except (AmountError, ValueError):
            return self.ui.t("error.amount", text=total)
        return self.ui.t("error.amount_zero")  # readable, but nothing to split

    def _preview(self) -> None:
        try:
            plan = self._plan()
        except (ValueError, AmountError) as exc:
            self.query_one("#preview", Static).update(self._explain(exc))
            return
        preview = self.ui.t(
            "plan.preview",
            n=len(plan),
            amount=self.ui.money(plan[0][1]),
            first=self.ui.date(plan[0][0]),
            last=self.ui.date(plan[-1][0]),
        )
        if plan[-1][1] != plan[0][1]:  # the cents left over go last: say so, the sum must add up
            preview += self.ui.t("plan.last_differs", amount=self.ui.money(plan[-1][1]))
        self.query_one("#preview", Static).update(preview)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            plan = self._plan()
        except (ValueError, AmountError) as exc:
            self.fail(self._explain(exc))
            return
        from callcenter.service.outcome_rules import plan_refusal

        found = plan_refusal(plan, today=self.today, balance_cents=self.balance_cents)
        self.settle(found, (plan, False), (plan, True))

"""``p``: a promise to pay, a date in one more key and an amount that defaults to the overdue total."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label, Static

from callcenter.domain.money import AmountError, parse_amount
from callcenter.i18n import Locale
from callcenter.tui.screens.dialog import OutcomeDialog


def plain_amount(cents: int, lang: str) -> str:
    """An amount as people type it (``1234,56``), to prefill an editable field."""
    units, rest = divmod(abs(cents), 100)
    sep = "," if lang == "fr" else "."
    return f"{'-' if cents < 0 else ''}{units}{sep}{rest:02d}"


def quick_date(key: str, today: date) -> date:
    """The promise date for a quick key; business days skip weekends and holidays."""
    from callcenter.domain import dates

    if key == "1":
        return dates.add_business_days(today, 1)
    if key == "2":
        return dates.add_business_days(today, 2)
    if key == "f":
        return dates.next_friday(today)
    return dates.end_of_month_business(today)


def read_date(text: str, chosen: date | None, ui: Locale, today: date) -> date:
    """The chosen quick date if the field still shows it, else what the collector typed."""
    from callcenter.domain.dates import parse_human_date

    if chosen is not None and text.strip() == ui.date(chosen):
        return chosen
    return parse_human_date(text, today)


class PromiseDialog(OutcomeDialog):
    """Dismisses with ``(promise_date, amount_cents)``.

    ``p`` then ``1``/``2``/``f``/``m`` saves at once with the amount shown (the
    overdue total unless edited): a promise is two keys. ``Tab`` goes to the
    typed date, ``Tab`` again to the amount; ``Enter`` in the amount with no
    date yet comes back to the quick keys, so an edited amount keeps them.
    """

    AUTO_FOCUS = ""  # so that 1, 2, f, m pick a date at once; Tab to type one
    BINDINGS = [
        Binding("1", "pick('1')", show=False),
        Binding("2", "pick('2')", show=False),
        Binding("f", "pick('f')", show=False),
        Binding("m", "pick('m')", show=False),
        Binding("enter", "save", show=False),
    ]

    def __init__(self, ui: Locale, today: date, default_cents: int) -> None:
        super().__init__(ui, "promise.title", "promise.keys")
        self.today = today
        self.default_cents = default_cents
        self.chosen: date | None = None

    def fields(self) -> ComposeResult:
        yield Label(self.ui.t("promise.date"))
        yield Input(id="date", placeholder=self.ui.t("promise.date_hint"))
        yield Label(self.ui.t("promise.amount"))
        yield Input(plain_amount(self.default_cents, self.ui.lang), id="amount")
        yield Static(self._amount_line(self.default_cents), id="preview", markup=False)

    def _amount_line(self, cents: int) -> str:
        return "→ " + self.ui.t("promise.for_amount", amount=self.ui.money(cents))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Spell out the day being promised: "vendredi 27/11/2026" is hard to mistype unseen."""
        event.stop()
        preview = self.query_one("#preview", Static)
        try:
            cents = parse_amount(self.query_one("#amount", Input).value)
        except ValueError:
            preview.update("")
            return
        text = self.query_one("#date", Input).value
        if not text.strip():
            preview.update(self._amount_line(cents))
            return
        try:
            day = read_date(text, self.chosen, self.ui, self.today)
        except ValueError:  # DateParseError is a ValueError
            preview.update(self._amount_line(cents))
            return
        preview.update(f"→ {self.ui.long_date(day)} · {self.ui.money(cents)}")

    def action_pick(self, key: str) -> None:
        """A quick date saves the promise at once, with the amount on screen."""
        self.chosen = quick_date(key, self.today)
        self.query_one("#date", Input).value = self.ui.date(self.chosen)
        self.action_save()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.query_one("#date", Input).value.strip():
            if event.input.id == "amount":
                self.set_focus(None)  # back to the quick keys, with the edited amount
                self.fail(self.ui.t("promise.pick_date"))
            return
        self.action_save()

    def action_save(self) -> None:
        from callcenter.domain.dates import DateParseError

        if not self.query_one("#date", Input).value.strip():
            self.fail(self.ui.t("promise.pick_date"))
            return
        typed = self.query_one("#date", Input).value
        amount = self.query_one("#amount", Input).value
        try:
            day = read_date(typed, self.chosen, self.ui, self.today)
        except DateParseError:
            self.fail(self.ui.t("error.date", text=typed.strip()))
            return
        try:
            cents = parse_amount(amount)
        except (AmountError, ValueError):
            self.fail(self.ui.t("error.amount", text=amount.strip()))
            return
        if cents <= 0:  # nothing overdue: the amount has to be typed
            self.fail(self.ui.t("error.amount_zero"))
            return
        if day < self.today:  # the service refuses it too, in English
            self.fail(self.ui.t("error.past_date", day=self.ui.date(day)))
            return
        self.dismiss((day, cents))

"""``x``: leave this debtor for later, saying why (one key for the usual reasons), or until a day."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Label

from callcenter.i18n import Locale
from callcenter.tui.screens.asking import AskingDialog

QUICK_REASONS = {"1": "skip.reason1", "2": "skip.reason2", "3": "skip.reason3"}


class SkipDialog(AskingDialog):
    """Dismisses with ``(reason, until)``; ``until`` is None for the usual short wait.

    ``1``/``2``/``3`` skip at once with a usual reason; ``Tab`` to type one,
    ``Tab`` again to type the day the debtor comes back (``lundi``, ``15/12``).
    """

    AUTO_FOCUS = ""
    BINDINGS = [Binding(key, f"pick('{key}')", show=False) for key in QUICK_REASONS]

    def __init__(self, ui: Locale, today: date | None = None, region: str = "FR") -> None:
        super().__init__(ui, "skip.title", "skip.keys")
        self.today = today or date.today()
        self.holidays_region = region

    def fields(self) -> ComposeResult:
        yield Input(id="reason", placeholder=self.ui.t("skip.reason"))
        yield Label(self.ui.t("skip.until"))
        yield Input(id="until", placeholder=self.ui.t("skip.until_hint"))

    def action_pick(self, key: str) -> None:
        self._save(self.ui.t(QUICK_REASONS[key]))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save(self.query_one("#reason", Input).value.strip())

    def _save(self, reason: str) -> None:
        from callcenter.domain.dates import DateParseError, parse_human_date
        from callcenter.service.outcome_rules import skip_refusal

        typed = self.query_one("#until", Input).value.strip()
        try:
            until = parse_human_date(typed, self.today, self.holidays_region) if typed else None
        except DateParseError:
            self.fail(self.ui.t("error.date", text=typed))
            return
        found = skip_refusal(reason, until, today=self.today)
        self.settle(found, (reason, until), (reason, until))

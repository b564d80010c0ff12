"""``x``: leave this debtor for later, saying why (one key for the usual reasons)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from callcenter.i18n import Locale
from callcenter.tui.screens.dialog import OutcomeDialog

QUICK_REASONS = {"1": "skip.reason1", "2": "skip.reason2", "3": "skip.reason3"}


class SkipDialog(OutcomeDialog):
    """Dismisses with the reason text."""

    AUTO_FOCUS = ""
    BINDINGS = [Binding(key, f"pick('{key}')", show=False) for key in QUICK_REASONS]

    def __init__(self, ui: Locale) -> None:
        super().__init__(ui, "skip.title", "skip.keys")

    def fields(self) -> ComposeResult:
        yield Input(id="reason", placeholder=self.ui.t("skip.reason"))

    def action_pick(self, key: str) -> None:
        self.dismiss(self.ui.t(QUICK_REASONS[key]))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self.fail(self.ui.t("skip.reason") + " ?")
            return
        self.dismiss(event.value.strip())

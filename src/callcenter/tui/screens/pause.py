"""``z``: pause, with one of the reasons the settings list (``[agent] pause_reasons``)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from callcenter.i18n import Locale
from callcenter.tui.screens.dialog import OutcomeDialog


class PauseDialog(OutcomeDialog):
    """One digit key per reason; dismisses with the reason's code (None: cancelled)."""

    AUTO_FOCUS = ""
    BINDINGS = [Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]

    def __init__(self, ui: Locale, reasons: tuple[str, ...]) -> None:
        super().__init__(ui, "pause.title")
        self.reasons = reasons[:9]

    def fields(self) -> ComposeResult:
        for n, reason in enumerate(self.reasons, 1):
            yield Static(f"{n}  {self.ui.pause_reason(reason)}", markup=False)

    def action_pick(self, n: int) -> None:
        if 1 <= n <= len(self.reasons):
            self.dismiss(self.reasons[n - 1])

"""Asking which collector takes the debtors chosen in a drill-down list."""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from callcenter.i18n import Locale


class AssignDialog(ModalScreen[str | None]):
    """Type a collector name (empty: back to the shared pool); Escape cancels.

    Dismisses with the name typed, "" for the pool, or None when cancelled.
    Whether the user may reassign is decided by the service, not here.
    """

    DEFAULT_CSS = """
    AssignDialog { align: center middle; }
    AssignDialog > Vertical {
        width: 64; max-width: 100%; height: auto;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    AssignDialog Input { border: none; height: 1; padding: 0 1; background: $boost; }
    AssignDialog Input:focus { border: none; background: $accent 30%; }
    AssignDialog .keys { color: $text-muted; }
    AssignDialog .warning { color: $warning; height: auto; }
    """
    BINDINGS = [Binding("escape", "cancel", show=False)]

    def __init__(self, ui: Locale, count: int, known: Collection[str] = ()) -> None:
        super().__init__()
        self.ui = ui
        self.count = count
        self.known = frozenset(known)
        self._confirmed: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.ui.t("dash.assign.title", count=self.count), style="bold"))
            yield Input(placeholder=self.ui.t("dash.assign.placeholder"), id="collector")
            yield Static(Text(self.ui.t("dash.assign.keys")), classes="keys")
            yield Static("", id="warning", classes="warning")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _chosen(self, event: Input.Submitted) -> None:
        """A name nobody uses yet may be a typo that would hide the debtors: ask twice."""
        name = event.value.strip()
        if name and self.known and name not in self.known and name != self._confirmed:
            self._confirmed = name
            known = ", ".join(sorted(self.known)[:8])
            warning = self.ui.t("dash.assign.unknown", name=name, known=known)
            self.query_one("#warning", Static).update(Text(warning))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)

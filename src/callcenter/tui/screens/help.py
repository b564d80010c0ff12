"""``?``: every key of the session screen, built from its bindings so it never drifts."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from callcenter.i18n import Locale
from callcenter.tui.screens.dialog import ClosesOnce
from callcenter.tui.widgets.key_bar import key_name

#: Keys handled outside the session screen's bindings (the app, the dialogs).
EXTRA_KEYS = (("ctrl+p", "key.palette"), ("ctrl+q", "key.quit"))
DIALOG_KEYS = (
    ("p", "promise.keys"),
    ("c", "callback.keys"),
    ("x", "skip.keys"),
    ("d", "dispute.keys"),
    ("Tab", "help.tab"),
)


def keys_table(bindings: Iterable[Binding], ui: Locale) -> Table:
    """Key, then label and one sentence, for each described binding; then the dialog keys."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", justify="right", no_wrap=True)
    table.add_column()
    for binding in bindings:
        if binding.description.startswith("key."):
            name = binding.description.removeprefix("key.")
            line = Text(ui.t(binding.description), style="bold")
            line.append(" — " + ui.t(f"help.{name}"), style="not bold")
            table.add_row(key_name(binding.key), line)
    for key, message in EXTRA_KEYS:
        table.add_row(key, Text(ui.t(message)))
    table.add_row("", "")
    table.add_row("", Text(ui.t("help.dialogs"), style="underline"))
    for key, message in DIALOG_KEYS:
        table.add_row(key, Text(ui.t(message)))
    return table


class HelpScreen(ClosesOnce):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 110; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape", "close", show=False),
        Binding("question_mark,f1", "close", show=False),
        Binding("q", "close", show=False),
    ]

    def __init__(self, ui: Locale, bindings: Iterable[Binding]) -> None:
        super().__init__()
        self.ui = ui
        self.session_bindings = list(bindings)

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = self.ui.t("help.title")
            scroll.border_subtitle = self.ui.t("help.close")
            yield Static(keys_table(self.session_bindings, self.ui))

    def action_close(self) -> None:
        self.dismiss(None)

"""``?``: every key of the session screen, built from its bindings so it never drifts."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from callcenter.i18n import Locale

#: Keys of the dialogs, which are not bindings of the session screen.
DIALOG_KEYS = (
    ("p", "promise.keys"),
    ("c", "callback.keys"),
    ("x", "skip.keys"),
    ("d", "dispute.keys"),
)


def key_label(binding: Binding, app) -> str:
    keys = binding.key.split(",")
    return " / ".join(app.get_key_display(Binding(k.strip(), binding.action)) for k in keys)


def keys_table(bindings: BindingsMap, app, ui: Locale) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", justify="right")
    table.add_column()
    seen: set[tuple[str, str]] = set()
    for _, binding in bindings:
        if not binding.description or (binding.action, binding.description) in seen:
            continue
        seen.add((binding.action, binding.description))
        table.add_row(key_label(binding, app), Text(binding.description))
    table.add_row("ctrl+p", Text(ui.t("key.palette")))
    table.add_row("tab", Text(ui.t("help.tab")))
    table.add_row("ctrl+q", Text(ui.t("key.quit")))
    table.add_row("", "")
    table.add_row("", Text(ui.t("help.dialogs"), style="bold underline"))
    for key, message in DIALOG_KEYS:
        table.add_row(key, Text(ui.t(message)))
    return table


class HelpScreen(ModalScreen):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: auto; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS = [
        Binding("escape", "close", show=False),
        Binding("question_mark", "close", show=False),
        Binding("q", "close", show=False),
    ]

    def __init__(self, ui: Locale, bindings: BindingsMap) -> None:
        super().__init__()
        self.ui = ui
        self.session_bindings = bindings

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = self.ui.t("help.title")
            scroll.border_subtitle = self.ui.t("help.close")
            yield Static(keys_table(self.session_bindings, self.app, self.ui))

    def action_close(self) -> None:
        self.dismiss(None)

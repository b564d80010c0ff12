"""What each figure on the dashboard means and which keys drive it (``?``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from callcenter.i18n import Locale

#: Help paragraphs in display order (keys of strings.TEXTS).
SECTIONS = (
    "dash.help.keys",
    "dash.help.queue",
    "dash.help.today",
    "dash.help.aging",
    "dash.help.rates",
    "dash.help.cei",
    "dash.help.dso",
    "dash.help.flow",
    "dash.help.largest",
)


class HelpScreen(ModalScreen):
    """A scrollable page of definitions; Escape or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    HelpScreen .section { margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", show=False),
        Binding("question_mark,f1", "app.pop_screen", show=False),
    ]

    def __init__(self, ui: Locale) -> None:
        super().__init__()
        self.ui = ui

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(self.ui.t("dash.help.title"), style="bold"), classes="section")
            for key in SECTIONS:
                yield Static(Text(self.ui.t(key)), classes="section")

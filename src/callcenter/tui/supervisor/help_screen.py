"""What each figure on the dashboard means and which keys drive it (``?``)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from callcenter.tui.supervisor.strings import text

#: Help paragraphs in display order (keys of strings.TEXTS).
SECTIONS = (
    "help.keys",
    "help.queue",
    "help.today",
    "help.aging",
    "help.rates",
    "help.cei",
    "help.dso",
    "help.flow",
    "help.largest",
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

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text(text(self.lang, "help.title"), style="bold"), classes="section")
            for key in SECTIONS:
                yield Static(Text(text(self.lang, key)), classes="section")

"""What every outcome dialog shares: a title, a line of keys, an error line, Escape to cancel.

A dialog only gathers the details of an outcome and dismisses with them (or
with None); the session screen saves. Bad input is explained on the error
line and the dialog stays open: nothing is saved until it makes sense.

A dialog closes once: Textual's ``dismiss`` pops whatever screen is on top,
so a second Enter handled before the first dismissal had played out used to
pop the session screen itself. Here a second dismissal is ignored.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from callcenter.i18n import Locale


class ClosesOnce(ModalScreen):
    """A modal screen of the workstation: dismissed at most once, never from below the top."""

    closing = False

    def dismiss(self, result=None):
        """Close with ``result``, once, and only while this screen is the one on top."""
        if self.closing or not self.is_current:
            return None
        self.closing = True
        return super().dismiss(result)


class OutcomeDialog(ClosesOnce):
    DEFAULT_CSS = """
    OutcomeDialog { align: center middle; }
    OutcomeDialog > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    OutcomeDialog .title { text-style: bold; width: 100%; }
    OutcomeDialog .keys { color: $text-muted; }
    OutcomeDialog .error { color: $error; text-style: bold; height: auto; }
    OutcomeDialog Input { border: none; height: 1; padding: 0 1; margin-bottom: 1; background: $boost; }
    OutcomeDialog Input:focus { border: none; background: $accent 30%; }
    """
    BINDINGS = [Binding("escape", "cancel", "cancel", show=False)]
    #: The last line: what Enter and Escape do here.
    FOOTER_KEY = "dialog.save"

    def __init__(self, ui: Locale, title_key: str, keys_key: str = "") -> None:
        super().__init__()
        self.ui = ui
        self._title_key = title_key
        self._keys_key = keys_key

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.ui.t(self._title_key), classes="title")
            if self._keys_key:
                yield Static(self.ui.t(self._keys_key), classes="keys", markup=False)
            yield from self.fields()
            yield Static("", classes="error", markup=False)
            yield Static(self.ui.t(self.FOOTER_KEY), classes="keys", markup=False)

    def fields(self) -> ComposeResult:
        """The dialog's own widgets."""
        yield from ()

    def fail(self, message: str) -> None:
        self.query_one(".error", Static).update(message)

    def action_cancel(self) -> None:
        self.dismiss(None)

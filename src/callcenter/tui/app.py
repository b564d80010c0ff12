"""The workstation application: thin on purpose, the session screen owns the behaviour.

It receives everything ready (the desk over an open database with its
settings, the language, the clock) from ``callcenter.cli.wiring``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from callcenter.clock import Clock, system_clock
from callcenter.i18n import Locale
from callcenter.tui.desk import Desk
from callcenter.tui.key_gate import KeyGate
from callcenter.tui.themes import FORGETFUL, InterfaceMemory, RemembersTheme

if TYPE_CHECKING:  # imported when the app mounts, for start-up time
    from textual.command import Provider

    from callcenter.tui.screens.session import SessionScreen


def session_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens: ``textual.command``
    is a twentieth of a second of the workstation's start that the first dossier never needs."""
    from callcenter.tui.commands import SessionCommands

    return SessionCommands


class WorkstationApp(KeyGate, RemembersTheme):
    """One collector's calling session over one database (keys fed one at a time)."""

    TITLE = "callcenter"
    MEMORY_NAME = "workstation"
    #: Below 120 columns the panels stack in one scrolling column.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    #: Only the session's own commands (themes included): Textual's built-in ones
    #: (screenshot, "Quit the application"…) would appear in English in a French session.
    COMMANDS = {session_commands}
    ENABLE_COMMAND_PALETTE = True
    #: The session screen's stylesheet, read with the app's own at start: set only on the
    #: screen, Textual read it when the screen was pushed and parsed every stylesheet of
    #: the app again for it, in a new parser without the cache of the first (~4 ms).
    #: Absolute: Textual reads a relative CSS_PATH beside the module of each subclass.
    CSS_PATH = str(Path(__file__).parent / "screens" / "session.tcss")

    def __init__(
        self,
        desk: Desk,
        ui: Locale,
        clock: Clock | None = None,
        *,
        memory: InterfaceMemory = FORGETFUL,
    ) -> None:
        super().__init__()
        self.desk = desk
        self.ui = ui
        self.memory = memory
        self.theme_prompt = ui.t("palette.theme")
        self.clock: Clock = clock or system_clock
        #: The code of the dossier last painted and when (``time.monotonic()``), for the bench.
        self.shown_code: str | None = None
        self.shown_at: float = 0.0
        self._session: SessionScreen | None = None

    def on_mount(self) -> None:
        from callcenter.tui.screens.session import SessionScreen

        self.use_memory(self.memory)
        # Born with the breakpoint class of the terminal's width: Textual adds it at the
        # screen's first resize otherwise, and restyles every widget for it (~10 ms).
        width = self.size.width
        layout = max((b for b in self.HORIZONTAL_BREAKPOINTS if width >= b[0]), default=None)
        self._session = SessionScreen(self.desk, self.ui, self.clock, classes=layout and layout[1])
        self.push_screen(self._session)

    async def action_quit(self) -> None:
        """ctrl+q: asks first (a second ctrl+q) when a typed note would be lost."""
        if self._session is None or self._session.may_quit():
            self.desk.close(self.clock())  # the debtor on screen goes back to the queue now
            self.exit()

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the collector's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = self.ui.t("palette.placeholder")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    @property
    def session(self):
        """The session screen (also under a dialog, and after exit for the summary)."""
        return self._session

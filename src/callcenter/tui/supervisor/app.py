"""The supervisor dashboard application (``callcenter supervise``): thin, the screens do the work.

``callcenter.cli.wiring`` builds its figure source (an open database, the
user, the period) and hands it over ready.
"""

from __future__ import annotations

from callcenter.clock import Clock, system_clock
from callcenter.i18n import Locale
from callcenter.tui.supervisor.commands import DashboardCommands
from callcenter.tui.supervisor.dashboard import DashboardScreen
from callcenter.tui.supervisor.source import FigureSource
from callcenter.tui.themes import FORGETFUL, InterfaceMemory, RemembersTheme


class SupervisorApp(RemembersTheme):
    """Opens the dashboard over one database for one user."""

    TITLE = "callcenter supervise"
    CSS_PATH = "supervisor.tcss"
    MEMORY_NAME = "dashboard"
    #: The screen's keys and the themes, in the interface language; not Textual's
    #: English system commands (screenshot, "Quit the application"…).
    COMMANDS = {DashboardCommands}

    def __init__(
        self,
        source: FigureSource,
        ui: Locale,
        clock: Clock | None = None,
        every: float = 5.0,
        *,
        memory: InterfaceMemory = FORGETFUL,
    ) -> None:
        super().__init__()
        self.source = source
        self.ui = ui
        self.memory = memory
        self.theme_prompt = ui.t("palette.theme")
        self.clock: Clock = clock or system_clock
        self.every = every

    def on_mount(self) -> None:
        self.use_memory(self.memory)
        self.push_screen(DashboardScreen(self.source, self.ui, self.clock, self.every))

    def action_command_palette(self) -> None:
        """Textual's palette, with its prompt in the supervisor's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = self.ui.t("dash.palette.placeholder")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def on_unmount(self) -> None:
        self.source.close()

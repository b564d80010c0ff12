"""The supervisor dashboard application (``callcenter supervise``): thin, the screens do the work.

``callcenter.cli.wiring`` builds its figure source (an open database, the
user, the period) and hands it over ready.
"""

from __future__ import annotations

from textual.app import App

from callcenter.clock import Clock, system_clock
from callcenter.i18n import Locale
from callcenter.tui.supervisor.dashboard import DashboardScreen
from callcenter.tui.supervisor.source import FigureSource


class SupervisorApp(App):
    """Opens the dashboard over one database for one user."""

    TITLE = "callcenter supervise"
    CSS_PATH = "supervisor.tcss"

    def __init__(
        self,
        source: FigureSource,
        ui: Locale,
        clock: Clock | None = None,
        every: float = 5.0,
    ) -> None:
        super().__init__()
        self.source = source
        self.ui = ui
        self.clock: Clock = clock or system_clock
        self.every = every

    def on_mount(self) -> None:
        self.push_screen(DashboardScreen(self.source, self.ui, self.clock, self.every))

    def on_unmount(self) -> None:
        self.source.close()

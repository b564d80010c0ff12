"""The workstation and the dashboard as ``callcenter serve`` runs them: login first.

Each browser connection starts one such process. It opens on the login screen
and builds the real session only for the identity the password proved: the
desk (or the figure source) is made by a function the composition root hands
over, called with that identity and nothing the browser said.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import events

from callcenter.i18n import Locale
from callcenter.service.identity import Identity
from callcenter.tui.app import Clock, WorkstationApp
from callcenter.tui.desk import Desk
from callcenter.tui.login import Check, LoginScreen
from callcenter.tui.supervisor import app as supervisor_app
from callcenter.tui.supervisor.app import SupervisorApp
from callcenter.tui.supervisor.source import FigureSource


class ServedWorkstation(WorkstationApp):
    """The workstation behind a login: the desk exists once someone proved who they are."""

    def __init__(
        self, open_desk: Callable[[Identity], Desk], check: Check, ui: Locale, clock: Clock
    ) -> None:
        super().__init__(None, ui, clock)  # type: ignore[arg-type]  # the desk comes at login
        self._open_desk = open_desk
        self._check = check

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        event.prevent_default()  # Textual would run WorkstationApp.on_mount too: not yet
        title = self.ui.t("login.title_workstation")
        self.push_screen(LoginScreen(self.ui, self._check, title), self._logged_in)

    def _logged_in(self, identity: Identity | None) -> None:
        if identity is None:
            self.exit(return_code=1)
            return
        self.desk = self._open_desk(identity)
        WorkstationApp.on_mount(self)

    async def action_quit(self) -> None:
        if self.desk is None:
            self.exit()
            return
        await super().action_quit()


class ServedDashboard(SupervisorApp):
    """The dashboard behind a login, showing what that user may see."""

    #: Textual reads CSS_PATH beside the module of the class that sets it: the dashboard's.
    CSS_PATH = str(Path(supervisor_app.__file__).with_name(SupervisorApp.CSS_PATH))

    def __init__(
        self,
        open_source: Callable[[Identity], FigureSource],
        check: Check,
        ui: Locale,
        clock: Clock,
        every: float = 5.0,
    ) -> None:
        super().__init__(None, ui, clock, every=every)  # type: ignore[arg-type]
        self._open_source = open_source
        self._check = check

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
        event.prevent_default()
        title = self.ui.t("login.title_dashboard")
        self.push_screen(LoginScreen(self.ui, self._check, title), self._logged_in)

    def _logged_in(self, identity: Identity | None) -> None:
        if identity is None:
            self.exit(return_code=1)
            return
        self.source = self._open_source(identity)
        SupervisorApp.on_mount(self)

    def on_unmount(self, event: events.Unmount) -> None:  # type: ignore[override]
        event.prevent_default()
        if self.source is not None:
            SupervisorApp.on_unmount(self)

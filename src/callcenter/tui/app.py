"""The workstation application: thin on purpose, the session screen owns the behaviour."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from callcenter.i18n import Locale, detect_locale
from callcenter.tui.commands import SessionCommands
from callcenter.tui.desk import Desk
from callcenter.tui.key_gate import KeyGate
from callcenter.tui.themes import FORGETFUL, InterfaceMemory, RemembersTheme

Clock = Callable[[], datetime]


class WorkstationApp(KeyGate, RemembersTheme):
    """One collector's calling session over one database (keys fed one at a time)."""

    TITLE = "callcenter"
    MEMORY_NAME = "workstation"
    #: Below 120 columns the panels stack in one scrolling column.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    #: Only the session's own commands (themes included): Textual's built-in ones
    #: (screenshot, "Quit the application"…) would appear in English in a French session.
    COMMANDS = {SessionCommands}
    ENABLE_COMMAND_PALETTE = True

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
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        #: The code of the dossier last painted and when (``time.monotonic()``), for the bench.
        self.shown_code: str | None = None
        self.shown_at: float = 0.0
        self._session = None

    def on_mount(self) -> None:
        from callcenter.tui.screens.session import SessionScreen

        self.use_memory(self.memory)
        self._session = SessionScreen(self.desk, self.ui, self.clock)
        self.push_screen(self._session)

    async def action_quit(self) -> None:
        """ctrl+q: asks first (a second ctrl+q) when a typed note would be lost."""
        if self._session is None or self._session.may_quit():
            self.desk.close()  # the debtor on screen goes back to the queue now
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


def running_clock(start: datetime) -> Clock:
    """A clock that starts at ``start`` (``CALLCENTER_NOW``) and then runs in real time."""
    origin = time.monotonic()
    return lambda: start + _seconds(time.monotonic() - origin)


def _seconds(value: float) -> timedelta:
    return timedelta(seconds=value)


def run_workstation(args: argparse.Namespace) -> int:
    """``callcenter`` with no subcommand: open the session screen on the chosen database."""
    import os

    from callcenter.cli.common import acting, now, open_store
    from callcenter.dialers import make_dialer

    ui = detect_locale(getattr(args, "lang", None))
    store = open_store(args)
    config = _config(args)
    who = acting(args, store)
    collector = who.name
    campaign = _campaign_id(store, getattr(args, "campaign", None), collector, now(args))
    desk = Desk(
        store,
        collector=collector,
        lang=ui.lang,
        campaign_id=campaign,
        config=config,
        entered_by=who.entered_by,
        dialer=make_dialer(config.dialer),
    )
    clock = running_clock(now(args)) if os.environ.get("CALLCENTER_NOW") else None
    app = WorkstationApp(desk, ui, clock, memory=InterfaceMemory.for_user())
    try:
        app.run()
    finally:
        desk.close()
        store.close()
    _print_summary(app)
    return app.return_code or 0


def _print_summary(app: WorkstationApp) -> None:
    """One line left in the terminal after quitting: what the session achieved."""
    from callcenter.cli.common import console
    from callcenter.tui.widgets.session_bar import summary_line

    screen = app.session
    if screen is not None and screen.started:
        console.print(summary_line(app.desk.collector, screen.stats, app.clock(), app.ui))


def _config(args: argparse.Namespace):
    from callcenter.cli.common import fail
    from callcenter.config import ConfigError, load_config

    try:
        return load_config(getattr(args, "config", None))
    except ConfigError as exc:
        fail(str(exc))


def _campaign_id(store, name: str | None, collector: str, moment: datetime) -> int | None:
    """The campaign to work (``--campaign``), refused when closed or not this collector's."""
    if not name:
        return None
    from callcenter.cli.common import fail
    from callcenter.service import campaigns
    from callcenter.tui.desk import HOME_TZ

    today = moment.astimezone(HOME_TZ).date()
    try:
        return campaigns.start_session(store, name, collector=collector, today=today).id
    except (LookupError, ValueError, PermissionError) as exc:
        fail(str(exc))

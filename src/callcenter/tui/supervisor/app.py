"""The supervisor dashboard application (``callcenter supervise``): thin, the screens do the work."""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from callcenter.i18n import Locale, detect_locale
from callcenter.tui.supervisor.commands import DashboardCommands
from callcenter.tui.supervisor.dashboard import DashboardScreen
from callcenter.tui.supervisor.source import FigureSource
from callcenter.tui.themes import FORGETFUL, InterfaceMemory, RemembersTheme

Clock = Callable[[], datetime]


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
        self.theme_prompt = ui.t("dash.palette.theme")
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
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


def run_dashboard(args: argparse.Namespace) -> int:
    """Build the app from the command line and run it until the user quits."""
    from callcenter.cli.common import current_user, fail, now, open_store
    from callcenter.cli.supervise import office_tz, past_date
    from callcenter.service.campaigns import campaign_by_name
    from callcenter.store import default_db_path

    tz = office_tz(args)
    started = now(args)
    today = started.astimezone(tz).date()
    store = open_store(args, create=False)  # fail early on a missing or bad file
    try:
        actor = current_user(args, store)
        if args.figures_campaign:
            campaign_by_name(store, args.figures_campaign)
    except LookupError as exc:
        fail(str(exc))
    finally:
        store.close()
    source = FigureSource(
        db_path=Path(args.db) if args.db else default_db_path(),
        actor=actor,
        campaign=args.figures_campaign,
        since=past_date(args.since, today),
        until=past_date(args.until, today),
        tz=tz,
    )
    clock = _clock(started)
    memory = InterfaceMemory.for_user()
    SupervisorApp(source, detect_locale(args.lang), clock, every=args.every, memory=memory).run()
    return 0


def _clock(started: datetime) -> Clock | None:
    """With ``CALLCENTER_NOW`` set (demos), time starts there and then runs."""
    if not os.environ.get("CALLCENTER_NOW"):
        return None
    origin = time.monotonic()
    return lambda: started + timedelta(seconds=time.monotonic() - origin)

"""The composition root: the settings, the database, the clock and the user, built once.

``main`` reads the settings file once (``--config``, ``$CALLCENTER_CONFIG``
or the user's config folder) and every command, the workstation and the
dashboard compute with that one value: they receive it, with an open
database, a clock and the acting user, and look nothing up by themselves.
"""

from __future__ import annotations

import argparse
import os
from datetime import datetime

from callcenter.cli.common import acting, console, current_user, fail, now, open_store, worded
from callcenter.clock import Clock, running_clock, system_clock
from callcenter.config import load_config
from callcenter.domain.settings import Config
from callcenter.i18n import detect_locale
from callcenter.store import Store


def load_settings(args: argparse.Namespace) -> Config:
    """The settings for this run; a bad file raises ``ConfigError`` (``main``: exit 2).

    ``main`` calls it once and keeps the result as ``args.settings``, which is
    what every handler reads.
    """
    return load_config(getattr(args, "config", None))


def database_url(args: argparse.Namespace, settings: Config) -> str | None:
    """The database this run opens: ``--db``, else ``$CALLCENTER_DB``, else ``[database] url``,
    else None (the default SQLite file). ``main`` stores it as ``args.db`` for every path."""
    if args.db or os.environ.get("CALLCENTER_DB"):
        return args.db  # None here: open_database reads $CALLCENTER_DB itself
    return settings.database.url or None


def clock(args: argparse.Namespace) -> Clock:
    """The real clock; with ``CALLCENTER_NOW`` (demos, tests) it starts there and runs on."""
    if os.environ.get("CALLCENTER_NOW"):
        return running_clock(now(args))
    return system_clock


def run_workstation(args: argparse.Namespace) -> int:
    """``callcenter`` with no subcommand: open the session screen on the chosen database."""
    from callcenter.tui.gc_pause import pause_start

    pause_start()  # until the first dossier is painted: the start makes no garbage worth a pass
    from callcenter.dialers import make_dialer
    from callcenter.tui.app import WorkstationApp
    from callcenter.tui.desk import Desk
    from callcenter.tui.themes import InterfaceMemory

    ui = detect_locale(getattr(args, "lang", None))
    settings = args.settings
    store = open_store(args)
    who = acting(args, store)
    campaign = _campaign_id(store, getattr(args, "campaign", None), who.name, now(args), settings)
    desk = Desk(
        store,
        collector=who.name,
        config=settings,
        lang=ui.lang,
        campaign_id=campaign,
        entered_by=who.entered_by,
        dialer=make_dialer(settings.dialer),
    )
    app = WorkstationApp(desk, ui, clock(args), memory=InterfaceMemory.for_user())
    try:
        app.run()
    finally:
        desk.close()
        store.close()
    _print_summary(app)
    return app.return_code or 0


def _print_summary(app) -> None:
    """One line left in the terminal after quitting: what the session achieved."""
    from callcenter.tui.widgets.session_bar import summary_line

    screen = app.session
    if screen is not None and screen.started:
        console.print(summary_line(app.desk.collector, screen.stats, app.clock(), app.ui))


def _campaign_id(
    store: Store, name: str | None, collector: str, moment: datetime, settings: Config
) -> int | None:
    """The campaign to work (``--campaign``), refused when closed or not this collector's."""
    if not name:
        return None
    from callcenter.service import campaigns

    today = moment.astimezone(settings.tz).date()
    try:
        return campaigns.start_session(store, name, collector=collector, today=today).id
    except (LookupError, ValueError, PermissionError) as exc:
        fail(worded(exc))


def run_dashboard(args: argparse.Namespace) -> int:
    """``callcenter supervise``: the dashboard over its own database handle, until quit."""
    from callcenter.cli.periods import past_date
    from callcenter.service.campaigns import campaign_by_name
    from callcenter.tui.supervisor.app import SupervisorApp
    from callcenter.tui.supervisor.source import FigureSource
    from callcenter.tui.themes import InterfaceMemory

    tz = args.settings.tz
    started = now(args)
    today = started.astimezone(tz).date()
    store = open_store(args, create=False)  # fail early on a missing or bad file
    try:
        actor = current_user(args, store)
        if args.figures_campaign:
            campaign_by_name(store, args.figures_campaign)
    except LookupError as exc:
        store.close()
        fail(worded(exc))
    source = FigureSource(
        store=store,
        actor=actor,
        campaign=args.figures_campaign,
        since=past_date(args.since, today),
        until=past_date(args.until, today),
        tz=tz,
    )
    memory = InterfaceMemory.for_user()
    SupervisorApp(
        source, detect_locale(args.lang), clock(args), every=args.every, memory=memory
    ).run()
    return 0

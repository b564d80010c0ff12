"""``callcenter serve``: the workstation and the dashboard in a browser, behind a login.

textual-serve starts one process per browser connection, always with the
command line built here: ``callcenter --db PATH web-session workstation`` (or
``dashboard``). Nothing the browser sends reaches that command line; the
process opens on a login screen and runs as the user whose password matched
(:mod:`callcenter.service.passwords`), never as ``--as``, ``$CALLCENTER_USER``
or the server's own account. The server listens on loopback unless told
otherwise; a TLS reverse proxy in front of it is the way to reach it from
other machines (see the README).
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

from callcenter.cli import wiring
from callcenter.cli.common import args_locale, fail, open_store
from callcenter.i18n import detect_locale
from callcenter.store import default_db_path

APPS = ("workstation", "dashboard")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``serve`` and the internal ``web-session`` to the parser."""
    serve = sub.add_parser(
        "serve",
        help="cli.serve.help",
        description="cli.serve.description",
    )
    serve.add_argument("--host", default="127.0.0.1", help="cli.serve.opt.host")
    serve.add_argument("--port", type=int, default=8000, help="cli.serve.opt.port")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="cli.serve.opt.public_url",
    )
    serve.set_defaults(handler=run_serve)

    session = sub.add_parser("web-session", help=argparse.SUPPRESS)
    session.add_argument("app", choices=APPS)
    session.set_defaults(handler=run_web_session)


def session_command(args: argparse.Namespace, app: str) -> str:
    """The shell command textual-serve runs for each visitor of ``app``.

    Only settings of this server go in it (database, language, settings
    file); the identity is asked for by the process itself.
    """
    parts = [sys.executable, "-m", "callcenter", "--db", str(_db_path(args))]
    if args.lang:
        parts += ["--lang", args.lang]
    if args.config:
        parts += ["--config", str(Path(args.config).resolve())]
    return shlex.join([*parts, "web-session", app])


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).resolve() if args.db else default_db_path()


def run_serve(args: argparse.Namespace) -> int:
    if args.as_user:
        fail(args_locale(args).t("cli.serve.no_as"), code=2)
    open_store(args).close()  # a missing or foreign database fails now, not per visitor
    try:
        from callcenter.web.server import TeamServer
    except ImportError as exc:
        fail(args_locale(args).t("cli.serve.needs_web", error=str(exc)))
    server = TeamServer(
        workstation=session_command(args, "workstation"),
        dashboard=session_command(args, "dashboard"),
        host=args.host,
        port=args.port,
        public_url=args.public_url,
        ui=args_locale(args),
    )
    server.serve()
    return 0


def run_web_session(args: argparse.Namespace) -> int:
    """One visitor's process: the login screen, then the app as the user it proved."""
    from callcenter.service import passwords

    os.environ.pop("CALLCENTER_USER", None)  # never an identity here
    ui = detect_locale(args.lang)
    store = open_store(args)
    clock = wiring.clock(args)

    def check(name: str, password: str):
        return passwords.log_in(store, name, password)

    try:
        if args.app == "workstation":
            return _run_workstation(args, store, check, ui, clock)
        return _run_dashboard(args, check, ui, clock)
    finally:
        store.close()


def _run_workstation(args, store, check, ui, clock) -> int:
    from callcenter.dialers import make_dialer
    from callcenter.tui.desk import Desk
    from callcenter.tui.served import ServedWorkstation

    config = args.settings
    desks: list[Desk] = []

    def open_desk(identity) -> Desk:
        desk = Desk(
            store,
            collector=identity.name,
            lang=ui.lang,
            config=config,
            dialer=make_dialer(config.dialer),
        )
        desks.append(desk)
        return desk

    app = ServedWorkstation(open_desk, check, ui, clock)
    try:
        app.run()
    finally:
        for desk in desks:
            desk.close()
    return app.return_code or 0


def _run_dashboard(args, check, ui, clock) -> int:
    from callcenter.tui.served import ServedDashboard
    from callcenter.tui.supervisor.source import FigureSource

    tz = args.settings.tz

    def open_source(identity) -> FigureSource:
        return FigureSource(store=open_store(args, create=False), actor=identity.name, tz=tz)

    app = ServedDashboard(open_source, check, ui, clock)
    app.run()
    return app.return_code or 0

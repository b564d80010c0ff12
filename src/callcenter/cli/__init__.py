"""The ``callcenter`` command: a thin argparse layer over :mod:`callcenter.service`.

Each group of subcommands lives in its own module with a ``register``
function; with no subcommand the workstation opens.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from callcenter.cli import admin, cases, demo, imports, migrate, queue, supervise
from callcenter.cli.common import UsageError, fail
from callcenter.config import ConfigError
from callcenter.i18n import detect_locale
from callcenter.output_files import OutputError

COMMAND_MODULES = (imports, queue, cases, demo, supervise, admin, migrate)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callcenter",
        description="Keyboard-first workstation for collecting unpaid invoices by phone.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="database file, or postgresql://... for a server "
        "(default: $CALLCENTER_DB or the user data directory)",
    )
    parser.add_argument(
        "--as", dest="as_user", metavar="NAME", help="work as NAME instead of the login name"
    )
    parser.add_argument(
        "--lang", choices=("fr", "en"), help="language of the interface (default: from LANG)"
    )
    parser.add_argument(
        "--config", metavar="TOML", help="queue settings file (weights, delays, calling hours)"
    )
    parser.add_argument("--campaign", metavar="NAME", help="work the debtors of this campaign")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from callcenter.tui.app import run_workstation

            return run_workstation(args) or 0
        with _unwind_on_termination():
            return args.handler(args) or 0
    except (UsageError, OutputError, ConfigError) as exc:  # a mistake in what was typed: exit 2
        fail(detect_locale(args.lang).error(exc), code=2)
    except KeyboardInterrupt:
        return 130


@contextmanager
def _unwind_on_termination() -> Iterator[None]:
    """SIGTERM or a closed SSH session (SIGHUP) unwinds like an error would.

    Open transactions roll back and an export's or a backup's temporary file
    is removed instead of lingering at full size beside the target.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    numbers = (signal.SIGTERM, signal.SIGHUP)
    previous = {number: signal.signal(number, _terminated) for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _terminated(number: int, _frame) -> None:
    raise SystemExit(128 + number)


if __name__ == "__main__":
    sys.exit(main())

"""The ``callcenter`` command: a thin argparse layer over :mod:`callcenter.service`.

Each group of subcommands lives in its own module with a ``register``
function; with no subcommand the workstation opens.
"""

from __future__ import annotations

import argparse
import sys

from callcenter.cli import admin, cases, demo, imports, queue, supervise
from callcenter.cli.common import UsageError, fail

COMMAND_MODULES = (imports, queue, cases, demo, supervise, admin)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callcenter",
        description="Keyboard-first workstation for collecting unpaid invoices by phone.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: $CALLCENTER_DB or the user data directory)",
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
        return args.handler(args) or 0
    except UsageError as exc:
        fail(str(exc), code=2)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())

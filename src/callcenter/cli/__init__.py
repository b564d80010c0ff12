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
from importlib import metadata

from callcenter.cli import (
    admin,
    cases,
    debtor,
    demo,
    dialing,
    imports,
    log,
    migrate,
    queue,
    remind,
    report,
    serve,
    statement,
    supervise,
    wiring,
)
from callcenter.cli.common import SESSION_LOCALE, UsageError, fail
from callcenter.cli.language import CatalogueParser, argparse_speaks, language_asked
from callcenter.config import ConfigError
from callcenter.i18n import Locale, Message, detect_locale
from callcenter.output_files import OutputError

COMMAND_MODULES = (
    imports,
    queue,
    debtor,
    log,
    cases,
    demo,
    supervise,
    dialing,
    report,
    remind,
    statement,
    serve,
    admin,
    migrate,
)


def build_parser(ui: Locale | None = None) -> argparse.ArgumentParser:
    """Every command; help in ``ui``'s language (from the environment when not given)."""
    parser = CatalogueParser(
        ui=ui or detect_locale(),
        prog="callcenter",
        description="cli.main.description",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help="cli.main.opt.db",
    )
    parser.add_argument("--as", dest="as_user", metavar="NAME", help="cli.main.opt.as")
    parser.add_argument("--lang", choices=("fr", "en"), help="cli.main.opt.lang")
    parser.add_argument("--config", metavar="TOML", help="cli.main.opt.config")
    parser.add_argument("--campaign", metavar="NAME", help="cli.main.opt.campaign")
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {installed_version()}",
        help="cli.main.opt.version",
    )
    parser.add_argument(
        "--print-completion",
        choices=("bash", "zsh", "tcsh"),
        action=_PrintCompletion,
        help="cli.main.opt.completion",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


class _PrintCompletion(argparse.Action):
    """shtab writes the script from this very parser; imported only when asked."""

    def __call__(self, parser, namespace, values, option_string=None):
        import shtab

        _spell_descriptions(parser)
        sys.stdout.write(shtab.complete(parser, shell=values) + "\n")
        parser.exit(0)


def _spell_descriptions(parser: argparse.ArgumentParser) -> None:
    """Descriptions in words, not catalogue ids: shtab reads them as plain text."""
    ui = getattr(parser, "ui", None)
    if ui is not None and parser.description:
        found = parser.description
        parser.description = (
            ui.t(found.code, **found.params) if isinstance(found, Message) else ui.t(found)
        )
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _spell_descriptions(child)


def installed_version() -> str:
    """The version pip installed (its metadata), so --version never disagrees with pip."""
    try:
        return metadata.version("callcenter")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ui = detect_locale(language_asked(argv))
    with argparse_speaks(ui):
        args = build_parser(ui).parse_args(argv)
    SESSION_LOCALE.set(ui)
    try:
        args.settings = wiring.load_settings(args)  # once: every path computes with these
        args.db = wiring.database_url(args, args.settings)
        if args.command is None:
            return wiring.run_workstation(args) or 0
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

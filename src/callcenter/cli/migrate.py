"""Subcommand ``migrate``: move a team from its SQLite file to a PostgreSQL server."""

from __future__ import annotations

import argparse

from rich.table import Table
from rich.text import Text

from callcenter.cli.common import console, fail, print_json, worded
from callcenter.i18n import detect_locale
from callcenter.service import moving
from callcenter.store import StoreError


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommand to the parser."""
    migrate = sub.add_parser(
        "migrate",
        help="cli.migrate.help",
        description="cli.migrate.description",
    )
    migrate.add_argument("--from", dest="source", required=True, metavar="PATH", help="SQLite")
    migrate.add_argument(
        "--to", dest="target", required=True, metavar="URL", help="postgresql://..."
    )
    migrate.add_argument("--json", action="store_true", help="cli.opt.json_result")
    migrate.set_defaults(handler=run_migrate)


def run_migrate(args: argparse.Namespace) -> int:
    ui = detect_locale(args.lang)
    try:
        report = moving.move_team(args.source, args.target)
    except moving.WrongBackend as exc:
        fail(ui.error(exc), code=2)
    except StoreError as exc:
        fail(worded(exc))
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "target": report.target,
                "source_counts": report.source_counts,
                "target_counts": report.target_counts,
                "sum_differences": sorted(report.sum_differences),
            }
        )
        return 0 if report.ok else 1
    table = Table(title=ui.t("migrate.title", source=args.source, target=report.target))
    for key in ("migrate.table", "migrate.source", "migrate.target"):
        table.add_column(ui.t(key), justify="left" if key == "migrate.table" else "right")
    for name, count in report.source_counts.items():
        copied = report.target_counts.get(name, 0)
        style = None if copied == count else "bold red"
        table.add_row(name, ui.number(count), Text(ui.number(copied), style=style or ""))
    console.print(table)
    if report.sum_differences:
        console.print(
            Text(ui.t("migrate.sums_differ", tables=", ".join(report.sum_differences)), "red")
        )
    else:
        console.print(ui.t("migrate.sums_same"))
    verdict = "migrate.ok" if report.ok else "migrate.failed"
    console.print(Text(ui.t(verdict), style="bold green" if report.ok else "bold red"))
    return 0 if report.ok else 1

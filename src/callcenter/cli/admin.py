"""Subcommands ``backup`` and ``check``: look after the shared database file."""

from __future__ import annotations

import argparse
import os

from rich.text import Text

from callcenter.cli.common import console, fail, now, print_json, worded
from callcenter.i18n import Locale, detect_locale
from callcenter.service import admin
from callcenter.store import StoreError, default_db_path, open_database


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the parser."""
    backup = sub.add_parser(
        "backup",
        help="cli.backup.help",
        description="cli.backup.description",
    )
    backup.add_argument("path", metavar="PATH", help="cli.backup.opt.path")
    backup.add_argument("--force", action="store_true", help="cli.backup.opt.force")
    backup.add_argument("--json", action="store_true", help="cli.opt.json_result")
    backup.set_defaults(handler=run_backup)

    check = sub.add_parser(
        "check",
        help="cli.check.help",
        description="cli.check.description",
    )
    check.add_argument("--json", action="store_true", help="cli.check.opt.json")
    check.add_argument("--quick", action="store_true", help="cli.check.opt.quick")
    check.add_argument("--strict", action="store_true", help="cli.check.opt.strict")
    check.set_defaults(handler=run_check)


def run_backup(args: argparse.Namespace) -> int:
    try:
        store = open_database(args.db, create=False, readonly=True)
    except StoreError as exc:
        fail(worded(exc))
    try:
        report = admin.backup(store, args.path, force=args.force)
    except StoreError as exc:
        fail(worded(exc))
    finally:
        store.close()
    if args.json:
        print_json(
            {
                "path": report.path,
                "bytes": report.bytes,
                "seconds": report.seconds,
                "integrity": report.integrity,
            }
        )
    else:
        ui = detect_locale(args.lang)
        line = Text(ui.t("cli.backup.written"))
        line.append(report.path, style="bold")
        size, seconds = ui.number(report.bytes), ui.decimal(report.seconds, 2)
        line.append(ui.t("cli.backup.size", size=size, seconds=seconds))
        line.append(report.integrity, style="green" if report.integrity == "ok" else "bold red")
        line.append(")")
        console.print(line)
    return 0 if report.integrity == "ok" else 1


def run_check(args: argparse.Namespace) -> int:
    # A file's path, or a server's URL from --db or $CALLCENTER_DB.
    target = args.db or os.environ.get("CALLCENTER_DB") or default_db_path()
    report = admin.check_file(target, now=now(args), quick=args.quick)
    ui = detect_locale(args.lang)
    if not report.readable and not args.json:
        fail(_message(report.findings[0], ui), ui=ui)
    if args.json:
        print_json(report.as_dict())
    else:
        _print_report(report, ui)
    failed = not report.ok or (args.strict and report.warnings)
    return 1 if failed else 0


def _print_report(report: admin.CheckReport, ui: Locale) -> None:
    header = Text(ui.t("cli.check.database"))
    header.append(report.path, style="bold")
    header.append(ui.t("cli.check.schema", version=report.schema_version))
    counts = [f"{ui.number(n)} {table}" for table, n in report.counts.items() if n]
    header.append(", ".join(counts) or ui.t("cli.check.empty"))
    console.print(header)
    for finding in report.findings:
        style = "bold red" if finding.severity == "error" else "yellow"
        line = Text(_severity(finding, ui), style=style)
        line.append(_message(finding, ui))
        if finding.count:
            line.append(ui.t("cli.check.rows", count=finding.count))
        if finding.examples:
            line.append(": " + ", ".join(finding.examples), style="dim")
        console.print(line)
    verdict = (
        ui.t("cli.check.ok") if report.ok else ui.t("cli.check.problems", count=len(report.errors))
    )
    console.print(Text(verdict, style="bold green" if report.ok else "bold red"))


def _severity(finding: admin.Finding, ui: Locale) -> str:
    return ui.t("cli.check.severity", severity=ui.t(f"cli.check.{finding.severity}"))


def _message(finding: admin.Finding, ui: Locale) -> str:
    """A finding in the reader's language; one without a catalogue id as the service said it."""
    return ui.t(finding.code, **finding.params) if finding.code else finding.message

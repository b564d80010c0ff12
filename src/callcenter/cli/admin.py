"""Subcommands ``backup`` and ``check``: look after the shared database file."""

from __future__ import annotations

import argparse
import os

from rich.text import Text

from callcenter.cli.common import console, fail, now, print_json
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
    backup.add_argument("--json", action="store_true", help="cli.backup.opt.json")
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
        fail(str(exc))
    try:
        report = admin.backup(store, args.path, force=args.force)
    except StoreError as exc:
        fail(str(exc))
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
        line = Text("backup written: ")
        line.append(report.path, style="bold")
        line.append(f" ({report.bytes:,} bytes in {report.seconds:.2f} s, check: ")
        line.append(report.integrity, style="green" if report.integrity == "ok" else "bold red")
        line.append(")")
        console.print(line)
    return 0 if report.integrity == "ok" else 1


def run_check(args: argparse.Namespace) -> int:
    # A file's path, or a server's URL from --db or $CALLCENTER_DB.
    target = args.db or os.environ.get("CALLCENTER_DB") or default_db_path()
    report = admin.check_file(target, now=now(args), quick=args.quick)
    if not report.readable and not args.json:
        fail(report.findings[0].message)
    if args.json:
        print_json(report.as_dict())
    else:
        _print_report(report)
    failed = not report.ok or (args.strict and report.warnings)
    return 1 if failed else 0


def _print_report(report: admin.CheckReport) -> None:
    header = Text("database ")
    header.append(report.path, style="bold")
    header.append(f" — schema v{report.schema_version}, ")
    header.append(", ".join(f"{n} {t}" for t, n in report.counts.items() if n) or "empty")
    console.print(header)
    for finding in report.findings:
        style = "bold red" if finding.severity == "error" else "yellow"
        line = Text(f"{finding.severity}: ", style=style)
        line.append(finding.message)
        if finding.count:
            line.append(f" — {finding.count} row(s)")
        if finding.examples:
            line.append(": " + ", ".join(finding.examples), style="dim")
        console.print(line)
    verdict = "OK" if report.ok else f"{len(report.errors)} problem(s)"
    console.print(Text(verdict, style="bold green" if report.ok else "bold red"))

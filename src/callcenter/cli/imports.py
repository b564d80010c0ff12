"""Subcommand ``import``: bring a FEC or a CSV file into the database.

``callcenter import fec FILE`` and ``callcenter import csv KIND FILE`` are
thin wrappers over :func:`callcenter.service.imports.import_fec` and
:func:`~callcenter.service.imports.import_csv`: they parse the options,
show a progress bar on big files when the terminal can, and print the
summary (or JSON with ``--json``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from callcenter.cli.common import (
    UsageError,
    console,
    current_user,
    err_console,
    fail,
    now,
    open_store,
    print_json,
    worded,
)
from callcenter.domain.money import to_units
from callcenter.i18n import Locale, Message, detect_locale
from callcenter.output_files import OutputError
from callcenter.service.imports import (
    CSV_COLUMNS,
    CSV_KINDS,
    CSV_REQUIRED,
    BadInput,
    ImportReport,
    import_csv,
    import_fec,
)
from callcenter.service.users import PermissionDenied
from callcenter.store import StoreError

#: Below this size an import takes well under a second: no progress bar.
PROGRESS_MIN_BYTES = 4 << 20


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the parser."""
    parser = sub.add_parser(
        "import",
        help="cli.import.help",
        description="cli.import.description",
    )
    kinds = parser.add_subparsers(dest="import_kind", metavar="FORMAT", required=True)

    fec = kinds.add_parser(
        "fec",
        help="cli.import.fec.help",
        description="cli.import.fec.description",
    )
    fec.add_argument("file", metavar="FILE")
    fec.add_argument(
        "--terms",
        type=int,
        default=30,
        metavar="DAYS",
        help="cli.import.fec.opt.terms",
    )
    fec.add_argument(
        "--accounts",
        default="411",
        metavar="PREFIXES",
        help="cli.import.fec.opt.accounts",
    )
    fec.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SRC=COLUMN,...",
        help="cli.import.fec.opt.map",
    )
    _common_options(fec)
    fec.set_defaults(handler=run_import_fec)

    csv = kinds.add_parser(
        "csv",
        help="cli.import.csv.help",
        description=Message("cli.import.csv.description", {"columns": _columns_help()}),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    csv.add_argument("kind", choices=CSV_KINDS, metavar="KIND", help=", ".join(CSV_KINDS))
    csv.add_argument("file", metavar="FILE")
    csv.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="SRC=DST,...",
        help="cli.import.csv.opt.map",
    )
    csv.add_argument(
        "--terms",
        type=int,
        default=30,
        metavar="DAYS",
        help="cli.import.csv.opt.terms",
    )
    _common_options(csv)
    csv.set_defaults(handler=run_import_csv)


def _columns_help() -> str:
    """The documented columns of each kind, from the importer itself so they never drift."""
    lines = []
    for kind in CSV_KINDS:
        names = [f"{c}*" if c in CSV_REQUIRED[kind] else c for c in CSV_COLUMNS[kind]]
        lines.append(f"  {kind}: {', '.join(names)}")
    return "\n".join(lines)


def _common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--skip-bad",
        action="store_true",
        help="cli.import.opt.skip_bad",
    )
    parser.add_argument(
        "--rejects",
        metavar="FILE",
        help="cli.import.opt.rejects",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="cli.import.opt.force",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="cli.import.opt.dry_run",
    )
    parser.add_argument("--json", action="store_true", help="cli.opt.json_summary")


def run_import_fec(args: argparse.Namespace) -> int:
    accounts = tuple(p.strip() for p in args.accounts.split(",") if p.strip())
    if not accounts:
        raise UsageError("cli.import.accounts")
    return _run(
        args,
        lambda store, progress: import_fec(
            store,
            args.file,
            now=now(args),
            config=args.settings,
            terms_days=args.terms,
            skip_bad=args.skip_bad,
            rejects_path=_rejects_path(args),
            progress=progress,
            accounts=accounts,
            actor=current_user(args, store),
            dry_run=args.dry_run,
            mapping=parse_map(args.map),
            force=args.force,
        ),
    )


def run_import_csv(args: argparse.Namespace) -> int:
    mapping = parse_map(args.map)
    return _run(
        args,
        lambda store, progress: import_csv(
            store,
            args.kind,
            args.file,
            now=now(args),
            config=args.settings,
            mapping=mapping,
            skip_bad=args.skip_bad,
            rejects_path=_rejects_path(args),
            terms_days=args.terms,
            actor=current_user(args, store),
            dry_run=args.dry_run,
            force=args.force,
        ),
    )


def parse_map(values: list[str]) -> dict[str, str]:
    """``["Raison sociale=name,N° client=code"]`` -> ``{"Raison sociale": "name", ...}``."""
    mapping = {}
    for value in values:
        for pair in value.split(","):
            if not pair.strip():
                continue
            source, equals, target = pair.partition("=")
            if not equals or not source.strip() or not target.strip():
                raise UsageError("cli.import.map_pairs", pair=pair.strip())
            mapping[source.strip()] = target.strip()
    return mapping


def _rejects_path(args: argparse.Namespace) -> Path | None:
    if args.rejects and not args.skip_bad:
        raise UsageError("cli.import.rejects_alone")
    if not args.skip_bad:
        return None
    if args.rejects:
        return Path(args.rejects)
    source = Path(args.file)
    return Path.cwd() / f"{source.stem}.rejects{source.suffix or '.txt'}"


def _run(args: argparse.Namespace, do_import) -> int:
    path = Path(args.file)
    ui = detect_locale(args.lang)
    if not path.is_file():
        fail(ui.t("cli.import.is_folder" if path.is_dir() else "cli.import.no_file", path=path), 2)
    store = open_store(args, create=not getattr(args, "dry_run", False))  # a dry run writes nothing
    started = time.perf_counter()
    try:
        with _progress_bar(path, quiet=args.json) as progress:
            report = do_import(store, progress)
    except BadInput as exc:
        hint = "" if args.skip_bad else ui.t("cli.import.skip_bad_hint")
        fail(ui.t("cli.import.nothing_imported", error=ui.error(exc), hint=hint), code=2)
    except (PermissionDenied, StoreError) as exc:
        fail(worded(exc))
    except (OutputError, ValueError) as exc:
        fail(ui.error(exc), code=2)
    except OSError as exc:  # unreadable file, vanished meanwhile
        error = f"{exc.filename or path}: {exc.strerror or exc}"
        fail(ui.t("cli.import.nothing_imported", error=error, hint=""), code=2)
    finally:
        store.close()
    seconds = time.perf_counter() - started
    if args.json:
        print_json({**_as_json(report, seconds), "dry_run": args.dry_run})
    else:
        console.print(summary_table(report, seconds, lang=ui.lang, dry_run=args.dry_run))
    return 0


@contextmanager
def _progress_bar(path: Path, *, quiet: bool):
    """A progress bar on stderr for big files, when stderr is a terminal."""
    size = path.stat().st_size
    if quiet or size < PROGRESS_MIN_BYTES or not sys.stderr.isatty():
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn())
    with Progress(*columns, TimeRemainingColumn(), console=err_console, transient=True) as bar:
        task = bar.add_task(f"reading {path.name}", total=size)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def summary_table(
    report: ImportReport, seconds: float, lang: str = "en", dry_run: bool = False
) -> Table:
    """The end-of-import summary in ``lang``: what came in, what was left out, how fast."""
    ui = Locale(lang)
    name = os.path.basename(report.file)
    title = ui.t("cli.import.title_dry" if dry_run else "cli.import.title", name=name)
    table = Table(title=Text(title), show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    has_balance = report.kind == "fec" or report.invoices or report.credit_notes
    n = ui.number
    rows = [
        ("lines", n(report.lines), True),
        ("customers", n(report.customers), report.customers),
        ("contacts", n(report.contacts), report.contacts),
        ("invoices", f"{n(report.invoices)} ({n(report.invoices_open)})", report.invoices),
        ("credit_notes", n(report.credit_notes), report.credit_notes),
        ("payments", n(report.payments), report.payments),
        ("balance", ui.money(report.balance_cents), has_balance),
        ("closed", n(report.closed), report.closed),
        ("unallocated", _unallocated(report, ui), report.unallocated_lines),
        ("phones_as_typed", _phones_as_typed(report, ui), report.phones_as_typed_lines),
    ]
    for label, value, shown in rows:
        if shown:
            table.add_row(ui.t(f"cli.import.{label}"), value)
    if report.rejects:
        table.add_row(
            Text(ui.t("cli.import.rejected"), style="bold yellow"),
            Text(f"{n(report.rejects)} -> {report.rejects_path or ui.t('cli.import.not_written')}"),
        )
    rate = report.lines / seconds if seconds > 0 else 0
    speed = ui.t("cli.import.speed", seconds=ui.decimal(seconds, 2), rate=n(round(rate)))
    table.add_row(ui.t("cli.import.time"), speed)
    return table


def _unallocated(report: ImportReport, ui: Locale) -> str:
    return f"{ui.money(report.unallocated_cents)} ({_lines(report.unallocated_lines, ui)})"


def _phones_as_typed(report: ImportReport, ui: Locale) -> str:
    lines = report.phones_as_typed_lines
    return f"{ui.number(len(lines))} ({_lines(lines, ui)})"


def _lines(lines: tuple[int, ...], ui: Locale) -> str:
    """``lines 3, 7, ...``: the first five line numbers, enough to find the rest."""
    numbers = ", ".join(str(n) for n in lines[:5]) + (", ..." if len(lines) > 5 else "")
    return ui.t("cli.import.line_numbers", count=len(lines), numbers=numbers)


def _as_json(report: ImportReport, seconds: float) -> dict:
    data = report.as_dict()
    lines = data.pop("unallocated_lines")
    data["unallocated"] = {
        "amount": to_units(data.pop("unallocated_cents")),
        "cents": report.unallocated_cents,
        "lines": list(lines),
    }
    data["balance"] = to_units(report.balance_cents)
    data["seconds"] = round(seconds, 3)
    return data

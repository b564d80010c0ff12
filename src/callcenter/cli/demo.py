"""``callcenter demo``: build a realistic demo ledger in the database given by ``--db``.

Python equivalent: ``callcenter.service.demo.build_demo(store, debtors=N, seed=S, now=now, config=settings)``
and ``write_fec(path, debtors=N, seed=S, now=now)`` for ``--fec-out``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.table import Table

from callcenter.cli.common import (
    console,
    err_console,
    fail,
    now,
    open_store,
    print_json,
    session_locale,
    worded,
)
from callcenter.i18n import Locale, detect_locale
from callcenter.store import StoreError, default_db_path, open_database
from callcenter.store.backends import sqlite_path


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``demo`` to the parser."""
    parser = sub.add_parser(
        "demo",
        help="cli.demo.help",
        description=("cli.demo.description"),
    )
    parser.add_argument(
        "--debtors", type=int, default=300, metavar="N", help="cli.demo.opt.debtors"
    )
    parser.add_argument("--seed", type=int, default=7, metavar="S", help="cli.demo.opt.seed")
    parser.add_argument("--fec-out", metavar="FILE", help="cli.demo.opt.fec_out")
    parser.add_argument("--force", action="store_true", help="cli.demo.opt.force")
    parser.add_argument("--json", action="store_true", help="cli.opt.json_summary")
    parser.set_defaults(handler=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    from callcenter.importers.demo import DemoError, write_fec
    from callcenter.service.demo import build_demo, holds_ledger

    ui = detect_locale(args.lang)
    if args.debtors < 1:
        fail(ui.t("cli.demo.debtors_min"), code=2)
    target = args.db or os.environ.get("CALLCENTER_DB") or None
    path = sqlite_path(target) if target else default_db_path()
    if path is not None:
        _make_room(path, force=args.force)
    moment = now(args)
    store = open_store(args, create=True)
    if path is None and holds_ledger(store):
        # A server's database is not a file the demo may delete and make anew.
        store.close()
        fail(ui.t("cli.demo.server_holds_ledger", path=store.path), code=2)
    try:
        with _progress(args.debtors) as progress:
            summary = build_demo(
                store,
                debtors=args.debtors,
                seed=args.seed,
                now=moment,
                config=args.settings,
                progress=progress,
            )
    except (DemoError, StoreError) as exc:
        fail(worded(exc))
    finally:
        store.close()
    if args.fec_out:
        summary["fec_lines"] = write_fec(
            args.fec_out, debtors=args.debtors, seed=args.seed, now=moment
        )
        summary["fec_file"] = args.fec_out
    summary["database"] = str(store.path)  # a server's URL without its password
    if args.json:
        print_json(summary)
    else:
        _print_summary(summary, ui)
    return 0


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal for big ledgers; nothing otherwise (pipes, tests)."""
    if total < 5000 or not err_console.is_terminal:
        yield None
        return
    from rich.progress import Progress

    with Progress(console=err_console, transient=True) as bar:
        task = bar.add_task("generating", total=total)
        yield lambda done, _total: bar.update(task, completed=done)


def _make_room(path: Path, *, force: bool) -> None:
    """Refuse to touch a database that already holds a ledger, unless told to replace it."""
    if not path.exists():
        return
    try:
        store = open_database(path, create=False)
    except StoreError as exc:
        fail(worded(exc))
    try:
        from callcenter.service.demo import holds_ledger

        full = holds_ledger(store)
    finally:
        store.close()
    if not full:
        return
    if not force:
        fail(session_locale().t("cli.demo.holds_ledger", path=path), code=2)
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(str(path) + suffix)
        if candidate.exists():
            os.remove(candidate)


def _print_summary(summary: dict, ui: Locale) -> None:
    table = Table(title=ui.t("cli.demo.title", path=summary["database"]), show_header=False)
    table.add_column("what")
    table.add_column("how many", justify="right")
    n = ui.number
    for key in ("debtors", "contacts", "invoices", "open_invoices", "payments", "calls"):
        table.add_row(ui.t(f"cli.demo.{key}"), n(summary.get(key, 0)))
    table.add_row(ui.t("cli.demo.promises"), n(summary.get("promises", 0)))
    for status, count in summary["promises_by_status"].items():
        table.add_row(f"  {ui.t(f'status.{status}').lower()}", n(count))
    table.add_row(ui.t("cli.demo.disputes"), n(summary.get("disputes", 0)))
    table.add_row(ui.t("cli.demo.balance"), ui.money(summary["balance_cents"]))
    table.add_row(ui.t("cli.demo.overdue"), ui.money(summary["overdue_cents"]))
    for bucket, cents in summary["aging_cents"].items():
        # The demo names buckets "1_30"; the catalogue, like the figures, "1-30".
        key = bucket.replace("_", "-") if bucket[0].isdigit() else bucket
        table.add_row(f"  {ui.t(f'fig.bucket.{key}')}", ui.money(cents))
    if summary.get("queued") is not None:
        table.add_row(
            ui.t("cli.demo.queue_scored"), ui.t("cli.demo.queued", count=summary["queued"])
        )
    if summary.get("fec_file"):
        fec = ui.t("cli.demo.fec_lines", path=summary["fec_file"], count=summary["fec_lines"])
        table.add_row(ui.t("cli.demo.fec_file"), fec)
    seconds = ui.decimal(summary["build_seconds"], 2)
    table.add_row(ui.t("cli.demo.built_in"), f"{seconds} s")
    console.print(table)

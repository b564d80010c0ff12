"""What every subcommand shares: opening the store, who is calling, output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import UTC, datetime
from typing import Any, NoReturn

from rich.console import Console

from callcenter.store.db import Store, StoreError

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


class UsageError(Exception):
    """A mistake in what the user typed; printed without a traceback."""


def open_store(args: argparse.Namespace, *, create: bool = False) -> Store:
    """The database named by ``--db``; only import, demo and ``user add`` pass ``create``:
    a read command on a mistyped path must say "no database at PATH", not show an empty queue."""
    try:
        return Store.open(args.db, create=create)
    except StoreError as exc:
        fail(str(exc))


def current_user(args: argparse.Namespace) -> str:
    """The login name, unless ``--as`` names someone else."""
    return getattr(args, "as_user", None) or os.environ.get("CALLCENTER_USER") or getpass.getuser()


def now(args: argparse.Namespace | None = None) -> datetime:
    """The current instant; ``CALLCENTER_NOW`` (ISO 8601) freezes it for demos and tests."""
    frozen = os.environ.get("CALLCENTER_NOW")
    if frozen:
        moment = datetime.fromisoformat(frozen)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return datetime.now(UTC)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(message: str, code: int = 1) -> NoReturn:
    # soft_wrap: one line, whatever the width; the terminal folds it, scripts read it whole.
    err_console.print(f"[bold red]error:[/] {_escape(message)}", soft_wrap=True)
    raise SystemExit(code)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)

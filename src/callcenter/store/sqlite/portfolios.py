"""Which collector owns which debtor (``debtors.collector``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from callcenter.store.codec import instant_to_db
from callcenter.store.sqlite.db import SqliteStore


def known_codes(store: SqliteStore, codes: Sequence[str]) -> set[str]:
    """The subset of ``codes`` that name existing debtors."""
    found: set[str] = set()
    for start in range(0, len(codes), 500):
        chunk = list(codes[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        found.update(
            row[0]
            for row in store.conn.execute(
                f"SELECT code FROM debtors WHERE code IN ({marks})",  # noqa: S608
                chunk,
            )
        )
    return found


def assign_debtors(
    store: SqliteStore, codes: Sequence[str], collector: str | None, now: datetime
) -> int:
    """Give ``codes`` to ``collector`` (None: unassigned); returns rows changed."""
    stamp = instant_to_db(now)
    cursor = store.conn.executemany(
        "UPDATE debtors SET collector = ?, updated_at = ? WHERE code = ?",
        [(collector, stamp, code) for code in codes],
    )
    return cursor.rowcount


def move_portfolio(store: SqliteStore, source: str, target: str | None, now: datetime) -> int:
    """Hand every debtor of ``source`` to ``target``; returns how many moved."""
    return store.conn.execute(
        "UPDATE debtors SET collector = ?, updated_at = ? WHERE collector = ?",
        (target, instant_to_db(now), source),
    ).rowcount

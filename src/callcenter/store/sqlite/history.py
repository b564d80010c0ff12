"""SQLite's part of building months of history in one go: durability and indexes.

The rows themselves go in through :mod:`callcenter.store.statements.history`
(both backends); here, what only a SQLite file needs while they pour in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from callcenter.store.sqlite.db import SqliteStore
from callcenter.store.statements.history import BULK_TABLES


@contextmanager
def bulk_mode(store: SqliteStore) -> Iterator[None]:
    """Trade durability for speed while a fresh demo database is being built.

    A crash half-way leaves a file nobody needs (the generator is re-run), so
    skipping fsyncs and giving SQLite a large page cache is a fair deal; the
    normal settings come back afterwards.
    """
    conn = store.conn
    synchronous = conn.execute("PRAGMA synchronous").fetchone()[0]
    conn.execute("PRAGMA synchronous = OFF")
    try:
        with store.large_cache(256):
            yield
    finally:
        conn.execute(f"PRAGMA synchronous = {int(synchronous)}")


@contextmanager
def deferred_indexes(store: SqliteStore, tables: tuple[str, ...] = BULK_TABLES) -> Iterator[None]:
    """Drop the secondary indexes of ``tables`` while rows pour in, then build them again.

    Sorting once is much cheaper than keeping several B-trees in order through
    millions of random inserts. Unique indexes stay (upserts need them), and so
    does any index a trigger may search with (a trigger reading the table
    without it would scan the table on every insert); the caller holds the
    transaction, so nobody ever sees the tables without their indexes.
    """
    marks = ", ".join("?" for _ in tables)
    indexes = store.conn.execute(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'"  # noqa: S608
        f" AND sql IS NOT NULL AND tbl_name IN ({marks}) AND sql NOT LIKE 'CREATE UNIQUE%'",
        tables,
    ).fetchall()
    trigger_sql = [
        sql for (sql,) in store.conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")
    ]
    dropped = [
        (name, sql)
        for name, table, sql in indexes
        if not _searched_by_trigger(table, _leading_column(sql), trigger_sql)
    ]
    for name, _ in dropped:
        store.conn.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in dropped:
        store.conn.execute(sql)


def _leading_column(index_sql: str) -> str:
    """``CREATE INDEX x ON t (a, b) WHERE ...`` -> ``a``."""
    inside = index_sql.split("(", 1)[1]
    return re.split(r"[\s,)]", inside.strip(), maxsplit=1)[0].strip('"')


def _searched_by_trigger(table: str, column: str, triggers: list[str]) -> bool:
    """True when a trigger statement reads ``table`` and names ``column`` after it.

    Deliberately broad: keeping an index that was not needed only costs time.
    """
    reads = re.compile(
        rf"\b(?:FROM|JOIN|UPDATE)\s+{re.escape(table)}\b[^;]*\b{re.escape(column)}\b",
        re.IGNORECASE,
    )
    return any(reads.search(sql) for sql in triggers)

"""Bulk inserts of past activity (users, calls, promises, disputes, tasks).

Only the demo generator uses these: it builds months of history in one go,
so rows arrive as ready-made tuples (no per-row objects) with their ids
chosen by the caller, which lets promises and disputes point at their calls
without reading anything back. Callers hold ``store.transaction()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from callcenter.store.sqlite.db import SqliteStore

#: Tables whose largest id the generator continues from.
ID_TABLES = ("contacts", "invoices", "calls", "promises", "disputes", "tasks")

CALL_COLUMNS = (
    "id, debtor_code, collector, started_at, contact_id, outcome, note, right_party,"
    " undoes, campaign_id, callback_at, reason"
)
PROMISE_COLUMNS = (
    "id, debtor_code, call_id, plan_id, collector, created_at, promised_on, amount_cents,"
    " paid_cents, status, settled_at"
)
DISPUTE_COLUMNS = "id, debtor_code, call_id, reason, status, opened_at, opened_by, resolved_at"
TASK_COLUMNS = "id, debtor_code, call_id, kind, note, created_at, created_by, done_at"


def ledger_is_empty(store: SqliteStore) -> bool:
    """True when no debtor exists yet: the generator only fills empty databases."""
    return store.conn.execute("SELECT 1 FROM debtors LIMIT 1").fetchone() is None


def last_ids(store: SqliteStore) -> dict[str, int]:
    """The largest id of each table the generator numbers itself (0 when empty)."""
    return {
        table: store.conn.execute(
            f"SELECT coalesce(max(id), 0) FROM {table}"  # noqa: S608 (table from ID_TABLES)
        ).fetchone()[0]
        for table in ID_TABLES
    }


def insert_users(store: SqliteStore, rows: Iterable[tuple[str, str, str, str]]) -> None:
    """(name, role, display_name, created_at); an existing user is left as it is."""
    store.conn.executemany(
        "INSERT INTO users (name, role, display_name, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (name) DO NOTHING",
        rows,
    )


def insert_calls(store: SqliteStore, rows: Iterable[tuple]) -> None:
    """Rows in :data:`CALL_COLUMNS` order."""
    store.conn.executemany(
        f"INSERT INTO calls ({CALL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        rows,
    )


def insert_promises(store: SqliteStore, rows: Iterable[tuple]) -> None:
    """Rows in :data:`PROMISE_COLUMNS` order."""
    store.conn.executemany(
        f"INSERT INTO promises ({PROMISE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        rows,
    )


def insert_disputes(store: SqliteStore, rows: Iterable[tuple]) -> None:
    """Rows in :data:`DISPUTE_COLUMNS` order."""
    store.conn.executemany(
        f"INSERT INTO disputes ({DISPUTE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        rows,
    )


def insert_dispute_invoices(store: SqliteStore, rows: Iterable[tuple[int, int]]) -> None:
    """(dispute_id, invoice_id) pairs."""
    store.conn.executemany(
        "INSERT INTO dispute_invoices (dispute_id, invoice_id) VALUES (?, ?)", rows
    )


def insert_tasks(store: SqliteStore, rows: Iterable[tuple]) -> None:
    """Rows in :data:`TASK_COLUMNS` order."""
    store.conn.executemany(
        f"INSERT INTO tasks ({TASK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        rows,
    )


def count_rows(store: SqliteStore, table: str) -> int:
    if table not in ID_TABLES + ("debtors", "payments", "users", "dispute_invoices"):
        raise ValueError(f"not a history table: {table}")
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


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


#: The big tables whose secondary indexes are cheaper to build once, after the rows.
BULK_TABLES = ("invoices", "payments", "contacts", "calls", "promises", "tasks", "disputes")


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

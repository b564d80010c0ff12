"""Bulk inserts of past activity (users, calls, promises, disputes, tasks).

Only the demo generator uses these: it builds months of history in one go,
so rows arrive as ready-made tuples (no per-row objects) with their ids
chosen by the caller, which lets promises and disputes point at their calls
without reading anything back. Callers hold ``store.transaction()``.
"""

from __future__ import annotations

from collections.abc import Iterable

from callcenter.store.statements import SqlStore

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


def ledger_is_empty(store: SqlStore) -> bool:
    """True when no debtor exists yet: the generator only fills empty databases."""
    return store.conn.execute("SELECT 1 FROM debtors LIMIT 1").fetchone() is None


def last_ids(store: SqlStore) -> dict[str, int]:
    """The largest id of each table the generator numbers itself (0 when empty)."""
    return {
        table: store.conn.execute(
            f"SELECT coalesce(max(id), 0) FROM {table}"  # noqa: S608 (table from ID_TABLES)
        ).fetchone()[0]
        for table in ID_TABLES
    }


def insert_users(store: SqlStore, rows: Iterable[tuple[str, str, str, str]]) -> None:
    """(name, role, display_name, created_at); an existing user is left as it is."""
    store.conn.executemany(
        "INSERT INTO users (name, role, display_name, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (name) DO NOTHING",
        rows,
    )


def insert_calls(store: SqlStore, rows: Iterable[tuple]) -> None:
    """Rows in :data:`CALL_COLUMNS` order."""
    store.conn.executemany(
        f"INSERT INTO calls ({CALL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        rows,
    )


def insert_promises(store: SqlStore, rows: Iterable[tuple]) -> None:
    """Rows in :data:`PROMISE_COLUMNS` order."""
    store.conn.executemany(
        f"INSERT INTO promises ({PROMISE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        rows,
    )


def insert_disputes(store: SqlStore, rows: Iterable[tuple]) -> None:
    """Rows in :data:`DISPUTE_COLUMNS` order."""
    store.conn.executemany(
        f"INSERT INTO disputes ({DISPUTE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        rows,
    )


def insert_dispute_invoices(store: SqlStore, rows: Iterable[tuple[int, int]]) -> None:
    """(dispute_id, invoice_id) pairs."""
    store.conn.executemany(
        "INSERT INTO dispute_invoices (dispute_id, invoice_id) VALUES (?, ?)", rows
    )


def insert_tasks(store: SqlStore, rows: Iterable[tuple]) -> None:
    """Rows in :data:`TASK_COLUMNS` order."""
    store.conn.executemany(
        f"INSERT INTO tasks ({TASK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        rows,
    )


def count_rows(store: SqlStore, table: str) -> int:
    if table not in ID_TABLES + ("debtors", "payments", "users", "dispute_invoices"):
        raise ValueError(f"not a history table: {table}")
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


#: The big tables whose secondary indexes are cheaper to build once, after the rows.
BULK_TABLES = ("invoices", "payments", "contacts", "calls", "promises", "tasks", "disputes")

"""Bulk inserts of past activity (users, calls, promises, disputes, tasks).

Only the demo generator uses these: it builds months of history in one go,
as domain objects carrying the ids the caller chose, which lets promises and
disputes point at their calls without reading anything back. The statements
encode them as every other write does (:mod:`callcenter.store.codec`).
Callers hold ``store.transaction()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from callcenter.domain.models import Call, Dispute, Promise, Task, User
from callcenter.store.codec import date_to_db, instant_to_db
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


def insert_users(store: SqlStore, users: Iterable[User], created_at: datetime) -> None:
    """Users created at ``created_at``; an existing user is left as it is."""
    stamp = instant_to_db(created_at)
    store.conn.executemany(
        "INSERT INTO users (name, role, display_name, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (name) DO NOTHING",
        ((u.name, u.role, u.display_name, stamp) for u in users),
    )


def insert_past_calls(store: SqlStore, calls: Iterable[Call]) -> None:
    """Calls with their ids, in :data:`CALL_COLUMNS` order (``right_party`` as given)."""
    store.conn.executemany(
        f"INSERT INTO calls ({CALL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        (
            (
                c.id,
                c.debtor_code,
                c.collector,
                instant_to_db(c.started_at),
                c.contact_id,
                c.outcome.value,
                c.note,
                int(c.right_party),
                c.undoes,
                c.campaign_id,
                instant_to_db(c.callback_at),
                c.reason,
            )
            for c in calls
        ),
    )


def insert_past_promises(store: SqlStore, promises: Iterable[Promise]) -> None:
    """Promises with their ids and their verdicts, in :data:`PROMISE_COLUMNS` order."""
    store.conn.executemany(
        f"INSERT INTO promises ({PROMISE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        (
            (
                p.id,
                p.debtor_code,
                p.call_id,
                p.plan_id,
                p.collector,
                instant_to_db(p.created_at),
                date_to_db(p.promised_on),
                p.amount_cents,
                p.paid_cents,
                p.status.value,
                instant_to_db(p.settled_at),
            )
            for p in promises
        ),
    )


def insert_past_disputes(store: SqlStore, disputes: Iterable[Dispute]) -> None:
    """Disputes with their ids, then the invoices each names (by number, found by the
    debtor's ``UNIQUE (debtor_code, number)``, so the invoices are written first)."""
    disputes = list(disputes)
    store.conn.executemany(
        f"INSERT INTO disputes ({DISPUTE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        (
            (
                d.id,
                d.debtor_code,
                d.call_id,
                d.reason,
                d.status,
                instant_to_db(d.opened_at),
                d.opened_by,
                instant_to_db(d.resolved_at),
            )
            for d in disputes
        ),
    )
    store.conn.executemany(
        "INSERT INTO dispute_invoices (dispute_id, invoice_id)"
        " SELECT ?, id FROM invoices WHERE debtor_code = ? AND number = ?",
        ((d.id, d.debtor_code, number) for d in disputes for number in d.invoice_numbers),
    )


def insert_past_tasks(store: SqlStore, tasks: Iterable[Task]) -> None:
    """Tasks with their ids, in :data:`TASK_COLUMNS` order."""
    store.conn.executemany(
        f"INSERT INTO tasks ({TASK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
        (
            (
                t.id,
                t.debtor_code,
                t.call_id,
                t.kind,
                t.note,
                instant_to_db(t.created_at),
                t.created_by,
                instant_to_db(t.done_at),
            )
            for t in tasks
        ),
    )


def count_rows(store: SqlStore, table: str) -> int:
    if table not in ID_TABLES + ("debtors", "payments", "users", "dispute_invoices"):
        raise ValueError(f"not a history table: {table}")
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608


#: The big tables whose secondary indexes are cheaper to build once, after the rows.
BULK_TABLES = ("invoices", "payments", "contacts", "calls", "promises", "tasks", "disputes")

"""The ``meta`` table's markers: what the upkeep last did, and whether it is due again.

Standard SQL, run by both backends (PostgreSQL through ``Spelled``).
"""

from __future__ import annotations

from datetime import date

from callcenter.store.codec import date_to_db
from callcenter.store.statements import SqlStore


def get_meta(store: SqlStore, key: str) -> str | None:
    row = store.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(store: SqlStore, key: str, value: str) -> None:
    store.conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def delete_meta(store: SqlStore, key: str) -> None:
    store.conn.execute("DELETE FROM meta WHERE key = ?", (key,))


def upkeep_state(store: SqlStore, scored_key: str, cutoff: date) -> tuple[str | None, bool]:
    """(day the queue was last scored, any pending promise dated before ``cutoff``).

    One statement for the check every pick makes before its claim.
    """
    scored_on, overdue = store.conn.execute(
        "SELECT (SELECT value FROM meta WHERE key = ?), EXISTS (SELECT 1 FROM promises"
        " WHERE status = 'pending' AND promised_on < ?)",
        (scored_key, date_to_db(cutoff)),
    ).fetchone()
    return scored_on, bool(overdue)


def pending_due_promise_exists(store: SqlStore, cutoff: date) -> bool:
    """Any pending promise dated before ``cutoff`` (cheap: partial index promises_pending)."""
    return (
        store.conn.execute(
            "SELECT 1 FROM promises WHERE status = 'pending' AND promised_on < ? LIMIT 1",
            (date_to_db(cutoff),),
        ).fetchone()
        is not None
    )

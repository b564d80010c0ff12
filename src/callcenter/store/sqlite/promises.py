"""The SQL behind promise settlement: pending promises, payments, verdicts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TypeVar

from callcenter.domain.models import Payment, Promise
from callcenter.store.codec import date_to_db, instant_to_db
from callcenter.store.rows import payment_from_row, promise_from_row
from callcenter.store.sqlite.db import SqliteStore
from callcenter.store.statements import dict_query
from callcenter.store.statements.scoring import chunks

T = TypeVar("T")


def debtors_with_due_promises(store: SqliteStore, cutoff: date) -> list[str]:
    """Debtors holding a pending promise dated before ``cutoff`` (date + grace passed)."""
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT debtor_code FROM promises WHERE status = 'pending'"
            " AND promised_on < ? ORDER BY debtor_code",
            (date_to_db(cutoff),),
        )
    ]


def debtors_with_promises(store: SqliteStore, codes: Sequence[str]) -> list[str]:
    """Those of ``codes`` holding a promise that is not cancelled (pending or judged).

    After an import every one of them is judged again: a late bank line may
    keep a promise already judged broken.
    """
    found: list[str] = []
    for part in chunks(sorted(set(codes))):
        marks = ", ".join("?" for _ in part)
        found.extend(
            r[0]
            for r in store.conn.execute(
                "SELECT DISTINCT debtor_code FROM promises WHERE status <> 'cancelled'"  # noqa: S608
                f" AND debtor_code IN ({marks})",
                tuple(part),
            )
        )
    return found


def _objects_for_codes(
    store: SqliteStore,
    build: Callable[[dict], T],
    sql: str,
    codes: Sequence[str],
    head: tuple = (),
) -> list[T]:
    """Run ``sql`` once per chunk of ``codes`` (SQLite caps the number of parameters).

    ``sql`` holds one ``{marks}`` slot for the chunk's placeholders; ``head`` are
    the parameters that come before them. Rows are in chunk order.
    """
    found: list[T] = []
    for part in chunks(list(codes)):
        marks = ", ".join("?" for _ in part)
        found.extend(map(build, dict_query(store, sql.format(marks=marks), (*head, *part))))
    return found


def promises_of(store: SqliteStore, codes: Sequence[str]) -> list[Promise]:
    """Pending and settled (not cancelled) promises of ``codes``, oldest date first."""
    return _objects_for_codes(
        store,
        promise_from_row,
        "SELECT * FROM promises WHERE status <> 'cancelled' AND debtor_code IN ({marks})"
        " ORDER BY debtor_code, promised_on, id",
        codes,
    )


def payments_of(store: SqliteStore, codes: Sequence[str], since: date) -> list[Payment]:
    """Payments of ``codes`` received on or after ``since``, oldest first."""
    return _objects_for_codes(
        store,
        payment_from_row,
        "SELECT * FROM payments"
        " WHERE paid_on >= ? AND amount_cents > 0 AND debtor_code IN ({marks})"
        " ORDER BY debtor_code, paid_on, id",
        codes,
        (date_to_db(since),),
    )


def record_verdicts(
    store: SqliteStore,
    changes: Sequence[tuple[int, str, int, str, int]],
    now: datetime,
    import_id: int | None = None,
) -> int:
    """Write (promise id, old status, old paid, new status, new paid) and keep each in history.

    ``settled_at`` is the time of the latest verdict (None while pending);
    ``promise_changes`` keeps every change with the import that caused it, if any.
    """
    stamp = instant_to_db(now)
    store.conn.executemany(
        "UPDATE promises SET status = ?, paid_cents = ?, settled_at = ?"
        " WHERE id = ? AND status <> 'cancelled'",
        [
            (new, paid, None if new == "pending" else stamp, promise_id)
            for promise_id, _, _, new, paid in changes
        ],
    )
    store.conn.executemany(
        "INSERT INTO promise_changes (promise_id, changed_at, old_status, new_status,"
        " old_paid_cents, new_paid_cents, import_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (promise_id, stamp, old, new, old_paid, paid, import_id)
            for promise_id, old, old_paid, new, paid in changes
        ],
    )
    return len(changes)


def changes_of(store: SqliteStore, code: str) -> list[dict]:
    """A debtor's promise history, oldest first (the dossier shows revisions)."""
    return dict_query(
        store,
        "SELECT c.promise_id, c.changed_at, c.old_status, c.new_status, c.old_paid_cents,"
        " c.new_paid_cents, c.import_id FROM promise_changes c"
        " JOIN promises p ON p.id = c.promise_id WHERE p.debtor_code = ?"
        " ORDER BY c.changed_at, c.id",
        (code,),
    ).fetchall()

"""The SQL behind promise settlement: pending promises, payments, verdicts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from callcenter.store.codec import date_to_db, instant_to_db
from callcenter.store.db import Store
from callcenter.store.dossier import dict_query
from callcenter.store.queue import chunks


def debtors_with_due_promises(store: Store, cutoff: date) -> list[str]:
    """Debtors holding a pending promise dated before ``cutoff`` (date + grace passed)."""
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT debtor_code FROM promises WHERE status = 'pending'"
            " AND promised_on < ? ORDER BY debtor_code",
            (date_to_db(cutoff),),
        )
    ]


def debtors_with_pending(store: Store, codes: Sequence[str]) -> list[str]:
    found: list[str] = []
    for part in chunks(sorted(set(codes))):
        marks = ", ".join("?" for _ in part)
        found.extend(
            r[0]
            for r in store.conn.execute(
                "SELECT DISTINCT debtor_code FROM promises WHERE status = 'pending'"  # noqa: S608
                f" AND debtor_code IN ({marks})",
                tuple(part),
            )
        )
    return found


def _rows_for_codes(store: Store, sql: str, codes: Sequence[str], head: tuple = ()) -> list[dict]:
    """Run ``sql`` once per chunk of ``codes`` (SQLite caps the number of parameters).

    ``sql`` holds one ``{marks}`` slot for the chunk's placeholders; ``head`` are
    the parameters that come before them. Rows are in chunk order.
    """
    rows: list[dict] = []
    for part in chunks(list(codes)):
        marks = ", ".join("?" for _ in part)
        rows.extend(dict_query(store, sql.format(marks=marks), (*head, *part)).fetchall())
    return rows


def promises_of(store: Store, codes: Sequence[str]) -> list[dict]:
    """Pending and settled (not cancelled) promises of ``codes``, oldest date first."""
    return _rows_for_codes(
        store,
        "SELECT id, debtor_code, created_at, promised_on, amount_cents, paid_cents, status"
        " FROM promises WHERE status <> 'cancelled' AND debtor_code IN ({marks})"
        " ORDER BY debtor_code, promised_on, id",
        codes,
    )


def payments_of(store: Store, codes: Sequence[str], since: date) -> list[dict]:
    """Payments of ``codes`` received on or after ``since``, oldest first."""
    return _rows_for_codes(
        store,
        "SELECT debtor_code, paid_on, amount_cents FROM payments"
        " WHERE paid_on >= ? AND amount_cents > 0 AND debtor_code IN ({marks})"
        " ORDER BY debtor_code, paid_on, id",
        codes,
        (date_to_db(since),),
    )


def record_verdicts(store: Store, verdicts: Iterable[tuple[int, str, int]], now: datetime) -> int:
    """Write (promise id, status, paid cents): settled ones get ``settled_at``."""
    stamp = instant_to_db(now)
    rows = [
        (status, paid, None if status == "pending" else stamp, promise_id)
        for promise_id, status, paid in verdicts
    ]
    store.conn.executemany(
        "UPDATE promises SET status = ?, paid_cents = ?, settled_at = ?"
        " WHERE id = ? AND status = 'pending'",
        rows,
    )
    return len(rows)

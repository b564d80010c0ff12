"""Promise settlement on PostgreSQL (the ``Promises`` port): pending promises, payments,
verdicts and their history, the rows of SQLite's ``promises.py``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from psycopg.rows import dict_row

from callcenter.domain.models import Payment, Promise
from callcenter.store.codec import date_to_db, instant_to_db  # one encoding for both
from callcenter.store.rows import payment_from_row, promise_from_row

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore


class PostgresPromises:
    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def _dicts(self, sql: str, params: Sequence | dict) -> list[dict]:
        with self._store.conn.cursor(row_factory=dict_row) as cursor:
            return cursor.execute(sql, params).fetchall()

    def debtors_with_due_promises(self, cutoff: date) -> list[str]:
        """Debtors holding a pending promise dated before ``cutoff`` (date + grace passed)."""
        rows = self._store.conn.execute(
            "SELECT DISTINCT debtor_code FROM promises WHERE status = 'pending'"
            " AND promised_on < %s ORDER BY debtor_code",
            (date_to_db(cutoff),),
        )
        return [r[0] for r in rows]

    def debtors_with_promises(self, codes: Sequence[str]) -> list[str]:
        """Those of ``codes`` holding a promise that is not cancelled (pending or judged)."""
        rows = self._store.conn.execute(
            "SELECT DISTINCT debtor_code FROM promises WHERE status <> 'cancelled'"
            " AND debtor_code = ANY(%s::text[]) ORDER BY debtor_code",
            (sorted(set(codes)),),
        )
        return [r[0] for r in rows]

    def promises_of(self, codes: Sequence[str]) -> list[Promise]:
        """Pending and settled (not cancelled) promises of ``codes``, oldest date first."""
        rows = self._dicts(
            "SELECT * FROM promises WHERE status <> 'cancelled' AND debtor_code = ANY(%s::text[])"
            " ORDER BY debtor_code, promised_on, id",
            (list(codes),),
        )
        return [promise_from_row(row) for row in rows]

    def payments_of(self, codes: Sequence[str], since: date) -> list[Payment]:
        """Payments of ``codes`` received on or after ``since``, oldest first."""
        rows = self._dicts(
            "SELECT * FROM payments"
            " WHERE paid_on >= %s AND amount_cents > 0 AND debtor_code = ANY(%s::text[])"
            " ORDER BY debtor_code, paid_on, id",
            (date_to_db(since), list(codes)),
        )
        return [payment_from_row(row) for row in rows]

    def record_verdicts(
        self,
        changes: Sequence[tuple[int, str, int, str, int]],
        now: datetime,
        import_id: int | None = None,
    ) -> int:
        """Write (promise id, old status, old paid, new status, new paid), each kept in history."""
        stamp = instant_to_db(now)
        with self._store.conn.cursor() as cursor:
            cursor.executemany(
                "UPDATE promises SET status = %s, paid_cents = %s, settled_at = %s"
                " WHERE id = %s AND status <> 'cancelled'",
                [
                    (new, paid, None if new == "pending" else stamp, promise_id)
                    for promise_id, _, _, new, paid in changes
                ],
            )
            cursor.executemany(
                "INSERT INTO promise_changes (promise_id, changed_at, old_status, new_status,"
                " old_paid_cents, new_paid_cents, import_id) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    (promise_id, stamp, old, new, old_paid, paid, import_id)
                    for promise_id, old, old_paid, new, paid in changes
                ],
            )
        return len(changes)

    def changes_of(self, code: str) -> list[dict]:
        """A debtor's promise history, oldest first (the dossier shows revisions)."""
        return self._dicts(
            "SELECT c.promise_id, c.changed_at, c.old_status, c.new_status, c.old_paid_cents,"
            " c.new_paid_cents, c.import_id FROM promise_changes c"
            " JOIN promises p ON p.id = c.promise_id WHERE p.debtor_code = %s"
            " ORDER BY c.changed_at, c.id",
            (code,),
        )

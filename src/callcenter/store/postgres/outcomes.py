"""Logging an outcome and undoing it, on PostgreSQL (the ``Outcomes`` port).

The same rows as SQLite's ``outcomes.py``, written inside the service's one
transaction; none commits. The calls table only grows (a trigger refuses
UPDATE and DELETE): an undo is a new row pointing at the call it cancels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from psycopg.rows import dict_row

from callcenter.domain.models import Call, Contact, Invoice, Task
from callcenter.store.codec import date_to_db, instant_to_db  # one encoding for both
from callcenter.store.rows import call_from_row, contact_from_row, invoice_from_row, task_from_row

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore


class PostgresOutcomes:
    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def _one(self, sql: str, params: Sequence | dict) -> dict | None:
        with self._store.conn.cursor(row_factory=dict_row) as cursor:
            return cursor.execute(sql, params).fetchone()

    def _value(self, sql: str, params: Sequence | dict):
        row = self._store.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def insert_call(
        self,
        *,
        code: str,
        collector: str,
        started_at: datetime,
        outcome: str,
        note: str = "",
        reason: str = "",
        contact_id: int | None = None,
        right_party: bool = False,
        undoes: int | None = None,
        campaign_id: int | None = None,
        callback_at: datetime | None = None,
        entered_by: str | None = None,
        callback_owner: str | None = None,
    ) -> int:
        return int(
            self._value(
                "INSERT INTO calls (debtor_code, collector, started_at, contact_id, outcome, note,"
                " reason, right_party, undoes, campaign_id, callback_at, entered_by,"
                " callback_owner)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                (
                    code,
                    collector,
                    instant_to_db(started_at),
                    contact_id,
                    outcome,
                    note,
                    reason,
                    int(right_party),
                    undoes,
                    campaign_id,
                    instant_to_db(callback_at),
                    entered_by,
                    callback_owner,
                ),
            )
        )

    def insert_promises(
        self,
        *,
        code: str,
        call_id: int,
        collector: str,
        created_at: datetime,
        instalments: Sequence[tuple[date, int]],
        plan: bool = False,
    ) -> list[int]:
        """One promise row per instalment; a payment plan's rows share ``plan_id`` (its first id)."""
        ids: list[int] = []
        for promised_on, cents in instalments:
            ids.append(
                int(
                    self._value(
                        "INSERT INTO promises (debtor_code, call_id, plan_id, collector,"
                        " created_at, promised_on, amount_cents)"
                        " VALUES (%s, %s, %s, %s, %s, %s, %s) RETURNING id",
                        (
                            code,
                            call_id,
                            ids[0] if plan and ids else None,
                            collector,
                            instant_to_db(created_at),
                            date_to_db(promised_on),
                            cents,
                        ),
                    )
                )
            )
        if plan and ids:
            self._store.conn.execute(
                "UPDATE promises SET plan_id = %s WHERE id = %s", (ids[0], ids[0])
            )
        return ids

    def insert_dispute(
        self,
        *,
        code: str,
        call_id: int,
        reason: str,
        opened_at: datetime,
        opened_by: str,
        invoice_ids: Iterable[int],
    ) -> int:
        dispute_id = int(
            self._value(
                "INSERT INTO disputes (debtor_code, call_id, reason, opened_at, opened_by)"
                " VALUES (%s, %s, %s, %s, %s) RETURNING id",
                (code, call_id, reason, instant_to_db(opened_at), opened_by),
            )
        )
        self._store.conn.execute(
            "INSERT INTO dispute_invoices (dispute_id, invoice_id)"
            " SELECT %s, unnest(%s::bigint[]) ON CONFLICT DO NOTHING",
            (dispute_id, list(invoice_ids)),
        )
        return dispute_id

    def insert_task(
        self,
        *,
        code: str,
        call_id: int | None,
        kind: str,
        note: str,
        created_at: datetime,
        created_by: str,
        due_on: date | None = None,
        done_at: datetime | None = None,
    ) -> int:
        return int(
            self._value(
                "INSERT INTO tasks (debtor_code, call_id, kind, note, created_at, created_by,"
                " due_on, done_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                (
                    code,
                    call_id,
                    kind,
                    note,
                    instant_to_db(created_at),
                    created_by,
                    date_to_db(due_on),
                    instant_to_db(done_at),
                ),
            )
        )

    def insert_payment_claim(
        self,
        *,
        call_id: int,
        code: str,
        paid_on: date,
        amount_cents: int | None,
        means: str,
        reference: str,
    ) -> None:
        """What a debtor who says "already paid" said it paid (kept with the call)."""
        self._store.conn.execute(
            "INSERT INTO payment_claims (call_id, debtor_code, paid_on, amount_cents, means,"
            " reference) VALUES (%s, %s, %s, %s, %s, %s)",
            (call_id, code, date_to_db(paid_on), amount_cents, means, reference),
        )

    def balance(self, code: str) -> int:
        """What the debtor owes now: open invoices minus open credit notes."""
        return int(
            self._value(
                "SELECT coalesce(sum(open_cents), 0) FROM invoices WHERE debtor_code = %s",
                (code,),
            )
        )

    def contact(self, contact_id: int) -> Contact | None:
        row = self._one("SELECT * FROM contacts WHERE id = %s", (contact_id,))
        return contact_from_row(row) if row else None

    def set_wrong_number(self, contact_id: int, flag: bool) -> None:
        self._store.conn.execute(
            "UPDATE contacts SET wrong_number = %s WHERE id = %s", (int(flag), contact_id)
        )

    def dunning_step(self, code: str) -> int:
        step = self._value("SELECT dunning_step FROM debtors WHERE code = %s", (code,))
        return int(step) if step is not None else 0

    def set_dunning_step(self, code: str, step: int) -> None:
        self._store.conn.execute(
            "UPDATE debtors SET dunning_step = %s WHERE code = %s", (step, code)
        )

    def invoices_by_number(self, code: str, numbers: Sequence[str]) -> dict[str, Invoice]:
        """The debtor's invoices among ``numbers``, by number."""
        with self._store.conn.cursor(row_factory=dict_row) as cursor:
            rows = cursor.execute(
                "SELECT * FROM invoices WHERE debtor_code = %s AND number = ANY(%s::text[])",
                (code, list(numbers)),
            ).fetchall()
        return {row["number"]: invoice_from_row(row) for row in rows}

    def open_overdue_invoice_numbers(self, code: str, today: date) -> list[str]:
        """Open, past-due, not excluded invoices not already in an open dispute."""
        return [
            r[0]
            for r in self._store.conn.execute(
                "SELECT number FROM invoices i WHERE debtor_code = %s AND open_cents > 0"
                " AND kind = 'invoice' AND excluded = 0 AND due_date < %s"
                " AND NOT EXISTS (SELECT 1 FROM dispute_invoices di JOIN disputes d"
                "   ON d.id = di.dispute_id WHERE di.invoice_id = i.id"
                "   AND (d.status = 'open' OR d.resolution = 'credit_note'))"
                " ORDER BY due_date, number",
                (code, date_to_db(today)),
            )
        ]

    def call(self, call_id: int) -> Call | None:
        row = self._one("SELECT * FROM calls WHERE id = %s", (call_id,))
        return call_from_row(row) if row else None

    def undone_by(self, call_id: int) -> int | None:
        found = self._value(
            "SELECT id FROM calls WHERE undoes = %s ORDER BY id LIMIT 1", (call_id,)
        )
        return None if found is None else int(found)

    def cancel_created_by(self, call_id: int, now: datetime) -> dict[str, int]:
        """Cancel the promises, disputes and tasks a call created; counts of rows touched."""
        stamp = instant_to_db(now)
        run = self._store.conn.execute
        promises = run(
            "UPDATE promises SET status = 'cancelled', settled_at = %s WHERE call_id = %s"
            " AND status <> 'cancelled'",
            (stamp, call_id),
        ).rowcount
        disputes = run(
            "UPDATE disputes SET status = 'cancelled', resolved_at = %s WHERE call_id = %s"
            " AND status = 'open'",
            (stamp, call_id),
        ).rowcount
        tasks = run(
            "UPDATE tasks SET done_at = %s, note = note || ' (cancelled)' WHERE call_id = %s"
            " AND done_at IS NULL",
            (stamp, call_id),
        ).rowcount
        return {"promises": promises, "disputes": disputes, "tasks": tasks}

    def task_of(self, call_id: int, kind: str) -> Task | None:
        row = self._one(
            "SELECT * FROM tasks WHERE call_id = %s AND kind = %s ORDER BY id LIMIT 1",
            (call_id, kind),
        )
        return task_from_row(row) if row else None

    def debtor_exists(self, code: str) -> bool:
        return self._value("SELECT 1 FROM debtors WHERE code = %s", (code,)) is not None

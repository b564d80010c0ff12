"""The SQL behind logging an outcome and undoing it.

Every function here runs inside the service's single transaction; none
commits. The calls table only ever grows: an undo is a new row pointing at
the call it cancels, and what that call created is cancelled, not deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from callcenter.domain.models import Call, Contact, Invoice, Task
from callcenter.store.codec import date_to_db, instant_to_db
from callcenter.store.rows import call_from_row, contact_from_row, invoice_from_row, task_from_row
from callcenter.store.sqlite.db import SqliteStore
from callcenter.store.statements import dict_query, inserted_id


def insert_call(
    store: SqliteStore,
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
    cursor = store.conn.execute(
        "INSERT INTO calls (debtor_code, collector, started_at, contact_id, outcome, note, reason,"
        " right_party, undoes, campaign_id, callback_at, entered_by, callback_owner)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    return inserted_id(cursor)


def insert_promises(
    store: SqliteStore,
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
        cursor = store.conn.execute(
            "INSERT INTO promises (debtor_code, call_id, plan_id, collector, created_at,"
            " promised_on, amount_cents) VALUES (?, ?, ?, ?, ?, ?, ?)",
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
        ids.append(inserted_id(cursor))
    if plan and ids:
        store.conn.execute("UPDATE promises SET plan_id = ? WHERE id = ?", (ids[0], ids[0]))
    return ids


def insert_dispute(
    store: SqliteStore,
    *,
    code: str,
    call_id: int,
    reason: str,
    opened_at: datetime,
    opened_by: str,
    invoice_ids: Iterable[int],
) -> int:
    cursor = store.conn.execute(
        "INSERT INTO disputes (debtor_code, call_id, reason, opened_at, opened_by)"
        " VALUES (?, ?, ?, ?, ?)",
        (code, call_id, reason, instant_to_db(opened_at), opened_by),
    )
    dispute_id = inserted_id(cursor)
    store.conn.executemany(
        "INSERT OR IGNORE INTO dispute_invoices (dispute_id, invoice_id) VALUES (?, ?)",
        [(dispute_id, invoice_id) for invoice_id in invoice_ids],
    )
    return dispute_id


def insert_task(
    store: SqliteStore,
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
    cursor = store.conn.execute(
        "INSERT INTO tasks (debtor_code, call_id, kind, note, created_at, created_by, due_on,"
        " done_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
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
    return inserted_id(cursor)


def insert_payment_claim(
    store: SqliteStore,
    *,
    call_id: int,
    code: str,
    paid_on: date,
    amount_cents: int | None,
    means: str,
    reference: str,
) -> None:
    """What a debtor who says "already paid" said it paid (kept with the call)."""
    store.conn.execute(
        "INSERT INTO payment_claims (call_id, debtor_code, paid_on, amount_cents, means,"
        " reference) VALUES (?, ?, ?, ?, ?, ?)",
        (call_id, code, date_to_db(paid_on), amount_cents, means, reference),
    )


def balance(store: SqliteStore, code: str) -> int:
    """What the debtor owes now: open invoices minus open credit notes."""
    row = store.conn.execute(
        "SELECT coalesce(sum(open_cents), 0) FROM invoices WHERE debtor_code = ?", (code,)
    ).fetchone()
    return int(row[0])


def contact(store: SqliteStore, contact_id: int) -> Contact | None:
    row = dict_query(store, "SELECT * FROM contacts WHERE id = ?", (contact_id,)).fetchone()
    return contact_from_row(row) if row else None


def set_wrong_number(store: SqliteStore, contact_id: int, flag: bool) -> None:
    store.conn.execute("UPDATE contacts SET wrong_number = ? WHERE id = ?", (int(flag), contact_id))


def dunning_step(store: SqliteStore, code: str) -> int:
    row = store.conn.execute("SELECT dunning_step FROM debtors WHERE code = ?", (code,)).fetchone()
    return int(row[0]) if row else 0


def set_dunning_step(store: SqliteStore, code: str, step: int) -> None:
    store.conn.execute("UPDATE debtors SET dunning_step = ? WHERE code = ?", (step, code))


def invoices_by_number(store: SqliteStore, code: str, numbers: Sequence[str]) -> dict[str, Invoice]:
    """The debtor's invoices among ``numbers``, by number."""
    found: dict[str, Invoice] = {}
    for number in numbers:
        row = dict_query(
            store, "SELECT * FROM invoices WHERE debtor_code = ? AND number = ?", (code, number)
        ).fetchone()
        if row:
            found[number] = invoice_from_row(row)
    return found


def open_overdue_invoice_numbers(store: SqliteStore, code: str, today: date) -> list[str]:
    """Open, past-due, not excluded invoices not already in an open dispute."""
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT number FROM invoices i WHERE debtor_code = ? AND open_cents > 0"
            " AND kind = 'invoice' AND excluded = 0 AND due_date < ?"
            " AND NOT EXISTS (SELECT 1 FROM dispute_invoices di JOIN disputes d"
            "   ON d.id = di.dispute_id WHERE di.invoice_id = i.id"
            "   AND (d.status = 'open' OR d.resolution = 'credit_note'))"
            " ORDER BY due_date, number",
            (code, date_to_db(today)),
        )
    ]


def call(store: SqliteStore, call_id: int) -> Call | None:
    row = dict_query(store, "SELECT * FROM calls WHERE id = ?", (call_id,)).fetchone()
    return call_from_row(row) if row else None


def undone_by(store: SqliteStore, call_id: int) -> int | None:
    row = store.conn.execute(
        "SELECT id FROM calls WHERE undoes = ? ORDER BY id LIMIT 1", (call_id,)
    ).fetchone()
    return int(row[0]) if row else None


def cancel_created_by(store: SqliteStore, call_id: int, now: datetime) -> dict[str, int]:
    """Cancel the promises, disputes and tasks a call created; counts of rows touched."""
    stamp = instant_to_db(now)
    promises = store.conn.execute(
        "UPDATE promises SET status = 'cancelled', settled_at = ? WHERE call_id = ?"
        " AND status <> 'cancelled'",
        (stamp, call_id),
    ).rowcount
    disputes = store.conn.execute(
        "UPDATE disputes SET status = 'cancelled', resolved_at = ? WHERE call_id = ?"
        " AND status = 'open'",
        (stamp, call_id),
    ).rowcount
    tasks = store.conn.execute(
        "UPDATE tasks SET done_at = ?, note = note || ' (cancelled)' WHERE call_id = ?"
        " AND done_at IS NULL",
        (stamp, call_id),
    ).rowcount
    return {"promises": promises, "disputes": disputes, "tasks": tasks}


def task_of(store: SqliteStore, call_id: int, kind: str) -> Task | None:
    row = dict_query(
        store,
        "SELECT * FROM tasks WHERE call_id = ? AND kind = ? ORDER BY id LIMIT 1",
        (call_id, kind),
    ).fetchone()
    return task_from_row(row) if row else None


def debtor_exists(store: SqliteStore, code: str) -> bool:
    return (
        store.conn.execute("SELECT 1 FROM debtors WHERE code = ?", (code,)).fetchone() is not None
    )

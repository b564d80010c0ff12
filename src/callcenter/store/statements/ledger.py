"""Bulk writes of the ledger (debtors, contacts, invoices, payments).

Importers and the demo generator hand domain objects to these functions; each
uses one ``executemany`` with ``ON CONFLICT DO UPDATE`` so that re-importing
the same or a later export updates rows in place and never duplicates them.
Callers wrap them in ``store.transaction()`` so an import is all or nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from callcenter.domain.models import Contact, Debtor, Invoice, Payment
from callcenter.store.codec import date_to_db, instant_to_db
from callcenter.store.statements import SqlStore

DEBTOR_COLUMNS = (
    "name",
    "segment",
    "timezone",
    "status",
    "collector",
    "credit_hold",
    "payment_terms_days",
    "dunning_step",
    "tags",
    "pending_orders_cents",
    "credit_limit_cents",
    "address",
    "siren",
)


#: The debtor columns an import writes, in the order of :func:`debtor_row`.
DEBTOR_INSERT = ("code",) + DEBTOR_COLUMNS


def debtor_row(d: Debtor) -> tuple:
    """A debtor as the values of :data:`DEBTOR_INSERT` (``updated_at`` follows)."""
    return (
        d.code,
        d.name,
        d.segment,
        d.timezone,
        d.status,
        d.collector,
        int(d.credit_hold),
        d.payment_terms_days,
        d.dunning_step,
        ",".join(d.tags),
        d.pending_orders_cents,
        d.credit_limit_cents,
        d.address,
        d.siren,
    )


def debtor_conflict(update: Sequence[str]) -> str:
    """The ON CONFLICT clause: an existing debtor takes only the ``update`` columns."""
    unknown = set(update) - set(DEBTOR_COLUMNS)
    if unknown:
        raise ValueError(f"not debtor columns: {sorted(unknown)}")
    sets = ", ".join(f"{c} = excluded.{c}" for c in update) or "code = code"
    # Column names come from DEBTOR_COLUMNS (checked above).
    return f"ON CONFLICT (code) DO UPDATE SET {sets}, updated_at = excluded.updated_at"  # noqa: S608


def upsert_debtors(
    store: SqlStore,
    debtors: Iterable[Debtor],
    now: datetime,
    update: Sequence[str] = DEBTOR_COLUMNS,
) -> int:
    """Insert debtors; on an existing code update only the ``update`` columns.

    An FEC import passes ``update=("name",)`` because the ledger knows the
    name but not the segment or collector a supervisor chose.
    """
    stamp = instant_to_db(now)
    rows = [(*debtor_row(d), stamp) for d in debtors]
    marks = ", ".join("?" * (len(DEBTOR_INSERT) + 1))
    # Column names come from DEBTOR_COLUMNS (checked above); values are parameters.
    sql = (
        f"INSERT INTO debtors ({', '.join(DEBTOR_INSERT)}, updated_at) VALUES ({marks})"  # noqa: S608
        f" {debtor_conflict(update)}"
    )
    store.conn.executemany(sql, rows)
    return len(rows)


CONTACT_INSERT = ("debtor_code", "name", "role", "phone", "phone2", "email",
                  "decision_maker", "wrong_number", "best_hours")  # fmt: skip
#: A wrong-number flag set by a collector is kept unless the number itself changed.
CONTACT_CONFLICT = (
    "ON CONFLICT (debtor_code, name) DO UPDATE SET role = excluded.role,"
    " phone = excluded.phone, phone2 = excluded.phone2, email = excluded.email,"
    " decision_maker = excluded.decision_maker, best_hours = excluded.best_hours,"
    " wrong_number = CASE WHEN excluded.phone = contacts.phone THEN contacts.wrong_number"
    " ELSE excluded.wrong_number END"
)


def contact_row(c: Contact) -> tuple:
    """A contact as the values of :data:`CONTACT_INSERT`."""
    return (c.debtor_code, c.name, str(c.role), c.phone, c.phone2, c.email,
            int(c.decision_maker), int(c.wrong_number), c.best_hours)  # fmt: skip


def upsert_contacts(store: SqlStore, contacts: Iterable[Contact]) -> int:
    """Contacts are keyed by (debtor, name); a wrong-number flag set by a collector is kept."""
    rows = [contact_row(c) for c in contacts]
    store.conn.executemany(
        f"INSERT INTO contacts ({', '.join(CONTACT_INSERT)}) VALUES ({', '.join('?' * 9)})"  # noqa: S608
        f" {CONTACT_CONFLICT}",
        rows,
    )
    return len(rows)


def upsert_invoices(store: SqlStore, invoices: Iterable[Invoice]) -> int:
    """Invoices are keyed by (debtor, number); amounts and dates follow the latest export."""
    rows = [
        (
            i.debtor_code,
            i.number,
            "credit_note" if i.amount_cents < 0 else "invoice",
            date_to_db(i.issue_date),
            date_to_db(i.due_date),
            i.amount_cents,
            i.open_cents,
            i.currency,
            int(i.has_quote),
            int(i.has_po),
            int(i.has_delivery_note),
            int(i.excluded),
        )
        for i in invoices
    ]
    store.conn.executemany(
        "INSERT INTO invoices (debtor_code, number, kind, issue_date, due_date, amount_cents,"
        " open_cents, currency, has_quote, has_po, has_delivery_note, excluded)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (debtor_code, number) DO UPDATE SET kind = excluded.kind,"
        " issue_date = excluded.issue_date, due_date = excluded.due_date,"
        " amount_cents = excluded.amount_cents, open_cents = excluded.open_cents,"
        " currency = excluded.currency, has_quote = excluded.has_quote,"
        " has_po = excluded.has_po, has_delivery_note = excluded.has_delivery_note,"
        " excluded = excluded.excluded",
        rows,
    )
    return len(rows)


PAYMENT_INSERT = ("debtor_code", "reference", "paid_on", "amount_cents", "invoice_number")
#: The settled invoice, once known, is kept when a later file does not say it.
PAYMENT_CONFLICT = (
    "ON CONFLICT (debtor_code, reference) DO UPDATE SET paid_on = excluded.paid_on,"
    " amount_cents = excluded.amount_cents, invoice_number = CASE"
    " WHEN excluded.invoice_number <> '' THEN excluded.invoice_number"
    " ELSE payments.invoice_number END"
)


def payment_row(p: Payment) -> tuple:
    """A payment as the values of :data:`PAYMENT_INSERT`."""
    return (p.debtor_code, p.reference, date_to_db(p.paid_on), p.amount_cents, p.invoice_number)


def upsert_payments(store: SqlStore, payments: Iterable[Payment]) -> int:
    """Payments are keyed by (debtor, reference); the settled invoice is kept once known."""
    rows = [payment_row(p) for p in payments]
    store.conn.executemany(
        f"INSERT INTO payments ({', '.join(PAYMENT_INSERT)}) VALUES (?, ?, ?, ?, ?)"  # noqa: S608
        f" {PAYMENT_CONFLICT}",
        rows,
    )
    return len(rows)

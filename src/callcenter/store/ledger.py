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
from callcenter.store.db import Store

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


def upsert_debtors(
    store: Store,
    debtors: Iterable[Debtor],
    now: datetime,
    update: Sequence[str] = DEBTOR_COLUMNS,
) -> int:
    """Insert debtors; on an existing code update only the ``update`` columns.

    An FEC import passes ``update=("name",)`` because the ledger knows the
    name but not the segment or collector a supervisor chose.
    """
    unknown = set(update) - set(DEBTOR_COLUMNS)
    if unknown:
        raise ValueError(f"not debtor columns: {sorted(unknown)}")
    sets = ", ".join(f"{c} = excluded.{c}" for c in update) or "code = code"
    stamp = instant_to_db(now)
    rows = [
        (
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
            stamp,
        )
        for d in debtors
    ]
    # Column names come from DEBTOR_COLUMNS (checked above); values are parameters.
    sql = (
        "INSERT INTO debtors (code, name, segment, timezone, status, collector, credit_hold,"  # noqa: S608
        " payment_terms_days, dunning_step, tags, pending_orders_cents, credit_limit_cents,"
        " address, siren, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        f" ON CONFLICT (code) DO UPDATE SET {sets}, updated_at = excluded.updated_at"
    )
    store.conn.executemany(sql, rows)
    return len(rows)


def upsert_contacts(store: Store, contacts: Iterable[Contact]) -> int:
    """Contacts are keyed by (debtor, name); a wrong-number flag set by a collector is kept."""
    rows = [
        (
            c.debtor_code,
            c.name,
            str(c.role),
            c.phone,
            c.phone2,
            c.email,
            int(c.decision_maker),
            int(c.wrong_number),
            c.best_hours,
        )
        for c in contacts
    ]
    store.conn.executemany(
        "INSERT INTO contacts (debtor_code, name, role, phone, phone2, email, decision_maker,"
        " wrong_number, best_hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (debtor_code, name) DO UPDATE SET role = excluded.role,"
        " phone = excluded.phone, phone2 = excluded.phone2, email = excluded.email,"
        " decision_maker = excluded.decision_maker, best_hours = excluded.best_hours,"
        " wrong_number = CASE WHEN excluded.phone = contacts.phone THEN contacts.wrong_number"
        " ELSE excluded.wrong_number END",
        rows,
    )
    return len(rows)


def upsert_invoices(store: Store, invoices: Iterable[Invoice]) -> int:
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


def upsert_payments(store: Store, payments: Iterable[Payment]) -> int:
    """Payments are keyed by (debtor, reference); the settled invoice is kept once known."""
    rows = [
        (p.debtor_code, p.reference, date_to_db(p.paid_on), p.amount_cents, p.invoice_number)
        for p in payments
    ]
    store.conn.executemany(
        "INSERT INTO payments (debtor_code, reference, paid_on, amount_cents, invoice_number)"
        " VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (debtor_code, reference) DO UPDATE SET paid_on = excluded.paid_on,"
        " amount_cents = excluded.amount_cents, invoice_number = CASE"
        " WHEN excluded.invoice_number <> '' THEN excluded.invoice_number"
        " ELSE payments.invoice_number END",
        rows,
    )
    return len(rows)

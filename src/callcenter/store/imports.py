"""The SQL imports need beyond the ledger upserts: terms, known codes, closing, audit.

A FEC is a snapshot of the whole receivables ledger: after importing one,
the database must say what the file says, so invoices the file no longer
mentions are closed (open amount 0), never deleted (calls and disputes
point at them).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from callcenter.domain.models import Invoice
from callcenter.store.codec import date_to_db, instant_to_db
from callcenter.store.db import Store

#: Invoice columns an accounting export knows; the document flags and the
#: exclusion set by hand or by a CSV survive a FEC re-import.
LEDGER_INVOICE_COLUMNS = (
    "kind",
    "issue_date",
    "due_date",
    "amount_cents",
    "open_cents",
    "currency",
    "lettering",
)
INVOICE_COLUMNS = LEDGER_INVOICE_COLUMNS + (
    "has_quote",
    "has_po",
    "has_delivery_note",
    "excluded",
)


def client_payment_terms(store: Store) -> dict[str, int]:
    """Payment terms set per client; they win over the default of an import."""
    rows = store.conn.execute(
        "SELECT code, payment_terms_days FROM debtors WHERE payment_terms_days IS NOT NULL"
    )
    return dict(rows.fetchall())


def known_debtor_codes(store: Store) -> set[str]:
    return {row[0] for row in store.conn.execute("SELECT code FROM debtors")}


#: The invoice columns an import writes, in the order of :func:`invoice_row`.
INVOICE_INSERT = ("debtor_code", "number", "kind", "issue_date", "due_date", "amount_cents",
                  "open_cents", "currency", "lettering", "has_quote", "has_po",
                  "has_delivery_note", "excluded")  # fmt: skip


def invoice_row(i: Invoice, lettering: str = "") -> tuple:
    """An invoice as the values of :data:`INVOICE_INSERT`; a negative amount is a credit."""
    kind = "credit_note" if i.amount_cents < 0 or i.open_cents < 0 else "invoice"
    return (i.debtor_code, i.number, kind, date_to_db(i.issue_date), date_to_db(i.due_date),
            i.amount_cents, i.open_cents, i.currency, lettering, int(i.has_quote),
            int(i.has_po), int(i.has_delivery_note), int(i.excluded))  # fmt: skip


def invoice_conflict(update: Sequence[str]) -> str:
    """The ON CONFLICT clause: an existing invoice takes only the ``update`` columns."""
    unknown = set(update) - set(INVOICE_COLUMNS)
    if unknown:
        raise ValueError(f"not invoice columns: {sorted(unknown)}")
    if not update:
        return "ON CONFLICT (debtor_code, number) DO NOTHING"
    sets = ", ".join(f"{c} = excluded.{c}" for c in update)
    # A weekly re-import changes few rows: leave the unchanged ones unwritten.
    changed = f"({', '.join(update)}) IS NOT ({', '.join(f'excluded.{c}' for c in update)})"
    return f"ON CONFLICT (debtor_code, number) DO UPDATE SET {sets} WHERE {changed}"  # noqa: S608


def upsert_invoice_rows(
    store: Store,
    invoices: Iterable[Invoice],
    *,
    update: Sequence[str] = INVOICE_COLUMNS,
    lettering: Mapping[tuple[str, str], str] | None = None,
) -> int:
    """Insert invoices; on an existing (debtor, number) update only the ``update`` columns.

    A line with a negative amount or open amount is a credit (credit note,
    unallocated payment).
    """
    lettering = lettering or {}
    rows = [invoice_row(i, lettering.get((i.debtor_code, i.number), "")) for i in invoices]
    # In key order the unique index is written page after page: a fifth faster on big files.
    rows.sort()
    marks = ", ".join("?" * len(INVOICE_INSERT))
    sql = (
        f"INSERT INTO invoices ({', '.join(INVOICE_INSERT)}) VALUES ({marks})"  # noqa: S608
        f" {invoice_conflict(update)}"
    )
    store.conn.executemany(sql, rows)
    return len(rows)


def open_invoice_keys(store: Store) -> set[tuple[str, str]]:
    """(debtor, number) of every invoice with an open amount: what an import may close."""
    rows = store.conn.execute(
        "SELECT debtor_code, number FROM invoices WHERE open_cents <> 0"
    ).fetchall()
    return set(rows)


def close_invoices(store: Store, keys: Iterable[tuple[str, str]]) -> int:
    """Set the open amount of these invoices to 0 (kept, with their history, never deleted)."""
    rows = sorted(keys)
    store.conn.executemany(
        "UPDATE invoices SET open_cents = 0 WHERE debtor_code = ? AND number = ?", rows
    )
    return len(rows)


def record_import(
    store: Store,
    *,
    kind: str,
    file: str,
    sha256: str,
    lines: int,
    now: datetime,
    summary: Mapping[str, object],
) -> int:
    """Keep a trace of every import: which file (and its hash), when, and what it did."""
    cursor = store.conn.execute(
        "INSERT INTO imports (kind, file, sha256, lines, imported_at, summary)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (kind, file, sha256, lines, instant_to_db(now), json.dumps(summary, sort_keys=True)),
    )
    return cursor.lastrowid

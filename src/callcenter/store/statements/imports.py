"""The SQL imports need beyond the ledger upserts: terms, known codes, closing, audit.

A FEC is a snapshot of the whole receivables ledger: after importing one,
the database must say what the file says, so invoices the file no longer
mentions are closed (open amount 0), never deleted (calls and disputes
point at them).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime

from callcenter.domain.models import Invoice
from callcenter.store.codec import date_to_db, instant_to_db
from callcenter.store.records import InvoicePlan
from callcenter.store.statements import SqlStore, inserted_id

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


def client_payment_terms(store: SqlStore) -> dict[str, int]:
    """Payment terms set per client; they win over the default of an import."""
    rows = store.conn.execute(
        "SELECT code, payment_terms_days FROM debtors WHERE payment_terms_days IS NOT NULL"
    )
    return dict(rows.fetchall())


def known_debtor_codes(store: SqlStore) -> set[str]:
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
    # A weekly re-import changes few rows: leave the unchanged ones unwritten. (The
    # columns are named with their table: PostgreSQL finds a bare name ambiguous here.)
    current = ", ".join(f"invoices.{c}" for c in update)
    changed = f"({current}) IS NOT ({', '.join(f'excluded.{c}' for c in update)})"
    return f"ON CONFLICT (debtor_code, number) DO UPDATE SET {sets} WHERE {changed}"  # noqa: S608


def upsert_invoice_rows(
    store: SqlStore,
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


#: Prefix of the number a row holds for an instant while invoices swap numbers.
RENAMING = "\x00renaming "
_PLAN_COLUMNS = ("number", "entry") + LEDGER_INVOICE_COLUMNS
#: Debtor codes one read of :func:`plan_ledger_invoices` names (well under both backends'
#: limits on parameters).
CODES_PER_READ = 1000


def plan_ledger_invoices(
    store: SqlStore,
    invoices: Iterable[Invoice],
    identity: Mapping[tuple[str, str], tuple[str, str]],
    lettering: Mapping[tuple[str, str], str],
    *,
    debtors: Collection[str] | None = None,
) -> InvoicePlan:
    """Match each invoice of a FEC to the row that already holds it, in one read.

    A row is found again, in this order: by its entry key (journal, entry
    number, date: what a later export of the same ledger repeats, whatever
    number the invoice gets now); by its number, when the row has no entry
    or one this file no longer has (a CSV import, renumbered entries); by
    the number the rules before entries gave it (databases imported before
    invoices were told apart by entry: one such row goes to the oldest
    invoice that had its number). Anything else is a new row.

    With ``debtors`` (a batch of whole customers of the file) only their rows
    are read and planned; the open rows of debtors the file does not name are
    closed by :func:`plan_absent_invoices`.
    """
    sql = (
        "SELECT id, debtor_code, number, entry, kind, issue_date, due_date, amount_cents,"
        " open_cents, currency, lettering FROM invoices"
    )
    if debtors is None:
        rows = store.conn.execute(sql).fetchall()
    else:
        rows = []
        codes = sorted(debtors)
        for start in range(0, len(codes), CODES_PER_READ):
            chunk = codes[start : start + CODES_PER_READ]
            where = f" WHERE debtor_code IN ({', '.join('?' * len(chunk))})"  # noqa: S608 -- only "?" marks
            rows += store.conn.execute(sql + where, chunk).fetchall()
    wanted = [_ledger_values(i, identity, lettering) for i in invoices]
    if not rows:  # customers new to the database (a first import): every invoice is new
        plan = InvoicePlan()
        plan.inserts = sorted(wanted)
        return plan
    by_entry = {(r[1], r[3]): r for r in rows if r[3]}
    by_number = {(r[1], r[2]): r for r in rows}
    file_entries = {(v[0], v[2]) for v in wanted if v[2]}
    claimed: dict[int, tuple] = {}
    unmatched = []
    for values in wanted:
        row = by_entry.get((values[0], values[2])) if values[2] else None
        if row is None:
            unmatched.append(values)
        else:
            claimed[row[0]] = values
    plan = InvoicePlan()
    unmatched.sort(key=lambda v: (v[0], v[4], v[1]))  # the oldest invoice takes an old row
    for values in unmatched:
        code, number, entry = values[0], values[1], values[2]
        legacy = identity.get((code, number), (entry, number))[1]
        row = _free_row(by_number.get((code, number)), claimed, file_entries)
        if row is None and legacy != number:
            old = by_number.get((code, legacy))
            row = old if old is not None and not old[3] else None
            row = _free_row(row, claimed, file_entries)
        if row is None:
            plan.inserts.append(values)
        else:
            claimed[row[0]] = values
    by_id = {r[0]: r for r in rows}
    for row_id, values in claimed.items():
        row = by_id[row_id]
        if tuple(row[2:]) != values[1:]:
            plan.updates.append((*values[1:], row_id))
            if row[2] != values[1]:
                plan.renamed.append(row_id)
    absent = [r for r in rows if r[8] != 0 and r[0] not in claimed]
    plan.absent = [r[0] for r in absent]
    plan.absent_codes = {r[1] for r in absent}
    plan.inserts.sort()
    plan.updates.sort(key=lambda u: u[-1])
    return plan


def plan_absent_invoices(store: SqlStore, debtors: Collection[str]) -> InvoicePlan:
    """A plan closing the open rows of every debtor not in ``debtors`` (those a FEC names).

    The open rows are read as a stream and only the absent ones kept: a big
    ledger's open invoices (most of them the file's own) never sit in memory.
    """
    rows = store.conn.execute(
        "SELECT id, debtor_code FROM invoices WHERE open_cents <> 0 ORDER BY id"
    )
    plan = InvoicePlan()
    for row_id, code in rows:
        if code not in debtors:
            plan.absent.append(row_id)
            plan.absent_codes.add(code)
    return plan


def _free_row(row, claimed, file_entries):
    """A row an invoice may take over: not taken, and not held by an entry of this file."""
    if row is None or row[0] in claimed or (row[1], row[3]) in file_entries:
        return None
    return row


def _ledger_values(invoice: Invoice, identity, lettering) -> tuple:
    key = (invoice.debtor_code, invoice.number)
    credit = invoice.amount_cents < 0 or invoice.open_cents < 0
    return (
        invoice.debtor_code,
        invoice.number,
        identity.get(key, ("", ""))[0],
        "credit_note" if credit else "invoice",
        date_to_db(invoice.issue_date),
        date_to_db(invoice.due_date),
        invoice.amount_cents,
        invoice.open_cents,
        invoice.currency,
        lettering.get(key, ""),
    )


def write_ledger_invoices(store: SqlStore, plan: InvoicePlan, *, close_absent: bool) -> int:
    """Apply a plan: renamed rows step aside first, so two invoices may swap numbers."""
    conn = store.conn
    conn.executemany(
        "UPDATE invoices SET number = ? || id WHERE id = ?",
        [(RENAMING, row_id) for row_id in plan.renamed],
    )
    sets = ", ".join(f"{c} = ?" for c in _PLAN_COLUMNS)
    # Column names come from _PLAN_COLUMNS (constants); values are parameters.
    conn.executemany(f"UPDATE invoices SET {sets} WHERE id = ?", plan.updates)  # noqa: S608
    conn.executemany(
        "INSERT INTO invoices (debtor_code, number, entry, kind, issue_date, due_date,"
        " amount_cents, open_cents, currency, lettering) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        plan.inserts,
    )
    if not close_absent:
        return 0
    conn.executemany(
        "UPDATE invoices SET open_cents = 0 WHERE id = ?", [(i,) for i in sorted(plan.absent)]
    )
    return len(plan.absent)


def open_invoice_keys(store: SqlStore) -> set[tuple[str, str]]:
    """(debtor, number) of every invoice with an open amount: what an import may close."""
    rows = store.conn.execute(
        "SELECT debtor_code, number FROM invoices WHERE open_cents <> 0"
    ).fetchall()
    return set(rows)


def close_invoices(store: SqlStore, keys: Iterable[tuple[str, str]]) -> int:
    """Set the open amount of these invoices to 0 (kept, with their history, never deleted)."""
    rows = sorted(keys)
    store.conn.executemany(
        "UPDATE invoices SET open_cents = 0 WHERE debtor_code = ? AND number = ?", rows
    )
    return len(rows)


def record_import(
    store: SqlStore,
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
    return inserted_id(cursor)

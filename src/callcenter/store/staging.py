"""A big CSV import staged in a scratch file, so the write lock is held only to copy it in.

Reading and checking a million rows takes many seconds; collectors must keep
saving meanwhile. So the rows go first to a private scratch database (a
temporary folder, attached to the store's connection, no journal, no fsync),
in batches, without touching the team's file; duplicate keys are found there
with an index. The final step is one ``INSERT … SELECT`` per table, in key
order, inside the import's write transaction. Memory stays flat: rows live on
disk, not in Python lists.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from callcenter.domain.models import Contact, Debtor, Invoice, Payment
from callcenter.store.codec import date_to_db, instant_to_db
from callcenter.store.db import Store
from callcenter.store.imports import INVOICE_COLUMNS
from callcenter.store.ledger import DEBTOR_COLUMNS

SCHEMA = "callcenter_stage"


@dataclass(frozen=True, slots=True)
class _Table:
    """How one kind of row is staged and copied: target table, columns, key, conflict rule."""

    target: str
    columns: tuple[str, ...]
    key: tuple[str, ...]


_TABLES = {
    "clients": _Table("debtors", ("code",) + DEBTOR_COLUMNS, ("code",)),
    "contacts": _Table(
        "contacts",
        (
            "debtor_code",
            "name",
            "role",
            "phone",
            "phone2",
            "email",
            "decision_maker",
            "wrong_number",
            "best_hours",
        ),
        ("debtor_code", "name"),
    ),  # fmt: skip
    "invoices": _Table(
        "invoices",
        ("debtor_code", "number") + tuple(c for c in INVOICE_COLUMNS if c != "lettering"),
        ("debtor_code", "number"),
    ),
    "payments": _Table(
        "payments",
        ("debtor_code", "reference", "paid_on", "amount_cents"),
        ("debtor_code", "reference"),
    ),
}


def _debtor_row(d: Debtor) -> tuple:
    return (d.code, d.name, d.segment, d.timezone, d.status, d.collector,
            int(d.credit_hold), d.payment_terms_days, d.dunning_step, ",".join(d.tags),
            d.pending_orders_cents)  # fmt: skip


def _contact_row(c: Contact) -> tuple:
    return (c.debtor_code, c.name, str(c.role), c.phone, c.phone2, c.email,
            int(c.decision_maker), int(c.wrong_number), c.best_hours)  # fmt: skip


def _invoice_row(i: Invoice) -> tuple:
    kind = "credit_note" if i.amount_cents < 0 or i.open_cents < 0 else "invoice"
    return (i.debtor_code, i.number, kind, date_to_db(i.issue_date), date_to_db(i.due_date),
            i.amount_cents, i.open_cents, i.currency, int(i.has_quote), int(i.has_po),
            int(i.has_delivery_note), int(i.excluded))  # fmt: skip


def _payment_row(p: Payment) -> tuple:
    return (p.debtor_code, p.reference, date_to_db(p.paid_on), p.amount_cents)


_ROW = {
    "clients": _debtor_row,
    "contacts": _contact_row,
    "invoices": _invoice_row,
    "payments": _payment_row,
}


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A row whose key an earlier row of the same file already gave."""

    line: int
    first_line: int
    #: The row's whole key (client code first), the last part is what the message quotes.
    key: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StagedSummary:
    """What the staged rows amount to, for the import's report."""

    rows: int
    invoices: int
    invoices_open: int
    credit_notes: int
    balance_cents: int


class Staging:
    """The scratch tables of one import; use :func:`staging` to get one."""

    def __init__(self, store: Store, kind: str):
        self.store, self.kind, self.table = store, kind, _TABLES[kind]
        self._row = _ROW[kind]

    @property
    def _name(self) -> str:
        return f"{SCHEMA}.rows"

    def _create(self) -> None:
        columns = ", ".join(self.table.columns)
        if self.table.target == "invoices":
            # Clustered in key order: the copy under the lock then reads the scratch file
            # sequentially; the cost of sorting is paid here, while nothing is locked.
            key = ", ".join(self.table.key)
            self.store.conn.execute(
                f"CREATE TABLE {self._name} (line INTEGER NOT NULL, {columns},"
                f" PRIMARY KEY ({key}, line)) WITHOUT ROWID"
            )
        else:
            self.store.conn.execute(f"CREATE TABLE {self._name} (line INTEGER NOT NULL, {columns})")

    def add(self, items: list[tuple[int, object]]) -> None:
        """Stage a batch of (line, domain object): one scratch transaction, no lock on the team's file."""
        marks = ", ".join("?" * (len(self.table.columns) + 1))
        rows = [(line, *self._row(item)) for line, item in items]
        self._write(f"INSERT INTO {self._name} VALUES ({marks})", rows)  # noqa: S608

    def _write(self, sql: str, rows: list[tuple]) -> None:
        """One scratch transaction (autocommit would make one per row); only the scratch
        file is written, so the team's file is not locked."""
        conn = self.store.conn
        conn.execute("BEGIN")
        try:
            conn.executemany(sql, rows)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def clear(self) -> None:
        self.store.conn.execute(f"DELETE FROM {self._name}")  # noqa: S608

    def duplicates(self) -> Iterator[Duplicate]:
        """Rows repeating an earlier row's key, in file order (indexes the key on the way)."""
        key = ", ".join(self.table.key)
        conn = self.store.conn
        if self.table.target != "invoices":  # invoices are clustered on the key already
            conn.execute(f"CREATE INDEX IF NOT EXISTS {SCHEMA}.rows_key ON rows ({key}, line)")
        sql = (
            f"SELECT line, first_line, {key} FROM (SELECT line, {key},"  # noqa: S608
            f" min(line) OVER (PARTITION BY {key}) AS first_line FROM {self._name})"
            " WHERE line > first_line ORDER BY line"
        )
        for line, first_line, *values in conn.execute(sql):
            yield Duplicate(line, first_line, tuple(values))

    def drop(self, duplicates: Sequence[Duplicate]) -> None:
        """Leave these repeated rows out of the copy (they were rejected)."""
        where = " AND ".join(f"{column} = ?" for column in self.table.key)
        self._write(
            f"DELETE FROM {self._name} WHERE {where} AND line = ?",  # noqa: S608
            [(*duplicate.key, duplicate.line) for duplicate in duplicates],
        )

    def summary(self) -> StagedSummary:
        if self.kind != "invoices":
            count = self.store.conn.execute(f"SELECT count(*) FROM {self._name}").fetchone()[0]  # noqa: S608
            return StagedSummary(count, 0, 0, 0, 0)
        row = self.store.conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE amount_cents > 0),"  # noqa: S608
            " count(*) FILTER (WHERE open_cents > 0), count(*) FILTER (WHERE amount_cents < 0),"
            f" coalesce(sum(open_cents), 0) FROM {self._name}"
        ).fetchone()
        return StagedSummary(*row)

    def codes(self) -> list[str]:
        """The debtors the staged rows concern, sorted."""
        column = "code" if self.kind == "clients" else "debtor_code"
        sql = f"SELECT DISTINCT {column} FROM {self._name} ORDER BY 1"  # noqa: S608
        return [row[0] for row in self.store.conn.execute(sql)]

    def copy_in(self, now: datetime, update: Sequence[str]) -> None:
        """The final step, inside the caller's write transaction: one INSERT … SELECT.

        ``update`` names the columns an existing row takes from the file (for
        clients and invoices, those the file has; the others keep their value).
        """
        params = (instant_to_db(now),) if self.kind == "clients" else ()
        self.store.conn.execute(_COPY[self.kind](self.table, update), params)


def _select(table: _Table, columns: Sequence[str]) -> str:
    # "WHERE true" tells SQLite the ON CONFLICT belongs to the INSERT, not to a join.
    # Invoices in key order write their unique index page after page (a fifth faster on
    # big files); other rows keep the file's order, as their ids always did.
    order = ", ".join(table.key) if table.target == "invoices" else "line"
    return f"SELECT {', '.join(columns)} FROM {SCHEMA}.rows WHERE true ORDER BY {order}"  # noqa: S608


def _copy_debtors(table: _Table, update: Sequence[str]) -> str:
    unknown = set(update) - set(DEBTOR_COLUMNS)
    if unknown:
        raise ValueError(f"not debtor columns: {sorted(unknown)}")
    sets = ", ".join(f"{c} = excluded.{c}" for c in update)
    columns = ("code",) + DEBTOR_COLUMNS
    # Column names come from DEBTOR_COLUMNS (checked above); values are in the scratch table.
    return (
        f"INSERT INTO main.debtors ({', '.join(columns)}, updated_at)"  # noqa: S608
        f" {_select(table, columns + ('?',))}"
        f" ON CONFLICT (code) DO UPDATE SET {sets}, updated_at = excluded.updated_at"
    )


def _copy_contacts(table: _Table, update: Sequence[str]) -> str:
    columns = table.columns
    return (
        f"INSERT INTO main.contacts ({', '.join(columns)}) {_select(table, columns)}"  # noqa: S608
        " ON CONFLICT (debtor_code, name) DO UPDATE SET role = excluded.role,"
        " phone = excluded.phone, phone2 = excluded.phone2, email = excluded.email,"
        " decision_maker = excluded.decision_maker, best_hours = excluded.best_hours,"
        " wrong_number = CASE WHEN excluded.phone = contacts.phone THEN contacts.wrong_number"
        " ELSE excluded.wrong_number END"
    )


def _copy_invoices(table: _Table, update: Sequence[str]) -> str:
    unknown = set(update) - set(INVOICE_COLUMNS)
    if unknown:
        raise ValueError(f"not invoice columns: {sorted(unknown)}")
    columns = table.columns
    sets = ", ".join(f"{c} = excluded.{c}" for c in update)
    # A weekly re-import changes few rows: leave the unchanged ones unwritten.
    changed = f"({', '.join(update)}) IS NOT ({', '.join(f'excluded.{c}' for c in update)})"
    return (
        f"INSERT INTO main.invoices ({', '.join(columns)}) {_select(table, columns)}"  # noqa: S608
        f" ON CONFLICT (debtor_code, number) DO UPDATE SET {sets} WHERE {changed}"
    )


def _copy_payments(table: _Table, update: Sequence[str]) -> str:
    columns = table.columns
    return (
        f"INSERT INTO main.payments ({', '.join(columns)}) {_select(table, columns)}"  # noqa: S608
        " ON CONFLICT (debtor_code, reference) DO UPDATE SET paid_on = excluded.paid_on,"
        " amount_cents = excluded.amount_cents"
    )


_COPY = {
    "clients": _copy_debtors,
    "contacts": _copy_contacts,
    "invoices": _copy_invoices,
    "payments": _copy_payments,
}


@contextmanager
def staging(store: Store, kind: str) -> Iterator[Staging]:
    """Scratch tables for one import, in a private temporary folder removed afterwards."""
    folder = tempfile.mkdtemp(prefix="callcenter-import-")  # mode 0700
    conn = store.conn
    conn.execute(f"ATTACH DATABASE ? AS {SCHEMA}", (os.path.join(folder, "stage.db"),))
    try:
        # Scratch data: a crash loses nothing that the file being imported does not hold.
        conn.execute(f"PRAGMA {SCHEMA}.journal_mode = OFF")
        conn.execute(f"PRAGMA {SCHEMA}.synchronous = OFF")
        stage = Staging(store, kind)
        stage._create()
        yield stage
    finally:
        conn.execute(f"DETACH DATABASE {SCHEMA}")
        shutil.rmtree(folder, ignore_errors=True)

"""The ledger on PostgreSQL (the ``Ledger`` port): imports' upserts, the import record, history.

The statements are the SQLite backend's (``statements/ledger.py``, ``imports.py``,
``history.py``: standard ``ON CONFLICT`` upserts), run through
:class:`~callcenter.store.postgres.spelling.Spelled`. What differs is said
where it is: the staging of big CSV files (a temporary table filled with
``COPY``, see ``postgres/staging.py``), the number an invoice holds while
numbers swap (PostgreSQL text cannot hold SQLite's NUL mark), and the
identity sequences the demo's own ids must move past.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from callcenter.domain.models import Contact, Debtor, Invoice, Payment
from callcenter.store.postgres import staging
from callcenter.store.postgres.spelling import Spelled
from callcenter.store.records import InvoicePlan
from callcenter.store.statements import history, imports, ledger

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore

#: The number a row holds while invoices swap numbers (SQLite's starts with NUL).
RENAMING = "\x1frenaming "


class PostgresLedger:
    def __init__(self, store: PostgresStore) -> None:
        self._store = store
        self._sql = Spelled(store)

    def upsert_debtors(
        self,
        debtors: Iterable[Debtor],
        now: datetime,
        update: Sequence[str] = ledger.DEBTOR_COLUMNS,
    ) -> int:
        return ledger.upsert_debtors(self._sql, debtors, now, update)

    def upsert_contacts(self, contacts: Iterable[Contact]) -> int:
        return ledger.upsert_contacts(self._sql, contacts)

    def upsert_invoices(self, invoices: Iterable[Invoice]) -> int:
        return ledger.upsert_invoices(self._sql, invoices)

    def upsert_payments(self, payments: Iterable[Payment]) -> int:
        return ledger.upsert_payments(self._sql, payments)

    def client_payment_terms(self) -> dict[str, int]:
        return imports.client_payment_terms(self._sql)

    def known_debtor_codes(self) -> set[str]:
        return imports.known_debtor_codes(self._sql)

    def upsert_invoice_rows(
        self,
        invoices: Iterable[Invoice],
        *,
        update: Sequence[str] = imports.INVOICE_COLUMNS,
        lettering: Mapping[tuple[str, str], str] | None = None,
    ) -> int:
        return imports.upsert_invoice_rows(self._sql, invoices, update=update, lettering=lettering)

    def plan_ledger_invoices(
        self,
        invoices: Iterable[Invoice],
        identity: Mapping[tuple[str, str], tuple[str, str]],
        lettering: Mapping[tuple[str, str], str],
        *,
        debtors: Collection[str] | None = None,
    ) -> InvoicePlan:
        return imports.plan_ledger_invoices(
            self._sql, invoices, identity, lettering, debtors=debtors
        )

    def plan_absent_invoices(self, debtors: Collection[str]) -> InvoicePlan:
        return imports.plan_absent_invoices(self._sql, debtors)

    def write_ledger_invoices(self, plan: InvoicePlan, *, close_absent: bool) -> int:
        """Renamed rows step aside under :data:`RENAMING` first, then SQLite's statements."""
        self._sql.conn.executemany(
            "UPDATE invoices SET number = ? || id WHERE id = ?",
            [(RENAMING, row_id) for row_id in plan.renamed],
        )
        stepped_aside = replace(plan, renamed=[])
        return imports.write_ledger_invoices(self._sql, stepped_aside, close_absent=close_absent)

    def open_invoice_keys(self) -> set[tuple[str, str]]:
        return imports.open_invoice_keys(self._sql)

    def close_invoices(self, keys: Iterable[tuple[str, str]]) -> int:
        return imports.close_invoices(self._sql, keys)

    def record_import(
        self,
        *,
        kind: str,
        file: str,
        sha256: str,
        lines: int,
        now: datetime,
        summary: Mapping[str, object],
    ) -> int:
        return imports.record_import(
            self._sql, kind=kind, file=file, sha256=sha256, lines=lines, now=now, summary=summary
        )

    def ledger_is_empty(self) -> bool:
        return history.ledger_is_empty(self._sql)

    def last_ids(self) -> dict[str, int]:
        return history.last_ids(self._sql)

    def insert_user_rows(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        history.insert_users(self._sql, rows)

    def insert_call_rows(self, rows: Iterable[tuple]) -> None:
        history.insert_calls(self._sql, rows)
        self._past_ids("calls")

    def insert_promise_rows(self, rows: Iterable[tuple]) -> None:
        history.insert_promises(self._sql, rows)
        self._past_ids("promises")

    def insert_dispute_rows(self, rows: Iterable[tuple]) -> None:
        history.insert_disputes(self._sql, rows)
        self._past_ids("disputes")

    def insert_dispute_invoice_rows(self, rows: Iterable[tuple[int, int]]) -> None:
        history.insert_dispute_invoices(self._sql, rows)

    def insert_task_rows(self, rows: Iterable[tuple]) -> None:
        history.insert_tasks(self._sql, rows)
        self._past_ids("tasks")

    def _past_ids(self, table: str) -> None:
        """Rows came with ids of their own: the next identity value follows the largest."""
        if table not in history.ID_TABLES:
            raise ValueError(f"not a history table: {table}")
        self._store.conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"  # noqa: S608 (ID_TABLES)
            f" coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
        )

    def count_rows(self, table: str) -> int:
        return history.count_rows(self._sql, table)

    def bulk_mode(self) -> AbstractContextManager[None]:
        """Nothing to trade on a server: its durability settings are the DBA's."""
        return nullcontext()

    def deferred_indexes(
        self, tables: tuple[str, ...] = history.BULK_TABLES
    ) -> AbstractContextManager[None]:
        """Indexes stay: other sessions may read the tables while the rows pour in."""
        return nullcontext()

    @contextmanager
    def staging(self, kind: str) -> Iterator[staging.Staging]:
        with staging.staging(self._store, kind) as stage:
            yield stage

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

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import replace

from callcenter.domain.models import Call, Dispute, Promise, Task
from callcenter.store.postgres import staging
from callcenter.store.postgres.spelling import SpelledAggregate, spelled
from callcenter.store.records import InvoicePlan
from callcenter.store.statements import history, imports, ledger

#: The number a row holds while invoices swap numbers (SQLite's starts with NUL).
RENAMING = "\x1frenaming "


class PostgresLedger(SpelledAggregate):
    upsert_debtors = spelled(ledger.upsert_debtors)
    upsert_contacts = spelled(ledger.upsert_contacts)
    upsert_invoices = spelled(ledger.upsert_invoices)
    upsert_payments = spelled(ledger.upsert_payments)
    client_payment_terms = spelled(imports.client_payment_terms)
    known_debtor_codes = spelled(imports.known_debtor_codes)
    upsert_invoice_rows = spelled(imports.upsert_invoice_rows)
    plan_ledger_invoices = spelled(imports.plan_ledger_invoices)
    plan_absent_invoices = spelled(imports.plan_absent_invoices)

    def write_ledger_invoices(self, plan: InvoicePlan, *, close_absent: bool) -> int:
        """Renamed rows step aside under :data:`RENAMING` first, then SQLite's statements."""
        self._sql.conn.executemany(
            "UPDATE invoices SET number = ? || id WHERE id = ?",
            [(RENAMING, row_id) for row_id in plan.renamed],
        )
        stepped_aside = replace(plan, renamed=[])
        return imports.write_ledger_invoices(self._sql, stepped_aside, close_absent=close_absent)

    open_invoice_keys = spelled(imports.open_invoice_keys)
    close_invoices = spelled(imports.close_invoices)
    record_import = spelled(imports.record_import)
    ledger_is_empty = spelled(history.ledger_is_empty)
    last_ids = spelled(history.last_ids)
    insert_users = spelled(history.insert_users)

    def insert_past_calls(self, calls: Iterable[Call]) -> None:
        history.insert_past_calls(self._sql, calls)
        self._past_ids("calls")

    def insert_past_promises(self, promises: Iterable[Promise]) -> None:
        history.insert_past_promises(self._sql, promises)
        self._past_ids("promises")

    def insert_past_disputes(self, disputes: Iterable[Dispute]) -> None:
        history.insert_past_disputes(self._sql, disputes)
        self._past_ids("disputes")

    def insert_past_tasks(self, tasks: Iterable[Task]) -> None:
        history.insert_past_tasks(self._sql, tasks)
        self._past_ids("tasks")

    def _past_ids(self, table: str) -> None:
        """Rows came with ids of their own: the next identity value follows the largest."""
        if table not in history.ID_TABLES:
            raise ValueError(f"not a history table: {table}")
        self._store.conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"  # noqa: S608 (ID_TABLES)
            f" coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
        )

    count_rows = spelled(history.count_rows)

    def bulk_mode(self) -> AbstractContextManager[None]:
        """Nothing to trade on a server: its durability settings are the DBA's."""
        return nullcontext()

    def deferred_indexes(
        self, tables: tuple[str, ...] = history.BULK_TABLES
    ) -> AbstractContextManager[None]:
        """Indexes stay: other sessions may read the tables while the rows pour in."""
        return nullcontext()

    def deferred_sums(self) -> AbstractContextManager[None]:
        """The sum tables' triggers stay (they are one function call per row here)."""
        return nullcontext()

    @contextmanager
    def staging(self, kind: str) -> Iterator[staging.Staging]:
        with staging.staging(self._store, kind) as stage:
            yield stage

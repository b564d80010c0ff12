"""A big CSV import staged in a temporary table, so the import's write is one short statement.

SQLite stages in a scratch file so as not to hold its single write lock
while a million rows are read and checked; on PostgreSQL a session's
temporary table does the same job: nobody else sees it, it is not written to
the WAL, rows are sent with ``COPY`` in batches, and duplicate keys are found
there with an index. The final step is one ``INSERT … SELECT`` per table with
the ledger's own conflict rules (``sqlite/ledger.py``, ``sqlite/imports.py``),
inside the import's transaction. The tables' columns, keys and rows are the
SQLite staging's (``sqlite/staging.py``), so both backends stage the same rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING

from callcenter.store.codec import instant_to_db
from callcenter.store.postgres.db import one_value
from callcenter.store.postgres.spelling import pg_statement
from callcenter.store.records import Duplicate, StagedSummary
from callcenter.store.statements.staged import STAGED

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore

#: The session's temporary table (each import has its own connection's).
STAGE = "callcenter_stage"


class Staging:
    """The staged rows of one import; use :func:`staging` to get one."""

    def __init__(self, store: PostgresStore, kind: str):
        self.store, self.kind, self.table = store, kind, STAGED[kind]

    def _create(self) -> None:
        # The target's own column types, no rows: what the copy-in expects.
        columns = ", ".join(self.table.columns)
        self.store.conn.execute(
            f"CREATE TEMPORARY TABLE {STAGE} AS SELECT 0::bigint AS line, {columns}"  # noqa: S608
            f" FROM {self.table.target} WITH NO DATA"
        )

    def add(self, items: list[tuple[int, object]]) -> None:
        """Stage a batch of (line, domain object) with one COPY (the team's tables untouched)."""
        row = self.table.row
        columns = ", ".join(("line", *self.table.columns))
        with self.store.conn.transaction(), self.store.conn.cursor() as cursor:
            with cursor.copy(f"COPY {STAGE} ({columns}) FROM STDIN") as copy:
                for line, item in items:
                    copy.write_row((line, *row(item)))

    def clear(self) -> None:
        self.store.conn.execute(f"DELETE FROM {STAGE}")  # noqa: S608

    def duplicates(self) -> Iterator[Duplicate]:
        """Rows repeating an earlier row's key, in file order (indexes the key on the way)."""
        key = ", ".join(self.table.key)
        conn = self.store.conn
        conn.execute(f"CREATE INDEX IF NOT EXISTS {STAGE}_key ON {STAGE} ({key}, line)")
        conn.execute(f"ANALYZE {STAGE}")
        rows = conn.execute(
            f"SELECT line, first_line, {key} FROM (SELECT line, {key},"  # noqa: S608
            f" min(line) OVER (PARTITION BY {key}) AS first_line FROM {STAGE}) AS keyed"
            " WHERE line > first_line ORDER BY line"
        )
        for line, first_line, *values in rows.fetchall():
            yield Duplicate(line, first_line, tuple(values))

    def drop(self, duplicates: Sequence[Duplicate]) -> None:
        """Leave these repeated rows out of the copy (they were rejected)."""
        where = " AND ".join(f"{column} = %s" for column in self.table.key)
        with self.store.conn.transaction(), self.store.conn.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {STAGE} WHERE {where} AND line = %s",  # noqa: S608
                [(*duplicate.key, duplicate.line) for duplicate in duplicates],
            )

    def summary(self) -> StagedSummary:
        if self.kind != "invoices":
            count = one_value(self.store.conn, f"SELECT count(*) FROM {STAGE}")  # noqa: S608
            return StagedSummary(count, 0, 0, 0, 0)
        row = self.store.conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE amount_cents > 0),"  # noqa: S608
            " count(*) FILTER (WHERE open_cents > 0), count(*) FILTER (WHERE amount_cents < 0),"
            f" coalesce(sum(open_cents), 0) FROM {STAGE}"
        ).fetchone()
        assert row is not None  # an aggregate always gives one row
        return StagedSummary(*row)

    def codes(self) -> list[str]:
        """The debtors the staged rows concern, sorted."""
        column = "code" if self.kind == "clients" else "debtor_code"
        sql = f"SELECT DISTINCT {column} FROM {STAGE} ORDER BY 1"  # noqa: S608
        return [row[0] for row in self.store.conn.execute(sql)]

    def copy_in(self, now: datetime, update: Sequence[str]) -> None:
        """The final step, inside the caller's transaction: one INSERT … SELECT.

        ``update`` names the columns an existing row takes from the file; the
        conflict rules are the ledger's own, spelt for PostgreSQL.
        """
        table = self.table
        columns = list(table.columns)
        values = list(columns)
        params: tuple = ()
        if table.target == "debtors":
            columns.append("updated_at")
            values.append("%s")
            params = (instant_to_db(now),)
        order = ", ".join(table.key) if table.target == "invoices" else "line"
        conflict = pg_statement(table.conflict(update))
        self.store.conn.execute(
            f"INSERT INTO {table.target} ({', '.join(columns)})"  # noqa: S608
            f" SELECT {', '.join(values)} FROM {STAGE} ORDER BY {order} {conflict}",
            params,
        )


@contextmanager
def staging(store: PostgresStore, kind: str) -> Iterator[Staging]:
    """A temporary table for one import, dropped afterwards."""
    stage = Staging(store, kind)
    stage._create()
    try:
        yield stage
    finally:
        store.conn.execute(f"DROP TABLE IF EXISTS {STAGE}")

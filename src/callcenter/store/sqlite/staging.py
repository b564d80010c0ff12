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
from datetime import datetime

from callcenter.store.codec import instant_to_db
from callcenter.store.records import Duplicate, StagedSummary
from callcenter.store.sqlite.db import SqliteStore
from callcenter.store.statements.staged import STAGED

SCHEMA = "callcenter_stage"


class Staging:
    """The scratch tables of one import; use :func:`staging` to get one."""

    def __init__(self, store: SqliteStore, kind: str):
        self.store, self.kind, self.table = store, kind, STAGED[kind]

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
        """Stage a batch of (line, domain object), without locking the team's file."""
        marks = ", ".join("?" * (len(self.table.columns) + 1))
        row = self.table.row
        rows = [(line, *row(item)) for line, item in items]
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
        same = " AND ".join(f"other.{c} = row.{c}" for c in self.table.key)
        # Index probes row by row: a window function would materialise every row in memory.
        sql = (
            f"SELECT line, (SELECT min(other.line) FROM {self._name} AS other WHERE {same}),"  # noqa: S608
            f" {key} FROM {self._name} AS row WHERE EXISTS (SELECT 1 FROM {self._name} AS other"
            f" WHERE {same} AND other.line < row.line) ORDER BY line"
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
        The conflict rules are the ledger's own (:mod:`callcenter.store.statements.ledger`).
        """
        table = self.table
        columns = list(table.columns)
        values = list(columns)
        params: tuple = ()
        if table.target == "debtors":
            columns.append("updated_at")
            values.append("?")
            params = (instant_to_db(now),)
        # Invoices in key order write their unique index page after page (a fifth
        # faster on big files); other rows keep the file's order, as their ids did.
        order = ", ".join(table.key) if table.target == "invoices" else "line"
        # "WHERE true" tells SQLite the ON CONFLICT belongs to the INSERT, not to a join.
        # Names come from the ledger's column tuples; values from the scratch table.
        sql = (
            f"INSERT INTO main.{table.target} ({', '.join(columns)})"  # noqa: S608
            f" SELECT {', '.join(values)} FROM {self._name} WHERE true ORDER BY {order}"
            f" {table.conflict(update)}"
        )
        self.store.conn.execute(sql, params)


@contextmanager
def staging(store: SqliteStore, kind: str) -> Iterator[Staging]:
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

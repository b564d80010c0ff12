"""Opening a PostgreSQL database: connection, migrations, transactions, errors in words.

The server does what SQLite's single file needs WAL, busy timeouts and
``BEGIN IMMEDIATE`` for: writers run side by side, each row is locked by
whoever changes it, and a claim takes the next free debtor with ``FOR UPDATE
SKIP LOCKED`` instead of a write lock on the whole database. The database
itself is the DBA's: callcenter creates its tables in an empty database it is
pointed at, never the database, and never touches one holding other tables.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import errors as pg_errors
from psycopg.types.numeric import NumericLoader

from callcenter.store.errors import (
    DRIVER_ERRORS,
    DatabaseBusy,
    DatabaseFull,
    DatabaseReadOnly,
    NoDatabase,
    Reason,
    SchemaTooNew,
    StoreError,
)
from callcenter.store.postgres.schema import MIGRATION_LOCK, MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from callcenter.store import ports

__all__ = ["PostgresStore", "open_postgres", "shown_url"]

#: How long a statement may wait for a row another session holds before saying so.
LOCK_WAIT_MS = 120_000
#: SQLSTATE classes that mean "another session was in the way; nothing was written".
_BUSY = (pg_errors.SerializationFailure, pg_errors.DeadlockDetected, pg_errors.LockNotAvailable)
#: A failed query the backend did not word is still "the database failed" for callers.
DRIVER_ERRORS.append(psycopg.Error)


class _WholeNumeric(NumericLoader):
    """``sum()`` of bigint cents is a numeric: read a whole one as an int (money is int cents)."""

    def load(self, data):
        value = super().load(data)
        return int(value) if value == value.to_integral_value() else value


def shown_url(url: str) -> str:
    """The URL as messages show it: never with its password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresStore:
    """One connection to a callcenter database on a PostgreSQL server."""

    backend = "postgresql"
    # Bound by aggregates.bind(); declared with their ports so mypy checks each one.
    ledger: ports.Ledger
    dossiers: ports.Dossiers
    outcomes: ports.Outcomes
    calling: ports.Calling
    queue: ports.Queue
    promises: ports.Promises
    figures: ports.Figures
    campaigns: ports.Campaigns
    users: ports.Users
    portfolios: ports.Portfolios
    exports: ports.Exports
    admin: ports.Admin
    communications: ports.Communications

    def __init__(self, conn: psycopg.Connection, url: str, readonly: bool = False):
        self.conn = conn
        self.url = url
        self.path = shown_url(url)  # what messages name, as a file's path for SQLite
        self.readonly = readonly
        self.read_only_reason: Reason | None = None
        self._depth = 0
        from callcenter.store.postgres import aggregates  # they import this module

        aggregates.bind(self)

    # -- opening -------------------------------------------------------------------
    @classmethod
    def open(cls, url: str, *, create: bool = True, readonly: bool = False) -> PostgresStore:
        """Connect to ``url`` and bring an empty or older callcenter schema up to date.

        ``create=False`` (commands that only read or change an existing team
        database) refuses a database with no callcenter schema yet.
        """
        try:
            conn = psycopg.connect(url, autocommit=True, application_name="callcenter")
        except psycopg.OperationalError as exc:
            raise StoreError(
                "store.no_server", path=shown_url(url), error=_first_line(exc)
            ) from exc
        conn.adapters.register_loader("numeric", _WholeNumeric)
        store = cls(conn, url, readonly)
        try:
            conn.execute(f"SET lock_timeout = {LOCK_WAIT_MS}")
            if readonly:
                conn.execute("SET default_transaction_read_only = on")
            store._recognise(create=create)
            store._migrate()
        except BaseException:
            conn.close()
            raise
        return store

    def _tables(self) -> set[str]:
        rows = self.conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        ).fetchall()
        return {name for (name,) in rows}

    @property
    def schema_version(self) -> int:
        if "meta" not in self._tables():
            return 0
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _recognise(self, *, create: bool) -> None:
        """Read (never write) enough to know the database is ours, or empty, or too new."""
        tables = self._tables()
        version = self.schema_version
        if tables and "meta" not in tables:
            raise StoreError("store.foreign", path=self.path)
        if version == 0 and (not create or self.readonly):
            raise NoDatabase("store.empty_server", path=self.path)
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(
                "store.schema_too_new", path=self.path, version=version, known=SCHEMA_VERSION
            )

    def _migrate(self) -> None:
        if self.schema_version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError("store.read_only_old_schema", path=self.path)
        for number in range(1, SCHEMA_VERSION + 1):
            with self.transaction():
                # One process migrates; the others wait here, then find it done.
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                if self.schema_version >= number:
                    continue
                self.conn.execute(MIGRATIONS[number - 1])
                self.conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', %s)"
                    " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    (str(number),),
                )

    # -- transactions --------------------------------------------------------------
    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[psycopg.Connection]:
        """A write transaction; nested calls join it.

        ``durable=False`` commits without waiting for the WAL flush
        (``synchronous_commit = off`` for this transaction only), for writes whose
        loss in a crash is harmless: a claim is a lease that expires anyway.
        """
        if self.readonly:
            raise DatabaseReadOnly("store.opened_read_only", path=self.path)
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            with self.conn.transaction():
                if not durable:
                    self.conn.execute("SET LOCAL synchronous_commit = off")
                yield self.conn
        except _BUSY as exc:
            raise DatabaseBusy("store.busy", path=self.path) from exc
        except pg_errors.DiskFull as exc:
            raise DatabaseFull("store.server_full", path=self.path) from exc
        except pg_errors.ReadOnlySqlTransaction as exc:
            raise DatabaseReadOnly("store.server_read_only", path=self.path) from exc
        except pg_errors.InsufficientPrivilege as exc:
            raise DatabaseReadOnly(
                "store.role_refused", path=self.path, error=_first_line(exc)
            ) from exc
        except psycopg.OperationalError as exc:
            raise StoreError("store.server_lost", path=self.path, error=_first_line(exc)) from exc
        finally:
            self._depth = 0

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction or snapshot is open on this connection now."""
        return self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    @contextmanager
    def snapshot(self) -> Iterator[psycopg.Connection]:
        """A read transaction: every query inside sees the same state (REPEATABLE READ)."""
        if self.in_transaction:
            yield self.conn  # inside an open transaction: join it
            return
        self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            yield self.conn
        finally:
            self.conn.execute("COMMIT")

    def large_cache(self, mib: int = 128) -> AbstractContextManager[None]:
        """Nothing to widen per connection: the server's memory settings are the DBA's."""
        return nullcontext()

    def sorts_on_disk(self) -> AbstractContextManager[None]:
        """The server spills its sorts past ``work_mem`` already (the DBA's setting)."""
        return nullcontext()

    def optimize(self) -> None:
        """Refresh the planner's statistics after a bulk build (autovacuum would, later)."""
        self.conn.execute("ANALYZE")

    def close(self) -> None:
        self.conn.close()


def open_postgres(url: str, *, create: bool = True, readonly: bool = False) -> PostgresStore:
    """The backend's entry point for ``open_database('postgresql://...')``."""
    return PostgresStore.open(url, create=create, readonly=readonly)


def one_value(conn: psycopg.Connection, sql: str, params: Sequence[object] = ()) -> Any:
    """The first column of the one row ``sql`` always returns (``count(*)``, ``RETURNING``)."""
    row = conn.execute(sql, params).fetchone()
    assert row is not None, sql  # such a statement has its row, whatever the tables hold
    return row[0]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

"""Opening the SQLite file: location, permissions, pragmas, migrations, transactions.

Many collectors share one file over SSH, so every connection uses WAL (readers
never block the writer), a busy timeout (writers queue instead of failing),
and explicit ``BEGIN IMMEDIATE`` transactions (a write takes the lock at the
start, so two collectors cannot both read "free" and then both claim).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from callcenter.store.errors import (
    DRIVER_ERRORS,
    DatabaseBusy,
    NoDatabase,
    Reason,
    SchemaTooNew,
    StoreError,
)
from callcenter.store.paths import default_db_path
from callcenter.store.sqlite import dbfile
from callcenter.store.sqlite.pick_locks import PickLocks, Reserved, open_pick_locks
from callcenter.store.sqlite.schema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from callcenter.store import ports

__all__ = ["NoDatabase", "SchemaTooNew", "SqliteStore", "StoreError", "default_db_path"]

#: The SQLite library this process links (bench and stress reports name it).
SQLITE_VERSION = sqlite3.sqlite_version
DRIVER_ERRORS.append(sqlite3.Error)

#: How long a write waits for the lock before telling the user: the connection's busy
#: timeout at rest, so a lone write (the claim) and ``BEGIN IMMEDIATE`` need no switch.
WRITE_WAIT_SECONDS = 120.0
BUSY_TIMEOUT_MS = int(WRITE_WAIT_SECONDS * 1000)
#: Each connection's page cache. 2 MiB: a collector's session reads a few pages per
#: dossier, found again in the OS's cache when SQLite's own has let them go; at 8 MiB
#: the cache filled within the first hundred dossiers and was ~6 MB of the session's
#: peak memory, for no measured gain on the next debtor or the pick (README
#: "Performance"). Bulk jobs widen it while they run (``large_cache``).
CACHE_KIB = 2_000
#: SQLite's automatic checkpoint every 1 000 pages (4 MiB) of WAL...
WAL_AUTOCHECKPOINT_PAGES = 1000
#: ...and a TRUNCATE checkpoint when the WAL still outgrows this (readers never paused).
WAL_LIMIT_BYTES = 16 * 1024 * 1024
#: How long that checkpoint may wait for a pause before leaving it to a later commit.
WAL_CHECKPOINT_WAIT_MS = 2_000
#: A lone write (a claim: a page or three) looks at the WAL's size once in this many;
#: every write transaction looks each time.
LONE_WRITES_PER_WAL_CHECK = 16


class SqliteStore:
    """One connection to the callcenter database; the only holder of SQL access."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        readonly: bool = False,
        *,
        read_only_reason: Reason | None = None,
    ):
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.read_only_reason = read_only_reason
        self._sqlite_utils: Any = None  # sqlite_utils.Database, imported on first use
        self._depth = 0
        self._lone_writes = 0
        self._wal_path = f"{path}-wal"
        #: The file this connection opened; every write checks it is still the one at ``path``.
        self.file_id = dbfile.file_id(path)
        #: What a commit of the outermost transaction lets go once it is done (reservations).
        self._after_commit: list[Callable[[], None]] = []
        #: This session's pick not yet written as a claim (``claims.hold_pick`` writes it).
        self.reserved: Reserved | None = None
        self._bind_aggregates()

    def _bind_aggregates(self) -> None:
        """The session's aggregates (``store.queue``, ``store.dossiers``...), bound to this store.

        The back office's (``ledger``, ``figures``, ``campaigns``, ``users``,
        ``portfolios``, ``exports``, ``admin``) are built on first use, below.
        """
        from callcenter.store.sqlite import aggregates as a  # they import this module
        from callcenter.store.statements.calling import SqlCalling

        # Annotated with their ports, so mypy checks each aggregate against its protocol.
        self.dossiers: ports.Dossiers = a.SqliteDossiers(self)
        self.outcomes: ports.Outcomes = a.SqliteOutcomes(self)
        self.calling: ports.Calling = SqlCalling(self)
        self.queue: ports.Queue = a.SqliteQueue(self)
        self.promises: ports.Promises = a.SqlitePromises(self)
        self.communications: ports.Communications = a.SqliteCommunications(self)

    # -- the back office's aggregates, imported and built the first time one is asked for --
    @cached_property
    def ledger(self) -> ports.Ledger:
        from callcenter.store.sqlite.back_office import SqliteLedger

        return SqliteLedger(self)

    @cached_property
    def figures(self) -> ports.Figures:
        from callcenter.store.sqlite.back_office import SqliteFigures

        return SqliteFigures(self)

    @cached_property
    def campaigns(self) -> ports.Campaigns:
        from callcenter.store.sqlite.back_office import SqliteCampaigns

        return SqliteCampaigns(self)

    @cached_property
    def users(self) -> ports.Users:
        from callcenter.store.sqlite.back_office import SqliteUsers

        return SqliteUsers(self)

    @cached_property
    def portfolios(self) -> ports.Portfolios:
        from callcenter.store.sqlite.back_office import SqlitePortfolios

        return SqlitePortfolios(self)

    @cached_property
    def exports(self) -> ports.Exports:
        from callcenter.store.sqlite.back_office import SqliteExports

        return SqliteExports(self)

    @cached_property
    def admin(self) -> ports.Admin:
        from callcenter.store.sqlite.back_office import SqliteAdmin

        return SqliteAdmin(self)

    @property
    def db(self):
        """sqlite-utils' view of the connection (tests and one-off scripts read tables with it).

        Imported on first use: it brings click, pluggy and dateutil's parser,
        a tenth of the workstation's start and several MB nobody else needs.
        """
        if self._sqlite_utils is None:
            import sqlite_utils

            self._sqlite_utils = sqlite_utils.Database(self.conn)
        return self._sqlite_utils

    # -- opening -----------------------------------------------------------
    @classmethod
    def open(
        cls, path: str | os.PathLike | None = None, *, create: bool = True, readonly: bool = False
    ) -> SqliteStore:
        """Open (and create or migrate) the database at ``path``.

        ``create=False`` is for commands that only read or change an existing team
        file: a path with nothing there is "no database at PATH", never a new empty
        file. ``readonly`` opens it for reading only (``check``, ``backup``, a
        supervisor's look); a file the user cannot write opens read-only anyway.
        """
        path = Path(path) if path is not None else default_db_path()
        found = dbfile.lookup(path)
        if found is None:
            if not create or readonly:
                raise dbfile.no_database(path)
            try:
                dbfile.create_file(path)
            except FileExistsError:
                pass  # another session created it a moment ago: open theirs
            except OSError as exc:
                raise StoreError("store.cannot_create", path=path, error=exc.strerror) from exc
            found = path.stat()
        dbfile.check_file(path, found)
        dbfile.check_folder(path)
        reason = None if readonly else dbfile.read_only_reason(path)
        readonly = readonly or reason is not None
        # Quoted: a "?" or "#" in a folder name must not be read as URI syntax.
        uri = f"file:{quote(os.fspath(path))}" + ("?mode=ro" if readonly else "")
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise dbfile.explain(path, exc) from exc
        store = cls(conn, path, readonly, read_only_reason=reason)
        try:
            store._recognise()  # before anything is written: another program's file stays as it is
            store._configure()
            store._migrate()
        except BaseException:
            conn.close()
            raise
        return store

    def _recognise(self) -> None:
        """Read (never write) enough of the file to know it is ours, or new, or too new."""
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            with self.snapshot():  # version and tables together: another session may be migrating
                version = self.schema_version
                tables = self._table_names()
        except sqlite3.DatabaseError as exc:
            raise _unreadable(self.path, exc) from exc
        if (version == 0 and tables) or (version > 0 and "meta" not in tables):
            raise StoreError("store.foreign", path=self.path)
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(
                "store.schema_too_new", path=self.path, version=version, known=SCHEMA_VERSION
            )

    def _configure(self) -> None:
        try:
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not self.readonly:
                self._use_wal()
                # NORMAL at rest, for writes whose loss in a power cut is harmless
                # (a claim: a lease that expires anyway); every durable transaction
                # switches to FULL around its commit (see ``transaction``).
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
                # After a checkpoint rewinds it, the WAL file is cut back to this size.
                self.conn.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT_BYTES}")
            self.conn.execute("PRAGMA temp_store = MEMORY")
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # see CACHE_KIB
        except sqlite3.DatabaseError as exc:
            raise _unreadable(self.path, exc) from exc

    def _use_wal(self) -> None:
        """Switch to WAL, waiting out a session that is creating the same new file.

        The switch needs the file to itself for an instant; when sessions open
        a brand-new file together it can answer "locked", or keep the old mode,
        instead of waiting on the busy timeout.
        """
        for attempt in range(100):
            try:
                mode = self.conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            except sqlite3.OperationalError as exc:
                if (exc.sqlite_errorcode & 0xFF) not in (
                    sqlite3.SQLITE_BUSY,
                    sqlite3.SQLITE_LOCKED,
                ):
                    raise
                mode = None
            if mode == "wal":
                return
            time.sleep(min(0.01 * (attempt + 1), 0.1))
        raise DatabaseBusy("store.busy", path=self.path)

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.schema_version
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError("store.read_only_old_schema", path=self.path)
        for number in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                if self.schema_version >= number:  # another process got there first
                    continue
                for statement in split_sql(MIGRATIONS[number - 1]):
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(number),),
                )
                self.conn.execute(f"PRAGMA user_version = {number}")

    def _table_names(self) -> set[str]:
        rows = self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        return {name for (name,) in rows}

    @contextmanager
    def large_cache(self, mib: int = 128) -> Iterator[None]:
        """A bigger page cache for one bulk job (an import), then back to the small default."""
        self.conn.execute(f"PRAGMA cache_size = -{int(mib) * 1024}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")

    @contextmanager
    def sorts_on_disk(self) -> Iterator[None]:
        """Sorts spill to temporary files for one bulk job, then back to memory.

        The connection keeps its temporary storage in memory, and SQLite then
        sorts wholly in memory too: building an index over a million fresh
        rows would cost as many megabytes. SQLite refuses the switch inside a
        transaction, so the caller enters this first (inside one, it changes nothing).
        """
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("PRAGMA temp_store = FILE")
        try:
            yield
        finally:
            self.conn.execute("PRAGMA temp_store = MEMORY")

    # -- transactions ------------------------------------------------------
    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction taken with ``BEGIN IMMEDIATE``; nested calls join it.

        The busy timeout makes a waiting writer queue behind the current one;
        if the lock is still held past it we retry a few times so that a
        collector never sees "database is locked" for a momentary burst.
        A durable one runs at ``synchronous = FULL``: its commit is on disk
        before the screen moves on, even if the server loses power (NORMAL only
        survives a crashed process); one fsync per outcome, well under a
        millisecond on an SSD. ``durable=False`` stays at the connection's
        NORMAL and skips the fsync, for writes whose loss in a power cut is
        harmless (a claim is a lease that expires anyway); the next durable
        commit flushes them along with its own.
        """
        if self.readonly:
            raise dbfile.read_only(self.path, self.read_only_reason)
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        if durable:
            self.conn.execute("PRAGMA synchronous = FULL")  # only outside a transaction
        try:
            with self._outermost():
                yield self.conn
        finally:
            if durable:
                self.conn.execute("PRAGMA synchronous = NORMAL")

    @contextmanager
    def _outermost(self) -> Iterator[None]:
        self._begin_immediate()
        self._depth = 1
        try:
            try:
                self.check_same_file()  # under the lock: nobody commits between this and ours
                yield
                self.check_same_file()  # and once more, in case it went while we worked
            except BaseException as exc:
                self._depth = 0
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError) and dbfile.is_environmental(exc):
                    # A full disk or a lost write permission is not a bug: say it plainly.
                    raise dbfile.explain(self.path, exc) from exc
                raise
            self._depth = 0
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise dbfile.explain(self.path, exc) from exc
        finally:
            self._run_after_commit()  # before the WAL check, which may wait for a checkpoint
        self._bound_wal()

    def lone_write(self, sql: str, params: dict) -> list:
        """One writing statement as its own transaction, not fsynced; its rows.

        For a write that reads what it changes in the same statement (the claim):
        SQLite takes the write lock at the statement's first step, so it is as
        exclusive as ``BEGIN IMMEDIATE`` … ``COMMIT`` and saves their round trips.
        Everything else is a write transaction's: the wait for the lock, the check
        that the file is still the one opened, the sentences for a full disk or a
        lock held too long, the WAL kept bounded (its size looked at once every
        :data:`LONE_WRITES_PER_WAL_CHECK` lone writes). Not fsynced: for writes whose loss
        in a power cut is harmless (a claim is a lease that expires anyway).
        Inside a transaction it simply joins it.
        """
        if self.readonly:
            raise dbfile.read_only(self.path, self.read_only_reason)
        if self._depth:
            return self.conn.execute(sql, params).fetchall()
        self.check_same_file()
        try:  # at the connection's resting NORMAL and lock wait: no PRAGMA to switch
            rows = self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if (exc.sqlite_errorcode & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                raise DatabaseBusy("store.busy", path=self.path) from exc
            if dbfile.is_environmental(exc):
                raise dbfile.explain(self.path, exc) from exc
            raise
        self._lone_writes += 1
        if self._lone_writes % LONE_WRITES_PER_WAL_CHECK == 0:
            self._bound_wal()
        return rows

    def check_same_file(self) -> None:
        """Refuse to write if the file at ``path`` is no longer the one this session opened.

        Someone deleted or replaced it (a restore, a ``mv``): SQLite would go on writing
        into the unlinked file, and every outcome "saved" there would be lost. One
        ``os.stat``, a few microseconds per write transaction.
        """
        now = dbfile.file_id(self.path)
        if now != self.file_id:
            raise dbfile.moved(self.path, now)

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query inside sees the same state of the file.

        Under WAL it never blocks writers; inside an open transaction it just joins it.
        """
        if self.conn.in_transaction:
            yield self.conn
            return
        self.conn.execute("BEGIN")
        try:
            yield self.conn
        finally:
            if self.conn.in_transaction:
                self.conn.execute("COMMIT")

    def _begin_immediate(self) -> None:
        """Take the write lock, waiting in SQLite's own busy handler up to ``WRITE_WAIT_SECONDS``.

        The waiting happens inside SQLite (sleeps of 1 ms growing to 100 ms), not in
        Python: with a hundred sessions on two cores, short polls from Python burn the
        CPU the lock holder needs to finish, and the queue collapses (9 outcomes in
        480 s where the busy handler sustains 70-90 outcomes/s).
        """
        try:  # the connection's busy timeout is WRITE_WAIT_SECONDS at rest
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if (exc.sqlite_errorcode & 0xFF) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
                raise DatabaseBusy("store.busy", path=self.path) from exc
            raise dbfile.explain(self.path, exc) from exc

    def _bound_wal(self) -> None:
        """Fold the WAL back into the file once it outgrows ``WAL_LIMIT_BYTES``.

        SQLite's automatic checkpoint copies pages back but can only rewind the WAL
        at an instant when no reader still uses it; with a hundred sessions reading
        all the time that instant never comes and the WAL grows without end (668 MB
        for a 15.7 MB file at 50 sessions). A TRUNCATE checkpoint waits for the next
        pause between writers and for the readers of the moment to finish (a few
        milliseconds), then empties the WAL. One ``os.stat`` per commit decides.
        """
        try:
            size = os.stat(self._wal_path).st_size
        except OSError:
            return
        if size <= WAL_LIMIT_BYTES:
            return
        self.conn.execute(f"PRAGMA busy_timeout = {WAL_CHECKPOINT_WAIT_MS}")
        try:
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error:
            pass  # busy: the commit is safe; a later commit tries again
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def optimize(self) -> None:
        """Fold the WAL into the file and refresh the planner's statistics (after a bulk build)."""
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.execute("ANALYZE")

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def after_commit(self, release: Callable[[], None]) -> None:
        """Run ``release`` once the outermost transaction ends (now, outside one).

        For what must outlive the write it guards, such as a debtor's reservation,
        kept until the claim that replaces it is committed; run after a rollback
        too (nothing was written, so nothing is left to guard).
        """
        if self._depth:
            self._after_commit.append(release)
        else:
            release()

    def _run_after_commit(self) -> None:
        waiting, self._after_commit = self._after_commit, []
        for release in waiting:
            release()

    @cached_property
    def pick_locks(self) -> PickLocks | None:
        """The reservations' lock file beside the database (None: picks are committed claims)."""
        if self.readonly:
            return None
        return open_pick_locks(self.path)

    def close(self) -> None:
        locks = self.__dict__.get("pick_locks")
        self.__dict__["pick_locks"] = None  # closed: nothing more is reserved
        self.reserved = None
        if locks is not None:
            locks.close()  # every reservation of this connection goes with it
        self.conn.close()


def _unreadable(path: Path, exc: sqlite3.DatabaseError) -> StoreError:
    """Opening failed: say whether the file is not ours or the machine is in the way."""
    if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == sqlite3.SQLITE_NOTADB:
        return StoreError("store.not_sqlite_because", path=path, error=str(exc))
    return dbfile.explain(path, exc)


def split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements

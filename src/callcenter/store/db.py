"""Opening the SQLite file: location, permissions, pragmas, migrations, transactions.

Many collectors share one file over SSH, so every connection uses WAL (readers
never block the writer), a busy timeout (writers queue instead of failing),
and explicit ``BEGIN IMMEDIATE`` transactions (a write takes the lock at the
start, so two collectors cannot both read "free" and then both claim).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import sqlite_utils

from callcenter.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 8_000
#: How long a write waits for the lock before telling the user.
WRITE_WAIT_SECONDS = 120.0
#: SQLite's automatic checkpoint every 1 000 pages (4 MiB) of WAL...
WAL_AUTOCHECKPOINT_PAGES = 1000
#: ...and a TRUNCATE checkpoint when the WAL still outgrows this (readers never paused).
WAL_LIMIT_BYTES = 16 * 1024 * 1024
#: How long that checkpoint may wait for a pause before leaving it to a later commit.
WAL_CHECKPOINT_WAIT_MS = 2_000


class StoreError(Exception):
    """A database problem explained in words a collector can act on."""


class SchemaTooNew(StoreError):
    """The file was written by a newer callcenter."""


def default_db_path() -> Path:
    """``$CALLCENTER_DB``, else the user's data directory (XDG on Linux)."""
    env = os.environ.get("CALLCENTER_DB")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "callcenter" / "callcenter.db"


def _check_permissions(path: Path) -> None:
    mode = path.stat().st_mode
    if mode & stat.S_IWOTH:
        raise StoreError(
            f"{path}: refusing to open a world-writable database "
            f"(mode {stat.filemode(mode)}); run: chmod o-w {path}"
        )


def _check_folder(path: Path) -> None:
    """Refuse a folder anyone may write to: another user could plant a ``-wal`` file there
    (SQLite would read it as ours) or swap the database between two sessions."""
    folder = path.parent
    mode = folder.stat().st_mode
    if mode & stat.S_IWOTH:
        raise StoreError(
            f"{path}: refusing a database in a folder anyone can write to "
            f"({folder}, mode {stat.filemode(mode)}); move it to a folder of the team's own"
        )


def _create_file(path: Path) -> None:
    """Create an empty database file readable and writable by owner and group only."""
    path.parent.mkdir(mode=0o770, parents=True, exist_ok=True)  # never world-writable
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o660)
    os.close(fd)
    os.chmod(path, 0o660)


class Store:
    """One connection to the callcenter database; the only holder of SQL access."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool = False):
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.db = sqlite_utils.Database(conn)
        self._depth = 0
        self._wal_path = f"{path}-wal"

    # -- opening -----------------------------------------------------------
    @classmethod
    def open(
        cls, path: str | os.PathLike | None = None, *, create: bool = True, readonly: bool = False
    ) -> Store:
        """Open (and create or migrate) the database at ``path``.

        ``readonly`` opens it for reading only (``check``, ``backup``, a
        supervisor's look); a file the user cannot write opens read-only anyway.
        """
        path = Path(path) if path is not None else default_db_path()
        if path.exists():
            _check_permissions(path)
        elif create and not readonly:
            try:
                _create_file(path)
            except FileExistsError:
                pass  # another session created it a moment ago: open theirs
            except OSError as exc:
                raise StoreError(f"{path}: cannot create the database: {exc.strerror}") from exc
        else:
            raise StoreError(f"{path}: no such database")
        _check_folder(path)
        readonly = readonly or not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
        # Quoted: a "?" or "#" in a folder name must not be read as URI syntax.
        uri = f"file:{quote(os.fspath(path))}" + ("?mode=ro" if readonly else "")
        try:
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open: {exc}") from exc
        store = cls(conn, path, readonly)
        store._configure()
        store._migrate()
        return store

    def _configure(self) -> None:
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if not self.readonly:
                self._use_wal()
                # FULL: a commit is on disk before the screen moves on, even if the
                # server loses power (NORMAL only survives a crashed process); it
                # costs one fsync per outcome, well under a millisecond on an SSD.
                self.conn.execute("PRAGMA synchronous = FULL")
                self.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
                # After a checkpoint rewinds it, the WAL file is cut back to this size.
                self.conn.execute(f"PRAGMA journal_size_limit = {WAL_LIMIT_BYTES}")
            self.conn.execute("PRAGMA temp_store = MEMORY")
            # 8 MiB per connection: a collector's process reads a few pages per dossier, and
            # many sessions share one server; imports widen it while they run (large_cache).
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a callcenter database ({exc})") from exc

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
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                mode = None
            if mode == "wal":
                return
            time.sleep(min(0.01 * (attempt + 1), 0.1))
        raise StoreError(f"{self.path}: the database stayed busy; please try again")

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        with self.snapshot():  # version and tables read together: another session may be migrating
            version = self.schema_version
            foreign = version == 0 and self._has_foreign_tables()
        if foreign:
            raise StoreError(
                f"{self.path}: this SQLite file belongs to another program "
                "(it has tables but no callcenter schema); refusing to modify it"
            )
        if version > SCHEMA_VERSION:
            raise SchemaTooNew(
                f"{self.path}: schema version {version} is newer than this callcenter "
                f"understands ({SCHEMA_VERSION}); upgrade callcenter before opening it"
            )
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise StoreError(f"{self.path}: read-only, and its schema needs an upgrade")
        for number in range(version + 1, SCHEMA_VERSION + 1):
            with self.transaction():
                if self.schema_version >= number:  # another process got there first
                    continue
                for statement in _split_sql(MIGRATIONS[number - 1]):
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(number),),
                )
                self.conn.execute(f"PRAGMA user_version = {number}")

    def _has_foreign_tables(self) -> bool:
        row = self.conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()
        return row[0] > 0

    @contextmanager
    def large_cache(self, mib: int = 128) -> Iterator[None]:
        """A bigger page cache for one bulk job (an import), then back to the small default."""
        self.conn.execute(f"PRAGMA cache_size = -{int(mib) * 1024}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")

    # -- transactions ------------------------------------------------------
    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """A write transaction taken with ``BEGIN IMMEDIATE``; nested calls join it.

        The busy timeout makes a waiting writer queue behind the current one;
        if the lock is still held past it we retry a few times so that a
        collector never sees "database is locked" for a momentary burst.
        ``durable=False`` skips the fsync at commit, for writes whose loss in
        a power cut is harmless (a claim is a lease that expires anyway); the
        next durable commit flushes them along with its own.
        """
        if self.readonly:
            raise StoreError(f"{self.path}: the database is read-only; nothing was written")
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        if not durable:
            self.conn.execute("PRAGMA synchronous = NORMAL")  # only outside a transaction
        try:
            with self._outermost():
                yield self.conn
        finally:
            if not durable:
                self.conn.execute("PRAGMA synchronous = FULL")

    @contextmanager
    def _outermost(self) -> Iterator[None]:
        self._begin_immediate()
        self._depth = 1
        try:
            yield
        except BaseException as exc:
            self._depth = 0
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) and _is_environmental(exc):
                # A full disk or a lost write permission is not a bug: say it plainly.
                raise _explain(self.path, exc) from exc
            raise
        self._depth = 0
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise _explain(self.path, exc) from exc
        self._bound_wal()

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
        self.conn.execute(f"PRAGMA busy_timeout = {int(WRITE_WAIT_SECONDS * 1000)}")
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(
                    f"{self.path}: the database stayed busy; please try again"
                ) from exc
            raise _explain(self.path, exc) from exc
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

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

    def close(self) -> None:
        self.conn.close()


#: SQLite messages that describe the machine, not the data: full disk, permissions, I/O, locks.
_ENVIRONMENTAL = ("disk is full", "SQLITE_FULL", "readonly", "disk I/O error", "locked", "busy")


def _is_environmental(exc: sqlite3.Error) -> bool:
    return any(marker in str(exc) for marker in _ENVIRONMENTAL)


def _explain(path: Path, exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    if "disk is full" in text or "SQLITE_FULL" in text:
        return StoreError(f"{path}: the disk is full; nothing was written")
    if "readonly" in text:
        return StoreError(f"{path}: the database is read-only; nothing was written")
    if "disk I/O error" in text:
        return StoreError(f"{path}: the disk reported an error; nothing was written")
    if "locked" in text or "busy" in text:
        return StoreError(f"{path}: another session kept the database busy; nothing was written")
    return StoreError(f"{path}: {text}")


def _split_sql(script: str) -> list[str]:
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

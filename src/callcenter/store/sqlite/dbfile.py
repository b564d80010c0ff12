"""The database file itself: may we open it, is it still the one at its path, and what the
machine did to it, said in words a collector can act on.

These checks are about the file system (modes, mounts, inodes, free space), not SQL, so
they live apart from the connection in ``db.py``. Each problem gets its own sentence: a
full disk or a read-only mount must never read as "not a callcenter database", which
would invite restoring a backup over a healthy file.
"""

from __future__ import annotations

import grp
import os
import pwd
import sqlite3
import stat
from pathlib import Path

from callcenter.store.errors import (
    DatabaseBusy,
    DatabaseFull,
    DatabaseReadOnly,
    NoDatabase,
    SchemaTooNew,
    StoreError,
)

__all__ = ["NoDatabase", "SchemaTooNew", "StoreError"]


#: (device, inode): what makes a file the same file, whatever its name.
FileId = tuple[int, int]


def file_id(path: Path) -> FileId | None:
    """The file now at ``path``, or None if nothing is there."""
    try:
        found = os.stat(path)
    except FileNotFoundError:
        return None
    return (found.st_dev, found.st_ino)


def lookup(path: Path) -> os.stat_result | None:
    """``stat`` of ``path``, None if it does not exist; a folder we may not enter is named."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except PermissionError as exc:
        raise StoreError(
            f"{path}: permission denied: you may not enter the folder {path.parent}"
        ) from exc


def no_database(path: Path) -> NoDatabase:
    """A read command on a path with nothing there: a mistyped ``--db`` is not an empty queue."""
    return NoDatabase(
        f"no database at {path} (check --db or $CALLCENTER_DB; "
        "'callcenter import' or 'callcenter demo' creates one)"
    )


def check_file(path: Path, found: os.stat_result) -> None:
    """Refuse what cannot be our database before SQLite touches it."""
    if stat.S_ISDIR(found.st_mode):
        raise StoreError(f"{path}: is a folder, not a database file")
    if not stat.S_ISREG(found.st_mode):
        raise StoreError(f"{path}: is not a regular file (a device, a pipe or a socket)")
    if found.st_mode & stat.S_IWOTH:
        raise StoreError(
            f"{path}: refusing to open a world-writable database "
            f"(mode {stat.filemode(found.st_mode)}); run: chmod o-w {path}"
        )
    if not os.access(path, os.R_OK):
        raise permission_denied(path)


def check_folder(path: Path) -> None:
    """Refuse a folder anyone may write to: another user could plant a ``-wal`` file there
    (SQLite would read it as ours) or swap the database between two sessions."""
    folder = path.parent
    mode = folder.stat().st_mode
    if mode & stat.S_IWOTH:
        raise StoreError(
            f"{path}: refusing a database in a folder anyone can write to "
            f"({folder}, mode {stat.filemode(mode)}); move it to a folder of the team's own"
        )


def create_file(path: Path) -> None:
    """Create an empty database file readable and writable by owner and group only."""
    path.parent.mkdir(mode=0o770, parents=True, exist_ok=True)  # never world-writable
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o660)
    os.close(fd)
    os.chmod(path, 0o660)


def read_only_reason(path: Path) -> str | None:
    """Why this user cannot write the database now, or None if they can."""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return "the file system holding it is mounted read-only"
    except OSError:
        return None  # gone: the identity check names that
    if not os.access(path, os.W_OK):
        return f"you may not write the file ({_owner_and_mode(path)})"
    if not os.access(path.parent, os.W_OK):
        return (
            f"you may not write its folder {path.parent} "
            "(SQLite keeps its -wal and -shm files there)"
        )
    return None


def read_only(path: Path, reason: str | None = None) -> StoreError:
    if reason:
        return DatabaseReadOnly(f"{path}: the database is read-only: {reason}; nothing was written")
    return DatabaseReadOnly(f"{path}: the database is read-only; nothing was written")


def permission_denied(path: Path) -> StoreError:
    return StoreError(
        f"{path}: permission denied: you may not read this database ({_owner_and_mode(path)}); "
        "ask to be added to its group"
    )


def disk_full(path: Path) -> StoreError:
    return DatabaseFull(
        f"{path}: the disk is full; nothing was written (free some space, then try again)"
    )


def moved(path: Path, now: FileId | None) -> StoreError:
    """The file this session opened is no longer the one at its path."""
    if now is None:
        what = "was deleted while this session had it open"
    else:
        what = "was replaced by another file while this session had it open"
    return StoreError(
        f"{path}: the database file {what}; nothing was written (quit and start again)"
    )


def explain(path: Path, exc: sqlite3.Error) -> StoreError:
    """SQLite's complaint about the machine turned into one sentence that names the cause."""
    code = getattr(exc, "sqlite_errorcode", None) or 0
    primary = code & 0xFF
    if code == sqlite3.SQLITE_READONLY_DBMOVED:
        return moved(path, file_id(path))
    if primary == sqlite3.SQLITE_FULL or (primary == sqlite3.SQLITE_IOERR and _no_space(path)):
        return disk_full(path)
    if primary == sqlite3.SQLITE_READONLY:
        return read_only(path, read_only_reason(path))
    if primary in (sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return permission_denied(path)
    if primary == sqlite3.SQLITE_CANTOPEN:
        return _cannot_open(path, exc)
    if primary == sqlite3.SQLITE_IOERR:
        return StoreError(f"{path}: the disk reported an error; nothing was written")
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DatabaseBusy(f"{path}: another session kept the database busy; nothing was written")
    if primary == sqlite3.SQLITE_NOTADB:
        return StoreError(f"{path}: not a callcenter database (not an SQLite file at all)")
    if primary == sqlite3.SQLITE_CORRUPT:
        return StoreError(f"{path}: the database file is damaged ({exc}); run: callcenter check")
    return StoreError(f"{path}: {exc}")


def is_environmental(exc: sqlite3.Error) -> bool:
    """A complaint about the machine (disk, permissions, locks), not about the data or a bug."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    return code in _ENVIRONMENTAL


_ENVIRONMENTAL = {
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_PERM,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
}


def _cannot_open(path: Path, exc: sqlite3.Error) -> StoreError:
    """SQLite could not open the file or the ``-wal``/``-shm`` beside it: find out why."""
    if file_id(path) is None:
        return StoreError(f"{path}: the database file is gone; nothing was written")
    if not os.access(path, os.R_OK):
        return permission_denied(path)
    reason = read_only_reason(path)
    if reason:
        return StoreError(
            f"{path}: cannot open the database: {reason}, and SQLite needs to create "
            f"its -shm file beside it; copy it to a writable folder to read it"
        )
    return StoreError(f"{path}: cannot open the database ({exc})")


def _no_space(path: Path) -> bool:
    try:
        return os.statvfs(path.parent).f_bavail == 0
    except OSError:
        return False


def _owner_and_mode(path: Path) -> str:
    try:
        found = path.stat()
    except OSError:
        return "mode unknown"
    return (
        f"mode {stat.filemode(found.st_mode)}, owner {_name(pwd.getpwuid, found.st_uid)}, "
        f"group {_name(grp.getgrgid, found.st_gid)}"
    )


def _name(lookup_id, number: int) -> str:
    try:
        return lookup_id(number)[0]
    except KeyError:
        return str(number)

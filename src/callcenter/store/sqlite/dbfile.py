"""The database file itself: may we open it, is it still the one at its path, and what the
machine did to it, said in words a collector can act on.

These checks are about the file system (modes, mounts, inodes, free space), not SQL, so
they live apart from the connection in ``db.py``. Each problem gets its own sentence: a
full disk or a read-only mount must never read as "not a callcenter database", which
would invite restoring a backup over a healthy file.
"""

from __future__ import annotations

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
    Reason,
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
        raise StoreError("store.folder_closed", path=path, folder=path.parent) from exc


def no_database(path: Path) -> NoDatabase:
    """A read command on a path with nothing there: a mistyped ``--db`` is not an empty queue."""
    return NoDatabase("store.no_database", path=path)


def check_file(path: Path, found: os.stat_result) -> None:
    """Refuse what cannot be our database before SQLite touches it."""
    if stat.S_ISDIR(found.st_mode):
        raise StoreError("store.is_folder", path=path)
    if not stat.S_ISREG(found.st_mode):
        raise StoreError("store.not_regular", path=path)
    if found.st_mode & stat.S_IWOTH:
        raise StoreError("store.world_writable", path=path, mode=stat.filemode(found.st_mode))
    if not os.access(path, os.R_OK):
        raise permission_denied(path)


def check_folder(path: Path) -> None:
    """Refuse a folder anyone may write to: another user could plant a ``-wal`` file there
    (SQLite would read it as ours) or swap the database between two sessions."""
    folder = path.parent
    mode = folder.stat().st_mode
    if mode & stat.S_IWOTH:
        raise StoreError("store.open_folder", path=path, folder=folder, mode=stat.filemode(mode))


def create_file(path: Path) -> None:
    """Create an empty database file readable and writable by owner and group only."""
    path.parent.mkdir(mode=0o770, parents=True, exist_ok=True)  # never world-writable
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o660)
    os.close(fd)
    os.chmod(path, 0o660)


def read_only_reason(path: Path) -> Reason | None:
    """Why this user cannot write the database now, or None if they can."""
    try:
        if os.statvfs(path).f_flag & os.ST_RDONLY:
            return Reason("store.reason.mounted_read_only")
    except OSError:
        return None  # gone: the identity check names that
    if not os.access(path, os.W_OK):
        return Reason("store.reason.file_not_writable", {"owner": _owner_and_mode(path)})
    if not os.access(path.parent, os.W_OK):
        return Reason("store.reason.folder_not_writable", {"folder": path.parent})
    return None


def read_only(path: Path, reason: Reason | None = None) -> StoreError:
    if reason:
        return DatabaseReadOnly("store.read_only_because", path=path, reason=reason)
    return DatabaseReadOnly("store.read_only", path=path)


def permission_denied(path: Path) -> StoreError:
    return StoreError("store.no_read_permission", path=path, owner=_owner_and_mode(path))


def disk_full(path: Path) -> StoreError:
    return DatabaseFull("store.disk_full", path=path)


def moved(path: Path, now: FileId | None) -> StoreError:
    """The file this session opened is no longer the one at its path."""
    return StoreError("store.deleted" if now is None else "store.replaced", path=path)


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
        return StoreError("store.disk_error", path=path)
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return DatabaseBusy("store.kept_busy", path=path)
    if primary == sqlite3.SQLITE_NOTADB:
        return StoreError("store.not_sqlite", path=path)
    if primary == sqlite3.SQLITE_CORRUPT:
        return StoreError("store.damaged", path=path, error=str(exc))
    return StoreError("store.failed", path=path, error=str(exc))


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
        return StoreError("store.gone", path=path)
    if not os.access(path, os.R_OK):
        return permission_denied(path)
    reason = read_only_reason(path)
    if reason:
        return StoreError("store.no_shm", path=path, reason=reason)
    return StoreError("store.cannot_open", path=path, error=str(exc))


def _no_space(path: Path) -> bool:
    try:
        return os.statvfs(path.parent).f_bavail == 0
    except OSError:
        return False


def _owner_and_mode(path: Path) -> Reason:
    import grp  # for this message only: loading it was ~1-2 ms of every start

    try:
        found = path.stat()
    except OSError:
        return Reason("store.owner_unknown")
    return Reason(
        "store.owner",
        {
            "mode": stat.filemode(found.st_mode),
            "user": _name(pwd.getpwuid, found.st_uid),
            "group": _name(grp.getgrgid, found.st_gid),
        },
    )


def _name(lookup_id, number: int) -> str:
    try:
        return lookup_id(number)[0]
    except KeyError:
        return str(number)

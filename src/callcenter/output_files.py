"""Every file callcenter writes (rejects, exports, backups, reports) goes through here.

A mistyped ``--output team.db`` must not replace the team's database, a planted
symlink must not redirect a write, and a killed process must not leave a
half-written file under the name a script reads. So a file is written to a new
temporary file in the target's own folder (created with ``O_EXCL|O_NOFOLLOW``
under a random name, already with its final owner group and mode), flushed to
disk, and only then given its name: without ``force`` by a hard link that fails
if the name was taken meanwhile, with ``force`` by an atomic rename over the
old regular file. A SQLite file (recognised by its header), the live database
and its ``-wal``/``-shm``/``-journal``, a symlink, a device, a pipe or a folder
are refused whatever the flags. Temporary files are named
``.NAME.PID-RANDOM.callcenter-partial``: a later run removes those whose
process is gone (:func:`remove_stale_partials`), and ``check`` can list them.

This module imports only the catalogue (:mod:`callcenter.i18n`, which imports
only the domain), so every layer may use it.
"""

from __future__ import annotations

import errno
import io
import os
import re
import secrets
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from callcenter.i18n import CodedError, Message

__all__ = [
    "OutputError",
    "OutputRefused",
    "PARTIAL_SUFFIX",
    "check_target",
    "file_mode_like",
    "is_sqlite_file",
    "output_file",
    "output_path",
    "remove_stale_partials",
    "stale_partials",
]

SQLITE_MAGIC = b"SQLite format 3\x00"
PARTIAL_SUFFIX = ".callcenter-partial"
#: Files kept beside a database (SQLite's, and the pick reservations' lock file);
#: writing over one corrupts the database or lets two collectors take one debtor.
SIDECARS = ("-wal", "-shm", "-journal", "-claims")
PRIVATE_MODE = 0o600
_PARTIAL = re.compile(
    r"^\.(?P<name>.+)\.(?P<pid>\d+)-[0-9a-f]{8}" + re.escape(PARTIAL_SUFFIX) + "$"
)
_OPEN_FLAGS = os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC


class OutputError(CodedError):
    """A file could not be written; the message names it and says nothing was written.

    ``code`` is stable (tests and scripts may match on it); the words are in the
    catalogue (:mod:`callcenter.i18n.files`), in the interface language.
    """


class OutputRefused(OutputError):
    """The target is something callcenter never writes over (or exists, without --force)."""


#: message key -> (French, English); kept here so this module imports nothing of callcenter.


def is_sqlite_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` starts with SQLite's header (any program's database, not only ours)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return os.read(fd, len(SQLITE_MAGIC)) == SQLITE_MAGIC
    finally:
        os.close(fd)


def file_mode_like(database: str | os.PathLike | None) -> tuple[int, int | None]:
    """(mode, group) for a file written on behalf of ``database``.

    Outputs hold the same data as the database, so they get its group and at
    most its owner/group read-write bits (0660 for a team file, 0600 for a
    private one); never anything for others, whatever the umask. With no
    database, a private file.
    """
    if database is None:
        return PRIVATE_MODE, None
    try:
        info = os.stat(database)
    except OSError:
        return PRIVATE_MODE, None
    return (stat.S_IMODE(info.st_mode) & 0o660) | 0o600, info.st_gid


def check_target(
    target: str | os.PathLike,
    *,
    force: bool = False,
    protected: Iterable[str | os.PathLike] = (),
    allow_sqlite: bool = False,
) -> Path:
    """Refuse a target callcenter must not write; return it as a :class:`Path`.

    ``protected`` names files that are never replaced (the live database: its
    sidecar files are protected with it). ``allow_sqlite`` lets ``--force``
    replace an older SQLite file (a backup over yesterday's backup), never a
    protected one.
    """
    path = Path(target)
    folder = path.parent
    if not path.name or path.name in (".", ".."):
        raise OutputRefused("output.folder_given", path=path)
    if not folder.is_dir():
        key = "output.parent_not_folder" if folder.exists() else "output.no_folder"
        raise OutputRefused(key, path=path, folder=folder)
    _refuse_protected(path, protected)
    _refuse_sidecar(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise OutputRefused("output.unchecked", path=path, error=exc.strerror) from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputRefused("output.symlink", path=path)
    if stat.S_ISDIR(info.st_mode):
        raise OutputRefused("output.folder_given", path=path)
    if not stat.S_ISREG(info.st_mode):
        raise OutputRefused("output.special", path=path)
    if is_sqlite_file(path) and not allow_sqlite:
        raise OutputRefused("output.sqlite", path=path)
    if not force:
        raise OutputRefused("output.exists", path=path)
    return path


def _refuse_protected(path: Path, protected: Iterable[str | os.PathLike]) -> None:
    for guarded in protected:
        guarded = Path(guarded)
        names = [guarded] + [guarded.with_name(guarded.name + s) for s in SIDECARS]
        if any(_same_file(path, name) for name in names):
            raise OutputRefused("output.live_database", path=path)


def _same_file(a: Path, b: Path) -> bool:
    """Same inode, or same absolute name (a sidecar that does not exist right now)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.abspath(a) == os.path.abspath(b)


def _refuse_sidecar(path: Path) -> None:
    """``team.db-wal`` belongs to ``team.db`` even when no session has it open right now."""
    for suffix in SIDECARS:
        if path.name.endswith(suffix) and is_sqlite_file(path.with_name(path.name[: -len(suffix)])):
            raise OutputRefused("output.sidecar", path=path)


@contextmanager
def output_file(
    target: str | os.PathLike,
    *,
    force: bool = False,
    like: str | os.PathLike | None = None,
    protected: Iterable[str | os.PathLike] = (),
    encoding: str | None = "utf-8",
) -> Iterator[IO]:
    """Write ``target`` safely: yield a handle on a temporary file, name it on success.

    Text (``newline=""``: the csv module writes its own line ends) unless
    ``encoding`` is None (bytes). Mode and group follow ``like`` (the database).
    An exception inside the block removes the temporary file and names nothing.
    """
    with output_path(target, force=force, like=like, protected=protected) as temporary:
        fd = os.open(temporary, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        raw = os.fdopen(fd, "wb")
        handle: IO = raw if encoding is None else io.TextIOWrapper(raw, encoding, newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())


@contextmanager
def output_path(
    target: str | os.PathLike,
    *,
    force: bool = False,
    like: str | os.PathLike | None = None,
    protected: Iterable[str | os.PathLike] = (),
    allow_sqlite: bool = False,
) -> Iterator[Path]:
    """Yield the path of a new empty temporary file; give it ``target``'s name on success.

    For writers that need a path rather than a handle (SQLite's backup API).
    """
    path = check_target(target, force=force, protected=protected, allow_sqlite=allow_sqlite)
    remove_stale_partials(path.parent, path.name)
    mode, group = file_mode_like(like)
    temporary = _create_temporary(path, mode, group)
    try:
        yield temporary
        _fsync(temporary)
        _put_in_place(temporary, path, force, protected, allow_sqlite)
    except BaseException as exc:
        _unlink_quietly(temporary)
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError("output.failed", path=path, **_reason(exc)) from exc
        raise
    _fsync_folder(path.parent)


def _create_temporary(path: Path, mode: int, group: int | None) -> Path:
    for _attempt in range(100):
        name = f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{PARTIAL_SUFFIX}"
        temporary = path.with_name(name)
        try:
            fd = os.open(temporary, _OPEN_FLAGS, mode)
        except FileExistsError:
            continue  # someone planted this name (or a symlink under it): pick another
        except OSError as exc:
            raise OutputError("output.failed", path=path, **_reason(exc)) from exc
        try:
            if group is not None and group != os.fstat(fd).st_gid:
                try:
                    os.fchown(fd, -1, group)
                except OSError:
                    mode = PRIVATE_MODE  # not in the database's group: keep it to ourselves
            os.fchmod(fd, mode)  # exact, whatever the umask did
        finally:
            os.close(fd)
        return temporary
    raise OutputError("output.no_temporary", path=path)


def _put_in_place(
    temporary: Path, path: Path, force: bool, protected: Iterable, allow_sqlite: bool
) -> None:
    """Name the finished file; re-check the target, which may have changed while we wrote."""
    check_target(path, force=force, protected=protected, allow_sqlite=allow_sqlite)
    if force:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path, follow_symlinks=False)
    except FileExistsError:
        raise OutputRefused("output.appeared", path=path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK):
            raise
        os.replace(temporary, path)  # a file system without hard links; checked just above
        return
    os.unlink(temporary)


def stale_partials(folder: str | os.PathLike, name: str | None = None) -> list[Path]:
    """Temporary files in ``folder`` left by a callcenter process that no longer runs."""
    try:
        entries = os.listdir(folder)
    except OSError:
        return []
    found = []
    for entry in entries:
        match = _PARTIAL.match(entry)
        if match and (name is None or match["name"] == name) and not _running(int(match["pid"])):
            found.append(Path(folder) / entry)
    return sorted(found)


def remove_stale_partials(folder: str | os.PathLike, name: str | None = None) -> int:
    """Remove what :func:`stale_partials` finds; return how many were removed."""
    removed = 0
    for leftover in stale_partials(folder, name):
        if _unlink_quietly(leftover):
            removed += 1
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def _unlink_quietly(path: Path) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True


def _reason(exc: OSError) -> dict[str, object]:
    """The parameters of ``output.failed``: the reason, and the system's words."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        key = "output.reason.full"
    elif exc.errno == errno.EFBIG:
        key = "output.reason.too_big"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        key = "output.reason.denied"
    elif exc.errno == errno.EROFS:
        key = "output.reason.read_only"
    else:
        key = "output.reason.other"
    error = exc.strerror or str(exc)
    return {"reason": Message(key, {"error": error}), "error": error}


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the new name durable too (a directory entry is data of its own)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

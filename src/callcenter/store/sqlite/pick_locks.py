"""Debtors being picked, reserved with the kernel's byte-range locks on a file beside the database.

A pick reads the best free debtor and must be sure that no other session takes it
before its claim is written. Taking SQLite's write lock for that made every pick a
committed write (~3x the read it is built on, and one more holder of the team's
only write lock). Instead a picker reserves the debtor it read with an
open-file-description lock (``F_OFD_SETLK``) on one byte of ``DB-claims``, the
byte its code hashes to, and writes the claim later, after the dossier is painted.
The kernel grants each byte to one open file at a time, across every process on
the host, and lets it go when the process dies: a killed session leaves nothing
reserved.

The one race: a picker reads debtor X free, another session then writes its claim
on X and lets X's byte go, and only then does the picker lock X: it would take a
debtor already claimed. The file's first four bytes close it: a count of
*releases*, mapped in every session's memory. A session whose commit made X
claimed takes byte 0 exclusively, adds one to the count, lets byte 0 go, and only
then lets X go. A picker reads the count before its read and again once X is
locked: if X was let go after the read began, the count moved, and the picker
lets X go and picks again under the *barrier*: byte 0 held shared from before its
read until its reservation is tried, so that no session can let a claimed debtor
go meanwhile. The usual pick is thus one system call (X's lock) and two reads of
memory; the barrier's two more calls are for the rare pick that crossed a release.
Nobody waits on byte 0 for long: past :data:`BARRIER_WAIT_S` (a process stopped
while it held it) a barrier pick says the database is busy, and a session letting
a debtor go keeps that byte until a later wait succeeds.

The file is created by the first session that needs it, holds the count alone,
and only its locks and that count matter. Where the kernel has no OFD locks (not
Linux) or the file cannot be opened or mapped, :func:`open_pick_locks` says None
and picks are committed claims, as before. Every session of a team must then do
the same: a workstation that can open the file and one that cannot must not share
a database (both make the file beside the database, so in practice they can or
they cannot together). Sessions of a version before the count (schema 16) refuse
a database of schema 17, which came with it, so none lets a debtor go uncounted.
"""

from __future__ import annotations

import contextlib
import fcntl
import mmap
import os
import stat
import struct
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

#: ``struct flock`` as 64-bit Linux lays it out: type, whence, start, length, pid (0 for OFD).
_FLOCK = struct.Struct("hhqqi4x")
#: OFD locks are Linux's (3.15 and later); elsewhere picks stay committed claims.
_SETLK = getattr(fcntl, "F_OFD_SETLK", None)
#: The byte pickers share while they read and those letting a claimed debtor go take alone.
_BARRIER = 0
#: Byte 0 taken shared, and let go (packed once: the pick is the hot path).
_SHARE_BARRIER = _FLOCK.pack(fcntl.F_RDLCK, os.SEEK_SET, _BARRIER, 1, 0)
_FREE_BARRIER = _FLOCK.pack(fcntl.F_UNLCK, os.SEEK_SET, _BARRIER, 1, 0)
#: How long a pick, or a session letting a claimed debtor go, waits for byte 0.
BARRIER_WAIT_S = 2.0
#: How long a write outside a pick waits for a debtor's byte (:meth:`PickLocks.reserve_soon`):
#: far longer than a crossed pick holds one, far shorter than a pick held until its paint.
RESERVE_WAIT_S = 0.05
#: The suffix of the lock file, beside ``-wal`` and ``-shm``.
SUFFIX = "-claims"
#: The file's size: the count of releases (a native unsigned 32-bit integer at offset 0:
#: four aligned bytes are read and written whole; it wraps after 2**32 releases).
_SIZE = 4


class Reserved(NamedTuple):
    """A pick not yet written: the claim its session will write, and the byte guarding it.

    A named tuple: built at every pick (see ``ClaimAsk``)."""

    #: The debtor picked; None when the pick found nobody (the hold still gives back
    #: the session's previous claims, as a claim that finds nobody does).
    code: str | None
    byte: int | None
    collector: str
    session: str | None
    now: datetime
    expires: datetime


def byte_of(code: str) -> int:
    """The byte reserving ``code``: its UTF-8 bytes read as a number, modulo the prime
    2**61 - 1, past byte 0 (one C operation; ``hashlib``'s import, ~6 ms, the
    workstation's start does without).

    Two codes sharing a byte only means one of them is passed over while the
    other is being picked (a few milliseconds); codes of up to 7 bytes never share one.
    """
    return 1 + int.from_bytes(code.encode(), "big") % _MERSENNE_61


_MERSENNE_61 = (1 << 61) - 1


class PickLocks:
    """This connection's open lock file: its reservations and the barrier."""

    def __init__(self, fd: int, mapped: mmap.mmap) -> None:
        self._fd = fd
        self._closed = False
        self._mapped = mapped
        #: The count of releases, shared with every session of the file: ``count[0]``
        #: (an attribute rather than a method: a pick reads it three times).
        self.count = memoryview(mapped).cast("I")
        #: Bytes of claimed debtors not yet let go (byte 0 could not be had in time).
        self._owed: list[int] = []

    def _lock(self, command: int, kind: int, start: int) -> bool:
        try:
            fcntl.fcntl(self._fd, command, _FLOCK.pack(kind, os.SEEK_SET, start, 1, 0))
        except (BlockingIOError, PermissionError):  # EAGAIN / EACCES: another holds it
            return False
        return True

    def begin_pick(self) -> bool:
        """Byte 0 shared, for a barrier pick's read and its tries; False if a session
        letting a debtor go kept it past :data:`BARRIER_WAIT_S` (a process stopped mid-step).

        A pair with :meth:`end_pick` rather than a ``with`` block: the pick is the
        queue's hot path, and a generator's context manager cost it ~2 µs.
        """
        try:
            fcntl.fcntl(self._fd, _SETLK, _SHARE_BARRIER)  # type: ignore[arg-type]
        except (BlockingIOError, PermissionError):
            return self._wait_for(fcntl.F_RDLCK)
        return True

    def end_pick(self) -> None:
        fcntl.fcntl(self._fd, _SETLK, _FREE_BARRIER)  # type: ignore[arg-type]

    def _wait_for(self, kind: int) -> bool:
        """Byte 0 of ``kind``, tried again and again until :data:`BARRIER_WAIT_S` passed.

        Never a blocking wait: a session stopped (``kill -STOP``, a debugger) while
        it held byte 0 must not freeze every other session's picks and claims.
        """
        deadline = time.monotonic() + BARRIER_WAIT_S
        pause = 0.0001
        while time.monotonic() < deadline:
            time.sleep(pause)
            if self._lock(_SETLK, kind, _BARRIER):  # type: ignore[arg-type]
                return True
            pause = min(pause * 2, 0.01)
        return False

    @contextlib.contextmanager
    def picking(self) -> Iterator[None]:
        """:meth:`begin_pick` … :meth:`end_pick` as a block (tests, and the file's check)."""
        if not self.begin_pick():
            raise BlockingIOError(f"byte 0 of {SUFFIX} held past {BARRIER_WAIT_S} s")
        try:
            yield
        finally:
            self.end_pick()

    def reserve(self, byte: int) -> bool:
        """Reserve a debtor's byte; False when another session holds it (the one system
        call of the usual pick: spelled out rather than through :meth:`_lock`)."""
        try:
            fcntl.fcntl(self._fd, _SETLK, _FLOCK.pack(fcntl.F_WRLCK, os.SEEK_SET, byte, 1, 0))  # type: ignore[arg-type]
        except (BlockingIOError, PermissionError):
            return False
        return True

    def reserve_soon(self, byte: int) -> bool:
        """:meth:`reserve`, tried again for up to :data:`RESERVE_WAIT_S`: for a write on a
        debtor outside a pick (a renewal), which must not fail because a picker whose
        read crossed a release holds the byte for the instant it takes to let it go.
        A session really picking the debtor holds it longer: False then, as before."""
        deadline = time.monotonic() + RESERVE_WAIT_S
        pause = 0.0001
        while not self.reserve(byte):
            if time.monotonic() >= deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, 0.005)
        return True

    def release(self, byte: int, *, claimed: bool) -> None:
        """Let a reserved byte go; ``claimed``: a commit of ours made the debtor claimed,
        so the pickers reading right now are waited out first (byte 0, exclusive)."""
        if not claimed:
            self._lock(_SETLK, fcntl.F_UNLCK, byte)  # type: ignore[arg-type]
            return
        self._owed.append(byte)
        if not (
            self._lock(_SETLK, fcntl.F_WRLCK, _BARRIER)  # type: ignore[arg-type]
            or self._wait_for(fcntl.F_WRLCK)
        ):
            return  # kept, and let go with the next claim whose wait succeeds
        # Counted under byte 0 (one writer at a time), before any byte is let go.
        self.count[0] = (self.count[0] + 1) & 0xFFFFFFFF
        self._lock(_SETLK, fcntl.F_UNLCK, _BARRIER)  # type: ignore[arg-type]
        owed, self._owed = self._owed, []
        for kept in owed:
            self._lock(_SETLK, fcntl.F_UNLCK, kept)  # type: ignore[arg-type]

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self.count.release()
            self._mapped.close()
            os.close(self._fd)  # the kernel lets every byte of this file description go


def open_pick_locks(db_path: Path) -> PickLocks | None:
    """The lock file beside ``db_path``, created empty if missing; None where unusable."""
    if _SETLK is None:
        return None
    path = f"{db_path}{SUFFIX}"
    try:
        fd = _open_or_create(path, os.stat(db_path).st_mode & 0o666)
    except OSError:
        return None
    try:
        mapped = _map_count(fd)
    except (OSError, ValueError):
        os.close(fd)
        return None
    locks = PickLocks(fd, mapped)
    try:  # a file system without locks (some network mounts) says so here
        with locks.picking():
            pass
    except OSError:
        locks.close()
        return None
    return locks


def _open_or_create(path: str, mode: int) -> int:
    """Open the lock file; one this session creates gets the database's permissions
    (as SQLite gives its ``-wal`` and ``-shm``), whatever the umask, so that every
    collector who may write the database may lock it too."""
    flags = os.O_RDWR | os.O_CLOEXEC | os.O_NOFOLLOW  # a link planted there is refused
    try:
        fd = os.open(path, flags | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError:
        fd = os.open(path, flags | os.O_NONBLOCK)  # a FIFO planted there must not hang us
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(f"{path}: not a regular file") from None  # not ours: no locks
        return fd
    os.fchmod(fd, mode)
    return fd


def _map_count(fd: int) -> mmap.mmap:
    """The count of releases, mapped shared; a file shorter than it (new, or made empty
    by a version before the count) grows to it, reading 0."""
    if os.fstat(fd).st_size < _SIZE:
        os.ftruncate(fd, _SIZE)  # never shrinks: two sessions growing it agree
    return mmap.mmap(fd, _SIZE, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)

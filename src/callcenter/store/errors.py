"""Backend-neutral database errors: what callers catch, whichever backend is behind.

Each backend turns its driver's exceptions into these, with a sentence that
names the cause (a full disk must never read as a damaged file). Callers catch
:class:`StoreError` for "show it and go on", or a subclass to act on the cause.
"""

from __future__ import annotations


class StoreError(Exception):
    """A database problem explained in words a collector can act on."""


class DatabaseBusy(StoreError):
    """Another session held the database longer than we wait; nothing was written."""


class DatabaseFull(StoreError):
    """No room left for the write (a full disk or quota); nothing was written."""


class DatabaseReadOnly(StoreError):
    """This session may not write (a read-only open, mount or permission); nothing was written."""


class SchemaTooNew(StoreError):
    """The database was written by a newer callcenter."""


class NotFound(StoreError):
    """A row the caller named (a debtor, a call, a task) is not in the database."""


class NoDatabase(NotFound):
    """Nothing at the place a read command was given: a user's mistake (exit status 2)."""


class Unrecognised(StoreError):
    """The file cannot be checked as a callcenter database; ``kind`` names why."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class Damaged(StoreError):
    """The database failed while reading its pages or rows: it is damaged past that point."""


#: Each backend's driver base exception, added when the backend is first imported: a failed
#: query the backend did not word (a damaged page read mid-session) is still "the database
#: failed", something to show, not a crash, and the caller need not know the driver's name.
DRIVER_ERRORS: list[type[Exception]] = []


def database_errors() -> tuple[type[Exception], ...]:
    """What a failed database call may raise: :class:`StoreError` and each open backend's own."""
    return (StoreError, *DRIVER_ERRORS)


__all__ = [
    "DRIVER_ERRORS",
    "DatabaseBusy",
    "DatabaseFull",
    "DatabaseReadOnly",
    "Damaged",
    "NoDatabase",
    "NotFound",
    "SchemaTooNew",
    "StoreError",
    "Unrecognised",
    "database_errors",
]

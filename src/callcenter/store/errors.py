"""Backend-neutral database errors: what callers catch, whichever backend is behind.

Each backend turns its driver's exceptions into these, with a code that names
the cause (a full disk must never read as a damaged file). Callers catch
:class:`StoreError` for "show it and go on", or a subclass to act on the cause.

The store words nothing for people: an error carries ``code`` (a catalogue id,
``store.*``) and ``params``, and the interface says it in the session's language
(``Locale.error``) without the store importing the catalogue. ``str()`` stays an
English sentence, from :data:`ENGLISH`, for logs and tracebacks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field

from callcenter.domain.record import record

#: The English of every ``store.*`` code, for ``str()`` (logs); the catalogue
#: (i18n/store.py) holds the words the interfaces show, French and English.
ENGLISH: dict[str, str] = {
    "store.folder_closed": "{path}: permission denied: you may not enter the folder {folder}",
    "store.no_database": (
        "no database at {path} (check --db or $CALLCENTER_DB; "
        "'callcenter import' or 'callcenter demo' creates one)"
    ),
    "store.is_folder": "{path}: is a folder, not a database file",
    "store.not_regular": "{path}: is not a regular file (a device, a pipe or a socket)",
    "store.world_writable": (
        "{path}: refusing to open a world-writable database (mode {mode}); run: chmod o-w {path}"
    ),
    "store.open_folder": (
        "{path}: refusing a database in a folder anyone can write to "
        "({folder}, mode {mode}); move it to a folder of the team's own"
    ),
    "store.cannot_create": "{path}: cannot create the database: {error}",
    "store.read_only": "{path}: the database is read-only; nothing was written",
    "store.read_only_because": "{path}: the database is read-only: {reason}; nothing was written",
    "store.reason.mounted_read_only": "the file system holding it is mounted read-only",
    "store.reason.file_not_writable": "you may not write the file ({owner})",
    "store.reason.folder_not_writable": (
        "you may not write its folder {folder} (SQLite keeps its -wal and -shm files there)"
    ),
    "store.owner": "mode {mode}, owner {user}, group {group}",
    "store.owner_unknown": "mode unknown",
    "store.no_read_permission": (
        "{path}: permission denied: you may not read this database ({owner}); "
        "ask to be added to its group"
    ),
    "store.disk_full": (
        "{path}: the disk is full; nothing was written (free some space, then try again)"
    ),
    "store.deleted": (
        "{path}: the database file was deleted while this session had it open; "
        "nothing was written (quit and start again)"
    ),
    "store.replaced": (
        "{path}: the database file was replaced by another file while this session had it "
        "open; nothing was written (quit and start again)"
    ),
    "store.disk_error": "{path}: the disk reported an error; nothing was written",
    "store.kept_busy": "{path}: another session kept the database busy; nothing was written",
    "store.busy": "{path}: the database stayed busy; please try again",
    "store.not_sqlite": "{path}: not a callcenter database (not an SQLite file at all)",
    "store.not_sqlite_because": "{path}: not a callcenter database (not an SQLite file: {error})",
    "store.damaged": "{path}: the database file is damaged ({error}); run: callcenter check",
    "store.failed": "{path}: {error}",
    "store.gone": "{path}: the database file is gone; nothing was written",
    "store.no_shm": (
        "{path}: cannot open the database: {reason}, and SQLite needs to create its -shm "
        "file beside it; copy it to a writable folder to read it"
    ),
    "store.cannot_open": "{path}: cannot open the database ({error})",
    "store.foreign": (
        "{path}: this database belongs to another program "
        "(it has tables but no callcenter schema); refusing to modify it"
    ),
    "store.schema_too_new": (
        "{path}: schema version {version} is newer than this callcenter understands "
        "({known}); upgrade callcenter before opening it"
    ),
    "store.read_only_old_schema": "{path}: read-only, and its schema needs an upgrade",
    "store.unreadable_page": "{path}: could not read part of the data: {error}",
    "store.no_supervisor": "{path}: no supervisor in the users table",
    "store.backup_failed": "{path}: backup failed, nothing written: {error}",
    "store.no_pg_dump": (
        "{path}: backup failed, nothing written: pg_dump is not installed "
        "(apt-get install postgresql-client)"
    ),
    "store.no_server": "{path}: cannot connect: {error}",
    "store.empty_server": (
        "no callcenter database at {path} (the database is empty: "
        "'callcenter import' or 'callcenter demo' creates the tables)"
    ),
    "store.opened_read_only": "{path}: opened read-only",
    "store.server_full": "{path}: the database server's disk is full",
    "store.server_read_only": "{path}: the database is read-only here",
    "store.role_refused": "{path}: the database refused this change to your role: {error}",
    "store.server_lost": "{path}: lost the database server: {error}",
    "store.copy_versions": (
        "{path}: schema version {version}, the server's is {known}: "
        "open it once with this callcenter to migrate it first"
    ),
    "store.copy_needs_server": (
        "{path}: a copy goes into a PostgreSQL database, not into a SQLite file"
    ),
    "store.copy_not_empty": "{path}: not empty ({tables}): copy into a new database",
    "store.no_postgres_driver": (
        "the PostgreSQL backend is not installed: pip install 'callcenter[postgres]'"
    ),
    "store.unknown_url": (
        "{url}: not a database URL this callcenter knows (sqlite:// or postgresql://)"
    ),
}


def english(code: str, params: Mapping[str, object]) -> str:
    """The English of ``code`` with ``params``; a plain sentence given as the code, as it is."""
    template = ENGLISH.get(code)
    return code if template is None else template.format(**params)


@record(slots=False)
class Reason:
    """A part of a store error's sentence (why a file is read-only, who owns it), coded too,
    so the interface words the whole sentence in one language."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return english(self.code, self.params)


class StoreError(Exception):
    """A database problem, coded (``code`` + ``params``) for the interface to word.

    ``StoreError("store.busy", path=p)``; a plain English sentence as the only
    argument still works (the interface then shows it as it is).
    """

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    def __str__(self) -> str:
        return english(self.code, self.params)


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
    "ENGLISH",
    "DatabaseBusy",
    "DatabaseFull",
    "DatabaseReadOnly",
    "Damaged",
    "NoDatabase",
    "NotFound",
    "Reason",
    "SchemaTooNew",
    "StoreError",
    "Unrecognised",
    "database_errors",
]

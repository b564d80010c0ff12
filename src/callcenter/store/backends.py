"""Which backend a database URL names, and opening it.

``sqlite:///srv/team.db`` (everything after ``sqlite://`` is the file's path)
and a plain path open the SQLite backend; ``postgresql://...`` names the
PostgreSQL backend (``store/postgres/``). A backend's modules are imported
only when a URL asks for them, so a workstation never loads a driver it does
not use.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from callcenter.store.errors import StoreError

if TYPE_CHECKING:
    from callcenter.store.ports import Store
    from callcenter.store.sqlite.fec_scratch import FecScratch

SQLITE_PREFIX = "sqlite://"
POSTGRES_PREFIXES = ("postgresql://", "postgres://")


def sqlite_path(url: str | os.PathLike[str]) -> Path | None:
    """The file a ``sqlite://`` URL or a plain path names; None for another backend's URL."""
    text = os.fspath(url)
    if text.startswith(SQLITE_PREFIX):
        return Path(unquote(text[len(SQLITE_PREFIX) :]))
    if "://" in text:
        return None
    return Path(text)


def open_database(
    url: str | os.PathLike[str] | None = None, *, create: bool = True, readonly: bool = False
) -> Store:
    """Open the database ``url`` names (None: the default SQLite file).

    ``create=False`` refuses to make a new empty database where none is;
    ``readonly`` opens it for reading only. Returns the backend's implementation
    of :class:`callcenter.store.ports.Store`.
    """
    from callcenter.store.sqlite.db import SqliteStore, default_db_path

    if url is None:
        # $CALLCENTER_DB may name either backend; a path stays a path (never a URL's text).
        env = os.environ.get("CALLCENTER_DB", "")
        if not env.startswith(POSTGRES_PREFIXES):
            return SqliteStore.open(default_db_path(), create=create, readonly=readonly)
        url = env
    path = sqlite_path(url)
    if path is not None:
        return SqliteStore.open(path, create=create, readonly=readonly)
    text = os.fspath(url)
    if text.startswith(POSTGRES_PREFIXES):
        try:
            from callcenter.store.postgres import open_postgres
        except ImportError as exc:
            raise StoreError("store.no_postgres_driver") from exc
        return open_postgres(text, create=create, readonly=readonly)
    raise StoreError("store.unknown_url", url=text)


def fec_scratch() -> FecScratch:
    """A new, empty scratch file for an FEC import's customer lines.

    It is a private SQLite file whatever backend holds the ledger (a local,
    journal-less file is the cheapest place to park millions of lines), so the
    service asks the store for one rather than naming the SQLite backend.
    """
    from callcenter.store.sqlite.fec_scratch import FecScratch

    return FecScratch()


def open_to_check(url: str | os.PathLike[str]) -> Store:
    """Open ``url`` read-only for ``check``, after making sure it is a callcenter database.

    A SQLite file is recognised from its bytes and a read-only look at its schema
    first (raising :class:`~callcenter.store.errors.Unrecognised`), so a file that
    is not ours is never switched to WAL or migrated; a server has no file to look at.
    """
    path = sqlite_path(url)
    if path is not None:
        from callcenter.store.sqlite.damage import recognise

        recognise(path)
    return open_database(url, create=False, readonly=True)


def expected_schema_version() -> int:
    """The schema version this callcenter writes (each backend's migrations are twins)."""
    from callcenter.store.sqlite.schema import SCHEMA_VERSION

    return SCHEMA_VERSION

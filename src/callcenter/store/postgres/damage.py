"""What ``check`` asks about damage, answered for PostgreSQL.

The server never hands back text that is not valid UTF-8 (it refuses it on
the way in) and reports a damaged page as an error of class XX (internal
error: data corrupted, index corrupted); those become :class:`Damaged`, as
SQLite's read failures do.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from psycopg import errors as pg_errors

from callcenter.store.errors import Damaged
from callcenter.store.postgres.db import PostgresStore

__all__ = ["Damaged", "bad_text_rows", "read_text_leniently", "reported_as_damage"]


@contextmanager
def reported_as_damage(store: PostgresStore) -> Iterator[None]:
    """Turn the server's "data corrupted" errors inside the block into :class:`Damaged`."""
    try:
        yield
    except (pg_errors.DataCorrupted, pg_errors.IndexCorrupted, pg_errors.InternalError_) as exc:
        raise Damaged("store.unreadable_page", path=store.path, error=str(exc)) from exc


def read_text_leniently(store: PostgresStore) -> None:
    """Nothing to do: stored text is always valid UTF-8 here."""


def bad_text_rows(store: PostgresStore) -> dict[str, list[str]]:
    """None: PostgreSQL refuses invalid UTF-8 on every write."""
    return {}

"""Moving a team from its SQLite file to a PostgreSQL server (``callcenter migrate``).

The source is opened read-only (collectors may keep working on it while the
copy is taken: it copies one snapshot); the target must be an empty database,
which is given the schema first. Every row goes across in one transaction on
the server, then the row counts and the figure sums of both sides are
compared.
"""

from __future__ import annotations

from pathlib import Path

from callcenter.i18n import CodedError
from callcenter.store import open_database
from callcenter.store.backends import POSTGRES_PREFIXES, sqlite_path


class WrongBackend(CodedError):
    """``--from`` is not a SQLite file or ``--to`` not a PostgreSQL URL (a usage mistake)."""


def move_team(source: str | Path, target: str):
    """Copy the SQLite database ``source`` into the empty PostgreSQL database ``target``.

    Returns the backend's copy report (row counts of both sides, sum differences).
    """
    if sqlite_path(source) is None:
        raise WrongBackend("migrate.from_sqlite", source=str(source))
    if not str(target).startswith(POSTGRES_PREFIXES):
        raise WrongBackend("migrate.to_postgres", target=str(target))
    lite = open_database(source, create=False, readonly=True)
    try:
        server = open_database(target)
        try:
            return server.admin.copy_in(lite)
        finally:
            server.close()
    finally:
        lite.close()

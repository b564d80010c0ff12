"""``check`` and ``backup`` on PostgreSQL: the same report and command as for a SQLite file.

The consistency rules are the shared ones (``store/consistency.py``: standard
SQL, one definition for both backends). What SQLite checks by hand the server
guarantees itself: pages carry checksums where the DBA enabled them, foreign
keys are always enforced, text is always valid UTF-8. The backup is a
``pg_dump`` archive (custom format, one consistent snapshot that never blocks
the collectors), written like every output of the tool: a new file, renamed
into place only once complete and readable by ``pg_restore``. Continuous
archiving (WAL shipping, a standby) is the DBA's job and the better one for a
team: the README says how.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict, make_conninfo

from callcenter.output_files import OutputError, OutputRefused, output_path
from callcenter.store.codec import instant_to_db
from callcenter.store.consistency import (
    EXAMPLES_SHOWN,
    MAX_LEASE_SECONDS,
    ORPHAN_CHECKS,
    TIMED_CHECKS,
)
from callcenter.store.errors import StoreError
from callcenter.store.postgres.db import PostgresStore, one_value
from callcenter.store.records import OrphanResult

__all__ = [
    "EXAMPLES_SHOWN",
    "MAX_LEASE_SECONDS",
    "backup_to",
    "foreign_key_problems",
    "integrity_problems",
    "orphan_results",
    "recorded_version",
    "table_counts",
    "verify_file",
]

#: How long pg_dump may take before the backup is called failed.
DUMP_TIMEOUT_SECONDS = 3600


def integrity_problems(store: PostgresStore, *, quick: bool = False) -> list[str]:
    """Nothing to scan by hand: the server checks its pages (data checksums) as it reads."""
    return []


def foreign_key_problems(store: PostgresStore) -> list[tuple[str, int | None, str]]:
    """None can exist: PostgreSQL enforces every declared foreign key on every write."""
    return []


def recorded_version(store: PostgresStore) -> int | None:
    """The schema version written in ``meta`` (the only place PostgreSQL keeps it)."""
    return store.schema_version or None


def orphan_results(store: PostgresStore, now: datetime, horizon: datetime) -> list[OrphanResult]:
    """Run every consistency rule; each result says how many rows break it."""
    params = {"now": instant_to_db(now), "horizon": instant_to_db(horizon)}
    results = []
    for check in ORPHAN_CHECKS + TIMED_CHECKS:
        sql = re.sub(r"(?<!:):(\w+)", r"%(\1)s", check.sql)  # :now -> %(now)s
        ids = [str(r[0]) for r in store.conn.execute(sql, params)]
        results.append(
            OrphanResult(
                check.name, check.severity, check.description, len(ids), tuple(ids[:EXAMPLES_SHOWN])
            )
        )
    return results


def table_counts(store: PostgresStore) -> dict[str, int]:
    """Rows per table, for the report's header."""
    names = [
        r[0]
        for r in store.conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
    ]
    # Names come from the catalogue itself, quoted; nothing typed by a user.
    return {
        name: one_value(store.conn, f'SELECT count(*) FROM "{name}"')  # noqa: S608
        for name in names
    }


def client_program(name: str, server_version: int | None = None) -> str | None:
    """``pg_dump`` / ``pg_restore``: the one of the server's major version where Debian has
    several (an older pg_dump refuses a newer server), else the one on PATH."""
    if server_version:
        exact = Path(f"/usr/lib/postgresql/{server_version // 10000}/bin/{name}")
        if exact.exists():
            return str(exact)
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def backup_to(store: PostgresStore, target: Path, *, force: bool = False) -> int:
    """Dump the live database to ``target`` with ``pg_dump`` (custom format); return bytes."""
    target = Path(target)
    program = client_program("pg_dump", store.conn.info.server_version)
    if program is None:
        raise StoreError("store.no_pg_dump", path=target)
    # The password, if the URL has one, goes by the environment: never on a command line.
    params = conninfo_to_dict(store.url)
    env = dict(os.environ)
    if "password" in params:
        env["PGPASSWORD"] = str(params.pop("password"))
    try:
        with output_path(target, force=force) as temporary:
            done = subprocess.run(
                [program, "--format=custom", f"--file={temporary}", make_conninfo("", **params)],
                env=env,
                capture_output=True,
                text=True,
                timeout=DUMP_TIMEOUT_SECONDS,
                check=False,
            )
            if done.returncode != 0:
                raise StoreError("store.backup_failed", path=target, error=done.stderr.strip())
    except OutputRefused:
        raise  # a user mistake (exists, a symlink): the CLI exits 2
    except (OSError, OutputError, subprocess.SubprocessError) as exc:
        raise StoreError("store.backup_failed", path=target, error=str(exc)) from exc
    return target.stat().st_size


def verify_file(path: Path) -> list[str]:
    """A dump is sound when ``pg_restore`` can read its table of contents."""
    program = client_program("pg_restore")
    if program is None:
        return ["pg_restore is not installed: the dump could not be checked"]
    done = subprocess.run(
        [program, "--list", str(path)], capture_output=True, text=True, timeout=600, check=False
    )
    if done.returncode != 0:
        return [done.stderr.strip() or f"pg_restore --list failed ({done.returncode})"]
    if "TABLE DATA" not in done.stdout:
        return ["the dump holds no table data"]
    return []


def call_rows(store: PostgresStore, ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """``{call id: (debtor, collector, outcome)}`` for the ids that exist (stress verification)."""
    rows = store.conn.execute(
        "SELECT id, debtor_code, collector, outcome FROM calls WHERE id = ANY(%s::bigint[])",
        (list(ids),),
    )
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def any_supervisor(store: PostgresStore) -> str:
    """A supervisor's name (the stress tool reassigns portfolios as them)."""
    row = store.conn.execute(
        "SELECT name FROM users WHERE role = 'supervisor' ORDER BY name LIMIT 1"
    ).fetchone()
    if row is None:
        raise StoreError("store.no_supervisor", path=store.path)
    return row[0]


def assigned_collectors(store: PostgresStore) -> list[str]:
    """Collectors that own a portfolio."""
    rows = store.conn.execute(
        "SELECT DISTINCT collector FROM debtors WHERE collector IS NOT NULL"
        " AND collector <> '' ORDER BY collector"
    )
    return [r[0] for r in rows]

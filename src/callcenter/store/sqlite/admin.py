"""Keeping the file healthy: online backup, integrity checks and orphan rows.

Everything here only reads the live database, so a supervisor can run it
while collectors work: WAL readers never block the writer.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from callcenter.output_files import OutputError, OutputRefused, output_path
from callcenter.store.codec import instant_to_db
from callcenter.store.consistency import EXAMPLES_SHOWN, ORPHAN_CHECKS, TIMED_CHECKS
from callcenter.store.records import OrphanResult
from callcenter.store.sqlite.db import SqliteStore, StoreError


def integrity_problems(store: SqliteStore, *, quick: bool = False) -> list[str]:
    """SQLite's own page-level check; an empty list means the file is sound."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = [r[0] for r in store.conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def verify_file(path: Path) -> list[str]:
    """Quick-check a file (a fresh backup) read-only, without turning it into a WAL database."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return [str(exc)]
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def foreign_key_problems(store: SqliteStore) -> list[tuple[str, int | None, str]]:
    """Rows whose declared foreign key points nowhere: (table, rowid, parent table)."""
    return [(r[0], r[1], r[2]) for r in store.conn.execute("PRAGMA foreign_key_check")]


def recorded_version(store: SqliteStore) -> int | None:
    """The schema version written in the ``meta`` table (None when absent or unreadable)."""
    try:
        row = store.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    try:
        return int(row[0]) if row else None
    except ValueError:
        return None


def orphan_results(store: SqliteStore, now: datetime, horizon: datetime) -> list[OrphanResult]:
    """Run every consistency rule; each result says how many rows break it."""
    params = {"now": instant_to_db(now), "horizon": instant_to_db(horizon)}
    results = []
    for check in ORPHAN_CHECKS + TIMED_CHECKS:
        ids = [str(r[0]) for r in store.conn.execute(check.sql, params)]
        results.append(
            OrphanResult(
                check.name, check.severity, check.description, len(ids), tuple(ids[:EXAMPLES_SHOWN])
            )
        )
    return results


def call_rows(store: SqliteStore, ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """``{call id: (debtor, collector, outcome)}`` for the ids that exist (stress verification)."""
    found: dict[int, tuple[str, str, str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        sql = f"SELECT id, debtor_code, collector, outcome FROM calls WHERE id IN ({marks})"  # noqa: S608
        for row in store.conn.execute(sql, chunk):
            found[row[0]] = (row[1], row[2], row[3])
    return found


def any_supervisor(store: SqliteStore) -> str:
    """A supervisor's name (the stress tool reassigns portfolios as them)."""
    row = store.conn.execute(
        "SELECT name FROM users WHERE role = 'supervisor' ORDER BY name LIMIT 1"
    ).fetchone()
    if row is None:
        raise StoreError("store.no_supervisor", path=store.path)
    return row[0]


def assigned_collectors(store: SqliteStore) -> list[str]:
    """Collectors that own a portfolio."""
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT collector FROM debtors WHERE collector IS NOT NULL"
            " AND collector <> '' ORDER BY collector"
        )
    ]


def table_counts(store: SqliteStore) -> dict[str, int]:
    """Rows per table, for the report's header."""
    names = [
        r[0]
        for r in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    # Table names come from sqlite_master itself, quoted; nothing typed by a user.
    return {
        name: store.conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # noqa: S608
        for name in names
    }


def backup_to(store: SqliteStore, target: Path, *, force: bool = False) -> int:
    """Copy the live database to ``target`` with SQLite's online backup API; return bytes.

    The copy is taken in one step, inside one read transaction: under WAL that
    snapshot never blocks the collectors' writes and never has to restart
    because of them. It is written through :mod:`callcenter.output_files`: a
    new temporary file beside the target with the database's group and mode,
    renamed into place only once complete, so a crash or a full disk never
    leaves a half backup under the target's name. ``force`` may replace an
    older backup, never the live database or its ``-wal``/``-shm``.
    """
    target = Path(target)
    try:
        with output_path(
            target, force=force, like=store.path, protected=[store.path], allow_sqlite=True
        ) as temporary:
            destination = sqlite3.connect(temporary, isolation_level=None)
            try:
                store.conn.backup(destination)
                # One self-contained file: no -wal beside the backup.
                destination.execute("PRAGMA journal_mode = DELETE")
            finally:
                destination.close()
    except OutputRefused:
        raise  # a user mistake (exists, a symlink, the live file): the CLI exits 2
    except (sqlite3.Error, OutputError) as exc:
        raise StoreError("store.backup_failed", path=target, error=str(exc)) from exc
    return target.stat().st_size

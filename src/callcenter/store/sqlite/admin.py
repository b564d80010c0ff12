"""Keeping the file healthy: online backup, integrity checks and orphan rows.

Everything here only reads the live database, so a supervisor can run it
while collectors work: WAL readers never block the writer.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from callcenter.output_files import OutputError, OutputRefused, output_path
from callcenter.store.records import OrphanResult
from callcenter.store.sqlite.codec import instant_to_db
from callcenter.store.sqlite.db import SqliteStore, StoreError

#: How many offending row ids a finding quotes: enough to look one up, not a flood.
EXAMPLES_SHOWN = 5

#: A claim whose expiry is further away than this was not set by a lease; it would never expire.
MAX_LEASE_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class OrphanCheck:
    """One consistency rule: a query listing the ids of the rows that break it."""

    name: str
    severity: str  # "error" (data is wrong) or "warning" (harmless but worth a look)
    description: str
    sql: str


# Rules the foreign keys cannot enforce (columns without REFERENCES, cross-row
# agreement) or that a tool writing with foreign_keys off could have broken.
ORPHAN_CHECKS: tuple[OrphanCheck, ...] = (
    OrphanCheck(
        "calls_unknown_debtor",
        "error",
        "calls for a debtor that does not exist",
        "SELECT c.id FROM calls c LEFT JOIN debtors d ON d.code = c.debtor_code"
        " WHERE d.code IS NULL ORDER BY c.id",
    ),
    OrphanCheck(
        "calls_unknown_contact",
        "error",
        "calls naming a contact that does not exist or belongs to another debtor",
        "SELECT c.id FROM calls c LEFT JOIN contacts k ON k.id = c.contact_id"
        " WHERE c.contact_id IS NOT NULL AND (k.id IS NULL OR k.debtor_code <> c.debtor_code)"
        " ORDER BY c.id",
    ),
    OrphanCheck(
        "undo_mismatch",
        "error",
        "undo entries pointing at a missing call or at another debtor's call",
        "SELECT u.id FROM calls u LEFT JOIN calls c ON c.id = u.undoes"
        " WHERE u.undoes IS NOT NULL AND (c.id IS NULL OR c.debtor_code <> u.debtor_code)"
        " ORDER BY u.id",
    ),
    OrphanCheck(
        "calls_unknown_campaign",
        "warning",
        "calls tagged with a campaign that no longer exists",
        "SELECT c.id FROM calls c LEFT JOIN campaigns g ON g.id = c.campaign_id"
        " WHERE c.campaign_id IS NOT NULL AND g.id IS NULL ORDER BY c.id",
    ),
    OrphanCheck(
        "promises_unknown_debtor",
        "error",
        "promises for a debtor that does not exist",
        "SELECT p.id FROM promises p LEFT JOIN debtors d ON d.code = p.debtor_code"
        " WHERE d.code IS NULL ORDER BY p.id",
    ),
    OrphanCheck(
        "promises_unknown_call",
        "error",
        "promises recorded by a call that is missing or about another debtor",
        "SELECT p.id FROM promises p LEFT JOIN calls c ON c.id = p.call_id"
        " WHERE p.call_id IS NOT NULL AND (c.id IS NULL OR c.debtor_code <> p.debtor_code)"
        " ORDER BY p.id",
    ),
    OrphanCheck(
        "disputes_unknown_debtor",
        "error",
        "disputes for a debtor that does not exist",
        "SELECT x.id FROM disputes x LEFT JOIN debtors d ON d.code = x.debtor_code"
        " WHERE d.code IS NULL ORDER BY x.id",
    ),
    OrphanCheck(
        "dispute_invoices_missing",
        "error",
        "disputes naming an invoice that is missing or belongs to another debtor",
        "SELECT di.dispute_id FROM dispute_invoices di"
        " JOIN disputes x ON x.id = di.dispute_id"
        " LEFT JOIN invoices i ON i.id = di.invoice_id"
        " WHERE i.id IS NULL OR i.debtor_code <> x.debtor_code ORDER BY di.dispute_id",
    ),
    OrphanCheck(
        "dispute_rows_without_dispute",
        "error",
        "disputed-invoice rows whose dispute is missing",
        "SELECT di.invoice_id FROM dispute_invoices di LEFT JOIN disputes x"
        " ON x.id = di.dispute_id WHERE x.id IS NULL ORDER BY di.invoice_id",
    ),
    OrphanCheck(
        "tasks_unknown_debtor",
        "error",
        "tasks for a debtor that does not exist",
        "SELECT t.id FROM tasks t LEFT JOIN debtors d ON d.code = t.debtor_code"
        " WHERE d.code IS NULL ORDER BY t.id",
    ),
    OrphanCheck(
        "contacts_unknown_debtor",
        "error",
        "contacts of a debtor that does not exist",
        "SELECT k.id FROM contacts k LEFT JOIN debtors d ON d.code = k.debtor_code"
        " WHERE d.code IS NULL ORDER BY k.id",
    ),
    OrphanCheck(
        "invoices_unknown_debtor",
        "error",
        "invoices of a debtor that does not exist",
        "SELECT i.id FROM invoices i LEFT JOIN debtors d ON d.code = i.debtor_code"
        " WHERE d.code IS NULL ORDER BY i.id",
    ),
    OrphanCheck(
        "queue_unknown_debtor",
        "error",
        "queue rows for a debtor that does not exist",
        "SELECT q.debtor_code FROM queue_state q LEFT JOIN debtors d ON d.code = q.debtor_code"
        " WHERE d.code IS NULL ORDER BY q.debtor_code",
    ),
    OrphanCheck(
        "invoice_open_exceeds_amount",
        "warning",
        "invoices whose open amount is larger than the invoice or of the other sign",
        "SELECT id FROM invoices WHERE abs(open_cents) > abs(amount_cents)"
        " OR open_cents * amount_cents < 0 ORDER BY id",
    ),
    OrphanCheck(
        "claim_leftovers",
        "warning",
        "queue rows with a claim expiry or window but no collector (a half-released claim)",
        "SELECT debtor_code FROM queue_state WHERE claimed_by IS NULL"
        " AND (claim_expires_at IS NOT NULL OR claim_session IS NOT NULL) ORDER BY debtor_code",
    ),
    OrphanCheck(
        "claims_without_expiry",
        "error",
        "claims that would never expire (no expiry time)",
        "SELECT debtor_code FROM queue_state WHERE claimed_by IS NOT NULL"
        " AND claim_expires_at IS NULL ORDER BY debtor_code",
    ),
)

#: Rules that depend on the current instant (bound as :now and :horizon).
TIMED_CHECKS: tuple[OrphanCheck, ...] = (
    OrphanCheck(
        "stale_claims",
        "warning",
        "claims past their expiry, left by a session that ended without releasing them"
        " (harmless: the debtor is offered again)",
        "SELECT debtor_code FROM queue_state WHERE claimed_by IS NOT NULL"
        " AND claim_expires_at IS NOT NULL AND claim_expires_at < :now ORDER BY debtor_code",
    ),
    OrphanCheck(
        "claims_too_long",
        "error",
        "claims expiring more than a day from now: no lease sets that, they would block a debtor",
        "SELECT debtor_code FROM queue_state WHERE claimed_by IS NOT NULL"
        " AND claim_expires_at > :horizon ORDER BY debtor_code",
    ),
    OrphanCheck(
        "calls_in_future",
        "warning",
        "calls dated in the future (a clock set wrong on some session?)",
        "SELECT id FROM calls WHERE started_at > :horizon ORDER BY id",
    ),
)


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

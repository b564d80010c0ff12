"""The ``communications`` table: the append-only log of reminders, letters and confirmations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from callcenter.domain.communications import Communication
from callcenter.store.codec import instant_from_db, instant_to_db
from callcenter.store.communication_rows import COLUMNS, DELIVERED_SQL, from_row, values
from callcenter.store.sqlite.db import SqliteStore
from callcenter.store.statements import inserted_id
from callcenter.store.statements.scoring import chunks


def record(store: SqliteStore, entry: Communication) -> int:
    """Append ``entry``; a second delivered entry for one send key is refused by the index."""
    cursor = store.conn.execute(
        "INSERT INTO communications (debtor_code, at, actor, scenario, step, channel,"
        " recipients, subject, body, attachments, invoices, message_id, result, send_key,"
        " detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values(entry),
    )
    return inserted_id(cursor)


def delivered_keys(store: SqliteStore, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for part in chunks(sorted(set(keys))):
        marks = ", ".join("?" * len(part))
        rows = store.conn.execute(
            f"SELECT send_key FROM communications WHERE result IN {DELIVERED_SQL}"  # noqa: S608
            f" AND send_key IN ({marks})",
            list(part),
        )
        found.update(r[0] for r in rows)
    return found


def awaiting_keys(store: SqliteStore, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for part in chunks(sorted(set(keys))):
        marks = ", ".join("?" * len(part))
        rows = store.conn.execute(
            "SELECT send_key FROM communications WHERE result = 'awaiting_approval'"  # noqa: S608
            f" AND send_key IN ({marks})",
            list(part),
        )
        found.update(r[0] for r in rows)
    return found


def steps_sent(store: SqliteStore, codes: Sequence[str]) -> dict[str, dict[str, datetime]]:
    """``{debtor: {step: latest delivery}}`` for the given debtors (delivered entries only)."""
    found: dict[str, dict[str, datetime]] = {}
    for part in chunks(sorted(set(codes))):
        marks = ", ".join("?" * len(part))
        rows = store.conn.execute(
            "SELECT debtor_code, step, max(at) FROM communications"  # noqa: S608
            f" WHERE result IN {DELIVERED_SQL} AND debtor_code IN ({marks})"
            " GROUP BY debtor_code, step",
            list(part),
        )
        for code, step, at in rows:
            found.setdefault(code, {})[step] = instant_from_db(at)
    return found


def of_debtor(store: SqliteStore, code: str, limit: int = 50) -> list[Communication]:
    """The debtor's latest entries, newest first."""
    rows = store.conn.execute(
        f"SELECT {COLUMNS} FROM communications WHERE debtor_code = ?"  # noqa: S608
        " ORDER BY at DESC, id DESC LIMIT ?",
        (code, limit),
    )
    return [from_row(r) for r in rows]


def undelivered(store: SqliteStore, since: datetime) -> list[Communication]:
    """Failed or refused entries since ``since`` whose key was never delivered after."""
    rows = store.conn.execute(
        f"SELECT {COLUMNS} FROM communications c"  # noqa: S608
        " WHERE c.result IN ('failed', 'refused') AND c.at >= ?"
        f" AND NOT EXISTS (SELECT 1 FROM communications d WHERE d.send_key = c.send_key"
        f" AND d.result IN {DELIVERED_SQL}) ORDER BY c.at, c.id",
        (instant_to_db(since),),
    )
    return [from_row(r) for r in rows]


def mark_email_doubtful(store: SqliteStore, code: str, address: str, why: str) -> int:
    """Flag the debtor's contacts with that e-mail address; returns how many."""
    return store.conn.execute(
        "UPDATE contacts SET email_doubtful = ? WHERE debtor_code = ? AND lower(email) = lower(?)",
        (why or "refused", code, address),
    ).rowcount

"""The ``users`` table: who is a collector and who is a supervisor."""

from __future__ import annotations

import os
from datetime import datetime

from callcenter.domain.models import User
from callcenter.store.codec import instant_to_db
from callcenter.store.sqlite.db import SqliteStore


def role_of(store: SqliteStore, name: str) -> str | None:
    """The stored role of ``name``, or None for a name the table does not know."""
    row = store.conn.execute("SELECT role FROM users WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def count_supervisors(store: SqliteStore) -> int:
    return store.conn.execute("SELECT count(*) FROM users WHERE role = 'supervisor'").fetchone()[0]


def upsert_user(store: SqliteStore, name: str, role: str, display_name: str, now: datetime) -> None:
    """Add a user or change the role and display name of an existing one."""
    store.conn.execute(
        "INSERT INTO users (name, role, display_name, created_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET role = excluded.role,"
        " display_name = CASE WHEN excluded.display_name = '' THEN users.display_name"
        " ELSE excluded.display_name END",
        (name, role, display_name, instant_to_db(now)),
    )


def delete_user(store: SqliteStore, name: str) -> bool:
    return store.conn.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount > 0


def list_users(store: SqliteStore) -> list[User]:
    """Users with the size of their portfolio (debtors assigned to them)."""
    rows = store.conn.execute(
        "SELECT u.name, u.role, u.display_name,"
        " (SELECT count(*) FROM debtors d WHERE d.collector = u.name) AS debtors"
        " FROM users u ORDER BY u.role DESC, u.name",
    )
    return [User(name, role, display_name, debtors) for name, role, display_name, debtors in rows]


def password_hash(store: SqliteStore, name: str) -> str | None:
    """The stored hash of ``name``'s password (None: unknown user, or no password yet)."""
    row = store.conn.execute("SELECT password_hash FROM users WHERE name = ?", (name,)).fetchone()
    return row[0] if row else None


def set_password_hash(store: SqliteStore, name: str, hashed: str | None, now: datetime) -> bool:
    """Store (or, with None, remove) ``name``'s password hash; False for an unknown user."""
    return (
        store.conn.execute(
            "UPDATE users SET password_hash = ?, password_set_at = ? WHERE name = ?",
            (hashed, instant_to_db(now) if hashed else None, name),
        ).rowcount
        > 0
    )


def owner_connected(store: SqliteStore) -> bool:
    """True when this process runs as the operating-system owner of the database file."""
    try:
        return os.stat(store.path).st_uid == os.geteuid()
    except OSError:
        return False

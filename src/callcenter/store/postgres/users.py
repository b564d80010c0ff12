"""The ``users`` table on PostgreSQL (the ``Users`` port): who collects, who supervises."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from callcenter.domain.models import User
from callcenter.store.codec import instant_to_db  # one encoding for both backends
from callcenter.store.postgres import roles
from callcenter.store.postgres.db import one_value

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore


class PostgresUsers:
    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def role_of(self, name: str) -> str | None:
        """The stored role of ``name``, or None for a name the table does not know."""
        row = self._store.conn.execute("SELECT role FROM users WHERE name = %s", (name,)).fetchone()
        return row[0] if row else None

    def count_supervisors(self) -> int:
        sql = "SELECT count(*) FROM users WHERE role = 'supervisor'"
        return int(one_value(self._store.conn, sql))

    def upsert_user(self, name: str, role: str, display_name: str, now: datetime) -> None:
        """Add a user or change the role and display name of an existing one."""
        self._store.conn.execute(
            "INSERT INTO users (name, role, display_name, created_at) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role,"
            " display_name = CASE WHEN EXCLUDED.display_name = '' THEN users.display_name"
            " ELSE EXCLUDED.display_name END",
            (name, role, display_name, instant_to_db(now)),
        )

    def delete_user(self, name: str) -> bool:
        return self._store.conn.execute("DELETE FROM users WHERE name = %s", (name,)).rowcount > 0

    def list_users(self) -> list[User]:
        """Users with the size of their portfolio (debtors assigned to them)."""
        rows = self._store.conn.execute(
            "SELECT u.name, u.role, u.display_name,"
            " (SELECT count(*) FROM debtors d WHERE d.collector = u.name) AS debtors"
            " FROM users u ORDER BY u.role DESC, u.name"
        ).fetchall()
        return [User(name, role, shown, int(debtors)) for name, role, shown, debtors in rows]

    def grant_role(self, name: str, role: str, *, run: bool = True) -> list[str]:
        """The person's role, its group and the row policies (``postgres/roles.py``).

        Run only when the connected role may create roles (a DBA's, or a superuser);
        otherwise granting is the DBA's, from ``user add --print-sql``: nothing is run.
        """
        if run and roles.may_create_roles(self._store):
            return roles.grant(self._store, name, role)
        return roles.statements_for(self._store, name, role) if not run else []

    def connected_as_supervisor(self) -> bool | None:
        """Membership of the connected role in the supervisors' group (None: no such group)."""
        return roles.connected_as_supervisor(self._store)

    def owner_connected(self) -> bool:
        """True when the connected role owns the database (it made it, or the DBA gave it)."""
        row = self._store.conn.execute(
            "SELECT pg_get_userbyid(datdba) = current_user FROM pg_database"
            " WHERE datname = current_database()"
        ).fetchone()
        return bool(row and row[0])

    def password_hash(self, name: str) -> str | None:
        """The stored hash of ``name``'s password (None: unknown user, or no password yet)."""
        row = self._store.conn.execute(
            "SELECT password_hash FROM users WHERE name = %s", (name,)
        ).fetchone()
        return row[0] if row else None

    def set_password_hash(self, name: str, hashed: str | None, now: datetime) -> bool:
        """Store (or, with None, remove) ``name``'s password hash; False for an unknown user."""
        cursor = self._store.conn.execute(
            "UPDATE users SET password_hash = %s, password_set_at = %s WHERE name = %s",
            (hashed, instant_to_db(now) if hashed else None, name),
        )
        return cursor.rowcount > 0

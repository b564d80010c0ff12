"""Raw SQL in tests, kept apart from the ports so a grep tells them apart (``grep raw_``).

Tests read and write through the ports and the service where a public
function says the same. What is left goes through these helpers: the rows as
stored (a column no domain object carries, a closed invoice, the storage
encoding), the file itself (schema, triggers, append-only refusals, damage
after a kill), or a hand-typed change such as a DBA's ``UPDATE``. They take
either backend's store (``?`` on SQLite, ``%s`` on PostgreSQL).
"""

from __future__ import annotations

from typing import Any


def raw_rows(store, sql: str, params: Any = ()) -> list:
    """Every row of ``sql``, as the driver returns them (tuples)."""
    return store.conn.execute(sql, params).fetchall()


def raw_row(store, sql: str, params: Any = ()):
    """The first row of ``sql``, or None."""
    return store.conn.execute(sql, params).fetchone()


def raw_value(store, sql: str, params: Any = ()):
    """The first column of the first row of ``sql`` (the row must exist)."""
    row = store.conn.execute(sql, params).fetchone()
    assert row is not None, sql
    return row[0]


def raw_write(store, sql: str, params: Any = ()) -> int:
    """Run a hand-typed change (what a DBA or another program could do); rows touched."""
    return store.conn.execute(sql, params).rowcount


def raw_insert(store, sql: str, params: Any = ()) -> int:
    """Run a hand-typed INSERT of one row; the id it was given."""
    return store.conn.execute(sql, params).lastrowid


def raw_cursor(store, sql: str, params: Any = ()):
    """The driver's cursor after ``sql`` (for a test that reads its ``description``)."""
    return store.conn.execute(sql, params)

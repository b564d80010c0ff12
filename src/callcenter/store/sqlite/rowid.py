"""The row id SQLite gives an INSERT."""

from __future__ import annotations

import sqlite3


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The rowid an INSERT just gave (always set after one; checked, not assumed)."""
    if cursor.lastrowid is None:
        raise RuntimeError("no row was inserted")
    return cursor.lastrowid

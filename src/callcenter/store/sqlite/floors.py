"""Plain SQLite work that ``scripts/bench`` measures beside callcenter's own (its floors).

Here because the store is the only place that speaks SQL. Nothing of
callcenter's schema is involved: these are what the same work costs with
nothing but SQLite on this machine.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path


def plain_executemany(path: Path, rows: Iterable[Sequence[str]], width: int) -> int:
    """Insert ``rows`` into an empty table of ``width`` text columns in a new file ``path``.

    One ``executemany`` in one transaction, default settings: the least an
    import of as many rows can cost. Returns the number of rows inserted.
    """
    conn = sqlite3.connect(path)
    try:
        columns = ", ".join(f"c{n} TEXT" for n in range(width))
        conn.execute(f"CREATE TABLE floor ({columns})")
        marks = ", ".join("?" for _ in range(width))
        with conn:
            cursor = conn.executemany(f"INSERT INTO floor VALUES ({marks})", rows)  # noqa: S608
        return cursor.rowcount
    finally:
        conn.close()

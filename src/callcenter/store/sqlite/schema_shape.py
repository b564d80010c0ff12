"""What ``check`` compares: the tables, columns, indexes, triggers and views a file holds.

The expected shape is not written down twice: it is what the migrations build
on an empty in-memory database. sqlite-utils reads both shapes (its
``table_names``, ``columns_dict``, ``indexes``, ``triggers``), so a missing
index (an import killed while its indexes were dropped), a dropped trigger
(the dashboard's sums would drift) or a column a tool removed is named.
"""

from __future__ import annotations

import sqlite3
from functools import cache

from callcenter.store.records import SchemaGap
from callcenter.store.sqlite.db import SqliteStore, split_sql
from callcenter.store.sqlite.schema import MIGRATIONS

#: The kinds of object compared, in the order findings are listed.
KINDS = ("table", "column", "index", "trigger", "view")


def shape(conn: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """``{kind: names}``; columns are ``table.column``; SQLite's own objects left out."""
    import sqlite_utils  # imported here: only check needs it (see SqliteStore.db)

    db = sqlite_utils.Database(conn)
    tables = [name for name in db.table_names() if not name.startswith("sqlite_")]
    return {
        "table": frozenset(tables),
        "column": frozenset(f"{t}.{c}" for t in tables for c in db.table(t).columns_dict),
        "index": frozenset(
            i.name for t in tables for i in db.table(t).indexes if not i.name.startswith("sqlite_")
        ),
        "trigger": frozenset(t.name for t in db.triggers),
        "view": frozenset(db.view_names()),
    }


@cache
def expected_shape() -> dict[str, frozenset[str]]:
    """The shape the migrations give an empty database (built once per process)."""
    conn = sqlite3.connect(":memory:")
    try:
        for migration in MIGRATIONS:
            for statement in split_sql(migration):
                conn.execute(statement)
        return shape(conn)
    finally:
        conn.close()


def schema_gaps(store: SqliteStore) -> list[SchemaGap]:
    """What the migrations create that the file lacks, by kind then name."""
    found = shape(store.conn)
    expected = expected_shape()
    return [
        SchemaGap(kind, name) for kind in KINDS for name in sorted(expected[kind] - found[kind])
    ]

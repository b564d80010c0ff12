"""The statements both backends run: standard SQL, written once in SQLite's spelling.

Each module here takes a *SQL store*: anything with a ``conn`` speaking the
part of SQLite's ``Connection`` these statements use (``execute``,
``executemany``, ``cursor()`` with a settable ``row_factory``, ``lastrowid``
after an INSERT). The SQLite backend hands its own store; the PostgreSQL
backend hands ``postgres.spelling.Spelled``, which rebinds the parameters and
respells the few words SQLite says differently. ``tests/store_contract/``
runs every one of them on both backends.
"""

from __future__ import annotations

from typing import Any, Protocol


class SqlStore(Protocol):
    """What the shared statements need of a store: its connection."""

    @property
    def conn(self) -> Any: ...


def dict_query(store: SqlStore, sql: str, params: Any = ()):
    """Run ``sql`` returning rows as dicts, without touching the shared connection's factory."""
    cursor = store.conn.cursor()
    cursor.row_factory = _dict_row
    return cursor.execute(sql, params)


def _dict_row(cursor, row) -> dict:
    return {col[0]: value for col, value in zip(cursor.description, row, strict=True)}


def inserted_id(cursor) -> int:
    """The id an INSERT just gave (always set after one; checked, not assumed)."""
    if cursor.lastrowid is None:
        raise RuntimeError("no row was inserted")
    return cursor.lastrowid

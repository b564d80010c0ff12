"""The SQLite backend's standard statements, run on PostgreSQL: one SQL text for both.

Most of what the SQLite modules say is standard SQL (``ON CONFLICT ... DO
UPDATE``, ``FILTER``, sub-selects); only the spelling of parameters and a few
functions differ. Rather than copy those modules, the PostgreSQL aggregates
hand them a :class:`Spelled` store: its ``conn`` takes SQLite's spelling
(``?`` and ``:name`` parameters, ``group_concat``, ``INSERT OR IGNORE``,
``instr``, ``IS NOT`` between rows, ``CROSS JOIN ... ON``) and runs the PostgreSQL one. Parameters are
bound client-side (psycopg's ``ClientCursor``): like SQLite, a ``? IS NULL``
needs no declared type. A statement this table does not cover fails loudly on
the server, and the store contract suite runs every shared statement on both
backends.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

import psycopg

from callcenter.store.binding import Aggregate, forward
from callcenter.store.postgres.db import one_value

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore

P = ParamSpec("P")
R = TypeVar("R")

#: SQLite spellings and their PostgreSQL words (applied outside string literals).
_WORDS = (
    (re.compile(r"\bgroup_concat\(", re.IGNORECASE), "string_agg("),
    (re.compile(r"\bchar\(31\)", re.IGNORECASE), "chr(31)"),
    (re.compile(r"\binstr\(", re.IGNORECASE), "strpos("),
    (re.compile(r"\)\s+IS\s+NOT\s+\(", re.IGNORECASE), ") IS DISTINCT FROM ("),
    # SQLite's join-order hint (a CROSS JOIN with ON is an inner join it will not reorder).
    # SQLite's index hints: PostgreSQL's planner chooses for itself.
    (re.compile(r"\s+INDEXED\s+BY\s+\w+", re.IGNORECASE), ""),
    (re.compile(r"\bCROSS\s+JOIN\s+(\w+(?:\s+(?!ON\b)\w+)?)\s+ON\b", re.IGNORECASE), r"JOIN \1 ON"),
)
_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\b", re.IGNORECASE)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def pg_statement(sql: str, tables: Mapping[str, str] | None = None) -> str:
    """``sql`` as written for SQLite, spelt for PostgreSQL and psycopg's placeholders.

    ``tables`` maps a table name to the SELECT read in its place (``FROM name``
    becomes ``FROM (select) AS name``): the figure sums, kept as deltas here.
    """
    ignore = _OR_IGNORE.match(sql)
    if ignore:
        sql = "INSERT INTO" + sql[ignore.end() :] + " ON CONFLICT DO NOTHING"
    out: list[str] = []
    code: list[str] = []  # the text outside literals since the last one, to respell
    i = 0
    while i < len(sql):
        char = sql[i]
        if char in "'\"":
            out.append(_respell("".join(code)))
            code = []
            end = sql.index(char, i + 1)
            while end + 1 < len(sql) and sql[end + 1] == char:  # '' inside a literal
                end = sql.index(char, end + 2)
            out.append(sql[i : end + 1].replace("%", "%%"))
            i = end + 1
        elif char == "?":
            code.append("%s")
            i += 1
        elif char == ":" and sql.startswith("::", i):
            code.append("::")
            i += 2
        elif char == ":" and (name := _NAME.match(sql, i + 1)):
            code.append(f"%({name.group()})s")
            i = name.end()
        elif char == "%":
            code.append("%%")
            i += 1
        else:
            code.append(char)
            i += 1
    out.append(_respell("".join(code)))
    statement = "".join(out)
    if tables:
        names = "|".join(re.escape(name) for name in tables)
        statement = re.sub(
            rf"\b(FROM|JOIN)\s+({names})\b",
            lambda m: f"{m.group(1)} ({tables[m.group(2)]}) AS {m.group(2)}",
            statement,
        )
    return statement


def _respell(code: str) -> str:
    for pattern, word in _WORDS:
        code = pattern.sub(word, code)
    return code


class SpelledCursor:
    """A cursor taking SQLite's spelling; rows are tuples, or what ``row_factory`` makes."""

    def __init__(self, conn: psycopg.Connection, tables: Mapping[str, str] | None = None) -> None:
        self._cursor = psycopg.ClientCursor(conn)
        self._conn = conn
        self._tables = tables
        self.row_factory: Callable[[Any, tuple], Any] | None = None
        self._inserted = False

    @property
    def description(self):
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        """The id the last single-row INSERT drew (its identity sequence's value)."""
        if not self._inserted:
            return None
        return one_value(self._conn, "SELECT lastval()")

    def execute(self, sql: str, params: Sequence | dict = ()) -> SpelledCursor:
        self._cursor.execute(pg_statement(sql, self._tables), params)
        self._inserted = sql.lstrip()[:6].upper() == "INSERT"
        return self

    def executemany(self, sql: str, rows: Iterable[Sequence | dict]) -> SpelledCursor:
        self._cursor.executemany(pg_statement(sql, self._tables), list(rows))
        self._inserted = False
        return self

    def _made(self, row: tuple | None):
        if row is None or self.row_factory is None:
            return row
        return self.row_factory(self, row)

    def fetchone(self):
        return self._made(self._cursor.fetchone())

    def fetchall(self) -> list:
        return [self._made(row) for row in self._cursor.fetchall()]

    def __iter__(self) -> Iterator:
        return (self._made(row) for row in self._cursor)


class SpelledConnection:
    """The part of SQLite's ``Connection`` the shared statements use."""

    def __init__(self, conn: psycopg.Connection, tables: Mapping[str, str] | None = None) -> None:
        self._conn = conn
        self._tables = tables

    def cursor(self) -> SpelledCursor:
        return SpelledCursor(self._conn, self._tables)

    def execute(self, sql: str, params: Sequence | dict = ()) -> SpelledCursor:
        return self.cursor().execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence | dict]) -> SpelledCursor:
        return self.cursor().executemany(sql, rows)


class Spelled:
    """A PostgreSQL store as the shared statements see it: a spelled ``conn``, same transactions.

    ``tables`` as for :func:`pg_statement`; ``figures`` is the store's own
    aggregate (the shared figures ask it whether the sum tables can answer).
    """

    def __init__(self, store: PostgresStore, tables: Mapping[str, str] | None = None) -> None:
        self.store = store
        self.conn = SpelledConnection(store.conn, tables)
        self.path = store.path

    @property
    def figures(self):
        return self.store.figures

    def transaction(self, *, durable: bool = True) -> AbstractContextManager:
        return self.store.transaction(durable=durable)

    def snapshot(self) -> AbstractContextManager:
        return self.store.snapshot()


class SpelledAggregate(Aggregate):
    """An aggregate running the shared statements: ``self._sql`` is its store, spelt."""

    def __init__(self, store: PostgresStore, tables: Mapping[str, str] | None = None) -> None:
        super().__init__(store)
        self._sql = Spelled(store, tables)


def spelled(function: Callable[Concatenate[Any, P], R]) -> forward[P, R]:
    """A port method answered by a shared statement, run through the aggregate's ``Spelled``."""
    return forward(function, "_sql")

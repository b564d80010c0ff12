"""Row streams for ``callcenter export`` on PostgreSQL: SQLite's statements (standard SQL)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from callcenter.store.postgres.spelling import Spelled
from callcenter.store.statements import exports

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore


class PostgresExports:
    def __init__(self, store: PostgresStore) -> None:
        self._sql = Spelled(store)

    def iter_calls(self, start: str, end: str, collector: str | None) -> Iterator[dict]:
        return exports.iter_calls(self._sql, start, end, collector)

    def iter_promises(self, start: str, end: str, collector: str | None) -> Iterator[dict]:
        return exports.iter_promises(self._sql, start, end, collector)

    def iter_queue(self, collector: str | None) -> Iterator[dict]:
        return exports.iter_queue(self._sql, collector)

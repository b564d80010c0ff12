"""Which collector owns which debtor, on PostgreSQL (the ``Portfolios`` port)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from callcenter.store.codec import instant_to_db  # one encoding for both backends

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore


class PostgresPortfolios:
    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def known_codes(self, codes: Sequence[str]) -> set[str]:
        """The subset of ``codes`` that name existing debtors."""
        rows = self._store.conn.execute(
            "SELECT code FROM debtors WHERE code = ANY(%s::text[])", (list(codes),)
        )
        return {row[0] for row in rows}

    def assign_debtors(self, codes: Sequence[str], collector: str | None, now: datetime) -> int:
        """Give ``codes`` to ``collector`` (None: unassigned); returns rows changed."""
        return self._store.conn.execute(
            "UPDATE debtors SET collector = %s, updated_at = %s WHERE code = ANY(%s::text[])",
            (collector, instant_to_db(now), list(codes)),
        ).rowcount

    def move_portfolio(self, source: str, target: str | None, now: datetime) -> int:
        """Hand every debtor of ``source`` to ``target``; returns how many moved."""
        return self._store.conn.execute(
            "UPDATE debtors SET collector = %s, updated_at = %s WHERE collector = %s",
            (target, instant_to_db(now), source),
        ).rowcount

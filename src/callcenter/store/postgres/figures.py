"""The supervisor's figures on PostgreSQL (the ``Figures`` port): SQLite's statements, spelt.

``statements/figures.py`` and ``statements/figure_sums.py`` are
standard SQL; they run here through :class:`Spelled`, with one difference
said where it is: the sum tables hold deltas on this backend (see
``schema.py``), so every read of one reads its keys' sums
(:func:`figure_sums.summed`) in its place. Checking, folding and rebuilding
the sums are this backend's own (``postgres/figure_sums.py``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from callcenter.domain.figures import (
    AgingRow,
    CollectorDay,
    DailyFlow,
    DebtorAmount,
    LedgerSums,
    Period,
    PromisedCollected,
    QueueCounts,
    Scope,
    WrittenDay,
)
from callcenter.store.postgres import figure_sums as pg_sums
from callcenter.store.postgres.spelling import Spelled
from callcenter.store.statements import figure_sums, figures

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore

#: Each sum table read as one row per key.
SUMMED = {table: pg_sums.summed(table) for table in pg_sums.TABLES}


class PostgresFigures:
    def __init__(self, store: PostgresStore) -> None:
        self._store = store
        self._sql = Spelled(store, SUMMED)

    # -- the sums themselves (check, repair, upkeep) ---------------------------------
    def sums_available(self) -> bool:
        return pg_sums.available(self._store)

    def sum_differences(self) -> dict[str, list[tuple]]:
        return pg_sums.differences(self._store)

    def rebuild_sums(self) -> None:
        pg_sums.rebuild(self._store)

    def fold_sums(self) -> None:
        pg_sums.fold(self._store)

    # -- the dashboard ---------------------------------------------------------------
    def ledger_stamp(self) -> tuple:
        return figures.ledger_stamp(self._sql)

    def queue_counts(self, now: datetime, scope: Scope) -> dict[str, QueueCounts]:
        return figures.queue_counts(self._sql, now, scope)

    def done_count(self, scope: Scope) -> int:
        return figures.done_count(self._sql, scope)

    def collector_days(
        self, start: datetime, end: datetime, today: date, scope: Scope
    ) -> list[CollectorDay]:
        return figures.collector_days(self._sql, start, end, today, scope)

    def calls_made(self, start: datetime, end: datetime, scope: Scope) -> tuple[int, int]:
        return figures.calls_made(self._sql, start, end, scope)

    def promises_fell_due(self, period: Period, scope: Scope) -> tuple[int, int]:
        return figures.promises_fell_due(self._sql, period, scope)

    def ledger_sums(self, period: Period, scope: Scope) -> LedgerSums:
        return figures.ledger_sums(self._sql, period, scope)

    def aging(self, today: date, scope: Scope) -> list[AgingRow]:
        return figures.aging(self._sql, today, scope)

    def flows(
        self, period: Period, scope: Scope
    ) -> tuple[list[DailyFlow], list[PromisedCollected]]:
        return figures.flows(self._sql, period, scope)

    def promised_collected_by_campaign(
        self, period: Period, scope: Scope
    ) -> list[PromisedCollected]:
        return figures.promised_collected_by_campaign(self._sql, period, scope)

    def largest_in_queue(self, scope: Scope, limit: int = 20) -> list[DebtorAmount]:
        return figures.largest_in_queue(self._sql, scope, limit)

    def written_day(self, start: datetime, end: datetime, scope: Scope) -> WrittenDay:
        return figures.written_day(self._sql, start, end, scope)

    def largest_overdue(
        self, today: date, scope: Scope, limit: int = 20, bucket: str | None = None
    ) -> list[DebtorAmount]:
        return figures.largest_overdue(self._sql, today, scope, limit, bucket)

    def debtors_in_state(
        self, now: datetime, state: str, scope: Scope, limit: int = 500
    ) -> list[DebtorAmount]:
        return figures.debtors_in_state(self._sql, now, state, scope, limit)

    def debtors_with_promises(
        self, which: str, args: list, scope: Scope, limit: int = 500
    ) -> list[DebtorAmount]:
        return figures.debtors_with_promises(self._sql, which, args, scope, limit)

    def debtors_called(
        self,
        start: datetime,
        end: datetime,
        scope: Scope,
        right_party_only: bool = False,
        limit: int = 500,
    ) -> list[DebtorAmount]:
        return figures.debtors_called(self._sql, start, end, scope, right_party_only, limit)

    def debtors_who_paid(
        self, period: Period, scope: Scope, limit: int = 500
    ) -> list[DebtorAmount]:
        return figures.debtors_who_paid(self._sql, period, scope, limit)

    # -- the sums read directly (the dashboard's fast paths) --------------------------
    def summed_ledger_sums(self, period: Period, collector: str | None) -> LedgerSums:
        return figure_sums.ledger_sums(self._sql, period, collector)

    def summed_aging(self, today: date, collector: str | None) -> list[AgingRow]:
        return figure_sums.aging(self._sql, today, collector)

    def summed_calls_made(
        self, first: datetime, last: datetime, collector: str | None
    ) -> tuple[int, int]:
        return figure_sums.calls_made(self._sql, first, last, collector)

    def promised_per_day(self, period: Period, collector: str | None) -> list[tuple]:
        return figure_sums.promised_per_day(self._sql, period, collector)

    def collected_per_day(self, period: Period, collector: str | None) -> list[tuple]:
        return figure_sums.collected_per_day(self._sql, period, collector)

    def queue_states(self, collector: str | None) -> list[tuple[str, str, int]]:
        return figure_sums.queue_states(self._sql, collector)

    def due_later(self, stamp: str, collector: str | None) -> list[tuple[str, int]]:
        return figure_sums.due_later(self._sql, stamp, collector)

"""The supervisor's figures on PostgreSQL (the ``Figures`` port): SQLite's statements, spelt.

``statements/figures.py`` and ``statements/figure_sums.py`` are
standard SQL; they run here through :class:`Spelled`, with one difference
said where it is: the sum tables hold deltas on this backend (see
``schema.py``), so every read of one reads its keys' sums
(:func:`figure_sums.summed`) in its place. Checking, folding and rebuilding
the sums are this backend's own (``postgres/figure_sums.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from callcenter.store.binding import forward
from callcenter.store.postgres import figure_sums as pg_sums
from callcenter.store.postgres.spelling import SpelledAggregate, spelled
from callcenter.store.statements import figure_sums, figures

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore

#: Each sum table read as one row per key.
SUMMED = {table: pg_sums.summed(table) for table in pg_sums.TABLES}


class PostgresFigures(SpelledAggregate):
    def __init__(self, store: PostgresStore) -> None:
        super().__init__(store, SUMMED)

    # -- the sums themselves (check, repair, upkeep) ---------------------------------
    sums_available = forward(pg_sums.available)
    sum_differences = forward(pg_sums.differences)
    rebuild_sums = forward(pg_sums.rebuild)
    fold_sums = forward(pg_sums.fold)

    # -- the dashboard ---------------------------------------------------------------
    ledger_stamp = spelled(figures.ledger_stamp)
    queue_counts = spelled(figures.queue_counts)
    done_count = spelled(figures.done_count)
    collector_days = spelled(figures.collector_days)
    calls_made = spelled(figures.calls_made)
    promises_fell_due = spelled(figures.promises_fell_due)
    ledger_sums = spelled(figures.ledger_sums)
    aging = spelled(figures.aging)
    flows = spelled(figures.flows)
    promised_collected_by_campaign = spelled(figures.promised_collected_by_campaign)
    largest_in_queue = spelled(figures.largest_in_queue)
    written_day = spelled(figures.written_day)
    largest_overdue = spelled(figures.largest_overdue)
    debtors_in_state = spelled(figures.debtors_in_state)
    debtors_with_promises = spelled(figures.debtors_with_promises)
    debtors_called = spelled(figures.debtors_called)
    debtors_who_paid = spelled(figures.debtors_who_paid)

    # -- the sums read directly (the dashboard's fast paths) --------------------------
    summed_ledger_sums = spelled(figure_sums.ledger_sums)
    summed_aging = spelled(figure_sums.aging)
    summed_calls_made = spelled(figure_sums.calls_made)
    promised_per_day = spelled(figure_sums.promised_per_day)
    collected_per_day = spelled(figure_sums.collected_per_day)
    queue_states = spelled(figure_sums.queue_states)
    due_later = spelled(figure_sums.due_later)

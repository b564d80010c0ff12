"""The queue as a list: callable debtors best first, one entry, a debtor's rank.

Standard SQL for both backends; the ``INDEXED BY`` hint is SQLite's (PostgreSQL's
spelling drops it and its planner chooses).
"""

from __future__ import annotations

from datetime import datetime

from callcenter.domain.models import (
    QueueEntry,
)
from callcenter.store.codec import instant_to_db
from callcenter.store.rows import queue_entry_from_row
from callcenter.store.statements import SqlStore, dict_query

_ENTRY_SELECT = (
    "SELECT q.*, d.code, d.name, d.collector FROM queue_state q"
    " JOIN debtors d ON d.code = q.debtor_code"
)


def _entries_by(index: str) -> str:
    """The entry select walking ``index`` of queue_state (a hint PostgreSQL's spelling drops)."""
    return (
        f"SELECT q.*, d.code, d.name, d.collector FROM queue_state q INDEXED BY {index}"  # noqa: S608
        " JOIN debtors d ON d.code = q.debtor_code"
    )


def queue_rows(
    store: SqlStore,
    *,
    now: datetime,
    limit: int | None,
    collector: str | None = None,
    campaign_id: int | None = None,
    include_waiting: bool = False,
) -> list[QueueEntry]:
    """Callable debtors (or, with ``include_waiting``, every due/callback one), best first."""
    where = " WHERE q.state IN ('due', 'callback')"
    params: list = []
    if not include_waiting:
        where += " AND q.next_action_at <= ?"
        params.append(instant_to_db(now))
    if collector is not None and campaign_id is None:
        sql, params = _portfolio_rows(where, params, collector)
    else:
        # Walk the pick index in score order: the LIMIT stops the scan early.
        scope, scope_params = _scope(collector, campaign_id)
        sql = _entries_by("queue_pick") + where + scope
        sql += " ORDER BY q.score DESC, q.debtor_code"
        params.extend(scope_params)
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [queue_entry_from_row(row) for row in dict_query(store, sql, params)]


def _portfolio_rows(where: str, params: list, collector: str) -> tuple[str, list]:
    """One collector's entries: their range of ``queue_portfolio`` and the unassigned one.

    Each range is walked in score order and the two are merged (an ordered
    ``UNION ALL``, no sort), as the pick does: other portfolios are never read.
    Walking ``queue_pick`` instead passes over every other collector's entries
    ahead of theirs, which grows with the ledger (~17 ms for the top 5 at a
    million debtors, 0.06 ms this way). The second range is left out for a
    collector named ``''``.
    """
    arm = _entries_by("queue_portfolio") + where
    sql = (
        f"{arm} AND q.portfolio = ? UNION ALL {arm} AND q.portfolio = '' AND ? <> ''"
        " ORDER BY score DESC, debtor_code"
    )
    return sql, [*params, collector, *params, collector]


def entry(store: SqlStore, code: str) -> QueueEntry | None:
    row = dict_query(store, _ENTRY_SELECT + " WHERE q.debtor_code = ?", (code,)).fetchone()
    return queue_entry_from_row(row) if row else None


def rank_of(
    store: SqlStore,
    code: str,
    now: datetime,
    collector: str | None = None,
    campaign_id: int | None = None,
) -> tuple[int, int]:
    """(1-based rank, number of debtors callable now); rank 0 when ``code`` is not callable.

    ``collector`` / ``campaign_id`` count within that portfolio or campaign,
    the queue as that collector sees it.
    """
    scope, scope_params = _scope(collector, campaign_id)
    # One collector's count walks their two ranges of queue_portfolio (next_action_at is
    # in it: no row read); SQLite's planner would rather take queue_state_state, which
    # spans every portfolio.
    table = "queue_state q" if collector is None else "queue_state q INDEXED BY queue_portfolio"
    where = " WHERE q.state IN ('due', 'callback') AND q.next_action_at <= ?" + scope
    base = f"SELECT count(*) FROM {table}{where}"  # noqa: S608 - fixed fragments
    stamp = instant_to_db(now)
    total = store.conn.execute(base, (stamp, *scope_params)).fetchone()[0]
    row = store.conn.execute(  # the debtor's own score, by its key
        f"SELECT q.score FROM queue_state q{where} AND q.debtor_code = ?",  # noqa: S608
        (stamp, *scope_params, code),
    ).fetchone()
    if row is None:
        return 0, total
    ahead = store.conn.execute(
        base + " AND (q.score > ? OR (q.score = ? AND q.debtor_code < ?))",
        (stamp, *scope_params, row[0], row[0], code),
    ).fetchone()[0]
    return ahead + 1, total


def _scope(collector: str | None, campaign_id: int | None) -> tuple[str, tuple]:
    """SQL filter (on alias q) for one collector's portfolio or one campaign.

    The portfolio is read on the queue row (``portfolio``, the debtor's collector or
    ''), so a count of one collector's queue stays in their ranges of
    ``queue_portfolio`` and needs no ``debtors`` row.
    """
    sql = ""
    params: list[object] = []
    if collector is not None:
        sql += " AND q.portfolio IN (?, '')"
        params.append(collector)
    if campaign_id is not None:
        sql += (
            " AND EXISTS (SELECT 1 FROM campaign_debtors cd"
            " WHERE cd.campaign_id = ? AND cd.debtor_code = q.debtor_code)"
        )
        params.append(campaign_id)
    return sql, tuple(params)

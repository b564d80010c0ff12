"""The queue read on PostgreSQL: its rows best first, a debtor's rank, the next to come back.

The facts and the scores are the shared statements' (``statements/scoring.py``);
these reads are this backend's own (SQLite's ``ranks.py`` and ``claims.py``
lean on its index hints and its claim write).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from psycopg.rows import dict_row

from callcenter.domain.models import QueueEntry
from callcenter.store.codec import instant_from_db, instant_to_db
from callcenter.store.rows import queue_entry_from_row

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore


def _dicts(store: PostgresStore, sql: str, params: dict) -> list[dict]:
    with store.conn.cursor(row_factory=dict_row) as cursor:
        return cursor.execute(sql, params).fetchall()


def _scope(collector: str | None, campaign_id: int | None) -> tuple[str, dict]:
    """SQL filter (on aliases q and d) for one collector's portfolio or one campaign."""
    sql, params = "", {}
    if collector is not None:
        sql += " AND (d.collector IS NULL OR d.collector = '' OR d.collector = %(collector)s)"
        params["collector"] = collector
    if campaign_id is not None:
        sql += (
            " AND EXISTS (SELECT 1 FROM campaign_debtors cd"
            " WHERE cd.campaign_id = %(campaign)s AND cd.debtor_code = q.debtor_code)"
        )
        params["campaign"] = campaign_id
    return sql, params


def queue_rows(
    store: PostgresStore,
    *,
    now: datetime,
    limit: int | None,
    collector: str | None = None,
    campaign_id: int | None = None,
    include_waiting: bool = False,
) -> list[QueueEntry]:
    """Callable debtors (or, with ``include_waiting``, every due/callback one), best first."""
    scope, params = _scope(collector, campaign_id)
    sql = (
        "SELECT q.*, d.code, d.name, d.collector FROM queue_state q"
        " JOIN debtors d ON d.code = q.debtor_code WHERE q.state IN ('due', 'callback')"
    )
    if not include_waiting:
        sql += " AND q.next_action_at <= %(now)s"
        params["now"] = instant_to_db(now)
    sql += scope + " ORDER BY q.score DESC, q.debtor_code"
    if limit is not None:
        sql += " LIMIT %(limit)s"
        params["limit"] = limit
    return [queue_entry_from_row(row) for row in _dicts(store, sql, params)]


def entry(store: PostgresStore, code: str) -> QueueEntry | None:
    rows = _dicts(
        store,
        "SELECT q.*, d.code, d.name, d.collector FROM queue_state q"
        " JOIN debtors d ON d.code = q.debtor_code WHERE q.debtor_code = %(code)s",
        {"code": code},
    )
    return queue_entry_from_row(rows[0]) if rows else None


def rank_of(
    store: PostgresStore,
    code: str,
    now: datetime,
    collector: str | None = None,
    campaign_id: int | None = None,
) -> tuple[int, int]:
    """(1-based rank, number of debtors callable now); rank 0 when ``code`` is not callable."""
    scope, params = _scope(collector, campaign_id)
    params.update(now=instant_to_db(now), code=code)
    row = store.conn.execute(
        "SELECT count(*),"  # noqa: S608 - fixed fragments
        " count(*) FILTER (WHERE q.debtor_code = %(code)s)"
        " FROM queue_state q JOIN debtors d ON d.code = q.debtor_code"
        " WHERE q.state IN ('due', 'callback') AND q.next_action_at <= %(now)s" + scope,
        params,
    ).fetchone()
    total, present = int(row[0]), int(row[1])
    if not present:
        return 0, total
    ahead = store.conn.execute(
        "SELECT count(*) FROM queue_state q JOIN debtors d ON d.code = q.debtor_code"  # noqa: S608
        " JOIN queue_state me ON me.debtor_code = %(code)s"
        " WHERE q.state IN ('due', 'callback') AND q.next_action_at <= %(now)s"
        " AND (q.score > me.score OR (q.score = me.score AND q.debtor_code < %(code)s))" + scope,
        params,
    ).fetchone()[0]
    return int(ahead) + 1, total


def next_return(
    store: PostgresStore, *, collector: str, now: datetime, campaign_id: int | None
) -> tuple[str, str, str, datetime] | None:
    """(code, name, state, next_action_at) of the first debtor coming back after ``now``."""
    if campaign_id is not None:
        scope, params = _scope(None, campaign_id)
    else:
        scope, params = _scope(collector, None)
    params["now"] = instant_to_db(now)
    row = store.conn.execute(
        "SELECT q.debtor_code, d.name, q.state, q.next_action_at FROM queue_state q"  # noqa: S608
        " JOIN debtors d ON d.code = q.debtor_code"
        " WHERE q.state IN ('due', 'callback', 'promise') AND q.next_action_at > %(now)s"
        + scope
        + " ORDER BY q.next_action_at LIMIT 1",
        params,
    ).fetchone()
    return None if row is None else (row[0], row[1], row[2], instant_from_db(row[3]))


def pick_candidates(
    store: PostgresStore,
    *,
    collector: str,
    now: datetime,
    campaign_id: int | None,
    skip: Sequence[str],
    session: str | None = None,
) -> Iterator[tuple[str, str]]:
    """(code, timezone) of callable debtors, best first (SQLite's pick, for the port).

    The claim itself does not use it on PostgreSQL: ``queue.claim_next`` picks and
    locks in one statement.
    """
    if campaign_id is not None:
        scope, params = _scope(None, campaign_id)
    else:
        scope, params = _scope(collector, None)
    params.update(now=instant_to_db(now), me=collector, session=session, skip=list(skip))
    rows = store.conn.execute(
        "SELECT q.debtor_code, d.timezone FROM queue_state q"  # noqa: S608
        " JOIN debtors d ON d.code = q.debtor_code"
        " WHERE q.state IN ('due', 'callback') AND q.next_action_at <= %(now)s"
        " AND (q.claimed_by IS NULL OR q.claim_expires_at < %(now)s"
        "   OR (q.claimed_by = %(me)s AND (q.claim_session IS NULL"
        "       OR q.claim_session = %(session)s)))"
        " AND (q.callback_owner IS NULL OR q.callback_owner = %(me)s)"
        " AND NOT (q.debtor_code = ANY(%(skip)s::text[]))"
        + scope
        + " ORDER BY q.score DESC, q.debtor_code",
        params,
    )
    return ((row[0], row[1]) for row in rows)

"""The queue's picks on PostgreSQL: the next debtor to come back, the callable ones in order.

The facts, the scores and the queue's rows are the shared statements'
(``statements/scoring.py``, ``ranks.py``); these two are SQLite's ``claims.py``
reads, which that backend keeps beside its claim write.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from callcenter.store.codec import instant_from_db, instant_to_db

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore


def _scope(collector: str | None, campaign_id: int | None) -> tuple[str, dict]:
    """SQL filter (on aliases q and d) for one collector's portfolio or one campaign."""
    sql, params = "", dict[str, object]()
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
    limit: int | None = None,
) -> Iterator[tuple[str, str]]:
    """(code, timezone) of callable debtors, best first (SQLite's pick, for the port); at
    most ``limit`` (the server sends every row the statement finds).

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
        + " ORDER BY q.score DESC, q.debtor_code"
        + ("" if limit is None else " LIMIT %(limit)s"),
        {**params, "limit": limit},
    )
    return ((row[0], row[1]) for row in rows)

"""Claiming debtors: the pick, the lease, its renewal and release.

The pick is one indexed read (``queue_portfolio``: the collector's own range
and the unassigned one merged in score order; a campaign walks ``queue_pick``)
inside the caller's ``BEGIN IMMEDIATE`` transaction, so two
collectors can never take the same debtor; one ``UPDATE`` then both takes
the chosen debtor and gives back the session's previous claim.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from callcenter.store.codec import instant_from_db, instant_to_db
from callcenter.store.sqlite.db import SqliteStore


def pick_candidates(
    store: SqliteStore,
    *,
    collector: str,
    now: datetime,
    campaign_id: int | None,
    skip: Sequence[str],
    session: str | None = None,
) -> Iterator[tuple[str, str]]:
    """(code, timezone) of callable debtors, best first, lazily.

    Free debtors, lapsed claims, and the collector's own claims from the same
    session (or from no session): a debtor the same collector holds in another
    window is not offered twice. With no ``session``, every claim of the
    collector is offered: :func:`claim_best` gives them all back.

    Portfolio rule: outside a campaign a collector gets the debtors assigned
    to them and the unassigned ones, never another collector's; inside a
    campaign, the campaign's debtors whoever they are assigned to (the
    supervisor chose them for this campaign).
    """
    stamp = instant_to_db(now)
    free = (
        " q.state IN ('due', 'callback') AND q.next_action_at <= ?"
        " AND (q.claimed_by IS NULL OR q.claim_expires_at < ?"
        "   OR (q.claimed_by = ? AND (? IS NULL OR q.claim_session IS NULL OR q.claim_session = ?)))"
        " AND (q.callback_owner IS NULL OR q.callback_owner = ?)"
    )
    params: list = [stamp, stamp, collector, session, session, collector]
    if skip:
        free += f" AND q.debtor_code NOT IN ({', '.join('?' for _ in skip)})"
        params.extend(skip)
    if campaign_id is None:
        sql, params = _own_and_unassigned(collector, free, params)
    else:
        sql = (
            "SELECT q.debtor_code, d.timezone FROM queue_state q INDEXED BY queue_pick"  # noqa: S608
            " JOIN debtors d ON d.code = q.debtor_code WHERE"
            + free
            + " AND EXISTS (SELECT 1 FROM campaign_debtors cd"
            " WHERE cd.campaign_id = ? AND cd.debtor_code = q.debtor_code)"
            " ORDER BY q.score DESC, q.debtor_code"
        )
        params = [*params, campaign_id]
    cursor = store.conn.execute(sql, params)
    # One row at a time: the first candidate is nearly always the one taken.
    while (row := cursor.fetchone()) is not None:
        yield row[0], row[1]


def _own_and_unassigned(collector: str, free: str, params: list) -> tuple[str, list]:
    """The pick outside a campaign: the collector's range of ``queue_portfolio`` and the
    unassigned one ('' ), each walked in score order and merged lazily by SQLite's
    ordered ``UNION ALL`` (a merge, no sort), so other portfolios are never read."""
    portfolios = [collector] if collector == "" else [collector, ""]
    arm = (
        "SELECT q.debtor_code, d.timezone, q.score FROM queue_state q"  # noqa: S608
        " INDEXED BY queue_portfolio JOIN debtors d ON d.code = q.debtor_code"
        " WHERE q.portfolio = ? AND" + free
    )
    sql = " UNION ALL ".join(arm for _ in portfolios) + " ORDER BY 3 DESC, 1"
    return sql, [value for portfolio in portfolios for value in (portfolio, *params)]


def _portfolio(collector: str, campaign_id: int | None) -> tuple[str, list]:
    """The WHERE clause (on ``q`` and ``d``) of the debtors a collector may be handed."""
    if campaign_id is not None:
        return (
            " AND EXISTS (SELECT 1 FROM campaign_debtors cd"
            " WHERE cd.campaign_id = ? AND cd.debtor_code = q.debtor_code)",
            [campaign_id],
        )
    return " AND (d.collector IS NULL OR d.collector = '' OR d.collector = ?)", [collector]


def next_return(
    store: SqliteStore, *, collector: str, now: datetime, campaign_id: int | None
) -> tuple[str, str, str, datetime] | None:
    """(code, name, state, next_action_at) of the first debtor coming back after ``now``."""
    portfolio, params = _portfolio(collector, campaign_id)
    sql = (
        "SELECT q.debtor_code, d.name, q.state, q.next_action_at FROM queue_state q"  # noqa: S608
        " INDEXED BY queue_state_state JOIN debtors d ON d.code = q.debtor_code"
        " WHERE q.state IN ('due', 'callback', 'promise') AND q.next_action_at > ?"
        + portfolio
        + " ORDER BY q.next_action_at LIMIT 1"
    )
    row = store.conn.execute(sql, [instant_to_db(now), *params]).fetchone()
    return None if row is None else (row[0], row[1], row[2], instant_from_db(row[3]))


def first_callable(
    candidates: Iterator[tuple[str, str]], callable_in: Callable[[str], bool], limit: int = 5000
) -> str | None:
    """The first candidate whose timezone is in calling hours (checked once per zone)."""
    verdicts: dict[str, bool] = {}
    for seen, (code, zone) in enumerate(candidates):
        if seen >= limit:
            return None
        if zone not in verdicts:
            verdicts[zone] = callable_in(zone)
        if verdicts[zone]:
            return code
    return None


def claim_best(
    store: SqliteStore,
    *,
    collector: str,
    now: datetime,
    expires: datetime,
    campaign_id: int | None,
    skip: Sequence[str],
    session: str | None,
    callable_in: Callable[[str], bool],
) -> str | None:
    """Give back this session's claim, take the best free callable debtor (under the
    caller's ``BEGIN IMMEDIATE``, so nobody else picks between the read and the write).

    The candidates include the claims given back (:func:`pick_candidates`), so
    reading before releasing picks what releasing first would; one statement
    then writes both, a write fewer per pick.
    """
    candidates = pick_candidates(
        store, collector=collector, now=now, campaign_id=campaign_id, skip=skip, session=session
    )
    code = first_callable(candidates, callable_in)
    store.conn.execute(_TAKE_AND_RELEASE, (code, collector, instant_to_db(expires), session))
    return code


#: A claim belongs to ``session`` when it was taken without one or by that session;
#: with no session given, every claim of the collector matches.
_MINE = "claimed_by = ? AND (? IS NULL OR claim_session IS NULL OR claim_session = ?)"


_UNCLAIM = "claimed_by = NULL, claim_expires_at = NULL, claim_session = NULL"

#: ?1 the debtor taken (NULL: none), ?2 the collector, ?3 the lease's end, ?4 the session:
#: claims ?1 and releases the collector's other claims that :data:`_MINE` matches.
_TAKE_AND_RELEASE = (
    "UPDATE queue_state SET claimed_by = CASE debtor_code WHEN ?1 THEN ?2 END,"
    " claim_expires_at = CASE debtor_code WHEN ?1 THEN ?3 END,"
    " claim_session = CASE debtor_code WHEN ?1 THEN ?4 END"
    " WHERE debtor_code = ?1"
    " OR (claimed_by = ?2 AND (?4 IS NULL OR claim_session IS NULL OR claim_session = ?4))"
)


def release_claims_of(store: SqliteStore, collector: str, session: str | None = None) -> None:
    """Release the collector's claims (only this session's when ``session`` is given)."""
    store.conn.execute(
        f"UPDATE queue_state SET {_UNCLAIM} WHERE {_MINE}",  # noqa: S608 - constants
        (collector, session, session),
    )


def held_claims(store: SqliteStore, collector: str, now: datetime) -> list[tuple[str, str]]:
    """(code, session) of the collector's session claims on debtors still to call, best first.

    Lapsed leases count too: nobody else took the debtor since, so it is still theirs.
    """
    rows = store.conn.execute(
        "SELECT debtor_code, claim_session FROM queue_state INDEXED BY queue_claims"
        " WHERE claimed_by = ? AND claim_session IS NOT NULL"
        " AND state IN ('due', 'callback') AND next_action_at <= ?"
        " ORDER BY score DESC, debtor_code",
        (collector, instant_to_db(now)),
    )
    return [(row[0], row[1]) for row in rows]


def set_claim(
    store: SqliteStore, code: str, collector: str, expires_at: datetime, session: str | None = None
) -> None:
    store.conn.execute(
        "UPDATE queue_state SET claimed_by = ?, claim_expires_at = ?, claim_session = ?"
        " WHERE debtor_code = ?",
        (collector, instant_to_db(expires_at), session, code),
    )


def renew_claim(
    store: SqliteStore,
    code: str,
    collector: str,
    now: datetime,
    expires: datetime,
    session: str | None = None,
) -> bool:
    """Extend my claim if I still hold it, or take it back if nobody else took it meanwhile."""
    cursor = store.conn.execute(
        "UPDATE queue_state SET claimed_by = ?, claim_expires_at = ?,"  # noqa: S608 - constants
        " claim_session = coalesce(?, claim_session) WHERE debtor_code = ?"
        f" AND (({_MINE}) OR claimed_by IS NULL OR claim_expires_at < ?)",
        (
            collector,
            instant_to_db(expires),
            session,
            code,
            collector,
            session,
            session,
            instant_to_db(now),
        ),
    )
    return cursor.rowcount == 1


def release_claim(
    store: SqliteStore, code: str, collector: str, session: str | None = None
) -> bool:
    cursor = store.conn.execute(
        f"UPDATE queue_state SET {_UNCLAIM} WHERE debtor_code = ? AND {_MINE}",  # noqa: S608
        (code, collector, session, session),
    )
    return cursor.rowcount == 1

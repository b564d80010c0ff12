"""Claims on PostgreSQL: the next debtor taken in one statement, no global write lock.

SQLite serialises every claim behind its write lock; here each claim walks
the collector's range of ``queue_portfolio`` and the unassigned one (score
order over callable states; a campaign walks ``queue_pick``) and locks the
first row nobody else is locking (``FOR UPDATE SKIP LOCKED``): two collectors
claiming at the same instant take the first and the second debtor, never the
same one, and neither waits for the other. The lease rules are SQLite's: a
claim is free when nobody holds it, when its lease lapsed, or when it is the
same collector's from the same session (or from none); renewing extends my
lease or takes the debtor back if nobody took it meanwhile; releasing gives
back only what I hold.
"""

from __future__ import annotations

from datetime import datetime

from callcenter.store.codec import date_to_db, instant_to_db  # one encoding for both backends
from callcenter.store.postgres.db import PostgresStore
from callcenter.store.records import ClaimAsk, QueueUpkeep


#: A claim belongs to ``session`` when it was taken without one or by that session;
#: with no session given, every claim of the collector matches.
def _mine(row: str = "") -> str:
    """That condition on the row named ``row`` (a table alias and a dot, or nothing)."""
    return (
        f"{row}claimed_by = %(collector)s AND (%(session)s::text IS NULL"
        f" OR {row}claim_session IS NULL OR {row}claim_session = %(session)s)"
    )


_MINE = _mine()
_UNCLAIM = "claimed_by = NULL, claim_expires_at = NULL, claim_session = NULL"

#: A queue row the collector may take now (``p``): free, lapsed or mine from this session,
#: not another's callback, in a callable zone (the row's copy of the debtor's), not skipped.
_FREE = (
    """p.state IN ('due', 'callback') AND p.next_action_at <= %(now)s
      AND (p.claimed_by IS NULL OR p.claim_expires_at < %(now)s OR """
    + _mine("p.")
    + """)
      AND (p.callback_owner IS NULL OR p.callback_owner = %(collector)s)
      AND (%(zones)s::text[] IS NULL OR p.timezone = ANY(%(zones)s::text[]))
      AND NOT (p.debtor_code = ANY(%(skip)s::text[]))"""
)

#: The first free row of one range, locked (SKIP LOCKED: one another session is taking is
#: passed over, never waited for). ``{range}`` is the condition naming the range.
_FIRST_FREE = (
    "SELECT p.debtor_code, p.score FROM queue_state p"  # noqa: S608
    " WHERE {range} AND " + _FREE + " ORDER BY p.score DESC, p.debtor_code LIMIT 1"
    " FOR UPDATE OF p SKIP LOCKED"
)

#: Takes the row ``pick`` chose and gives back this session's other claims, in one
#: statement (the pick offers those claims too, so choosing before releasing takes what
#: releasing first would); ``{upkept}`` is empty or the condition that the queue needs no
#: upkeep. It returns (code, new holder or NULL) of each row it changed.
_TAKE = (
    "UPDATE queue_state q SET"  # noqa: S608 - constants
    " claimed_by = CASE WHEN q.debtor_code = chosen.code THEN %(collector)s END,"
    " claim_expires_at = CASE WHEN q.debtor_code = chosen.code THEN %(expires)s END,"
    " claim_session = CASE WHEN q.debtor_code = chosen.code THEN %(session)s END"
    " FROM (SELECT (SELECT debtor_code FROM pick) AS code) AS chosen"
    " WHERE {upkept}(q.debtor_code = chosen.code OR (" + _mine("q.") + "))"
    " RETURNING q.debtor_code, q.claimed_by"
)
#: The queue needs no upkeep: scored today, no pending promise fallen due.
_UPKEPT = (
    "(SELECT value FROM meta WHERE key = %(scored_key)s) = %(today)s AND NOT EXISTS"
    " (SELECT 1 FROM promises WHERE status = 'pending' AND promised_on < %(cutoff)s) AND "
)

#: Outside a campaign: the first free row of the collector's range of ``queue_portfolio``
#: and the first of the unassigned range, each found walking its own range in score order
#: (``LIMIT 1`` per range: no sort, other portfolios never read), the better one taken.
#: The other stays locked until the claim commits: a session claiming at that instant
#: passes over it, as over any row being claimed. (One ``UNION ALL`` of the two ranges
#: under a single ``LIMIT 1 ... FOR UPDATE`` made the planner sort both ranges whole.)
_PICK_OWN = (
    "WITH own AS ("  # noqa: S608 - constants
    + _FIRST_FREE.format(range="p.portfolio = %(collector)s")
    + "), unassigned AS ("
    + _FIRST_FREE.format(range="p.portfolio = ''")
    + "), pick AS (SELECT debtor_code FROM (SELECT * FROM own UNION ALL SELECT * FROM unassigned)"
    " c ORDER BY score DESC, debtor_code LIMIT 1) "
)
#: Inside one: the campaign's debtors, whoever they are assigned to, best first.
_PICK_CAMPAIGN = (
    "WITH pick AS ("  # noqa: S608 - constants
    + _FIRST_FREE.format(
        range="EXISTS (SELECT 1 FROM campaign_debtors cd"
        " WHERE cd.campaign_id = %(campaign)s AND cd.debtor_code = p.debtor_code)"
    )
    + ") "
)
#: The claim per (campaign, upkeep folded in).
_CLAIM = {
    (campaign, upkept): (_PICK_CAMPAIGN if campaign else _PICK_OWN)
    + _TAKE.format(upkept=_UPKEPT if upkept else "")
    for campaign in (False, True)
    for upkept in (False, True)
}
#: Every timezone debtors live in, read by skipping through ``debtors_timezone``
#: (one index probe per zone, not a scan of every debtor).
_ZONES = """
WITH RECURSIVE z (zone) AS (
    SELECT min(timezone) FROM debtors
    UNION ALL
    SELECT (SELECT min(timezone) FROM debtors WHERE timezone > z.zone) FROM z
    WHERE z.zone IS NOT NULL
)
SELECT zone FROM z WHERE zone IS NOT NULL
"""


def timezones(store: PostgresStore) -> list[str]:
    """The timezones debtors are in (a handful, whatever the number of debtors)."""
    return [zone for (zone,) in store.conn.execute(_ZONES)]


def claim_next(store: PostgresStore, ask: ClaimAsk) -> str | None:
    """Release my previous claim (this session's) and take the best free debtor; its code.

    One statement, in the caller's transaction or one of its own (not waiting
    for the WAL flush: a claim is a lease).
    """
    params = _params(store, ask)
    if params is None:
        with store.transaction(durable=False):
            release_claims_of(store, ask.collector, ask.session)
        return None
    with store.transaction(durable=False):
        rows = store.conn.execute(_CLAIM[ask.campaign_id is not None, False], params).fetchall()
    return _taken(rows)


def claim_if_upkept(
    store: PostgresStore, ask: ClaimAsk, upkeep: QueueUpkeep
) -> tuple[bool, str | None]:
    """:func:`claim_next` with the queue's upkeep checked in the same statement.

    (True, code or None) when it took a debtor or gave back a claim; (False, None)
    when it changed nothing (the queue may need its upkeep, or there was nothing
    to take and nothing to give back): the caller brings the queue up to date
    and claims again. As on SQLite, the usual claim is one statement.
    """
    if store.readonly:
        return False, None
    params = _params(store, ask)
    if params is None:
        return False, None  # no zone is callable: the caller's claim_next says so
    params["scored_key"] = upkeep.scored_key
    params["today"] = date_to_db(upkeep.today)
    params["cutoff"] = date_to_db(upkeep.cutoff)
    with store.transaction(durable=False):
        rows = store.conn.execute(_CLAIM[ask.campaign_id is not None, True], params).fetchall()
    return (True, _taken(rows)) if rows else (False, None)


def _params(store: PostgresStore, ask: ClaimAsk) -> dict | None:
    """The claim's parameters; None when no timezone is in calling hours now.

    ``ask.callable_in`` is asked once per timezone debtors live in, before the
    statement, which then only considers debtors in the callable ones.
    """
    zones = None
    if ask.callable_in is not None:
        zones = [zone for zone in timezones(store) if ask.callable_in(zone)]
        if not zones:
            return None
    return {
        "collector": ask.collector,
        "session": ask.session,
        "now": instant_to_db(ask.now),
        "expires": instant_to_db(ask.expires),
        "zones": zones,
        "skip": list(ask.skip),
        "campaign": ask.campaign_id,
    }


def _taken(rows: list) -> str | None:
    """The code of the row the claim took (its new holder set), among those it changed."""
    for code, holder in rows:
        if holder is not None:
            return code
    return None


def release_claims_of(store: PostgresStore, collector: str, session: str | None = None) -> None:
    """Release the collector's claims (only this session's when ``session`` is given)."""
    store.conn.execute(
        f"UPDATE queue_state SET {_UNCLAIM} WHERE {_MINE}",  # noqa: S608 - constants
        {"collector": collector, "session": session},
    )


def held_claims(store: PostgresStore, collector: str, now: datetime) -> list[tuple[str, str]]:
    """(code, session) of the collector's session claims on debtors still to call, best first.

    Lapsed leases count too: nobody else took the debtor since, so it is still theirs.
    """
    rows = store.conn.execute(
        "SELECT debtor_code, claim_session FROM queue_state"
        " WHERE claimed_by = %s AND claim_session IS NOT NULL"
        " AND state IN ('due', 'callback') AND next_action_at <= %s"
        " ORDER BY score DESC, debtor_code",
        (collector, instant_to_db(now)),
    )
    return [(row[0], row[1]) for row in rows]


def set_claim(
    store: PostgresStore,
    code: str,
    collector: str,
    expires_at: datetime,
    session: str | None = None,
) -> bool:
    store.conn.execute(
        "UPDATE queue_state SET claimed_by = %s, claim_expires_at = %s, claim_session = %s"
        " WHERE debtor_code = %s",
        (collector, instant_to_db(expires_at), session, code),
    )
    return True  # no reservations here: a pick is a committed claim (FOR UPDATE SKIP LOCKED)


def pick_best(store: PostgresStore, ask: ClaimAsk) -> str | None:
    """:func:`claim_next` in its own transaction: on PostgreSQL every pick is claimed at once."""
    with store.transaction(durable=False):
        return claim_next(store, ask)


def hold_pick(store: PostgresStore) -> bool:
    """Nothing to write: :func:`claim_next` and :func:`claim_if_upkept` claim at once."""
    return True


def renew_claim(
    store: PostgresStore,
    code: str,
    collector: str,
    now: datetime,
    expires: datetime,
    session: str | None = None,
) -> bool:
    """Extend my claim if I still hold it, or take it back if nobody else took it meanwhile."""
    cursor = store.conn.execute(
        "UPDATE queue_state SET claimed_by = %(collector)s, claim_expires_at = %(expires)s,"  # noqa: S608
        " claim_session = coalesce(%(session)s, claim_session) WHERE debtor_code = %(code)s"
        f" AND (({_MINE}) OR claimed_by IS NULL OR claim_expires_at < %(now)s)",
        {
            "collector": collector,
            "expires": instant_to_db(expires),
            "session": session,
            "code": code,
            "now": instant_to_db(now),
        },
    )
    return cursor.rowcount == 1


def release_claim(
    store: PostgresStore, code: str, collector: str, session: str | None = None
) -> bool:
    """Give ``code`` back, only if ``collector`` (in ``session``) holds it."""
    cursor = store.conn.execute(
        f"UPDATE queue_state SET {_UNCLAIM} WHERE debtor_code = %(code)s AND {_MINE}",  # noqa: S608
        {"code": code, "collector": collector, "session": session},
    )
    return cursor.rowcount == 1

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

from collections.abc import Callable, Sequence
from datetime import date, datetime

from callcenter.store.codec import instant_to_db  # one encoding for both backends
from callcenter.store.postgres.db import PostgresStore

#: A claim belongs to ``session`` when it was taken without one or by that session;
#: with no session given, every claim of the collector matches.
_MINE = (
    "claimed_by = %(collector)s AND (%(session)s::text IS NULL OR claim_session IS NULL"
    " OR claim_session = %(session)s)"
)
_UNCLAIM = "claimed_by = NULL, claim_expires_at = NULL, claim_session = NULL"

#: A queue row the collector may take now (``p``, joined to its debtor ``d``): free, lapsed
#: or mine from this session, not another's callback, in a callable zone, not skipped.
_FREE = """p.state IN ('due', 'callback') AND p.next_action_at <= %(now)s
      AND (p.claimed_by IS NULL OR p.claim_expires_at < %(now)s
           OR (p.claimed_by = %(collector)s
               AND (p.claim_session IS NULL OR p.claim_session = %(session)s)))
      AND (p.callback_owner IS NULL OR p.callback_owner = %(collector)s)
      AND (%(zones)s::text[] IS NULL OR d.timezone = ANY(%(zones)s::text[]))
      AND NOT (p.debtor_code = ANY(%(skip)s::text[]))"""

#: The first free row of one range, locked (SKIP LOCKED: one another session is taking is
#: passed over, never waited for). ``{range}`` is the condition naming the range.
_FIRST_FREE = (
    "SELECT p.debtor_code, p.score FROM queue_state p JOIN debtors d ON d.code = p.debtor_code"  # noqa: S608
    " WHERE {range} AND " + _FREE + " ORDER BY p.score DESC, p.debtor_code LIMIT 1"
    " FOR UPDATE OF p SKIP LOCKED"
)

_TAKE = """
UPDATE queue_state q
SET claimed_by = %(collector)s, claim_expires_at = %(expires)s, claim_session = %(session)s
FROM pick WHERE q.debtor_code = pick.debtor_code
RETURNING q.debtor_code
"""

#: Outside a campaign: the first free row of the collector's range of ``queue_portfolio``
#: and the first of the unassigned range, each found walking its own range in score order
#: (``LIMIT 1`` per range: no sort, other portfolios never read), the better one taken.
#: The other stays locked until the claim commits: a session claiming at that instant
#: passes over it, as over any row being claimed. (One ``UNION ALL`` of the two ranges
#: under a single ``LIMIT 1 ... FOR UPDATE`` made the planner sort both ranges whole.)
_CLAIM_OWN = (
    "WITH own AS ("  # noqa: S608 - constants
    + _FIRST_FREE.format(range="p.portfolio = %(collector)s")
    + "), unassigned AS ("
    + _FIRST_FREE.format(range="p.portfolio = ''")
    + "), pick AS (SELECT debtor_code FROM (SELECT * FROM own UNION ALL SELECT * FROM unassigned)"
    " c ORDER BY score DESC, debtor_code LIMIT 1)" + _TAKE
)
#: Inside one: the campaign's debtors, whoever they are assigned to, best first.
_CLAIM_CAMPAIGN = (
    "WITH pick AS ("  # noqa: S608 - constants
    + _FIRST_FREE.format(
        range="EXISTS (SELECT 1 FROM campaign_debtors cd"
        " WHERE cd.campaign_id = %(campaign)s AND cd.debtor_code = p.debtor_code)"
    )
    + ")"
    + _TAKE
)
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


def claim_next(
    store: PostgresStore,
    *,
    collector: str,
    now: datetime,
    expires: datetime,
    campaign_id: int | None,
    skip: Sequence[str],
    session: str | None,
    callable_in: Callable[[str], bool] | None,
) -> str | None:
    """Release my previous claim (this session's), then take the best free debtor; its code.

    ``callable_in`` says whether a timezone is in calling hours now (None: all
    are); it is asked once per timezone before the statement, which then only
    considers debtors in the callable ones.
    """
    zones = None if callable_in is None else [z for z in timezones(store) if callable_in(z)]
    if zones == []:
        return None
    params = {
        "collector": collector,
        "session": session,
        "now": instant_to_db(now),
        "expires": instant_to_db(expires),
        "zones": zones,
        "skip": list(skip),
        "campaign": campaign_id,
    }
    claim = _CLAIM_OWN if campaign_id is None else _CLAIM_CAMPAIGN
    with store.transaction(durable=False):
        release_claims_of(store, collector, session)
        row = store.conn.execute(claim, params).fetchone()
    return None if row is None else row[0]


def claim_if_upkept(
    store: PostgresStore,
    *,
    scored_key: str,
    today: date,
    cutoff: date,
    collector: str,
    now: datetime,
    expires: datetime,
    campaign_id: int | None,
    skip: Sequence[str],
    session: str | None,
    callable_in: Callable[[str], bool] | None,
) -> tuple[bool, str | None]:
    """Not folded here yet: always (False, None), so the caller checks the queue's
    upkeep first and then claims with :func:`claim_next` (one statement already)."""
    return False, None


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
) -> None:
    store.conn.execute(
        "UPDATE queue_state SET claimed_by = %s, claim_expires_at = %s, claim_session = %s"
        " WHERE debtor_code = %s",
        (collector, instant_to_db(expires_at), session, code),
    )


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

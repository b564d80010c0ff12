"""Claiming debtors: the pick, the lease, its renewal and release.

The pick is one indexed read (``queue_portfolio``: the collector's own range
and the unassigned one merged in score order; a campaign walks ``queue_pick``).
Where the lock file is at hand (:mod:`~callcenter.store.sqlite.pick_locks`),
the debtor read is reserved there and its claim written later by
:func:`hold_pick` (after the paint), one ``UPDATE`` that also gives back the
session's previous claim. Without it, the claim is that read inside the same
``UPDATE``: SQLite runs a writing statement under the file's write lock from its
first step, so the read and the write are one exclusive step. Either way two
collectors can never take the same debtor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import islice
from weakref import WeakKeyDictionary

from callcenter.store.codec import date_to_db, instant_from_db, instant_to_db
from callcenter.store.errors import DatabaseBusy
from callcenter.store.records import ClaimAsk, QueueUpkeep
from callcenter.store.sqlite.db import SqliteStore
from callcenter.store.sqlite.pick_locks import PickLocks, Reserved, byte_of

#: A queue row a collector may be handed now (named parameters ``:collector``, ``:now``,
#: ``:session``): free, lapsed, or the collector's own from this session (or from no
#: session), and not a callback promised to someone else.
_FREE = (
    " q.state IN ('due', 'callback') AND q.next_action_at <= :now"
    " AND (q.claimed_by IS NULL OR q.claim_expires_at < :now"
    "   OR (q.claimed_by = :collector AND (:session IS NULL OR q.claim_session IS NULL"
    "       OR q.claim_session = :session)))"
    " AND (q.callback_owner IS NULL OR q.callback_owner = :collector)"
)
#: The queue needs no upkeep: scored on ``:today`` (the meta row ``:scored_key``), and no
#: pending promise dated before ``:cutoff``.
_UPKEPT = (
    "(SELECT value FROM meta WHERE key = :scored_key) = :today AND NOT EXISTS"
    " (SELECT 1 FROM promises WHERE status = 'pending' AND promised_on < :cutoff)"
)
#: The debtors ``:skip`` names (a JSON array) are passed over.
_NOT_SKIPPED = " AND q.debtor_code NOT IN (SELECT value FROM json_each(:skip))"


def _candidates(
    campaign: bool,
    skipping: bool,
    upkept: bool = False,
    skip_one: bool = False,
    limit: int | None = None,
) -> str:
    """(debtor_code, timezone, score) of the debtors a collector may be handed, best first.

    Outside a campaign: the collector's range of ``queue_portfolio`` and the
    unassigned one (``''``), each walked in score order and merged lazily by
    SQLite's ordered ``UNION ALL`` (a merge, no sort), so other portfolios are
    never read (the second range is left out for a collector named ``''``).
    Inside one (``:campaign``): the campaign's debtors, whoever they are assigned to.
    The time zone is the queue row's copy of the debtor's (migration 16).
    With ``upkept``, none unless the queue needs no upkeep (:data:`_UPKEPT`): the
    test is the statement's ``LIMIT``, which SQLite works out once, where in each
    arm's ``WHERE`` it was worked out once per arm (~1.5 µs of a 13 µs read).
    With ``skip_one``, not ``:skip_one`` (the debtor just passed over); with ``limit``,
    at most that many.
    """
    free = (
        _FREE
        + (_NOT_SKIPPED if skipping else "")
        + (" AND q.debtor_code <> :skip_one" if skip_one else "")
    )
    most = -1 if limit is None else limit  # SQLite's -1: no limit
    limit_clause = f" LIMIT CASE WHEN {_UPKEPT} THEN {most} ELSE 0 END" if upkept else ""
    limit_clause = limit_clause or ("" if limit is None else f" LIMIT {limit}")
    if campaign:
        return (
            "SELECT q.debtor_code, q.timezone, q.score FROM queue_state q"  # noqa: S608 - constants
            " INDEXED BY queue_pick WHERE" + free + " AND EXISTS (SELECT 1 FROM campaign_debtors cd"
            " WHERE cd.campaign_id = :campaign AND cd.debtor_code = q.debtor_code)"
            " ORDER BY q.score DESC, q.debtor_code" + limit_clause
        )
    arm = (
        "SELECT q.debtor_code, q.timezone, q.score FROM queue_state q"  # noqa: S608 - constants
        " INDEXED BY queue_portfolio WHERE q.portfolio = {range} AND" + free
    )
    own = arm.format(range=":collector")
    unassigned = arm.format(range="''") + " AND :collector <> ''"
    return f"{own} UNION ALL {unassigned} ORDER BY 3 DESC, 1{limit_clause}"


#: The candidates' statement per (campaign, skipping): constant texts, so SQLite's
#: prepared statements are reused from one pick to the next.
_CANDIDATES = {(c, s): _candidates(c, s) for c in (False, True) for s in (False, True)}


def _params(
    collector: str, now: datetime, campaign_id: int | None, skip: Sequence[str], session: str | None
) -> dict:
    params: dict = {"collector": collector, "now": instant_to_db(now), "session": session}
    if campaign_id is not None:
        params["campaign"] = campaign_id
    if skip:
        params["skip"] = json.dumps(list(skip))
    return params


def pick_candidates(
    store: SqliteStore,
    *,
    collector: str,
    now: datetime,
    campaign_id: int | None,
    skip: Sequence[str],
    session: str | None = None,
    limit: int | None = None,
) -> Iterator[tuple[str, str]]:
    """(code, timezone) of callable debtors, best first, lazily (at most ``limit``).

    Free debtors, lapsed claims, and the collector's own claims from the same
    session (or from no session): a debtor the same collector holds in another
    window is not offered twice. With no ``session``, every claim of the
    collector is offered: :func:`claim_best` gives them all back.

    Portfolio rule: outside a campaign a collector gets the debtors assigned
    to them and the unassigned ones, never another collector's; inside a
    campaign, the campaign's debtors whoever they are assigned to (the
    supervisor chose them for this campaign).
    """
    sql = _CANDIDATES[campaign_id is not None, bool(skip)]
    cursor = store.conn.execute(sql, _params(collector, now, campaign_id, skip, session))
    # One row at a time (a cursor is read lazily): the first is nearly always the one taken.
    for code, zone, _ in islice(cursor, limit):
        yield code, zone


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


#: How many candidates a pick looks at before it gives up (every one of them outside its
#: calling hours: a night's queue is not read to its end for nothing).
CANDIDATES_LOOKED_AT = 5000

#: The SQL function the pick asks whether a timezone is in calling hours now.
_CALLABLE = "callcenter_callable"


#: The row belongs to the session claiming (or to its collector, with no session).
_MINE_NAMED = (
    "claimed_by = :collector"
    " AND (:session IS NULL OR claim_session IS NULL OR claim_session = :session)"
)


def _claim_and_give_back(code: str) -> str:
    """``UPDATE … SET`` that claims debtor ``code`` (an SQL expression) until ``:expires``
    for ``:collector`` in ``:session`` and gives back every other row it touches."""
    return (
        f"UPDATE queue_state SET claimed_by = CASE debtor_code WHEN {code} THEN :collector END,"  # noqa: S608 - constants
        f" claim_expires_at = CASE debtor_code WHEN {code} THEN :expires END,"
        f" claim_session = CASE debtor_code WHEN {code} THEN :session END"
    )


def _take_and_release(campaign: bool, skipping: bool, upkept: bool) -> str:
    """One statement that picks the best callable candidate, claims it until
    ``:expires`` and gives back the collector's other claims that this session may
    release; it returns (code, new holder or NULL) of each row it changed.

    With ``upkept`` it changes nothing unless the queue needs no upkeep first
    (scored on ``:today``, no pending promise dated before ``:cutoff``), so the pick
    never runs on a queue due for its daily rescore or a settlement.
    """
    pick = (
        f"SELECT debtor_code FROM ({_CANDIDATES[campaign, skipping]}"  # noqa: S608 - constants
        f" LIMIT {CANDIDATES_LOOKED_AT}) WHERE {_CALLABLE}(timezone) LIMIT 1"
    )
    upkeep = _UPKEPT + " AND " if upkept else ""
    return (
        _claim_and_give_back("pick.code")
        + f" FROM (SELECT ({pick}) AS code) AS pick WHERE {upkeep}"  # noqa: S608 - constants
        f"(debtor_code = pick.code OR ({_MINE_NAMED}))"
        # Not ``claimed_by IS NOT NULL``: SQLite 3.40 returns 1 for it on a row just
        # set to NULL in this WITHOUT ROWID table.
        " RETURNING debtor_code, claimed_by"
    )


_TAKE_AND_RELEASE = {
    (c, s, u): _take_and_release(c, s, u)
    for c in (False, True)
    for s in (False, True)
    for u in (False, True)
}


def _claim_params(ask: ClaimAsk) -> dict:
    params = _params(ask.collector, ask.now, ask.campaign_id, ask.skip, ask.session)
    params["expires"] = instant_to_db(ask.expires)
    return params


def claim_best(store: SqliteStore, ask: ClaimAsk) -> str | None:
    """Give back this session's claim, take the best free callable debtor; its code.

    Joins the caller's write transaction (or is its own): one statement reads
    and writes under the write lock. The candidates include the claims given
    back (:func:`pick_candidates`), so reading before releasing picks what
    releasing first would.
    """
    _ask(store, ask.callable_in)
    sql = _TAKE_AND_RELEASE[ask.campaign_id is not None, bool(ask.skip), False]
    return _taken(store.conn.execute(sql, _claim_params(ask)).fetchall())


def claim_if_upkept(
    store: SqliteStore, ask: ClaimAsk, upkeep: QueueUpkeep
) -> tuple[bool, str | None]:
    """:func:`claim_best` as one statement of its own, if the queue needs no upkeep.

    (True, code or None) when it claimed or found nothing to take while releasing
    a claim; (False, None) when nothing was written: the queue may need its
    upkeep (the meta row ``scored_key`` is not ``today``, or a pending promise is
    dated before ``cutoff``), or there was nothing to take and nothing to give
    back: the caller then brings the queue up to date and claims again.

    Fast because it is one statement (:meth:`SqliteStore.lone_write`): no
    ``BEGIN``/``COMMIT`` round trips and no separate upkeep read, with the same
    lock wait, file check and error sentences as a write transaction.
    """
    if store.readonly:
        return False, None
    params = _claim_params(ask)
    params["scored_key"] = upkeep.scored_key
    params["today"] = date_to_db(upkeep.today)
    params["cutoff"] = date_to_db(upkeep.cutoff)
    _ask(store, ask.callable_in)
    rows = store.lone_write(
        _TAKE_AND_RELEASE[ask.campaign_id is not None, bool(ask.skip), True], params
    )
    return (True, _taken(rows)) if rows else (False, None)


# -- picks: the debtor reserved by a read, its claim written after the paint -------------

#: The candidates a pick reads, per (campaign, upkept, skip_one, first). The debtor the
#: workstation passes over (the one just called or left) is left out in SQL, any others
#: in Python: they are few, and ``json_each`` cost ~20 µs a pick. ``first``: the best
#: candidate alone, nearly always the one taken; else up to :data:`CANDIDATES_LOOKED_AT`.
#: Reading a second row that is not wanted (the cursor steps ahead of the row it hands
#: over) cost a quarter of the pick's read.
_PICKS = {
    (c, u, o, f): _candidates(c, False, u, o, 1 if f else CANDIDATES_LOOKED_AT)
    for c in (False, True)
    for u in (False, True)
    for o in (False, True)
    for f in (False, True)
}

#: The picks' parameters, in the order :func:`_pick_params` gives them.
_PICK_PARAMETERS: tuple[str, ...] = (
    "collector", "now", "session", "skip_one", "scored_key", "today", "cutoff", "campaign",
)  # fmt: skip


def _numbered(sql: str) -> tuple[str, int]:
    """``sql`` with its ``:name`` parameters numbered as :data:`_PICK_PARAMETERS` orders
    them, and how many of those parameters it takes (the highest number it uses).

    Bound from a tuple instead of a dict, a pick's parameters cost ~1 µs less: the
    ``sqlite3`` module looks each name up in the dict, building its string first.
    """
    used: list[int] = []

    def number(name: re.Match) -> str:
        used.append(_PICK_PARAMETERS.index(name[1]) + 1)
        return f"?{used[-1]}"

    return re.sub(r":(\w+)", number, sql), max(used)


#: ``_PICKS``, numbered, paired per (campaign, upkept, skip_one): the best candidate's
#: statement and the others', which take the same parameters (only their limits differ).
_NUMBERED_PICKS = {
    (c, u, o): (_numbered(_PICKS[c, u, o, True]), _numbered(_PICKS[c, u, o, False])[0])
    for c in (False, True)
    for u in (False, True)
    for o in (False, True)
}


#: A pick's claim, written: the debtor reserved (``:code``, NULL when the pick found
#: nobody) taken until ``:expires`` if nobody holds it, the session's other claims given
#: back; (code, new holder or NULL) of each row changed.
_HOLD = (
    _claim_and_give_back(":code")
    + " WHERE (debtor_code = :code AND (claimed_by IS NULL OR claim_expires_at < :now"  # noqa: S608
    f" OR ({_MINE_NAMED}))) OR ({_MINE_NAMED})"
    " RETURNING debtor_code, claimed_by"
)


def pick_if_upkept(
    store: SqliteStore, ask: ClaimAsk, upkeep: QueueUpkeep
) -> tuple[bool, str | None]:
    """The best free callable debtor, reserved (not yet claimed), if the queue needs no upkeep.

    One read under the lock file's barrier (:mod:`~callcenter.store.sqlite.pick_locks`),
    no write: (True, code) when a debtor was reserved; (False, None) when none was
    (the queue may need its upkeep, or nobody is left), and the caller brings the
    queue up to date and calls :func:`pick_best`. :func:`hold_pick` writes the claim.
    Without a lock file, this is :func:`claim_if_upkept`: claimed at once.
    """
    locks = store.pick_locks
    if locks is None:
        return claim_if_upkept(store, ask, upkeep)
    code = _reserve(store, locks, ask, True, _pick_params(ask, upkeep))
    return (True, code) if code is not None else (False, None)


#: The last upkeep a pick was asked about, and its parameters.
_UPKEEP_PARAMS: tuple[QueueUpkeep | None, tuple[str | None, ...]] = (None, ("", "", ""))


def pick_best(store: SqliteStore, ask: ClaimAsk) -> str | None:
    """The best free callable debtor, reserved (the queue just brought up to date); None
    when nobody is left. Without a lock file, :func:`claim_best` in its own transaction."""
    locks = store.pick_locks
    if locks is None:
        with store.transaction(durable=False):
            return claim_best(store, ask)
    return _reserve(store, locks, ask, False, _pick_params(ask, None))


def _pick_params(ask: ClaimAsk, upkeep: QueueUpkeep | None) -> tuple:
    """A pick's parameters, in the order of :data:`_PICK_PARAMETERS`; those of the upkeep
    test written once per ``upkeep`` (the service keeps one for a minute): two dates
    formatted at every pick were ~3 % of it."""
    global _UPKEEP_PARAMS
    if upkeep is None:
        written: tuple[str | None, ...] = (None, None, None)
    else:
        kept, written = _UPKEEP_PARAMS  # one tuple: a thread reads a whole pair
        if kept is not upkeep:
            written = (upkeep.scored_key, date_to_db(upkeep.today), date_to_db(upkeep.cutoff))
            _UPKEEP_PARAMS = (upkeep, written)
    skip_one = ask.skip[0] if ask.skip else None
    now = instant_to_db(ask.now)
    return (ask.collector, now, ask.session, skip_one, *written, ask.campaign_id)


def _reserve(
    store: SqliteStore, locks: PickLocks, ask: ClaimAsk, upkept: bool, params: tuple
) -> str | None:
    """Reserve the first candidate not passed over, callable now, and not being picked by
    another session; kept in ``store.reserved`` (with no debtor when none was found).

    Usually without the barrier: the count of releases read before and after
    (:mod:`~callcenter.store.sqlite.pick_locks`). When it moved, the debtor reserved
    may have been claimed since the read: it is let go and the pick made again under
    the barrier.

    The queue's hot path, kept to few calls and objects: after the writes of a call
    (the claim, the outcome) the processor's caches are cold, and each Python step
    of the pick then cost several times what it costs in a tight loop.
    """
    if store.reserved is not None:
        let_go_unwritten(store)
    (best, taken), rest = _NUMBERED_PICKS[ask.campaign_id is not None, upkept, bool(ask.skip)]
    params = params[:taken]
    releases = locks.count[0]
    code, byte = _take(store, locks, best, rest, params, ask, releases)
    if locks.count[0] != releases:  # a release crossed the read: it may have been stale
        if byte is not None:
            locks.release(byte, claimed=False)
        if not locks.begin_pick():
            raise DatabaseBusy("store.busy", path=store.path)
        try:  # the count cannot move while the barrier is held
            code, byte = _take(store, locks, best, rest, params, ask, locks.count[0])
        finally:
            locks.end_pick()
    # tuple.__new__ rather than Reserved(...): a named tuple's own __new__ is a Python call.
    store.reserved = _new_tuple(
        Reserved, (code, byte, ask.collector, ask.session, ask.now, ask.expires)
    )
    return code


_new_tuple = tuple.__new__


def _take(
    store: SqliteStore,
    locks: PickLocks,
    best: str,
    rest: str,
    params: tuple,
    ask: ClaimAsk,
    releases: int,
) -> tuple[str | None, int | None]:
    """(code, byte) of the first candidate this pick may reserve, reserved; (None, None)
    when there is none. The best candidate is read alone first (its statement's one row
    read, SQLite resets it); the others only when it cannot be taken: passed over,
    outside its calling hours, or being picked by another session.

    Nothing is reserved once the count of releases differs from ``releases`` (read
    before the read): the caller picks again under the barrier. Checked before each
    reservation, so that a stale read seldom holds a claimed debtor's byte even for an
    instant (its holder's renewal waits that instant out: :meth:`PickLocks.reserve_soon`).
    """
    row = store.conn.execute(best, params).fetchone()
    if row is None:
        return None, None
    skip, callable_in = ask.skip[1:], ask.callable_in
    code, zone, _ = row
    if not ((skip and code in skip) or (callable_in is not None and not callable_in(zone))):
        if locks.count[0] != releases:
            return None, None
        if locks.reserve(byte := byte_of(code)):
            return code, byte
    cursor = store.conn.execute(rest, params)
    try:
        for code, zone, _ in cursor:  # lazily: the second is usually the one taken
            if (skip and code in skip) or (callable_in is not None and not callable_in(zone)):
                continue
            if locks.count[0] != releases:
                return None, None
            if locks.reserve(byte := byte_of(code)):
                return code, byte
    finally:
        cursor.close()
    return None, None


def hold_pick(store: SqliteStore) -> bool:
    """Write the claim of this session's last pick, give back its other claims, and let
    the reservation go once that is committed. True with nothing to write.

    False when the debtor had been claimed meanwhile by a session that does not
    reserve (one without the lock file: see :mod:`~callcenter.store.sqlite.pick_locks`).
    """
    reserved, store.reserved = store.reserved, None
    if reserved is None:
        return True
    params = {
        "code": reserved.code,
        "collector": reserved.collector,
        "session": reserved.session,
        "now": instant_to_db(reserved.now),
        "expires": instant_to_db(reserved.expires),
    }
    try:
        rows = store.lone_write(_HOLD, params)
    finally:
        _release_after_commit(store, reserved.byte)
    return reserved.code is None or _taken(rows) == reserved.code


def let_go_unwritten(store: SqliteStore) -> None:
    """Forget a pick whose claim was never written (nothing to wait for: nobody saw it)."""
    reserved, store.reserved = store.reserved, None
    locks = store.pick_locks
    if reserved is not None and reserved.byte is not None and locks is not None:
        locks.release(reserved.byte, claimed=False)


@contextmanager
def _guarded(store: SqliteStore, code: str) -> Iterator[bool]:
    """Around a write that may claim ``code`` outside a pick (a renewal, a resumed claim):
    False when another session is picking it (write nothing then); else its byte is
    reserved for the write and let go once that is committed (none to take when this
    session's own pick holds it, or there is no lock file)."""
    locks = store.pick_locks
    reserved = store.reserved
    if locks is None or (reserved is not None and reserved.code == code):
        yield True
        return
    byte = byte_of(code)
    if not locks.reserve_soon(byte):
        yield False
        return
    try:
        yield True
    finally:
        _release_after_commit(store, byte)


def _release_after_commit(store: SqliteStore, byte: int | None) -> None:
    """Let a byte go once the write that claimed its debtor is committed."""
    locks = store.pick_locks
    if byte is not None and locks is not None:
        store.after_commit(lambda: locks.release(byte, claimed=True))


def _ask(store: SqliteStore, callable_in: Callable[[str], bool] | None) -> None:
    """Make ``callcenter_callable(zone)`` ask ``callable_in`` on this connection
    (None: every zone is callable).

    The SQL function is registered once per connection and asks whichever test
    the current claim hands it: registering a function again would expire the
    connection's prepared statements, and the claim's would be parsed anew each
    time (~100 µs). One claim runs at a time on a connection (a store is never
    shared by two threads writing at once).
    """
    test = _every_zone if callable_in is None else callable_in
    asked = _ASKED.get(store)
    if asked is None:
        asked = _ASKED[store] = [test]
        store.conn.create_function(_CALLABLE, 1, lambda zone: asked[0](zone))
    else:
        asked[0] = test


def _every_zone(zone: str) -> bool:
    return True


#: Per open store: the calling-hours test the current claim's SQL function asks.
_ASKED: WeakKeyDictionary[SqliteStore, list[Callable[[str], bool]]] = WeakKeyDictionary()


def _taken(rows: list) -> str | None:
    """The code of the row the claim took (its new holder set), among those it changed."""
    for code, holder in rows:
        if holder is not None:
            return code
    return None


#: A claim belongs to ``session`` when it was taken without one or by that session;
#: with no session given, every claim of the collector matches.
_MINE = "claimed_by = ? AND (? IS NULL OR claim_session IS NULL OR claim_session = ?)"

_UNCLAIM = "claimed_by = NULL, claim_expires_at = NULL, claim_session = NULL"


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
) -> bool:
    """Give ``code`` to ``collector`` (a dead session's claim taken back); False when
    another session is picking it right now."""
    with _guarded(store, code) as free:
        if free:
            store.conn.execute(
                "UPDATE queue_state SET claimed_by = ?, claim_expires_at = ?, claim_session = ?"
                " WHERE debtor_code = ?",
                (collector, instant_to_db(expires_at), session, code),
            )
        return free


def renew_claim(
    store: SqliteStore,
    code: str,
    collector: str,
    now: datetime,
    expires: datetime,
    session: str | None = None,
) -> bool:
    """Extend my claim if I still hold it, or take it back if nobody else took it meanwhile
    (nor is picking it right now)."""
    with _guarded(store, code) as free:
        if not free:
            return False
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

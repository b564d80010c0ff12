"""The calling queue: scoring debtors, handing the next one to a collector, claims.

``claim_next`` is the heart of a calling session: it brings the queue up to
date if a day has passed (ages grew, promises fell due), then in one exclusive
write releases the collector's previous debtor, picks the best callable debtor
nobody else holds and reserves it with a lease. The lease expires by itself,
so a crashed session never locks a debtor away.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import date, datetime, timedelta
from weakref import WeakKeyDictionary, ref

from callcenter.domain import dates
from callcenter.domain.models import FoundDebtor, QueueEntry
from callcenter.domain.record import record
from callcenter.domain.scoring import describe
from callcenter.domain.settings import Config
from callcenter.service import holiday_calendar, sessions
from callcenter.service.promises import settle_core
from callcenter.service.scores import score_and_write, today_of
from callcenter.store import Store
from callcenter.store.records import ClaimAsk, QueueUpkeep

#: Meta key: the day the whole queue was last scored (ISO date).
SCORED_ON_KEY = "queue_scored_on"
#: Set while a full rescore runs in slices: when it started (ISO instant).
RESCORING_KEY = "queue_rescoring_since"


def rescore(
    store: Store,
    *,
    now: datetime,
    codes: Sequence[str] | None = None,
    config: Config,
) -> int:
    """Settle promises that fell due, then recompute the queue; returns debtors scored.

    With ``codes`` None every debtor is scored and the day is recorded, so
    ``claim_next`` knows the ages are current. Outside a caller's transaction
    that is done in slices of :data:`SLICE` debtors, each its own short write
    transaction, so collectors logging calls meanwhile wait a fraction of a
    second rather than the whole rescore.
    """
    if codes is None and not store.in_transaction:
        return _rescore_in_slices(store, now, config)
    with store.transaction():
        count = _settle_and_score(store, now, codes, config)
        if codes is None:
            _mark_scored(store, now, config)
    return count


#: Debtors per write transaction in a full rescore (about 0.2 s of lock each).
SLICE = 2000
#: How long a full rescore in progress keeps others from starting another one.
RESCORE_LEASE = timedelta(minutes=3)


def _settle_and_score(
    store: Store, now: datetime, codes: Sequence[str] | None, config: Config
) -> int:
    settle_core(store, now=now, codes=codes, config=config)
    return score_and_write(store, now=now, codes=codes, config=config)


def _mark_scored(store: Store, now: datetime, config: Config) -> None:
    store.queue.set_meta(SCORED_ON_KEY, today_of(now, config).isoformat())
    store.queue.delete_meta(RESCORING_KEY)
    with suppress(ValueError):  # the day's holidays from the package as it is now
        holiday_calendar.save_calendar(store, config.region, (now.year, now.year + 1))


def _rescore_in_slices(store: Store, now: datetime, config: Config) -> int:
    with store.transaction():
        store.queue.set_meta(RESCORING_KEY, now.isoformat())
    return _score_slices(store, now, config)


def _score_slices(store: Store, now: datetime, config: Config) -> int:
    """Every debtor, :data:`SLICE` at a time; the caller holds the rescore lease."""
    codes = store.queue.debtor_codes()
    count = 0
    for start in range(0, len(codes), SLICE):
        with store.transaction():
            count += _settle_and_score(store, now, codes[start : start + SLICE], config)
    with store.transaction():
        # Debtors added while the slices ran are scored by whoever added them.
        _mark_scored(store, now, config)
    # Once a day, where the sum tables take deltas (PostgreSQL): each key back to one row
    # (only a supervisor may write them on a server that enforces roles).
    if store.users.connected_as_supervisor() is not False:
        store.figures.fold_sums()
    return count


def refresh(store: Store, *, now: datetime, config: Config) -> bool:
    """Bring the queue up to date if needed (new day, promises fallen due); True if it did.

    Called by ``claim_next`` before it takes its own lock. On the first call of
    a day every debtor is rescored (ages grew by a day), in slices; a second
    process arriving meanwhile sees the rescore under way and does not start
    another one. A collector's own role on a server that enforces roles sees
    only their debtors, so the team's daily rescore is left to a supervisor
    (``callcenter rescore`` in the morning): such a session skips it and keeps
    only its own promises fallen due settled.
    """
    day = today_of(now, config)
    today = day.isoformat()
    cutoff = day - timedelta(days=config.queue.promise_grace_days)
    scored_on, promises_due = store.queue.upkeep_state(SCORED_ON_KEY, cutoff)
    if scored_on != today and store.users.connected_as_supervisor() is not False:
        if _start_daily_rescore(store, now, today):
            _score_slices(store, now, config)
            return True
        promises_due = store.queue.pending_due_promise_exists(cutoff)
    if not promises_due:
        return False  # the usual case: one indexed read, no write transaction
    with store.transaction():
        return _settle_fallen_due(store, now, config)


def _start_daily_rescore(store: Store, now: datetime, today: str) -> bool:
    """Take the lease on today's full rescore, unless it is done or under way elsewhere."""
    with store.transaction():
        if store.queue.get_meta(SCORED_ON_KEY) == today:
            return False
        started = store.queue.get_meta(RESCORING_KEY)
        if started and datetime.fromisoformat(started) > now - RESCORE_LEASE:
            return False
        store.queue.set_meta(RESCORING_KEY, now.isoformat())
        return True


def _settle_fallen_due(store: Store, now: datetime, config: Config) -> bool:
    """Settle promises whose date + grace passed and rescore their debtors (cheap check)."""
    cutoff = today_of(now, config) - timedelta(days=config.queue.promise_grace_days)
    if not store.queue.pending_due_promise_exists(cutoff):
        return False
    summary = settle_core(store, now=now, codes=None, config=config)
    score_and_write(store, now=now, codes=summary["codes"], config=config)
    return True


# -- claims ------------------------------------------------------------------


def claim_next(
    store: Store,
    *,
    collector: str,
    now: datetime,
    campaign_id: int | None = None,
    skip: Sequence[str] = (),
    config: Config,
    session: str | None = None,
    hold: bool = True,
) -> str | None:
    """Reserve and return the code of the best debtor to call now, or None.

    The collector's previous claim is released first: one debtor on screen at
    a time. A workstation passes a ``session`` (any id unique to the window):
    then only that window's previous claim is released, and a debtor the same
    collector holds in another window is not offered again. Debtors outside
    their calling hours (their own timezone, business days) are passed over
    when ``hours.enforce`` is on.

    Usually one read on SQLite (:meth:`~callcenter.store.ports.Queue.pick_if_upkept`):
    the debtor is reserved, and its claim written by :func:`hold_claim`, which
    this function calls unless ``hold`` is False; the workstation calls it once the
    dossier is painted, so that the collector does not wait for that write. When
    the queue might need its upkeep, :func:`refresh` runs first and the pick is
    made again.
    """
    minute = _minute_facts(store, now, config)  # before the lock: see _minute_facts
    # tuple.__new__ rather than ClaimAsk(...): a named tuple's own __new__ is a Python call.
    ask = _new_tuple(
        ClaimAsk,
        (collector, now, now + minute.lease, campaign_id, tuple(skip), session, minute.callable_in),
    )
    # The usual case: the queue needs no upkeep, checked in the pick's own read.
    decided, code = store.queue.pick_if_upkept(ask, minute.upkeep)
    if not decided:
        refresh(store, now=now, config=config)
        code = store.queue.pick_best(ask)
    if hold:
        hold_claim(store)
    return code


_new_tuple = tuple.__new__

#: How many candidates a read-ahead looks at for one in calling hours: it is a guess, and
#: at night, when every debtor is outside them, the queue is not read to its end for it.
LIKELY_NEXT_LOOKED_AT = 50


def likely_next(
    store: Store,
    *,
    collector: str,
    now: datetime,
    campaign_id: int | None = None,
    skip: Sequence[str] = (),
    config: Config,
    session: str | None = None,
) -> str | None:
    """The debtor :func:`claim_next` would hand over now, without claiming or reserving it.

    The workstation reads that dossier ahead while the collector is on the phone.
    The same candidates in the same order as the pick (free, lapsed, or this
    session's own claims; calling hours), so a debtor the same collector holds in
    another window, or that a dead session still holds, is not read ahead for nothing:
    guessed from the top of the queue, such a debtor was read ahead after every
    outcome of the session and never handed over.
    """
    callable_in = _minute_facts(store, now, config).callable_in
    candidates = store.queue.pick_candidates(
        collector=collector,
        now=now,
        campaign_id=campaign_id,
        skip=tuple(skip),
        session=session,
        limit=LIKELY_NEXT_LOOKED_AT,
    )
    for code, zone in candidates:
        if callable_in is None or callable_in(zone):
            return code
    return None


def hold_claim(store: Store) -> bool:
    """Write the claim of the last :func:`claim_next` left unwritten (``hold=False``).

    Not fsynced: a claim lost in a power cut only means the debtor is free again.
    False when that debtor was taken meanwhile by a session that does not reserve
    its picks (see :mod:`callcenter.store.sqlite.pick_locks`).
    """
    return store.queue.hold_pick()


def resume_unfinished(
    store: Store,
    *,
    collector: str,
    session: str,
    now: datetime,
    config: Config,
    alive: Callable[[str], bool] = sessions.is_alive,
) -> str | None:
    """The debtor a dead session of ``collector`` still held, now claimed by ``session``.

    A session killed mid-call (SSH drop, kill) releases nothing; its collector's
    next session takes that debtor back first rather than wait for the lease.
    Such a session starts without ``claim_next``, so the saved holiday calendar
    is read here too: else the first outcome's rescore would import the
    ``holidays`` package (~12 MB and a twentieth of a second) inside its write lock.
    """
    _ensure_calendar(store, now, config)
    with store.transaction(durable=False):
        for code, holder in store.queue.held_claims(collector, now):
            if holder != session and not alive(holder):
                expires = now + timedelta(minutes=config.queue.claim_lease_minutes)
                if store.queue.set_claim(code, collector, expires, session):
                    return code
    return None


def release_session(store: Store, *, collector: str, session: str) -> None:
    """Give back every debtor ``session`` holds: the collector quit."""
    with store.transaction(durable=False):
        store.queue.release_claims_of(collector, session)


def _ensure_calendar(store: Store, now: datetime, config: Config) -> None:
    """This year's and next year's holidays at hand, from the copy saved in the database."""
    with suppress(ValueError):  # an unknown region is reported by the check itself
        holiday_calendar.ensure_calendar(store, config.region, (now.year, now.year + 1))


@record
class _Minute:
    """What every claim of one minute shares, worked out once (for one settings object)."""

    config: Config
    start: datetime
    end: datetime
    #: Whether a timezone is in calling hours (its verdicts kept as they are asked);
    #: None when calling hours are not enforced.
    callable_in: Callable[[str], bool] | None
    #: The office day, and the day before which a pending promise has fallen due.
    upkeep: QueueUpkeep
    lease: timedelta


def _minute_facts(store: Store, now: datetime, config: Config) -> _Minute:
    """The calling-hours test of this minute, its holiday calendar already loaded; the day.

    The first holidays lookup of a process imports the calendars (0.3 s alone,
    seconds on a busy server); done inside the claim's write lock, a hundred
    collectors starting their sessions made everyone wait behind it. The
    calendar saved in the database (:mod:`callcenter.service.holiday_calendar`)
    spares most sessions the import altogether.

    Within one minute a zone's verdict cannot change when the windows are whole
    minutes, and working it out (the zone's local time, its business day, the
    holidays) was ~9 µs of each pick; the day and the lease were a few more. So
    they are kept per open database for the minute, for the same settings.
    """
    last_store, kept = _LAST_MINUTE  # one tuple: a thread reads a whole pair
    if last_store() is not store:
        kept = _MINUTES.get(store)
    if kept is not None and kept.config is config and kept.start <= now < kept.end:
        return kept
    hours = config.hours
    start = now.replace(second=0, microsecond=0)
    today = today_of(now, config)
    cutoff = today - timedelta(days=config.queue.promise_grace_days)
    facts = _Minute(
        config=config,
        start=start,
        end=start + timedelta(minutes=1),
        callable_in=_hours_check(store, now, config),
        upkeep=QueueUpkeep(SCORED_ON_KEY, today, cutoff),
        lease=timedelta(minutes=config.queue.claim_lease_minutes),
    )
    if not any(bound.second or bound.microsecond for window in hours.windows for bound in window):
        _MINUTES[store] = facts  # else a verdict may change within the minute
        _remember_minute(store, facts)
    return facts


def _remember_minute(store: Store, facts: _Minute) -> None:
    """The last store's minute, in front of :data:`_MINUTES`: a weak dictionary's lookup
    (a weak reference built, then hashed) was a third of the minute's reuse."""
    global _LAST_MINUTE
    _LAST_MINUTE = (ref(store), facts)


def _hours_check(store: Store, now: datetime, config: Config) -> Callable[[str], bool] | None:
    hours = config.hours
    if not hours.enforce:
        return None
    _ensure_calendar(store, now, config)
    return _Verdicts(now, config).__getitem__


class _Verdicts(dict[str, bool]):
    """Each time zone's verdict at ``now``, worked out the first time it is asked.

    The pick asks through the bound ``__getitem__``: a zone already seen is answered
    by the dictionary's own C code, without a Python call (the pick is the queue's
    hot path, and a closure's frame was a tenth of its work beyond the read).
    """

    def __init__(self, now: datetime, config: Config) -> None:
        super().__init__()
        self._now = now
        self._config = config

    def __missing__(self, zone: str) -> bool:
        verdict = self[zone] = _is_calling_time(self._now, zone, self._config)
        return verdict


#: Per open database: what the claims of the current minute share.
_MINUTES: WeakKeyDictionary[Store, _Minute] = WeakKeyDictionary()
#: The store that asked last (weakly) and its minute.
_LAST_MINUTE: tuple[Callable[[], Store | None], _Minute | None] = (lambda: None, None)


def _is_calling_time(now: datetime, zone: str, config: Config) -> bool:
    hours = config.hours
    try:
        return dates.is_calling_time(now, zone, hours.windows, config.region, hours.weekdays)
    except (KeyError, ValueError):  # unknown zone: judge on home time
        return dates.is_calling_time(now, config.tz, hours.windows, config.region, hours.weekdays)


def calling_hours_open(now: datetime, config: Config) -> datetime | None:
    """None while home-timezone calling hours are open, else when they next open.

    Lets a workstation say "calls resume Monday 09:00" rather than "queue
    empty" when ``claim_next`` returns None at night, on a weekend or a holiday.
    """
    hours = config.hours
    if not hours.enforce:
        return None
    opening = dates.next_calling_time(now, config.tz, hours, config.region)
    return None if opening == now else opening


def renew_claim(
    store: Store,
    code: str,
    *,
    collector: str,
    now: datetime,
    config: Config,
    session: str | None = None,
) -> bool:
    """Extend the lease on ``code``; False when someone (or another window) has taken it."""
    expires = now + timedelta(minutes=config.queue.claim_lease_minutes)
    with store.transaction():
        return store.queue.renew_claim(code, collector, now, expires, session)


def release_claim(store: Store, code: str, *, collector: str, session: str | None = None) -> bool:
    """Give ``code`` back to the queue (only if ``collector``, in ``session``, holds it)."""
    with store.transaction():
        return store.queue.release_claim(code, collector, session)


# -- reading -----------------------------------------------------------------


def top(
    store: Store,
    *,
    now: datetime,
    limit: int | None = 20,
    collector: str | None = None,
    campaign_id: int | None = None,
    include_waiting: bool = False,
) -> list[QueueEntry]:
    """The best callable debtors now, without claiming them (claimed ones included).

    ``collector`` limits to that collector's portfolio (theirs and unassigned);
    ``include_waiting`` adds due debtors whose next try is later. The reasons are
    codes: :func:`worded` says them in a language.
    """
    return store.queue.queue_rows(
        now=now,
        limit=limit,
        collector=collector,
        campaign_id=campaign_id,
        include_waiting=include_waiting,
    )


def entry(store: Store, code: str) -> QueueEntry | None:
    """One debtor's queue entry (any state), or None if never scored."""
    return store.queue.entry(code)


def worded(entry: QueueEntry, lang: str, today: date | None = None) -> list[str]:
    """The entry's reasons in ``lang``; with ``today``, a callback due today reads
    "for 15:30" instead of with its date."""
    return [describe(reason, lang, today) for reason in entry.reasons]


def position(
    store: Store,
    code: str,
    *,
    now: datetime,
    collector: str | None = None,
    campaign_id: int | None = None,
) -> tuple[int, int]:
    """(1-based rank, queue length) among debtors callable now; rank 0 when not in the queue.

    With ``collector`` or ``campaign_id``, within that collector's portfolio or campaign.
    """
    return store.queue.rank_of(code, now, collector, campaign_id)


@record(slots=False)
class ComingBack:
    """The first debtor of a collector's portfolio to return to the queue after now."""

    code: str
    name: str
    #: ``callback`` (a time asked for), ``promise`` (checked when it falls due) or ``due``.
    state: str
    at: datetime


def coming_back(
    store: Store, *, collector: str, now: datetime, campaign_id: int | None = None
) -> ComingBack | None:
    """When work comes back for an empty queue: the next callback, promise or retry."""
    found = store.queue.next_return(collector=collector, now=now, campaign_id=campaign_id)
    if found is None:
        return None
    code, name, state, at = found
    return ComingBack(code, name, state, at)


def find_debtors(store: Store, text: str, limit: int = 20) -> list[FoundDebtor]:
    """Debtors matching ``text`` by code, name or the digits of a contact's phone, with
    their balance, queue state and (for a phone) the contact and number that matched."""
    if not text.strip():
        return []
    return store.queue.search_debtors(text, limit)

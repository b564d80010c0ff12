"""The calling queue: scoring debtors, handing the next one to a collector, claims.

``claim_next`` is the heart of a calling session: in one ``BEGIN IMMEDIATE``
transaction it brings the queue up to date if a day has passed (ages grew,
promises fell due), releases the collector's previous debtor, picks the best
callable debtor nobody else holds and reserves it with a lease. The lease
expires by itself, so a crashed session never locks a debtor away.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import lru_cache

from callcenter.config import Config, config_search_path, load_config
from callcenter.domain import dates
from callcenter.domain.models import Debtor, QueueEntry
from callcenter.domain.scoring import score
from callcenter.store import queue as queue_store
from callcenter.store.db import Store


def resolve_config(config: Config | None) -> Config:
    """The given settings, else the settings file found by the usual search (cached)."""
    if config is not None:
        return config
    path = config_search_path(None)
    if path is None:
        return _cached(None, 0.0)
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        stamp = 0.0
    return _cached(str(path), stamp)


@lru_cache(maxsize=8)
def _cached(path: str | None, _mtime: float) -> Config:
    return load_config(path) if path else Config()


def today_of(now: datetime, config: Config):
    return now.astimezone(config.tz).date()


# -- scoring -----------------------------------------------------------------


def score_and_write(
    store: Store, *, now: datetime, codes: Sequence[str] | None, config: Config
) -> int:
    """Recompute and store queue_state for ``codes`` (all when None); no settlement."""
    today = today_of(now, config)
    facts = queue_store.gather_facts(
        store,
        today=today,
        now=now,
        codes=codes,
        broken_memory_days=config.queue.broken_promise_memory_days,
    )
    scored = ((f, score(f, now, config)) for f in facts)
    return queue_store.write_scores(store, scored, now, today)


def rescore(
    store: Store,
    *,
    now: datetime,
    codes: Sequence[str] | None = None,
    config: Config | None = None,
) -> int:
    """Settle promises that fell due, then recompute the queue; returns debtors scored.

    With ``codes`` None every debtor is scored and the day is recorded, so
    ``claim_next`` knows the ages are current.
    """
    from callcenter.service.promises import settle_core

    config = resolve_config(config)
    with store.transaction():
        settle_core(store, now=now, codes=codes, config=config)
        count = score_and_write(store, now=now, codes=codes, config=config)
        if codes is None:
            queue_store.set_meta(
                store, queue_store.SCORED_ON_KEY, today_of(now, config).isoformat()
            )
    return count


def refresh(store: Store, *, now: datetime, config: Config | None = None) -> bool:
    """Bring the queue up to date if needed (new day, promises fallen due); True if it did."""
    config = resolve_config(config)
    with store.transaction():
        return _refresh_if_stale(store, now, config)


def _refresh_if_stale(store: Store, now: datetime, config: Config) -> bool:
    from callcenter.service.promises import settle_core

    today = today_of(now, config)
    if queue_store.get_meta(store, queue_store.SCORED_ON_KEY) != today.isoformat():
        rescore(store, now=now, config=config)
        return True
    cutoff = today - timedelta(days=config.queue.promise_grace_days)
    if queue_store.pending_due_promise_exists(store, cutoff):
        summary = settle_core(store, now=now, codes=None, config=config)
        score_and_write(store, now=now, codes=summary["codes"], config=config)
        return True
    return False


# -- claims ------------------------------------------------------------------


def claim_next(
    store: Store,
    *,
    collector: str,
    now: datetime,
    campaign_id: int | None = None,
    skip: Sequence[str] = (),
    config: Config | None = None,
    session: str | None = None,
) -> str | None:
    """Reserve and return the code of the best debtor to call now, or None.

    The collector's previous claim is released first: one debtor on screen at
    a time. A workstation passes a ``session`` (any id unique to the window):
    then only that window's previous claim is released, and a debtor the same
    collector holds in another window is not offered again. Debtors outside
    their calling hours (their own timezone, business days) are passed over
    when ``hours.enforce`` is on.
    """
    config = resolve_config(config)
    with store.transaction():
        _refresh_if_stale(store, now, config)
        queue_store.release_claims_of(store, collector, session)
        candidates = queue_store.pick_candidates(
            store,
            collector=collector,
            now=now,
            campaign_id=campaign_id,
            skip=tuple(skip),
            session=session,
        )
        code = queue_store.first_callable(candidates, _hours_check(now, config))
        if code is not None:
            expires = now + timedelta(minutes=config.queue.claim_lease_minutes)
            queue_store.set_claim(store, code, collector, expires, session)
        return code


def _hours_check(now: datetime, config: Config):
    hours = config.hours
    if not hours.enforce:
        return lambda zone: True

    def callable_in(zone: str) -> bool:
        try:
            return dates.is_calling_time(now, zone, hours.windows, config.region, hours.weekdays)
        except (KeyError, ValueError):  # unknown zone: judge on home time
            return dates.is_calling_time(
                now, config.tz, hours.windows, config.region, hours.weekdays
            )

    return callable_in


def calling_hours_open(now: datetime, config: Config | None = None) -> datetime | None:
    """None while home-timezone calling hours are open, else when they next open.

    Lets a workstation say "calls resume Monday 09:00" rather than "queue
    empty" when ``claim_next`` returns None at night, on a weekend or a holiday.
    """
    config = resolve_config(config)
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
    config: Config | None = None,
    session: str | None = None,
) -> bool:
    """Extend the lease on ``code``; False when someone (or another window) has taken it."""
    config = resolve_config(config)
    expires = now + timedelta(minutes=config.queue.claim_lease_minutes)
    with store.transaction():
        return queue_store.renew_claim(store, code, collector, now, expires, session)


def release_claim(store: Store, code: str, *, collector: str, session: str | None = None) -> bool:
    """Give ``code`` back to the queue (only if ``collector``, in ``session``, holds it)."""
    with store.transaction():
        return queue_store.release_claim(store, code, collector, session)


# -- reading -----------------------------------------------------------------


def top(
    store: Store,
    *,
    now: datetime,
    limit: int | None = 20,
    collector: str | None = None,
    campaign_id: int | None = None,
    lang: str = "fr",
    include_waiting: bool = False,
) -> list[QueueEntry]:
    """The best callable debtors now, without claiming them (claimed ones included).

    ``collector`` limits to that collector's portfolio (theirs and unassigned);
    ``include_waiting`` adds due debtors whose next try is later.
    """
    from callcenter.store.dossier import queue_entry_from_row

    rows = queue_store.queue_rows(
        store,
        now=now,
        limit=limit,
        collector=collector,
        campaign_id=campaign_id,
        include_waiting=include_waiting,
    )
    today = today_of(now, resolve_config(None))
    return [queue_entry_from_row(row, lang, today) for row in rows]


def entry(
    store: Store, code: str, *, lang: str = "fr", now: datetime | None = None
) -> QueueEntry | None:
    """One debtor's queue entry (any state), or None if never scored.

    With ``now``, a callback due today reads "for 15:30" instead of with its date.
    """
    today = today_of(now, resolve_config(None)) if now is not None else None
    return queue_store.entry(store, code, lang, today)


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
    return queue_store.rank_of(store, code, now, collector, campaign_id)


def find_debtors(store: Store, text: str, limit: int = 20) -> list[Debtor]:
    """Debtors matching ``text`` by code, name or the digits of a contact's phone."""
    if not text.strip():
        return []
    return queue_store.search_debtors(store, text, limit)

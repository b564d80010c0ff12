"""The per-number rules a call must pass: do-not-call and the caps, for the dialer and the queue.

One definition serves both: the dialer refuses a number at its cap
(:func:`cap_reached`), and the queue holds back a debtor whose every callable
number is on do-not-call or at its cap (:func:`dial_block`) until the first
one frees. Caps count attempts to the number by anyone: ``per_number_day``
per calendar day in the office timezone, ``per_number_week`` over the last
7 × 24 hours.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from callcenter.domain.record import record
from callcenter.domain.settings import Config

#: How far back the rolling cap looks; a day's attempts lie inside it too.
WEEK = timedelta(days=7)


class CapKind(StrEnum):
    DAY = "day"
    WEEK = "week"


@record
class CapReached:
    """A number at its cap: which one, how many calls against how many allowed, until when."""

    kind: CapKind
    count: int
    cap: int
    #: The first instant the number may be dialled again (both caps considered).
    free_at: datetime


@record
class DialLine:
    """One contact's number as the dialer would dial it, and what the rules need of it."""

    number: str
    do_not_call: bool = False
    #: Attempts to the number (anyone's) over the last :data:`WEEK`, any order.
    dialled: tuple[datetime, ...] = ()


@record
class DialBlock:
    """Every callable number is out: ``until`` the first comes back, None if all are do-not-call."""

    until: datetime | None


def cap_reached(dialled: Iterable[datetime], now: datetime, config: Config) -> CapReached | None:
    """The cap ``now`` breaks for a number dialled at ``dialled``, or None (it may be dialled)."""
    caps = config.dialer
    recent = sorted(at for at in dialled if at >= now - WEEK)
    midnight = now.astimezone(config.tz).replace(hour=0, minute=0, second=0, microsecond=0)
    today = sum(1 for at in recent if at >= midnight)
    day_free = _next_midnight(midnight, config.tz) if today >= caps.per_number_day else now
    # The week frees once enough of its oldest attempts slid out of the 7 days.
    week_free = (
        recent[len(recent) - caps.per_number_week] + WEEK + timedelta(seconds=1)
        if len(recent) >= caps.per_number_week
        else now
    )
    free = max(day_free, week_free)
    if today >= caps.per_number_day:
        return CapReached(CapKind.DAY, today, caps.per_number_day, free)
    if len(recent) >= caps.per_number_week:
        return CapReached(CapKind.WEEK, len(recent), caps.per_number_week, free)
    return None


def _next_midnight(midnight: datetime, zone: ZoneInfo) -> datetime:
    """The start of the next calendar day in ``zone`` (23 or 25 hours away around DST)."""
    following = midnight.date() + timedelta(days=1)
    return datetime(following.year, following.month, following.day, tzinfo=zone)


def dial_block(lines: Sequence[DialLine], now: datetime, config: Config) -> DialBlock | None:
    """Whether none of ``lines`` may be dialled now, and when the first one frees.

    No line at all is not a block: a debtor without a number stays in the queue
    (its number is looked up), as before these rules.
    """
    if not lines:
        return None
    frees: list[datetime] = []
    for line in lines:
        if line.do_not_call:
            continue
        capped = cap_reached(line.dialled, now, config)
        if capped is None:
            return None
        frees.append(capped.free_at)
    return DialBlock(min(frees) if frees else None)

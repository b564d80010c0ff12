"""Business days, calling hours and UTC instants, for the demo history."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

PARIS = ZoneInfo("Europe/Paris")


@lru_cache(maxsize=8)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.France(years=year))


def is_business(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def business_on_or_before(day: date) -> date:
    while not is_business(day):
        day -= timedelta(days=1)
    return day


def business_on_or_after(day: date) -> date:
    while not is_business(day):
        day += timedelta(days=1)
    return day


@lru_cache(maxsize=1024)
def utc_offset(day: date) -> timedelta:
    # Calling hours never straddle the 2-3 a.m. clock change, so noon's offset holds all day.
    return PARIS.utcoffset(datetime(day.year, day.month, day.day, 12)) or timedelta(0)


def instant(day: date, seconds: int) -> datetime:
    """Paris local time of day (whole seconds) -> the same moment in UTC."""
    local = datetime(day.year, day.month, day.day) + timedelta(seconds=seconds)
    return (local - utc_offset(day)).replace(tzinfo=UTC)


def calling_second(rng: random.Random) -> int:
    """A moment inside calling hours: 09:00-12:30 or 14:00-18:30, Paris time."""
    if rng.random() < 0.45:
        return rng.randrange(9 * 3600, 12 * 3600 + 1800)
    return rng.randrange(14 * 3600, 18 * 3600 + 1800)

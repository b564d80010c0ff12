"""How dates and instants are written to and read from the database, by every backend.

Instants are stored in UTC with a fixed-width ISO format so that comparing the
text in SQL compares the times; dates are stored as ``YYYY-MM-DD``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import overload


@overload
def instant_to_db(moment: datetime) -> str: ...
@overload
def instant_to_db(moment: None) -> None: ...
def instant_to_db(moment: datetime | None) -> str | None:
    """UTC ISO 8601 with offset, seconds precision: ``2026-12-15T09:30:00+00:00``."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("naive datetime: callcenter only stores timezone-aware instants")
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    # The seconds' precision said to isoformat, not by replace(): twice as fast, and every
    # pick formats its "now" (the demo writes millions of instants).
    return moment.isoformat(timespec="seconds")


@overload
def instant_from_db(text: str) -> datetime: ...
@overload
def instant_from_db(text: None) -> None: ...
def instant_from_db(text: str | None) -> datetime | None:
    """The instant a column holds (a NULL column reads as None)."""
    return datetime.fromisoformat(text) if text else None


@overload
def date_to_db(day: date) -> str: ...
@overload
def date_to_db(day: None) -> None: ...
def date_to_db(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


@overload
def date_from_db(text: str) -> date: ...
@overload
def date_from_db(text: None) -> None: ...
def date_from_db(text: str | None) -> date | None:
    """The day a column holds (a NULL column reads as None)."""
    return date.fromisoformat(text) if text else None


def bound_to_db(bound: date | datetime) -> str:
    """An instant or a day, as the column compared with it holds it (a datetime is a date too)."""
    return instant_to_db(bound) if isinstance(bound, datetime) else date_to_db(bound)

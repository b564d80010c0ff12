"""The public holidays the calling hours need, saved in the database once a year.

Computing a region's holidays makes the ``holidays`` package load every
country it knows: 8 MB and a twentieth of a second that a collector's
workstation would pay at its first debtor. So the first process to need a
year saves it in ``meta`` and every later session reads it back: one
indexed row. The full rescore (the daily cron job) computes it again from
the package, so an updated package is taken up by the next morning.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from weakref import WeakKeyDictionary

from callcenter.domain import dates
from callcenter.store import Store

#: Per open database, the (region, year) pairs already found saved or saved: one read each.
_CHECKED: WeakKeyDictionary[Store, set[tuple[str, int]]] = WeakKeyDictionary()


def meta_key(region: str, year: int) -> str:
    return f"holidays:{region}:{year}"


def ensure_calendar(store: Store, region: str, years: Iterable[int]) -> None:
    """Make ``region``'s holidays of ``years`` known: saved ones read, missing ones saved.

    Runs outside any write lock but the short one that saves a missing year.
    An unknown region raises :class:`callcenter.domain.dates.UnknownRegion`.
    """
    checked = _CHECKED.setdefault(store, set())
    unchecked = [year for year in years if (region, year) not in checked]
    unsaved = [year for year in unchecked if not _read(store, region, year)]
    if unsaved:
        save_calendar(store, region, unsaved, fresh=False)
    checked.update((region, year) for year in unchecked)


def save_calendar(store: Store, region: str, years: Iterable[int], *, fresh: bool = True) -> None:
    """Save ``region``'s holidays of ``years``; ``fresh`` asks the package, not the memory."""
    computed = {
        year: dates.computed_holidays(region, year) if fresh else dates.holidays_for(region, year)
        for year in years
    }
    with store.transaction(durable=False):  # a lost copy is only computed again
        for year, days in computed.items():
            dates.remember_holidays(region, year, days)
            store.queue.set_meta(meta_key(region, year), _encoded(days))


def _read(store: Store, region: str, year: int) -> bool:
    saved = store.queue.get_meta(meta_key(region, year))
    if saved is None:
        return False
    if dates.holidays_known(region, year):  # this process has it already
        return True
    try:
        days = [date.fromisoformat(text) for text in saved.split(",") if text]
    except ValueError:  # a damaged copy: computed and saved again
        return False
    dates.remember_holidays(region, year, days)
    return True


def _encoded(days: Iterable[date]) -> str:
    return ",".join(sorted(day.isoformat() for day in days))

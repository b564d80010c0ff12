"""Dates typed by people, business days, and calling hours.

A promise date is the one thing of a call that must be exactly right, so
:func:`parse_human_date` reads day-first French habits (``15/12``, ``fin de
mois``, ``vendredi``) and refuses anything it is not sure of, saying which
forms it accepts: it never guesses. Business days skip weekends and the
public holidays of a region (``holidays`` package, cached per year; a calendar
saved in the database can be handed in with :func:`remember_holidays`, so a
workstation need not load the package's 280 country modules to start).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

DEFAULT_REGION = "FR"
WORKING_WEEKDAYS = frozenset({1, 2, 3, 4, 5})
DEFAULT_WINDOWS: tuple[tuple[time, time], ...] = (
    (time(9, 0), time(12, 30)),
    (time(14, 0), time(18, 30)),
)

ACCEPTED_FORMS = (
    "15/12, 15/12/2026, 15/12/26, 2026-12-15, 15 décembre, +3 (business days), "
    "eom / fin de mois / fdm, aujourd'hui / today, demain / tomorrow, vendredi / friday"
)


class DateParseError(ValueError):
    """A text that is not a date we are sure of; the message says what is accepted."""


class UnknownRegion(ValueError):
    """A holidays region the ``holidays`` package does not know."""


# -- holidays and business days ------------------------------------------------


#: (region, year) -> its public holidays: computed once per process, or handed in.
_CALENDARS: dict[tuple[str, int], frozenset[date]] = {}


def holidays_for(region: str, year: int) -> frozenset[date]:
    """Public holidays of ``region`` ("FR", or "FR-57" for a subdivision) in ``year``."""
    known = _CALENDARS.get((region, year))
    if known is None:
        known = _CALENDARS[(region, year)] = computed_holidays(region, year)
    return known


def computed_holidays(region: str, year: int) -> frozenset[date]:
    """The ``holidays`` package's answer, never a remembered one (to refresh a saved copy)."""
    # Imported here: the package loads every country's module (8 MB, a twentieth of a second)
    # the first time one is asked for, which a workstation with a saved calendar never needs.
    import holidays as holidays_lib

    country, _, subdiv = region.partition("-")
    try:
        found = holidays_lib.country_holidays(country, subdiv=subdiv or None, years=year)
    except NotImplementedError as exc:
        raise UnknownRegion(f"{region!r} is not a known holidays region") from exc
    return frozenset(found.keys())


def remember_holidays(region: str, year: int, days: Iterable[date]) -> None:
    """Use ``days`` as ``region``'s holidays in ``year`` (a calendar saved earlier)."""
    _CALENDARS[(region, year)] = frozenset(days)


def holidays_known(region: str, year: int) -> bool:
    """Whether ``region``'s ``year`` is already at hand (computed or remembered)."""
    return (region, year) in _CALENDARS


def is_holiday(day: date, region: str = DEFAULT_REGION) -> bool:
    return day in holidays_for(region, day.year)


def is_business_day(
    day: date, region: str = DEFAULT_REGION, weekdays: Iterable[int] = WORKING_WEEKDAYS
) -> bool:
    """A working weekday that is not a public holiday."""
    return day.isoweekday() in weekdays and not is_holiday(day, region)


def add_business_days(day: date, n: int, region: str = DEFAULT_REGION) -> date:
    """``day`` moved by ``n`` business days (``n`` may be negative; 0 returns ``day``)."""
    step = 1 if n >= 0 else -1
    remaining = abs(n)
    current = day
    while remaining:
        current += timedelta(days=step)
        if is_business_day(current, region):
            remaining -= 1
    return current


def end_of_month_business(day: date, region: str = DEFAULT_REGION) -> date:
    """The last business day of ``day``'s month; next month's when that one has passed."""
    last = _last_business_day_of_month(day.year, day.month, region)
    if last < day:
        following = day + relativedelta(months=1)
        last = _last_business_day_of_month(following.year, following.month, region)
    return last


def _last_business_day_of_month(year: int, month: int, region: str) -> date:
    current = date(year, month, 1) + relativedelta(months=1) - timedelta(days=1)
    while not is_business_day(current, region):
        current -= timedelta(days=1)
    return current


_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_day(day: date, lang: str = "fr", year: bool = False) -> str:
    """A day in running text: ``14/10`` in French, ``14 Oct`` in English.

    English readers split between 10/14 and 14/10, and the workstation shows
    US dates month first: a month name cannot be misread by either.
    """
    if lang == "en":
        text = f"{day.day} {_MONTHS_EN[day.month - 1]}"
        return f"{text} {day.year}" if year else text
    return day.strftime("%d/%m/%Y" if year else "%d/%m")


def next_weekday(day: date, iso_weekday: int) -> date:
    """The first date strictly after ``day`` falling on ``iso_weekday`` (1 = Monday)."""
    ahead = (iso_weekday - day.isoweekday()) % 7 or 7
    return day + timedelta(days=ahead)


def next_friday(day: date) -> date:
    return next_weekday(day, 5)


# -- parsing what people type --------------------------------------------------

_WEEKDAYS = {
    "lundi": 1, "lun": 1, "monday": 1, "mon": 1,
    "mardi": 2, "mar": 2, "tuesday": 2, "tue": 2, "tues": 2,
    "mercredi": 3, "mer": 3, "wednesday": 3, "wed": 3,
    "jeudi": 4, "jeu": 4, "thursday": 4, "thu": 4, "thur": 4, "thurs": 4,
    "vendredi": 5, "ven": 5, "friday": 5, "fri": 5,
    "samedi": 6, "sam": 6, "saturday": 6, "sat": 6,
    "dimanche": 7, "dim": 7, "sunday": 7, "sun": 7,
}  # fmt: skip
_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9,
    "octobre": 10, "oct": 10, "october": 10,
    "novembre": 11, "nov": 11, "november": 11,
    "decembre": 12, "dec": 12, "december": 12,
}  # fmt: skip
_TODAY = {"aujourd'hui", "aujourdhui", "auj", "today", "ajd"}
_TOMORROW = {"demain", "tomorrow", "dem"}
_END_OF_MONTH = {"eom", "fin de mois", "fdm", "fin du mois", "end of month"}

_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}|\d{2}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})(?:er)?\s+([a-z]+)\.?(?:\s+(\d{4}|\d{2}))?$")
_PLUS = re.compile(r"^\+\s*(\d{1,3})\s*(?:j|jo|jours?|d|days?|bd)?$")


def _normalise(text: str) -> str:
    """Lower case, accents removed, inner spaces collapsed: 'Déc.' -> 'dec.'."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", plain.replace("\u2019", "'"))


def parse_human_date(text: str, today: date, region: str = DEFAULT_REGION) -> date:
    """Read a date typed by a collector, day first; raise :class:`DateParseError` if unsure.

    ``15/12`` without a year is the next 15 December (this year, or next year
    once it has passed); ``+3`` is three business days after ``today``;
    a weekday name is the next such day after today.
    """
    raw = _normalise(text)
    if not raw:
        raise DateParseError(f"no date given; accepted: {ACCEPTED_FORMS}")
    if raw in _TODAY:
        return today
    if raw in _TOMORROW:
        return today + timedelta(days=1)
    if raw in _END_OF_MONTH:
        return end_of_month_business(today, region)
    if raw.rstrip(".") in _WEEKDAYS:
        return next_weekday(today, _WEEKDAYS[raw.rstrip(".")])
    if match := _PLUS.match(raw):
        return add_business_days(today, int(match.group(1)), region)
    if match := _ISO.match(raw):
        year, month, day = (int(g) for g in match.groups())
        return _build(text, year, month, day)
    if match := _NUMERIC.match(raw):
        day_text, month_text, year_text = match.groups()
        return _day_month(text, int(day_text), int(month_text), year_text, today)
    if (match := _WORDS.match(raw)) and match.group(2) in _MONTHS:
        day_text, month_name, year_text = match.groups()
        return _day_month(text, int(day_text), _MONTHS[month_name], year_text, today)
    raise DateParseError(f"cannot read {text.strip()!r} as a date; accepted: {ACCEPTED_FORMS}")


def parse_past_date(text: str, today: date, region: str = DEFAULT_REGION) -> date:
    """A day already gone, as typed: ``20/11`` on 1 December is this year's 20 November.

    For what happened (a payment the debtor says it made); a day and month
    with no year is the latest such day on or before ``today``; anything else
    reads as :func:`parse_human_date` reads it.
    """
    found = parse_human_date(text, today, region)
    raw = _normalise(text)
    match = _NUMERIC.match(raw) or _WORDS.match(raw)
    if match and match.group(3) is None and found > today:
        return _build(text, found.year - 1, found.month, found.day)
    return found


def _day_month(text: str, day: int, month: int, year: str | None, today: date) -> date:
    if year is None:
        found = _build(text, today.year, month, day)
        if found < today:
            found = _build(text, today.year + 1, month, day)
        return found
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    return _build(text, full_year, month, day)


def _build(text: str, year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise DateParseError(f"{text.strip()!r}: there is no month {month} (day first: 15/12)")
    if not 1900 <= year <= 2200:
        raise DateParseError(f"{text.strip()!r}: year {year} is out of range")
    try:
        return date(year, month, day)
    except ValueError:
        last = (date(year, month, 1) + relativedelta(months=1) - timedelta(days=1)).day
        raise DateParseError(
            f"{text.strip()!r} is not a real date: {year}-{month:02d} has {last} days"
        ) from None


_TIME = re.compile(r"^(\d{1,2})(?:[:h](\d{2})?)?$")
_PLUS_DURATION = re.compile(r"^\+\s*(\d{1,3})\s*(h|heures?|hours?|min|mn|minutes?|m)$")


def _zone(tz: ZoneInfo | str) -> ZoneInfo:
    """Callers pass a zone name from the settings or a ready ``ZoneInfo``; accept both."""
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def parse_human_datetime(
    text: str, now: datetime, tz: ZoneInfo | str, region: str = DEFAULT_REGION
) -> datetime:
    """Read a callback moment: ``15/12 14:30``, ``14h30`` (today), ``demain 9h``, ``+2h``.

    The time is read in ``tz`` (the debtor's timezone); the result is aware.
    """
    zone = _zone(tz)
    raw = _normalise(text)
    if match := _PLUS_DURATION.match(raw):
        amount, unit = int(match.group(1)), match.group(2)
        minutes = amount * 60 if unit.startswith("h") else amount
        return now + timedelta(minutes=minutes)
    local_now = now.astimezone(zone)
    parts = raw.rsplit(" ", 1)
    if len(parts) == 2 and _TIME.match(parts[1]) and ("h" in parts[1] or ":" in parts[1]):
        day = parse_human_date(parts[0], local_now.date(), region)
        clock = _parse_time(text, parts[1])
    elif _TIME.match(raw) and ("h" in raw or ":" in raw):
        day, clock = local_now.date(), _parse_time(text, raw)
    else:
        raise DateParseError(
            f"cannot read {text.strip()!r} as a date and time; accepted: "
            "14:30, 14h30, demain 9h, 15/12 14:30, +2h, +30min"
        )
    return datetime.combine(day, clock, tzinfo=zone)


def _parse_time(text: str, raw: str) -> time:
    match = _TIME.match(raw)
    assert match is not None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        raise DateParseError(f"{text.strip()!r}: {hour:02d}:{minute:02d} is not a time of day")
    return time(hour, minute)


# -- calling hours -----------------------------------------------------------

#: Calling windows as ((start, end), ...), or an object with ``windows`` and
#: ``weekdays`` attributes such as ``callcenter.domain.settings.Hours``.
Windows = tuple[tuple[time, time], ...] | Any


def _unpack(windows: Windows, weekdays: Iterable[int]) -> tuple[tuple, Iterable[int]]:
    if hasattr(windows, "windows"):
        return tuple(windows.windows), getattr(windows, "weekdays", weekdays)
    return windows, weekdays


def is_calling_time(
    moment: datetime,
    tz: ZoneInfo | str,
    windows: Windows = DEFAULT_WINDOWS,
    region: str = DEFAULT_REGION,
    weekdays: Iterable[int] = WORKING_WEEKDAYS,
) -> bool:
    """Whether ``moment`` falls inside a calling window of a business day, in ``tz``.

    ``windows`` may also be a ``Config.hours`` object (its windows and weekdays).
    """
    windows, weekdays = _unpack(windows, weekdays)
    zone = _zone(tz)
    local = moment.astimezone(zone)
    if not is_business_day(local.date(), region, weekdays):
        return False
    clock = local.time().replace(tzinfo=None)
    return any(start <= clock < end for start, end in windows)


def next_calling_time(
    moment: datetime,
    tz: ZoneInfo | str,
    windows: Windows = DEFAULT_WINDOWS,
    region: str = DEFAULT_REGION,
    weekdays: Iterable[int] = WORKING_WEEKDAYS,
) -> datetime:
    """``moment`` itself when inside calling hours, else the start of the next window.

    The result is in ``tz``. ``windows`` may be a ``Config.hours`` object.
    Gives up after a year of non-working days, which only a settings file
    naming no weekday could cause (refused at load).
    """
    windows, weekdays = _unpack(windows, weekdays)
    zone = _zone(tz)
    local = moment.astimezone(zone)
    if is_calling_time(local, zone, windows, region, weekdays):
        return local
    day = local.date()
    clock = local.time().replace(tzinfo=None)
    for _ in range(366):
        if is_business_day(day, region, weekdays):
            for start, _end in windows:
                if start >= clock:
                    return datetime.combine(day, start, tzinfo=zone)
        day += timedelta(days=1)
        clock = time(0, 0)
    raise ValueError("no calling window within a year: check hours.weekdays")


def first_window_of_next_business_day(
    moment: datetime,
    tz: ZoneInfo | str,
    windows: Windows = DEFAULT_WINDOWS,
    region: str = DEFAULT_REGION,
    weekdays: Iterable[int] = WORKING_WEEKDAYS,
) -> datetime:
    """The first calling window on a business day after ``moment``'s local day."""
    windows, weekdays = _unpack(windows, weekdays)
    zone = _zone(tz)
    local = moment.astimezone(zone)
    following = datetime.combine(local.date() + timedelta(days=1), time(0, 0), tzinfo=zone)
    return next_calling_time(following, zone, windows, region, weekdays)


def start_of_day(day: date, tz: ZoneInfo | str) -> datetime:
    zone = _zone(tz)
    return datetime.combine(day, time(0, 0), tzinfo=zone)

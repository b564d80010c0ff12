"""When a contact can be reached, read from the free text of their best hours.

Files say it the way people do: ``14h-17h``, ``9:00-12:00``, ``avant 10h``,
``après 16h``, ``matin``, ``après-midi``, ``mardi et jeudi``, ``morning``.
:func:`reachable_at` answers True or False when the text says something about
the hour and weekday, and None when it says nothing this reads (the contact is
then neither preferred nor passed over).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, time

_HOUR = r"(\d{1,2})(?:\s*[h:]\s*(\d{2})?)?"
_RANGE = re.compile(rf"{_HOUR}\s*(?:-|–|à|a|to)\s*{_HOUR}")
_BEFORE = re.compile(rf"(?:avant|before|until|jusqu'a)\s*{_HOUR}")
_AFTER = re.compile(rf"(?:apres|after|from|des|a partir de)\s*{_HOUR}")
_PERIODS = {
    "apres-midi": (time(13, 30), time(18, 0)),
    "afternoon": (time(13, 30), time(18, 0)),
    "matin": (time(8, 0), time(12, 0)),
    "morning": (time(8, 0), time(12, 0)),
    "midi": (time(12, 0), time(14, 0)),
    "soir": (time(17, 0), time(20, 0)),
    "evening": (time(17, 0), time(20, 0)),
}
_DAYS = (
    ("lundi", "monday"),
    ("mardi", "tuesday"),
    ("mercredi", "wednesday"),
    ("jeudi", "thursday"),
    ("vendredi", "friday"),
    ("samedi", "saturday"),
    ("dimanche", "sunday"),
)


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in folded if not unicodedata.combining(c))


def _at(hour: str, minute: str | None) -> time | None:
    h, m = int(hour), int(minute or 0)
    return time(h, m) if h < 24 and m < 60 else None


def _windows(text: str) -> list[tuple[time, time]] | None:
    """The hour windows ``text`` names, None when it names none."""
    windows: list[tuple[time, time]] = []
    rest = text
    for match in _RANGE.finditer(text):
        start, end = _at(match[1], match[2]), _at(match[3], match[4])
        if start and end:
            windows.append((start, end))
        rest = rest.replace(match[0], " ")
    if (before := _BEFORE.search(rest)) and (end := _at(before[1], before[2])):
        windows.append((time(0, 0), end))
    if (after := _AFTER.search(rest)) and (start := _at(after[1], after[2])):
        windows.append((start, time(23, 59)))
    for word, window in _PERIODS.items():
        if word in rest:
            windows.append(window)
            rest = rest.replace(word, " ")
    return windows or None


def reachable_at(best_hours: str, moment: datetime) -> bool | None:
    """Whether ``best_hours`` includes ``moment`` (local to the contact); None: cannot tell."""
    text = _plain(best_hours or "")
    if not text.strip():
        return None
    days = [index for index, names in enumerate(_DAYS) if any(n in text for n in names)]
    if days and moment.weekday() not in days:
        return False
    windows = _windows(text)
    if windows is None:
        return True if days else None
    clock = moment.time()
    return any(start <= clock < end for start, end in windows)

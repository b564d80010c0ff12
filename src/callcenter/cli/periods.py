"""Report periods as typed on the command line (``--since``, ``--until``)."""

from __future__ import annotations

import re
from datetime import date

from callcenter.cli.common import fail, worded
from callcenter.domain.dates import DateParseError, parse_human_date


def past_date(text: str | None, today: date) -> date | None:
    """A period bound: ISO or day-first dates, or ``-30`` for 30 days ago.

    Typed without a year, ``15/11`` means the last 15 November, not the next
    one: a report is about the past.
    """
    if text is None:
        return None
    raw = text.strip()
    if match := re.fullmatch(r"-(\d{1,4})", raw):
        return date.fromordinal(today.toordinal() - int(match.group(1)))
    try:
        day = parse_human_date(raw, today)
    except DateParseError as exc:
        fail(worded(exc), code=2)
    if day > today and not re.search(r"\d{4}", raw):
        day = day.replace(year=day.year - 1)
    return day

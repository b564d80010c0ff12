"""Dates typed by collectors, business days and calling hours."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from callcenter.domain.dates import (
    DateParseError,
    add_business_days,
    end_of_month_business,
    first_window_of_next_business_day,
    holidays_for,
    is_business_day,
    is_calling_time,
    next_calling_time,
    next_friday,
    parse_human_date,
    parse_human_datetime,
)

PARIS = ZoneInfo("Europe/Paris")
TODAY = date(2026, 11, 24)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/12", date(2026, 12, 15)),
        ("15/12/2026", date(2026, 12, 15)),
        ("15/12/26", date(2026, 12, 15)),
        ("15.12.2026", date(2026, 12, 15)),
        ("2026-12-15", date(2026, 12, 15)),
        ("15 décembre", date(2026, 12, 15)),
        ("15 Dec 2027", date(2027, 12, 15)),
        ("1er janvier", date(2027, 1, 1)),
        ("24/11", TODAY),  # today is still this year's
        ("23/11", date(2027, 11, 23)),  # passed: next year's, never a past date
        ("+1", date(2026, 11, 25)),
        ("+3", date(2026, 11, 27)),
        ("+4", date(2026, 11, 30)),  # skips the weekend
        ("+ 5 jours", date(2026, 12, 1)),
        ("eom", date(2026, 11, 30)),
        ("Fin de mois", date(2026, 11, 30)),
        ("fdm", date(2026, 11, 30)),
        ("demain", date(2026, 11, 25)),
        ("tomorrow", date(2026, 11, 25)),
        ("aujourd'hui", TODAY),
        ("vendredi", date(2026, 11, 27)),
        ("ven", date(2026, 11, 27)),
        ("Friday", date(2026, 11, 27)),
        ("mardi", date(2026, 12, 1)),  # today is Tuesday: the next one
        ("  15/12  ", date(2026, 12, 15)),
    ],
)
def test_parse_human_date_accepts_what_collectors_type(text, expected):
    assert parse_human_date(text, TODAY) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02", "2026-02 has 28 days"),
        ("31/02/2026", "2026-02 has 28 days"),
        ("29/02/2027", "2027-02 has 28 days"),
        ("31/04", "-04 has 30 days"),
        ("12/13", "no month 13"),
        ("2026-13-01", "no month 13"),
        ("", "no date given"),
        ("bientôt", "accepted:"),
        ("15/12/2026/1", "accepted:"),
        ("12/15", "no month 15"),  # month-first is refused, never swapped
        ("+", "accepted:"),
        ("00/12", "is not a real date"),
    ],
)
def test_parse_human_date_refuses_rather_than_guesses(text, message):
    with pytest.raises(DateParseError, match=message):
        parse_human_date(text, TODAY)


def test_end_of_month_after_the_last_business_day_is_next_month():
    # 31/10/2026 is a Saturday: the last business day of October is Friday 30.
    assert end_of_month_business(date(2026, 10, 29)) == date(2026, 10, 30)
    assert end_of_month_business(date(2026, 10, 31)) == date(2026, 11, 30)
    # December 2026: 31 is a Thursday.
    assert end_of_month_business(date(2026, 12, 1)) == date(2026, 12, 31)


def test_french_public_holidays_are_not_business_days():
    assert date(2026, 12, 25) in holidays_for("FR", 2026)
    assert not is_business_day(date(2026, 12, 25))  # Christmas, a Friday
    assert not is_business_day(date(2026, 11, 11))  # Armistice, a Wednesday
    assert not is_business_day(date(2026, 4, 6))  # Easter Monday 2026
    assert not is_business_day(date(2027, 3, 29))  # Easter Monday 2027 (moves every year)
    assert not is_business_day(date(2026, 11, 28))  # a Saturday
    assert is_business_day(date(2026, 11, 24))
    # Alsace-Moselle also rests on 26 December (a Saturday in 2026, so use 2025: Friday).
    assert is_business_day(date(2025, 12, 26), "FR")
    assert not is_business_day(date(2025, 12, 26), "FR-57")


def test_add_business_days_skips_christmas_weekend_and_11_november():
    assert add_business_days(date(2026, 12, 24), 1) == date(2026, 12, 28)
    assert add_business_days(date(2026, 11, 10), 1) == date(2026, 11, 12)
    assert add_business_days(date(2026, 4, 3), 1) == date(2026, 4, 7)  # Easter Monday
    assert add_business_days(date(2026, 12, 28), -1) == date(2026, 12, 24)
    assert add_business_days(TODAY, 0) == TODAY


def test_next_friday_is_strictly_after():
    assert next_friday(date(2026, 11, 27)) == date(2026, 12, 4)
    assert next_friday(date(2026, 11, 26)) == date(2026, 11, 27)


def at(y, m, d, hh, mm, tz=PARIS):
    return datetime(y, m, d, hh, mm, tzinfo=tz)


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(2026, 11, 24, 10, 0), at(2026, 11, 24, 10, 0)),  # inside: itself
        (at(2026, 11, 24, 8, 15), at(2026, 11, 24, 9, 0)),
        (at(2026, 11, 24, 12, 30), at(2026, 11, 24, 14, 0)),  # lunch starts at 12:30
        (at(2026, 11, 24, 18, 30), at(2026, 11, 25, 9, 0)),
        (at(2026, 11, 27, 19, 0), at(2026, 11, 30, 9, 0)),  # Friday evening -> Monday
        (at(2026, 12, 24, 19, 0), at(2026, 12, 28, 9, 0)),  # Christmas + weekend
        (at(2026, 11, 10, 19, 0), at(2026, 11, 12, 9, 0)),  # 11 November
        (at(2026, 4, 3, 19, 0), at(2026, 4, 7, 9, 0)),  # Easter Monday
    ],
)
def test_next_calling_time(moment, expected):
    assert next_calling_time(moment, PARIS) == expected


def test_calling_hours_are_the_debtors_local_time():
    # 16:00 in Paris is 11:00 in Martinique (UTC-4): inside its morning window.
    martinique = ZoneInfo("America/Martinique")
    moment = at(2026, 11, 24, 16, 0)
    assert is_calling_time(moment, martinique)
    # 9:00 in Paris is 4:00 there: its next window opens at 9:00 local (14:00 Paris).
    later = next_calling_time(at(2026, 11, 24, 9, 0), martinique)
    assert later == datetime(2026, 11, 24, 9, 0, tzinfo=martinique)
    assert later.astimezone(PARIS).hour == 14


def test_first_window_of_next_business_day():
    assert first_window_of_next_business_day(at(2026, 11, 27, 10, 0), PARIS) == at(
        2026, 11, 30, 9, 0
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/12 14:30", at(2026, 12, 15, 14, 30)),
        ("demain 9h", at(2026, 11, 25, 9, 0)),
        ("16h30", at(2026, 11, 24, 16, 30)),
        ("14:00", at(2026, 11, 24, 14, 0)),
        ("+2h", at(2026, 11, 24, 12, 0)),
        ("+30min", at(2026, 11, 24, 10, 30)),
    ],
)
def test_parse_human_datetime(text, expected):
    assert parse_human_datetime(text, at(2026, 11, 24, 10, 0), PARIS) == expected


@pytest.mark.parametrize("text", ["25h", "15/12 24:00", "demain", "14", "later"])
def test_parse_human_datetime_refuses(text):
    with pytest.raises(DateParseError):
        parse_human_datetime(text, at(2026, 11, 24, 10, 0), PARIS)


# -- properties ----------------------------------------------------------------

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2150, 12, 31))


@settings(deadline=None)  # holiday tables are built on first use of a year
@given(days, days)
def test_dd_mm_yyyy_round_trips(day, today):
    assert parse_human_date(day.strftime("%d/%m/%Y"), today) == day
    assert parse_human_date(day.isoformat(), today) == day


@settings(deadline=None)  # holiday tables are built on first use of a year
@given(days, st.integers(min_value=1, max_value=120))
def test_plus_n_is_a_business_day_after_today(today, n):
    found = parse_human_date(f"+{n}", today)
    assert found > today
    assert is_business_day(found)
    assert found.isoweekday() < 6
    # exactly n business days in between
    between = sum(
        1 for k in range(1, (found - today).days + 1) if is_business_day(today + timedelta(k))
    )
    assert between == n


@settings(deadline=None)  # holiday tables are built on first use of a year
@given(days)
def test_day_month_without_year_is_never_in_the_past(today):
    try:
        found = parse_human_date(f"{today.day:02d}/{today.month:02d}", today)
    except DateParseError:  # 29/02 outside leap years
        assert (today.month, today.day) == (2, 29)
        return
    assert found == today
    yesterday = today - timedelta(days=1)
    try:
        again = parse_human_date(f"{yesterday.day}/{yesterday.month}", today)
    except DateParseError:
        return
    assert again > today


@settings(deadline=None)  # holiday tables are built on first use of a year
@given(st.text(max_size=20), days)
def test_any_text_is_a_date_or_a_clear_refusal(text, today):
    try:
        found = parse_human_date(text, today)
    except DateParseError as exc:
        assert str(exc)
    else:
        assert isinstance(found, date)


@settings(deadline=None)  # holiday tables are built on first use of a year
@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31)),
)
def test_next_calling_time_is_inside_hours_and_not_earlier(naive):
    moment = naive.replace(tzinfo=PARIS)
    found = next_calling_time(moment, PARIS)
    assert found >= moment
    assert is_calling_time(found, PARIS)
    local = found.astimezone(PARIS)
    assert time(9, 0) <= local.time() < time(18, 30)


def test_calling_hours_accept_the_config_hours():
    from callcenter.domain.settings import Hours

    saturdays = Hours(windows=((time(10, 0), time(12, 0)),), weekdays=frozenset({6}))
    friday_evening = at(2026, 11, 27, 19, 0)
    assert next_calling_time(friday_evening, PARIS, saturdays) == at(2026, 11, 28, 10, 0)
    assert not is_calling_time(at(2026, 11, 24, 10, 30), PARIS, saturdays)

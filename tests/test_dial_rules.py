"""The per-number rules the dialer and the queue share: caps and do-not-call."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from callcenter.config import config_from_dict
from callcenter.domain.dial_rules import CapKind, DialBlock, DialLine, cap_reached, dial_block

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
CONFIG = config_from_dict({"dialer": {"per_number_day": 2, "per_number_week": 3}})


def test_the_daily_cap_frees_at_midnight_office_time():
    capped = cap_reached([NOW - timedelta(hours=1), NOW], NOW, CONFIG)
    assert capped is not None and (capped.kind, capped.count, capped.cap) == (CapKind.DAY, 2, 2)
    assert capped.free_at == datetime(2026, 11, 25, tzinfo=PARIS)
    assert cap_reached([NOW - timedelta(days=1), NOW], NOW, CONFIG) is None


def test_the_week_frees_when_its_oldest_call_slides_out():
    dialled = [NOW - timedelta(days=6), NOW - timedelta(days=2), NOW - timedelta(days=1)]
    capped = cap_reached([*dialled, NOW - timedelta(days=8)], NOW, CONFIG)
    assert capped is not None and (capped.kind, capped.count) == (CapKind.WEEK, 3)
    assert capped.free_at == NOW + timedelta(days=1, seconds=1)


def test_midnight_across_a_clock_change_is_the_next_calendar_day():
    saturday = datetime(2026, 10, 24, 18, 0, tzinfo=PARIS)  # clocks go back that night
    capped = cap_reached([saturday, saturday], saturday, CONFIG)
    assert capped is not None and capped.free_at == datetime(2026, 10, 25, tzinfo=PARIS)


def test_a_block_needs_every_line_out_and_ends_with_the_first_freed():
    full = DialLine("+33102030405", dialled=(NOW, NOW))
    flagged = DialLine("+33105060708", do_not_call=True)
    assert dial_block([], NOW, CONFIG) is None
    assert dial_block([full, DialLine("+33111111111")], NOW, CONFIG) is None
    assert dial_block([full, flagged], NOW, CONFIG) == DialBlock(
        datetime(2026, 11, 25, tzinfo=PARIS)
    )
    assert dial_block([flagged], NOW, CONFIG) == DialBlock(None)

"""How instants are written: fixed-width UTC text, so SQL compares them as times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from callcenter.store.codec import instant_from_db, instant_to_db

ZONES = st.sampled_from(
    [UTC, ZoneInfo("Europe/Paris"), ZoneInfo("America/Martinique"), ZoneInfo("Pacific/Noumea")]
    + [timezone(timedelta(minutes=m)) for m in (-570, 0, 345)]
)
INSTANTS = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1))


@given(INSTANTS, ZONES)
def test_an_instant_is_written_in_utc_to_the_second(naive, zone):
    moment = naive.replace(tzinfo=zone)
    text = instant_to_db(moment)
    assert len(text) == 25 and text.endswith("+00:00")
    assert instant_from_db(text) == moment.replace(microsecond=0)


@given(INSTANTS, INSTANTS, ZONES, ZONES)
def test_the_texts_sort_as_the_instants(a, b, zone_a, zone_b):
    first, second = a.replace(tzinfo=zone_a), b.replace(tzinfo=zone_b)
    if first.replace(microsecond=0) < second.replace(microsecond=0):
        assert instant_to_db(first) < instant_to_db(second)

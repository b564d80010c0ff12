"""The normaliser parses a national number once and reads it as the per-region parse did.

``domain.phones._parse`` used to parse a national form in each of the eight
overseas regions before France (1.3 ms a number); it now parses it once and
checks that national number under each overseas country code. ``region_by_region``
below is that earlier reading, kept as the oracle: both must give the same
number for every text, valid or not.
"""

from __future__ import annotations

import phonenumbers
from hypothesis import given, settings
from hypothesis import strategies as st

from callcenter.domain import phones

REGIONS = ("GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF")


def region_by_region(typed: str) -> phonenumbers.PhoneNumber | None:
    """The earlier ``_parse``: the text parsed in each overseas region, then in France.

    A national ``08`` number skips the overseas regions: those numbers are French
    wherever they are dialled (``test_phones``), which the earlier reading got wrong.
    """
    text = phones._FRENCH_EXTENSION.sub(" ext. ", typed)
    international = text.lstrip().startswith(("+", "00"))
    home = _parse_in(text, "FR")
    special = home is not None and str(home.national_number).startswith("8")
    for region in (*(() if international or special else REGIONS), "FR"):
        number = _parse_in(text, region)
        if number is not None and phonenumbers.is_valid_number(number):
            return number
    number = _parse_in(text, "FR")
    if number is not None and number.country_code == 33 and phones._french_length(number):
        return number
    return None


def _parse_in(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def same(typed: str) -> None:
    assert phones._parse(typed) == region_by_region(typed), typed


#: The first digits that decide a region: every French and overseas range of the metadata
#: (0262 La Réunion, 0269/0639 Mayotte, 059x/069x the Antilles and Guiana, 0708/0709,
#: 080x-082x and 089x shared numbers, 0976...), and metropolitan ones around them.
PREFIXES = (
    "01", "02", "0262", "0263", "0268", "0269", "03", "04", "05", "0590", "0594", "0596",
    "0598", "06", "0639", "0690", "0691", "0692", "0693", "0694", "0696", "0697", "07",
    "0700", "0708", "0709", "08", "0800", "0810", "0825", "0884", "0890", "0899", "09",
    "0939", "0947", "0976",
)  # fmt: skip
SEPARATORS = ("", " ", ".", "-", "  ")


@st.composite
def national(draw) -> str:
    """``0`` + nine digits from a deciding prefix, written with a typist's separators."""
    prefix = draw(st.sampled_from(PREFIXES))
    rest = draw(st.text("0123456789", min_size=10 - len(prefix), max_size=10 - len(prefix)))
    digits = prefix + rest
    sep = draw(st.sampled_from(SEPARATORS))
    pairs = [digits[i : i + 2] for i in range(0, 10, 2)]
    return sep.join(pairs)


@st.composite
def typed(draw) -> str:
    """Anything a contacts column holds: international forms, short and long numbers,
    extensions in French or English, stray words."""
    lead = draw(st.sampled_from(("", "0", "+33 ", "0033 ", "+33 (0)", "+590 ", "+262 ", "+508 ")))
    body = draw(st.text("0123456789 .-", min_size=1, max_size=14))
    tail = draw(st.sampled_from(("", " poste 12", " p. 3", " ext. 45", " x9", " (standard)")))
    return lead + body + tail


@settings(max_examples=300, deadline=None)
@given(national())
def test_a_national_number_reads_as_before(text):
    same(text)


@settings(max_examples=300, deadline=None)
@given(typed())
def test_any_typed_number_reads_as_before(text):
    same(text)


def test_the_cases_that_decide_a_region():
    for text in (
        "0262 21 00 00",  # La Réunion, fixed
        "0639 12 34 56",  # Mayotte, mobile
        "0596 61 23 45",  # Martinique, though also a metropolitan range
        "0690 12 34 56",  # Guadeloupe, mobile
        "0694 12 34 56",  # Guiana, mobile
        "0708 41 23 45",  # Saint-Pierre-et-Miquelon's nine-digit numbers
        "41 23 45",  # a six-digit Saint-Pierre number, without its 0
        "06 39 98 78 37",  # the range set aside for fiction: French by length only
        "01 23 45 67 89 poste 12",
        "+33 1 23 45 67 89",
        "0033 1 23 45 67 89",
        "+44 20 7946 0958",
        "12",
        "voir standard",
    ):
        same(text)

"""Phone numbers in one form: E.164 in the database, one national format on screen.

Ledgers and CSV files write the same number as ``0536493675``,
``+33 5 36 49 36 75``, ``0033 5 36 49 36 75`` or ``05.36.49.36.75``; stored as
typed they neither compare equal nor dial. On import every number goes
through :func:`normalise_phone` (Google's libphonenumber metadata, kept
current upstream): the stored form is E.164 (``+33536493675``), with an
extension as RFC 3966 writes it (``+33123456789;ext=12``). A number written
in the French national format is read as French, or as one of the overseas
departments that share that format (``0262…`` is La Réunion, ``+262 262…``).
What cannot be read as a valid number (``12``, ``voir standard``) is kept as
typed: :func:`is_normalised` tells it apart, the importer counts it, the
dossier flags it and no dialer will dial it.
"""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberFormat

#: Regions that dial as ``0`` + nine digits inside France: tried before France itself
#: because ``0596…`` (Martinique) is also a valid metropolitan range in the metadata.
_OVERSEAS = ("GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF")
_HOME = "FR"
#: The French words for an extension, which libphonenumber does not know.
_FRENCH_EXTENSION = re.compile(r"\b(?:poste|post\.?|p\.)\s*", re.IGNORECASE)
#: The stored form: E.164, optionally with an RFC 3966 extension.
_STORED = re.compile(r"^\+[1-9]\d{6,14}(?:;ext=\d{1,10})?$")


def _parse(typed: str) -> PhoneNumber | None:
    """The number ``typed`` names, or None.

    A number valid in the metadata wins; failing that, a French number of the
    right length is taken too (``06 39 98…``, the range set aside for fiction,
    or a range allocated after the metadata was cut): a wrong flag would stop a
    collector from dialling, while a wrong length or letters is never a number.
    """
    text = _FRENCH_EXTENSION.sub(" ext. ", typed)
    international = text.lstrip().startswith(("+", "00"))
    for region in (*(() if international else _OVERSEAS), _HOME):
        number = _parse_in(text, region)
        if number is not None and phonenumbers.is_valid_number(number):
            return number
    number = _parse_in(text, _HOME)
    if number is not None and number.country_code == 33 and _french_length(number):
        return number
    return None


def _parse_in(text: str, region: str) -> PhoneNumber | None:
    try:
        return phonenumbers.parse(text, region)
    except NumberParseException:
        return None


def _french_length(number: PhoneNumber) -> bool:
    """Nine digits after +33, the first not 0: the shape of every French number."""
    national = str(number.national_number)
    return len(national) == 9 and not number.italian_leading_zero


def normalise_phone(typed: str | None) -> str:
    """The stored form of ``typed``: E.164 (``;ext=N``) when valid, else the text as typed."""
    text = (typed or "").strip()
    if not text:
        return ""
    number = _parse(text)
    if number is None:
        return text
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    return f"{e164};ext={number.extension}" if number.extension else e164


def is_normalised(stored: str | None) -> bool:
    """Whether ``stored`` is in the E.164 form (a number found valid on import)."""
    return bool(stored) and _STORED.match(stored or "") is not None


def is_flagged(stored: str | None) -> bool:
    """A number present but not understood: shown as typed, never dialled."""
    return bool((stored or "").strip()) and _parse((stored or "").strip()) is None


def dial_number(stored: str | None) -> str | None:
    """The E.164 number to dial for ``stored`` (without extension), or None."""
    text = (stored or "").strip()
    number = _parse(text) if text else None
    return None if number is None else phonenumbers.format_number(number, PhoneNumberFormat.E164)


def display_phone(stored: str | None) -> str:
    """``stored`` as a collector reads it; as typed when it is not a valid number.

    French and overseas numbers in their national format (``05 36 49 36 75``,
    ``0262 21 00 00``), others internationally (``+44 20 7946 0958``), an
    extension after ``ext.``. Numbers imported before normalisation read the
    same, since the typed text is parsed here too.
    """
    text = (stored or "").strip()
    if not text:
        return ""
    number = _parse(text)
    if number is None:
        return text
    region = phonenumbers.region_code_for_number(number)
    national = region == _HOME or region in _OVERSEAS
    style = PhoneNumberFormat.NATIONAL if national else PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)

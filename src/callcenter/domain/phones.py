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

The package and its metadata cost ~20 ms to load, most of a workstation's
first dossier beyond Textual's own start: a stored metropolitan number
(``+33`` and nine digits, the ledgers' usual case) is shown, checked and
dialled without it (:data:`_METROPOLITAN`, the one national format the
metadata gives those numbers); anything else loads it on first use.
"""

from __future__ import annotations

import re
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

#: The country codes of the regions that dial as ``0`` + nine digits inside France
#: (Guadeloupe, Saint-Barthélemy and Saint-Martin share +590; La Réunion and Mayotte
#: +262; then Martinique, Guiana, Saint-Pierre-et-Miquelon): a national number valid
#: under one of them is theirs, tried before France itself because ``0596…``
#: (Martinique) is also a valid metropolitan range in the metadata.
_OVERSEAS_CODES = (590, 596, 594, 262, 508)
#: Their regions, whose numbers read in the national format as French ones do.
_OVERSEAS_REGIONS = ("GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF")
_HOME = "FR"
#: The French words for an extension, which libphonenumber does not know.
_FRENCH_EXTENSION = re.compile(r"\b(?:poste|post\.?|p\.)\s*", re.IGNORECASE)
#: The stored form: E.164, optionally with an RFC 3966 extension.
_STORED = re.compile(r"^\+[1-9]\d{6,14}(?:;ext=\d{1,10})?$")
#: A stored French number whose first digit takes FR's ``0X XX XX XX XX`` format: every
#: such number parses (valid, or of French length), dials as stored and reads so.
_METROPOLITAN = re.compile(r"\+33([1-79])([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})")


@cache
def _lib() -> ModuleType:
    """phonenumbers, imported the first time a number needs it."""
    import phonenumbers

    return phonenumbers


def _parse(typed: str) -> PhoneNumber | None:
    """The number ``typed`` names, or None.

    A number valid in the metadata wins; failing that, a French number of the
    right length is taken too (``06 39 98…``, the range set aside for fiction,
    or a range allocated after the metadata was cut): a wrong flag would stop a
    collector from dialling, while a wrong length or letters is never a number.

    A national form is tried in the overseas regions first. The usual one, ``0``
    and nine digits, is parsed once: every region of :data:`_OVERSEAS_CODES`
    reads it as France does (national prefix ``0``, nine-digit numbers), so its
    national number is checked under each of their country codes (0.16 ms a
    number, against 0.55 ms parsing the text again per region). Other lengths
    depend on the region (Saint-Pierre also has six-digit numbers) and are
    parsed region by region.
    """
    phonenumbers = _lib()
    text = _FRENCH_EXTENSION.sub(" ext. ", typed)
    number = _parse_in(text, _HOME)
    if number is None:
        return None
    if not text.lstrip().startswith(("+", "00")):  # a national form
        if not _french_length(number):
            return _parse_by_region(text)
        for code in () if _non_geographic(number) else _OVERSEAS_CODES:
            overseas = _with_country_code(number, code)
            if phonenumbers.is_valid_number(overseas):
                return overseas
    if phonenumbers.is_valid_number(number) or (
        number.country_code == 33 and _french_length(number)
    ):
        return number
    return None


def _parse_by_region(text: str) -> PhoneNumber | None:
    """A national form of another length than nine digits, parsed in each region in turn."""
    phonenumbers = _lib()
    for region in (*_OVERSEAS_REGIONS, _HOME):
        number = _parse_in(text, region)
        if number is not None and phonenumbers.is_valid_number(number):
            return number
    return None


def _with_country_code(number: PhoneNumber, code: int) -> PhoneNumber:
    """``number``'s national number and extension under another country code."""
    return _lib().PhoneNumber(
        country_code=code,
        national_number=number.national_number,
        extension=number.extension,
        italian_leading_zero=number.italian_leading_zero,
        number_of_leading_zeros=number.number_of_leading_zeros,
    )


def _parse_in(text: str, region: str) -> PhoneNumber | None:
    phonenumbers = _lib()
    try:
        return phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None


def _non_geographic(number: PhoneNumber) -> bool:
    """A French ``08`` number: free, shared-cost or premium, one plan for all of France.

    ARCEP ties these numbers to no territory, and their international form is
    ``+33 8…`` wherever the caller is. The metadata also lists ``0800``–``0829`` and
    ``0890``–``0899`` under Guadeloupe (``0884`` under La Réunion), as numbers dialled
    there; read as overseas, a company's hotline typed ``0810 12 34 56`` was stored as
    ``+590810123456``, which no dialer in France reaches.
    """
    return str(number.national_number).startswith("8")


def _french_length(number: PhoneNumber) -> bool:
    """Nine digits after +33, the first not 0: the shape of every French number."""
    national = str(number.national_number)
    return len(national) == 9 and not number.italian_leading_zero


def normalise_phone(typed: str | None) -> str:
    """The stored form of ``typed``: E.164 (``;ext=N``) when valid, else the text as typed."""
    text = (typed or "").strip()
    if not text:
        return ""
    if _METROPOLITAN.fullmatch(text):
        return text
    number = _parse(text)
    if number is None:
        return text
    phonenumbers = _lib()
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={number.extension}" if number.extension else e164


def is_normalised(stored: str | None) -> bool:
    """Whether ``stored`` is in the E.164 form (a number found valid on import)."""
    return bool(stored) and _STORED.match(stored or "") is not None


def is_flagged(stored: str | None) -> bool:
    """A number present but not understood: shown as typed, never dialled."""
    text = (stored or "").strip()
    return bool(text) and not _METROPOLITAN.fullmatch(text) and _parse(text) is None


def dial_number(stored: str | None) -> str | None:
    """The E.164 number to dial for ``stored`` (without extension), or None."""
    text = (stored or "").strip()
    if _METROPOLITAN.fullmatch(text):
        return text
    number = _parse(text) if text else None
    if number is None:
        return None
    phonenumbers = _lib()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


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
    if metropolitan := _METROPOLITAN.fullmatch(text):
        return "0" + " ".join(metropolitan.groups())
    number = _parse(text)
    if number is None:
        return text
    phonenumbers = _lib()
    region = phonenumbers.region_code_for_number(number)
    national = region == _HOME or region in _OVERSEAS_REGIONS
    Format = phonenumbers.PhoneNumberFormat
    style = Format.NATIONAL if national else Format.INTERNATIONAL
    return phonenumbers.format_number(number, style)

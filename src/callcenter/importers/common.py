"""What every import reads the same way: encodings, separators, dates, amounts, yes/no.

French accounting packages and spreadsheets write the same facts in many
spellings; these helpers accept the spellings seen in practice and refuse
anything ambiguous with a message that quotes the offending text, so an
import never guesses silently.
"""

from __future__ import annotations

import codecs
import gc
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from callcenter.domain.money import AmountError, check_bound, parse_amount
from callcenter.importers.errors import BadValue

#: Bytes looked at to choose the encoding; a later decoding error restarts the read.
ENCODING_SAMPLE = 1 << 20
#: Next encoding to try when a file does not decode with the current one.
FALLBACK_ENCODING = {"utf-8-sig": "cp1252", "cp1252": "latin-1", "iso-8859-15": "latin-1"}
_C1_BYTES = re.compile(rb"[\x80-\x9f]")
#: Where ISO-8859-15 differs from Latin-1: € Š š Ž ž Œ œ Ÿ.
_LATIN9_BYTES = re.compile(rb"[\xa4\xa6\xa8\xb4\xb8\xbc\xbd\xbe]")


def detect_encoding(path: str | os.PathLike) -> str:
    """UTF-8 (with or without BOM), else ISO-8859-15 or Windows-1252.

    The 8-bit encodings differ on few bytes, and a ledger may hold none of
    them: Windows-1252 uses 0x80-0x9F (``€`` is 0x80, ``œ`` 0x9C...), which
    ISO-8859-15 and Latin-1 leave to control codes; ISO-8859-15 puts ``€ Š š
    Ž ž Œ œ Ÿ`` on bytes where Latin-1 (and Windows-1252) have signs no
    ledger writes (``¤ ¦ ¨ ´ ¸ ¼ ½ ¾``). So a file with a byte of the
    0x80-0x9F range is Windows-1252; one with a byte of the second set (and
    none of the first) is ISO-8859-15; the rest reads the same in all three.
    """
    with open(path, "rb") as handle:
        sample = handle.read(ENCODING_SAMPLE)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        pass
    if not _C1_BYTES.search(sample) and _LATIN9_BYTES.search(sample):
        return "iso-8859-15"
    return "cp1252"


def detect_separator(header: str, candidates: str) -> str | None:
    """The candidate character that appears most often in the header line."""
    counts = {sep: header.count(sep) for sep in candidates}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else None


def header_key(name: str) -> str:
    """A column name folded for comparison: no BOM, accents, case, spaces or quotes."""
    text = unicodedata.normalize("NFKD", name.replace("\ufeff", "").strip().strip('"').strip())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().replace(" ", "").replace("_", "")


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector while a big file is read and written.

    An import builds a million small objects and no reference cycles; the
    collector would rescan them again and again for nothing (a third of the
    time on a million lines).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def file_sha256(path: str | os.PathLike) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


# -- dates -------------------------------------------------------------------


def parse_date(text: str) -> date:
    """``YYYYMMDD``, ``YYYY-MM-DD`` or day first ``DD/MM/YYYY`` (also ``-`` or ``.``).

    A time part after a space or ``T`` (spreadsheets add ``00:00:00``) is
    ignored. Two-digit years are refused: ``01/02/03`` has too many readings.
    """
    day = _parse_day(text)
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        # 9999-12-31 plus payment terms overflows; 0026 is a typo for 2026.
        raise BadValue("import.date_range", low=MIN_YEAR, high=MAX_YEAR, text=repr(text))
    return day


#: Dates an import accepts; anything else is a typo or a placeholder (01/01/9999).
MIN_YEAR, MAX_YEAR = 1900, 2200


def _parse_day(text: str) -> date:
    raw = text.strip()
    day_part = raw.split(" ", 1)[0].split("T", 1)[0]
    try:
        if len(day_part) == 8 and day_part.isdigit():
            return date(int(day_part[:4]), int(day_part[4:6]), int(day_part[6:]))
        parts = re.split(r"[-/.]", day_part)
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            if len(parts[0]) == 4:
                return date(int(parts[0]), int(parts[1]), int(parts[2]))
            if len(parts[2]) == 4:
                return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        raise BadValue("import.no_such_date", text=repr(text)) from None
    raise BadValue("import.not_a_date", text=repr(text))


# -- amounts -----------------------------------------------------------------


def parse_cents(text: str) -> int:
    """An accounting amount in cents; an empty cell is 0.

    The fast path covers what FEC files hold (``1234,56``, ``-12.5``,
    ``000001234,50``); anything else goes through
    :func:`callcenter.domain.money.parse_amount`, which knows thousands
    separators, and then through the accounting habits it does not know
    (a trailing minus, a third decimal that is zero).
    """
    if text.isascii():  # "1234,56": most cells of a ledger, worth a path of their own
        units, _, decimals = text.replace(".", ",").partition(",")
        if len(decimals) == 2 and units.isdigit() and decimals.isdigit():
            return check_bound(int(units + decimals), text)
    return check_bound(_parse_general_cents(text), text)


def _parse_general_cents(text: str) -> int:
    raw = text.strip()
    if not raw:
        return 0
    negative = raw[0] == "-"
    body = raw[1:] if negative or raw[0] == "+" else raw
    units, sep, decimals = body.replace(",", ".").partition(".")
    if (
        units.isdigit()
        and units.isascii()
        and (not sep or (len(decimals) <= 2 and decimals.isdigit() and decimals.isascii()))
    ):
        cents = int(units) * 100 + (int(decimals.ljust(2, "0")) if decimals else 0)
        return -cents if negative else cents
    return _parse_unusual_amount(text)


_EXTRA_ZERO_DECIMALS = re.compile(r"^(.*[.,]\d{2})0+$")


def _parse_unusual_amount(text: str) -> int:
    raw = text.strip()
    if raw.endswith("-") and len(raw) > 1:  # "1234,50-": the sign written last
        return -_parse_unusual_amount(raw[:-1])
    if raw[:1] in ",.":  # ",50"
        raw = "0" + raw
    trimmed = _EXTRA_ZERO_DECIMALS.match(raw)
    if trimmed:  # "1234,500": zeros beyond the cent change nothing
        raw = trimmed.group(1)
    try:
        return parse_amount(raw)
    except AmountError:
        raise AmountError("amount.not_an_amount", repr(text)) from None


# -- yes / no ----------------------------------------------------------------

_TRUE = frozenset({"1", "oui", "o", "yes", "y", "x", "✓", "✔", "true", "vrai", "v"})
_FALSE = frozenset({"", "0", "non", "n", "no", "false", "faux", "f", "-"})


def parse_bool(text: str) -> bool:
    """``oui/non``, ``yes/no``, ``1/0``, ``x`` or ``✓`` for yes; an empty cell is no."""
    word = text.strip().casefold()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise BadValue("import.not_bool", text=repr(text))

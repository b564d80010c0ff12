"""Money as integer cents.

Floats cannot represent most decimal amounts exactly, and a ledger that is off
by a cent after summing a million lines is a ledger nobody trusts, so every
amount in callcenter is an ``int`` of cents from the moment it is read.
"""

from __future__ import annotations

import re

_AMOUNT = re.compile(r"^([+-]?)(\d{1,15})(?:[.,](\d{1,2}))?$")
_SEPARATORS = re.compile(r"[.,]")
#: No receivable reaches a thousand billion euros; beyond it a cell is a typo or
#: garbage, and sums over millions of rows stay far inside SQLite's 64-bit integers.
MAX_CENTS = 10**14


class AmountError(ValueError):
    """A text that is not an amount of money.

    Coded like the errors people see (``code`` + ``params``, worded by the
    interface's catalogue; the domain imports none): ``str()`` is English.
    """

    _ENGLISH = {
        "amount.not_an_amount": "not an amount: {text}",
        "amount.too_large": "amount beyond ±1 000 000 000 000 €: {text}",
    }

    def __init__(self, code: str, text: str) -> None:
        self.code = code
        self.params = {"text": text}
        super().__init__(self._ENGLISH[code].format(text=text))


def check_bound(cents: int, text: str) -> int:
    """``cents`` if within ±:data:`MAX_CENTS`, else an :class:`AmountError` quoting ``text``."""
    if -MAX_CENTS <= cents <= MAX_CENTS:
        return cents
    raise AmountError("amount.too_large", repr(text.strip()))


def parse_amount(text: str) -> int:
    """Parse a human or accounting amount into cents.

    Accepts ``1234,56``, ``1234.56``, ``1 234,56``, ``1.234,56``, ``-12``,
    ``12,5`` and a trailing ``€``. Thousands separators (space, no-break
    space, dot or comma followed by three digits) are removed first.
    """
    raw = text.strip().replace("\u00a0", " ").replace("\u202f", " ").rstrip("€").strip()
    if raw.endswith("EUR"):
        raw = raw[:-3].strip()
    raw = raw.replace(" ", "").replace("'", "")
    if raw.startswith("(") and raw.endswith(")"):
        raw = "-" + raw[1:-1]
    if raw.count(",") + raw.count(".") > 1:
        raw = _ungroup(raw, text)
    match = _AMOUNT.match(raw)
    if not match:
        raise AmountError("amount.not_an_amount", repr(text))
    sign, units, decimals = match.groups()
    cents = int(units) * 100 + int((decimals or "0").ljust(2, "0"))
    return check_bound(-cents if sign == "-" else cents, text)


def _ungroup(raw: str, text: str) -> str:
    """Remove thousands separators, refusing groups that are not three digits.

    ``1.234,56`` and ``1,234,567`` are amounts; ``12,3,4`` is a typo, not 123,40 €.
    """
    seps = _SEPARATORS.findall(raw)
    groups = _SEPARATORS.split(raw)
    if len(set(seps)) == 1:  # 1.234.567: every separator groups thousands
        thousands, decimals = groups, None
    elif len(set(seps[:-1])) == 1 and seps[-1] != seps[0]:  # 1.234.567,89
        thousands, decimals = groups[:-1], groups[-1]
    else:
        raise AmountError("amount.not_an_amount", repr(text))
    head = thousands[0].lstrip("+-")
    if not 1 <= len(head) <= 3 or any(len(g) != 3 for g in thousands[1:]):
        raise AmountError("amount.not_an_amount", repr(text))
    joined = "".join(thousands)
    return joined if decimals is None else f"{joined}.{decimals}"


def format_amount(cents: int, lang: str = "fr", currency: str = "EUR") -> str:
    """Format cents for people: ``12 400,00 €`` in French, ``€12,400.00`` in English."""
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    symbol = "€" if currency == "EUR" else currency
    if lang == "fr":
        grouped = f"{units:,}".replace(",", "\u202f")
        return f"{sign}{grouped},{rest:02d}\u00a0{symbol}"
    return (
        f"{sign}{symbol}{units:,}.{rest:02d}"
        if symbol == "€"
        else f"{sign}{units:,}.{rest:02d} {symbol}"
    )


def format_short(cents: int, lang: str = "fr") -> str:
    """Whole currency units, for reasons and hints: ``12 400 €``."""
    units = round(cents / 100)
    if lang == "fr":
        return f"{units:,}".replace(",", "\u202f") + "\u00a0€"
    return f"€{units:,}"


def to_units(cents: int) -> float:
    """Currency units for JSON output, where scripts expect a number."""
    return cents / 100

"""Phone numbers as a collector reads them: one format on every screen.

Ledgers and CSV files write the same number as ``0536493675``,
``+33 5 36 49 36 75`` or ``05.36.49.36.75``; shown side by side they look like
different numbers, and a collector comparing an inbound caller's number with
the dossier misreads them. A French number (``0`` and nine digits, or
``+33``/``0033`` and nine) is shown nationally in pairs, ``05 36 49 36 75``;
any other international number keeps its country code, its groups separated
by single spaces; anything with letters in it (``poste 12``) is left as typed.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-/()]+")
_FRENCH = re.compile(r"^(?:\+33|0033)0?(\d{9})$|^0(\d{9})$")


def display_phone(raw: str | None) -> str:
    """``raw`` in the one on-screen format (see the module docstring); "" for nothing."""
    text = (raw or "").strip()
    if not text:
        return ""
    if re.search(r"[^\d\s.\-/()+]", text):
        return text  # an extension or a remark: not ours to reshape
    compact = _SEPARATORS.sub("", text)
    french = _FRENCH.match(compact)
    if french:
        digits = "0" + (french.group(1) or french.group(2))
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    if text.startswith("00"):
        text = "+" + text[2:]
    return " ".join(group for group in _SEPARATORS.split(text) if group)

"""Showing untrusted text (names, notes, labels from files) exactly as written.

Anything read from an import or typed by a colleague may contain ``[bold]``
or ``[link=…]`` (Rich markup) or terminal escape sequences. Every such string
reaches the screen through :func:`literal`, which strips control characters
and wraps the result in a :class:`rich.text.Text`, which no widget parses as markup.
"""

from __future__ import annotations

import re

from rich.text import Text

from callcenter.domain.text import clean as _clean

# C0 and C1 controls, DEL, and the bidi overrides that reorder what a reader sees.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _fallback_clean(value: str) -> str:
    return _CONTROLS.sub(" ", value).strip()


def clean(value: object) -> str:
    """``value`` as one displayable line, with every control character removed."""
    text = "" if value is None else str(value)
    try:
        cleaned = _clean(text)
    except Exception:  # noqa: BLE001 - a cleaner bug must not hide the dossier
        cleaned = _fallback_clean(text)
    return _fallback_clean(cleaned)


def literal(value: object, style: str = "") -> Text:
    """A Rich ``Text`` of ``value`` cleaned: shown literally, never as markup."""
    return Text(clean(value), style=style, end="")

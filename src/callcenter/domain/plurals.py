"""CLDR's plural category of a count, the one rule the catalogue and the reasons use.

French "one" is 0 and 1 and "many" a non-zero multiple of a million; English "one"
is 1. Whole counts are judged here without Babel, whose locale data costs ~12 ms
to load (most of it on a workstation's first screen, which counts things);
anything else (a fraction, another language) asks Babel. tests/test_i18n.py
checks the rule against Babel's.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import babel

#: The CLDR locale whose rules (plurals, digit grouping, weekday names) each language follows.
CLDR = {"fr": "fr_FR", "en": "en_US"}


@cache
def cldr_locale(lang: str) -> babel.Locale:
    """The CLDR locale of ``lang`` (French for an unknown one); imports Babel on first need."""
    import babel

    return babel.Locale.parse(CLDR.get(lang, "fr_FR"))


def category(lang: str, count: int | float) -> str:
    """ "one", "many" or "other" for ``count`` in ``lang`` (its absolute value)."""
    count = abs(count)
    if isinstance(count, int) and lang == "fr":
        return "one" if count in (0, 1) else "many" if count % 1_000_000 == 0 else "other"
    if isinstance(count, int) and lang == "en":
        return "one" if count == 1 else "other"
    return cldr_locale(lang).plural_form(count)

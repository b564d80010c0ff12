"""How a promise that was not kept is named, in the queue's reasons and in the hints alike.

The reasons panel and the hints sit side by side on the workstation: if one
said "non tenue" for a promise the calls panel calls "tenue en partie", or
counted promises over another span, the collector would not know which to
believe. Both word their counts here, with the calls panel's words
(``status.broken`` / ``status.partly_kept`` in the interface catalogue).
"""

from __future__ import annotations

from callcenter.domain.models import PromiseStatus

#: A promise settled with nothing, or with less than promised, by its date (plus grace).
MISSED = frozenset({PromiseStatus.BROKEN, PromiseStatus.PARTLY_KEPT})

_WORDS = {
    "fr": {
        PromiseStatus.BROKEN: ("non tenue", "non tenues"),
        PromiseStatus.PARTLY_KEPT: ("tenue en partie", "tenues en partie"),
    },
    "en": {
        PromiseStatus.BROKEN: ("broken", "broken"),
        PromiseStatus.PARTLY_KEPT: ("partly kept", "partly kept"),
    },
}
_NOUN = {"fr": ("promesse", "promesses"), "en": ("promise", "promises")}
_AND = {"fr": " et ", "en": " and "}


def _lang(lang: str) -> str:
    return "fr" if lang.lower().startswith("fr") else "en"


def status_word(status: PromiseStatus | str, lang: str, count: int = 1) -> str:
    """``non tenue`` / ``tenue en partie`` (``broken`` / ``partly kept``)."""
    singular, plural = _WORDS[_lang(lang)][PromiseStatus(status)]
    return singular if count == 1 else plural


def missed_counts(broken: int, partly: int, lang: str, *, noun: bool = False) -> str:
    """``2 non tenues et 1 tenue en partie``; with ``noun``: ``2 promesses non tenues et …``."""
    lang = _lang(lang)
    parts: list[str] = []
    for status, count in ((PromiseStatus.BROKEN, broken), (PromiseStatus.PARTLY_KEPT, partly)):
        if count <= 0:
            continue
        word = status_word(status, lang, count)
        if noun and not parts:
            parts.append(f"{count} {_NOUN[lang][count != 1]} {word}")
        else:
            parts.append(f"{count} {word}")
    return _AND[lang].join(parts)

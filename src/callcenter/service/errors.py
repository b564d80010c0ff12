"""Refusals the service raises, worded in the interface language by whoever shows them.

A refusal carries a message id from :mod:`callcenter.i18n` and its parameters,
so the workstation and ``callcenter log`` say the same thing in French or
English; ``str()`` is the English text, for logs and the stress tool.
"""

from __future__ import annotations

from callcenter.i18n import MESSAGES


class OutcomeError(ValueError):
    """An outcome that cannot be recorded as given; nothing was written."""


class AccessRefused(OutcomeError):
    """Who you are (or say you are) does not allow this; nothing was written.

    ``key`` is stable (tests and scripts may match on it); the words may change.
    """

    def __init__(self, key: str, **params: object):
        self.key = key
        self.params = params
        super().__init__(self.in_lang("en"))

    def in_lang(self, lang: str) -> str:
        french, english = MESSAGES[self.key]
        return (french if lang == "fr" else english).format(**self.params)

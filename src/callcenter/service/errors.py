"""Refusals the service raises, worded in the interface language by whoever shows them.

A refusal carries a code and its parameters, so the workstation and
``callcenter log`` say the same thing in French or English: outcome refusals
are worded in :mod:`callcenter.refusals`, access refusals in
:mod:`callcenter.i18n`. ``str()`` is the English text, for logs and the
stress tool.
"""

from __future__ import annotations

from callcenter.i18n import Locale
from callcenter.refusals import CONFIRMABLE


class OutcomeError(ValueError):
    """An outcome that cannot be recorded as given; nothing was written.

    When :attr:`needs_confirmation`, logging it again with ``confirmed=True``
    saves it: the service asked a question rather than refused.
    """

    def __init__(self, refusal: str, /, **params: object) -> None:
        self.code = refusal
        self.params = params
        super().__init__(self.in_lang("en"))

    @property
    def key(self) -> str:
        """The code, stable: tests and scripts may match on it; the words may change."""
        return self.code

    @property
    def needs_confirmation(self) -> bool:
        return self.code in CONFIRMABLE

    def in_lang(self, lang: str) -> str:
        return Locale(lang, "dmy").refusal(self.code, self.params)

    @classmethod
    def of(cls, refusal) -> OutcomeError:
        """From a :class:`callcenter.service.outcome_rules.Refusal`."""
        return cls(refusal.code, **refusal.params)


class AccessRefused(OutcomeError):
    """Who you are (or say you are) does not allow this; nothing was written."""

"""Refusals the service raises, worded in the interface language by whoever shows them.

A refusal carries a code and its parameters (:class:`callcenter.i18n.CodedError`),
so the workstation and ``callcenter log`` say the same thing in French or
English; the words are in the catalogue (:mod:`callcenter.i18n.refusals`).
``str()`` is the English text, for logs and the stress tool.
"""

from __future__ import annotations

from callcenter.i18n import CodedError

#: Refusals that a confirmation overrides: questions, not refusals. The outcome is
#: saved when the collector confirms (``confirmed=True``, ``--yes`` on the command line).
CONFIRMABLE = frozenset(
    {"amount_above_balance", "paid_above_balance", "date_passed_this_year", "date_far"}
)


class OutcomeError(CodedError, ValueError):
    """An outcome that cannot be recorded as given; nothing was written.

    When :attr:`needs_confirmation`, logging it again with ``confirmed=True``
    saves it: the service asked a question rather than refused.
    """

    @property
    def needs_confirmation(self) -> bool:
        return self.code in CONFIRMABLE

    @classmethod
    def of(cls, refusal) -> OutcomeError:
        """From a :class:`callcenter.service.outcome_rules.Refusal`."""
        return cls(refusal.code, **refusal.params)


class AccessRefused(OutcomeError):
    """Who you are (or say you are) does not allow this; nothing was written."""

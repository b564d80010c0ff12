"""How much a promise is for when the collector names no amount: decided here, once.

The workstation shows it in the promise dialog and ``log_outcome`` applies it
when no amount is given, so both say the same thing: the overdue total; when
nothing is overdue there is no default (the collector must say how much: the
service's refusal ``nothing_overdue``), however large the balance not yet due.
"""

from __future__ import annotations


def default_promised_cents(overdue_cents: int) -> int | None:
    """The overdue total, or None when nothing is overdue."""
    return overdue_cents if overdue_cents > 0 else None

"""Whether a debtor kept their promises: one rule, judged on the money's own date.

Bank lines reach the ledger days after the money, so a promise is judged on
the date each payment was made, never on the day its record arrived: a
payment dated on or before the promised day plus the grace days keeps the
promise even when it was imported after the promise had been judged broken.
The verdicts are recomputed from every (not cancelled) promise and every
payment of the debtor, so they depend only on what is in the ledger, not on
the order files were imported in.

The rule: promises are taken in promised-date order; each takes, oldest
first, what is left of the payments dated from the day it was made to its
promised day plus grace, so one payment never counts twice. A promise that
got its whole amount is kept (even before its date); one whose date plus
grace has passed is partly kept or broken; any other is still pending, and
what it took stays reserved for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from callcenter.domain.models import PromiseStatus
from callcenter.domain.record import record


@record
class PromiseTerms:
    """What a promise said: when it was made, for when, how much."""

    id: int
    made_on: date
    promised_on: date
    amount_cents: int
    #: Already judged once: it stays judged even on a clock set back (tests, demos).
    judged: bool = False


@record
class Verdict:
    """A promise's status and the cents that arrived on it (0 while pending)."""

    id: int
    status: PromiseStatus
    paid_cents: int


def judge_promises(
    promises: Iterable[PromiseTerms],
    payments: Iterable[tuple[date, int]],
    *,
    today: date,
    grace_days: int,
) -> list[Verdict]:
    """One verdict per promise, in promised-date order; ``payments`` are (paid on, cents)."""
    grace = timedelta(days=grace_days)
    pool = sorted([on, cents] for on, cents in payments if cents > 0)
    verdicts = []
    for terms in sorted(promises, key=lambda p: (p.promised_on, p.id)):
        deadline = terms.promised_on + grace
        taken = _take(pool, terms.amount_cents, terms.made_on, deadline)
        if taken >= terms.amount_cents:
            verdicts.append(Verdict(terms.id, PromiseStatus.KEPT, taken))
        elif deadline < today or terms.judged:
            status = PromiseStatus.PARTLY_KEPT if taken else PromiseStatus.BROKEN
            verdicts.append(Verdict(terms.id, status, taken))
        else:
            verdicts.append(Verdict(terms.id, PromiseStatus.PENDING, 0))
    return verdicts


def _take(pool: list[list], wanted: int, first: date, last: date) -> int:
    """Take up to ``wanted`` cents from the payments dated within [first, last], oldest first."""
    taken = 0
    for payment in pool:
        if taken >= wanted:
            break
        on, left = payment
        if left <= 0 or not first <= on <= last:
            continue
        share = min(left, wanted - taken)
        payment[1] = left - share
        taken += share
    return taken

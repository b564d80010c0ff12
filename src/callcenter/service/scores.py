"""Scoring debtors into the queue: the step every write ends with.

Below :mod:`callcenter.service.queue` and :mod:`callcenter.service.promises`,
which both end by rescoring the debtors they touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from callcenter.domain.dial_rules import WEEK
from callcenter.domain.scoring import DebtorFacts, score
from callcenter.domain.settings import Config
from callcenter.store import Store


def today_of(now: datetime, config: Config) -> date:
    """The office day of ``now`` (the settings' timezone)."""
    return now.astimezone(config.tz).date()


def score_and_write(
    store: Store, *, now: datetime, codes: Sequence[str] | None, config: Config
) -> int:
    """Recompute and store queue_state for ``codes`` (all when None); no settlement."""
    today = today_of(now, config)
    facts = store.queue.gather_facts(
        today=today,
        now=now,
        codes=codes,
        broken_memory_days=config.queue.broken_promise_memory_days,
    )
    facts = with_dial_lines(store, facts, codes, now, config)
    scored = ((f, score(f, now, config)) for f in facts)
    return store.queue.write_scores(scored, now, today)


def with_dial_lines(
    store: Store,
    facts: list[DebtorFacts],
    codes: Sequence[str] | None,
    now: datetime,
    config: Config,
) -> list[DebtorFacts]:
    """The facts with each debtor's callable numbers, where a cap or a flag may hold it back.

    Read through the calling port (one statement for both backends) for the few
    debtors a do-not-call flag or a number dialled as often as the lower cap
    touches; the others keep their facts as gathered.
    """
    caps = config.dialer
    least = min(caps.per_number_day, caps.per_number_week)
    lines = store.calling.dial_lines(codes, now - WEEK, at_least=least)
    if not lines:
        return facts
    return [replace(f, dial_lines=lines[f.code]) if f.code in lines else f for f in facts]

"""Scoring debtors into the queue: the step every write ends with.

Below :mod:`callcenter.service.queue` and :mod:`callcenter.service.promises`,
which both end by rescoring the debtors they touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from callcenter.domain.scoring import score
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
    scored = ((f, score(f, now, config)) for f in facts)
    return store.queue.write_scores(scored, now, today)

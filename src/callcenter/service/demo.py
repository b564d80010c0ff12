"""A demo ledger ready to call: generated, then scored with the run's settings.

The generator (:mod:`callcenter.importers.demo`) only writes the ledger; the
queue is the service's business, so it is scored here, with the same
settings as every other path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from callcenter.domain.settings import Config
from callcenter.importers.demo import generate
from callcenter.service.queue import rescore
from callcenter.store import Store


def build_demo(
    store: Store,
    *,
    debtors: int,
    seed: int,
    now: datetime,
    config: Config,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Fill an empty database with a demo ledger and score its queue; returns the summary."""
    summary = generate(store, debtors=debtors, seed=seed, now=now, progress=progress)
    summary["queued"] = rescore(store, now=now, config=config)
    return summary

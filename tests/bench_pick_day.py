"""The queue pick after a day's work: ``python tests/bench_pick_day.py DIR [DEBTORS] [OUTCOMES]``.

Not collected by pytest (a benchmark, not a test). Builds the demo ledger
(default 20 000 debtors, the bench's seed and "now") as ``DIR/ledger.db``
unless it is there, works on a copy, lets the bench's collector take and log
OUTCOMES debtors (default 600, "no answer", one a second), then times 200
``claim_next`` against the raw top-1 read the bench compares it with, and 50
counts of the first debtor's place in the collector's queue. Prints
JSON with the load averages. Run it with the code before a change (its
``src`` first on PYTHONPATH) and after: the same ledger file serves both
(the newer code migrates its copy).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from datetime import timedelta
from pathlib import Path
from statistics import median
from time import perf_counter

from callcenter.bench.fixtures import NOW, SEED
from callcenter.bench.measures import COLLECTOR
from callcenter.config import load_config
from callcenter.domain.models import Outcome
from callcenter.service.demo import build_demo
from callcenter.service.outcomes import log_outcome
from callcenter.service.queue import claim_next
from callcenter.store import open_database
from callcenter.store.sqlite.bench_queries import baseline_top1


def ledger(folder: Path, debtors: int) -> Path:
    path = folder / "ledger.db"
    if not path.exists():
        store = open_database(path)
        try:
            build_demo(store, debtors=debtors, seed=SEED, now=NOW, config=load_config(None))
        finally:
            store.close()
    return path


def working_copy(path: Path) -> Path:
    copy = path.with_name("work.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(path, copy)
    return copy


def main(folder: Path, debtors: int, outcomes: int) -> dict:
    db = working_copy(ledger(folder, debtors))
    config = load_config(None)
    store = open_database(db)
    try:
        moment = NOW
        logged = 0
        for _ in range(outcomes):
            code = claim_next(store, collector=COLLECTOR, now=moment, config=config)
            if code is None:
                break
            log_outcome(
                store, code, Outcome.NO_ANSWER, collector=COLLECTOR, now=moment, config=config
            )
            logged += 1
            moment += timedelta(seconds=1)
        claims, raws = [], []
        for _ in range(200):
            started = perf_counter()
            claim_next(store, collector=COLLECTOR, now=moment, config=config)
            claims.append(perf_counter() - started)
            started = perf_counter()
            baseline_top1(store, moment, COLLECTOR)
            raws.append(perf_counter() - started)
        top = store.queue.queue_rows(now=moment, limit=1, collector=COLLECTOR)
        ranks = []
        for _ in range(50 if top else 0):  # the queue position the workstation counts
            started = perf_counter()
            store.queue.rank_of(top[0].code, moment, COLLECTOR)
            ranks.append(perf_counter() - started)
    finally:
        store.close()
    return {
        "debtors": debtors,
        "outcomes_logged": logged,
        "claim_next_p50_us": round(median(claims) * 1e6, 1),
        "raw_top1_p50_us": round(median(raws) * 1e6, 1),
        "rank_of_p50_us": round(median(ranks) * 1e6, 1) if ranks else None,
        "load": os.getloadavg(),
    }


if __name__ == "__main__":
    args = sys.argv[1:]
    report = main(
        Path(args[0]),
        int(args[1]) if len(args) > 1 else 20_000,
        int(args[2]) if len(args) > 2 else 600,
    )
    print(json.dumps(report))

"""Each figure of the bench report, with the target it is judged against.

Every measure returns a dict of numbers plus ``target`` (in words) and ``ok``.
Times are medians of repeated runs; latencies also give p50 and p95.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from time import perf_counter

from callcenter.bench.fixtures import NOW, Size
from callcenter.bench.stats import median, ms, percentile

COLLECTOR = "chloe"
SUPERVISOR = "sophie"


def _child(*args: str) -> tuple[dict, float]:
    """Run a bench child process; returns its JSON answer and the monotonic time of the spawn."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    env.pop("CALLCENTER_CONFIG", None)
    spawned = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "callcenter.bench.children", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench child {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), spawned


def next_debtor_and_memory(db: Path, size: Size) -> tuple[dict, dict]:
    """Outcome key -> next dossier painted, in a headless workstation; and its peak RSS."""
    p50s, p95s, key50s, key95s, rss = [], [], [], [], []
    for _ in range(size.runs):
        answer, _ = _child("session", str(db), str(size.outcomes))
        actions, keys = answer["from_action_s"], answer["from_key_s"]
        p50s.append(percentile(actions, 50))
        p95s.append(percentile(actions, 95))
        key50s.append(percentile(keys, 50))
        key95s.append(percentile(keys, 95))
        rss.append(answer["peak_rss_kb"] / 1024)
    p50, p95 = ms(median(p50s)), ms(median(p95s))
    latency = {
        "outcomes_per_run": size.outcomes,
        "runs": size.runs,
        "p50_ms": p50,
        "p95_ms": p95,
        "key_to_paint_p50_ms": ms(median(key50s)),
        "key_to_paint_p95_ms": ms(median(key95s)),
        "target": "p95 < 50 ms and p50 < 25 ms",
        "ok": p95 < 50 and p50 < 25,
    }
    peak = round(median(rss), 1)
    memory = {
        "peak_rss_mb": peak,
        "after_outcomes": size.outcomes,
        "runs": size.runs,
        "target": "< 80 MB",
        "ok": peak < 80,
    }
    return latency, memory


def queue_pick(db: Path, size: Size) -> dict:
    """``claim_next`` against the bare indexed top-1 query it is built on."""
    from callcenter.config import load_config
    from callcenter.service.queue import claim_next, release_claim
    from callcenter.store.db import Store
    from callcenter.store.queue import baseline_claim, baseline_top1

    store = Store.open(db)
    config = load_config(None)
    try:
        code = claim_next(store, collector=COLLECTOR, now=NOW, config=config)  # warm-up
        claims, raws, raw_claims = [], [], []
        for _ in range(size.picks):
            started = perf_counter()
            code = claim_next(store, collector=COLLECTOR, now=NOW, config=config)
            claims.append(perf_counter() - started)
            started = perf_counter()
            baseline_top1(store, NOW, COLLECTOR)
            raws.append(perf_counter() - started)
            started = perf_counter()
            baseline_claim(store, NOW, COLLECTOR)
            raw_claims.append(perf_counter() - started)
        if code:
            release_claim(store, code, collector=COLLECTOR)
    finally:
        store.close()
    claim, raw, raw_claim = median(claims), median(raws), median(raw_claims)
    ratio = round(claim / raw, 2)
    return {
        "picks": size.picks,
        "claim_next_ms": ms(claim),
        "claim_next_p95_ms": ms(percentile(claims, 95)),
        "raw_top1_ms": ms(raw),
        "raw_top1_and_claim_ms": ms(raw_claim),
        "ratio": ratio,
        "ratio_to_raw_claim": round(claim / raw_claim, 2),
        "target": "claim_next < 3x the raw top-1 query",
        "ok": ratio < 3,
    }


def cold_start(db: Path, size: Size) -> dict:
    """Process start to first dossier painted, against a bare Textual app started the same way."""
    _child("hello")  # warm the page cache for both
    _child("cold", str(db))
    workstation, hello, rss = [], [], {"workstation": [], "hello": []}
    for _ in range(size.cold_runs):
        answer, spawned = _child("cold", str(db))
        workstation.append(answer["painted_at"] - spawned)
        rss["workstation"].append(answer["peak_rss_kb"] / 1024)
        answer, spawned = _child("hello")
        hello.append(answer["painted_at"] - spawned)
        rss["hello"].append(answer["peak_rss_kb"] / 1024)
    first, bare = median(workstation), median(hello)
    ratio = round(first / bare, 2)
    return {
        "runs": size.cold_runs,
        "first_dossier_s": round(first, 3),
        "hello_app_s": round(bare, 3),
        "ratio": ratio,
        "first_dossier_rss_mb": round(median(rss["workstation"]), 1),
        "hello_app_rss_mb": round(median(rss["hello"]), 1),
        "target": "< 0.8 s and < 3x the hello app",
        "ok": first < 0.8 and ratio < 3,
    }


def fec_import(fec: Path, lines: int, cache: Path, size: Size) -> dict:
    """Import the FEC file into an empty database, as a new customer would on day one."""
    from callcenter.service.imports import import_fec
    from callcenter.store.db import Store

    seconds = []
    for _ in range(size.runs):
        target = cache / "fec_import.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        store = Store.open(target)
        try:
            started = perf_counter()
            report = import_fec(store, fec, now=NOW)
            seconds.append(perf_counter() - started)
        finally:
            store.close()
    taken = median(seconds)
    rate = round(lines / taken)
    return {
        "lines": lines,
        "runs": size.runs,
        "seconds": round(taken, 2),
        "lines_per_s": rate,
        "customers": report.customers,
        "target": ">= 100 000 lines/s",
        "ok": rate >= 100_000,
    }


def figures_refresh(db: Path, size: Size) -> dict:
    """Every figure of the supervisor dashboard, for the whole team."""
    from callcenter.service.figures import figures
    from callcenter.store.db import Store

    store = Store.open(db)
    try:
        figures(store, now=NOW, actor=SUPERVISOR, fresh=True)  # warm-up: page cache, statements
        seconds, kept = [], []
        for _ in range(max(3, size.runs)):
            # fresh: everything recomputed, as `callcenter stats` and the first paint do
            started = perf_counter()
            figures(store, now=NOW, actor=SUPERVISOR, fresh=True)
            seconds.append(perf_counter() - started)
            # a routine dashboard tick may keep the period figures for up to a minute
            started = perf_counter()
            figures(store, now=NOW, actor=SUPERVISOR)
            kept.append(perf_counter() - started)
    finally:
        store.close()
    taken = median(seconds)
    return {
        "runs": len(seconds),
        "ms": ms(taken),
        "routine_refresh_ms": ms(median(kept)),
        "target": "< 200 ms",
        "ok": taken < 0.2,
    }

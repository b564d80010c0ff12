"""Each figure of the bench report, with its floor, its ratio and the target it is judged by.

Absolute times measure the machine as much as the code, so every figure
is taken beside a *floor* measured in the same run, interleaved with it:
the least the same work costs with bare Textual, Python or SQLite on this
machine (``floors``). The target is a ratio to that floor; ``ok`` judges it.
Every measure returns its numbers, ``floor`` (a dict), ``ratio``, ``target``
(in words), ``ok`` and ``load`` (the load averages before and after, as
``uptime`` prints them). Times are medians of repeated runs.
"""

from __future__ import annotations

from pathlib import Path
from time import perf_counter
from typing import Any

from callcenter.bench import children, floors
from callcenter.bench.children import run as child
from callcenter.bench.fixtures import NOW, Size
from callcenter.bench.stats import load, median, ms, percentile, ratio, us

COLLECTOR = "chloe"
SUPERVISOR = "sophie"

#: The targets, as ratios to the floors (issue 17).
NEXT_P50_MAX = 1.5
NEXT_P95_MAX = 2.5
COLD_MAX = 1.8
RSS_MAX = 1.8
PICK_MAX = 2.0
FEC_MAX = 4.0
FIGURES_MAX_MS = 200
#: The figures' absolute target holds on machines where the hello app starts this fast.
HELLO_FAST_S = 0.5


def next_debtor_and_memory(db: Path, size: Size, outcomes: int | None = None) -> tuple[dict, dict]:
    """Outcome key -> next dossier painted in a headless workstation, and its peak RSS.

    Floors, run after each workstation run: a bare Textual app repainting the
    same screen with comparable widgets (``frame``) and the hello app's RSS.
    The frame's table gets as many rows as the dossiers the session showed
    (median), so the floor is neither lighter nor heavier than the screen it
    stands for; the issue's 30-row frame is measured once beside it.
    """
    outcomes = outcomes or size.outcomes
    loaded = load()
    p50s, p95s, key50s, key95s, rss, shown_rows = [], [], [], [], [], []
    frame50s, frame95s, hello_rss = [], [], []
    for _ in range(size.runs):
        answer, _ = child("session", str(db), str(outcomes))
        actions, keys = answer["from_action_s"], answer["from_key_s"]
        p50s.append(percentile(actions, 50))
        p95s.append(percentile(actions, 95))
        key50s.append(percentile(keys, 50))
        key95s.append(percentile(keys, 95))
        rss.append(answer["peak_rss_kb"] / 1024)
        rows = round(median(answer["table_rows"]))
        shown_rows.append(rows)
        frames = floors.frame(outcomes, rows)
        frame50s.append(percentile(frames, 50))
        frame95s.append(percentile(frames, 95))
        hello_rss.append(floors.hello()["peak_rss_mb"])
    thirty = floors.frame(min(outcomes, 50), children.FRAME_ROWS)
    p50, p95, frame = median(p50s), median(p95s), median(frame50s)
    latency: dict[str, Any] = {
        "outcomes_per_run": outcomes,
        "runs": size.runs,
        "p50_ms": ms(p50),
        "p95_ms": ms(p95),
        "key_to_paint_p50_ms": ms(median(key50s)),
        "key_to_paint_p95_ms": ms(median(key95s)),
        "floor": {
            "what": "bare Textual app, same size: a DataTable of the dossiers' median row count"
            " + six text panels, all repainted",
            "table_rows": round(median(shown_rows)),
            "p50_ms": ms(frame),
            "p95_ms": ms(median(frame95s)),
            "with_30_rows_p50_ms": ms(percentile(thirty, 50)),
        },
        "ratio": ratio(p50, frame),
        "ratio_p95": ratio(p95, frame),
        "target": f"p50 <= {NEXT_P50_MAX}x and p95 <= {NEXT_P95_MAX}x the frame floor (its p50)",
        "load": [loaded, load()],
    }
    latency["ok"] = latency["ratio"] <= NEXT_P50_MAX and latency["ratio_p95"] <= NEXT_P95_MAX
    peak, bare = round(median(rss), 1), round(median(hello_rss), 1)
    memory: dict[str, Any] = {
        "peak_rss_mb": peak,
        "after_outcomes": outcomes,
        "runs": size.runs,
        "floor": {"what": "peak RSS of the hello app", "peak_rss_mb": bare},
        "ratio": ratio(peak, bare),
        "target": f"<= {RSS_MAX}x the hello app",
        "load": latency["load"],
    }
    memory["ok"] = memory["ratio"] <= RSS_MAX
    return latency, memory


def queue_pick(db: Path, size: Size) -> dict:
    """``claim_next`` against the bare indexed top-1 read it is built on (and a bare claim).

    Judged as the workstation picks: the debtor reserved by the read (the lock file,
    ``store/sqlite/pick_locks.py``) and its claim written after the paint, which the
    collector does not wait for; that write is timed apart (``hold_us``). Judged as a
    session claims: each pick hands a debtor other than the one just
    held (that one was called), so the claim releases one queue row and takes
    another. Re-claiming the same top debtor again and again, which is what a
    frozen clock gives, changes one page instead of three and is reported beside
    it (``same_debtor_us``), not judged.
    """
    from callcenter.config import load_config
    from callcenter.service.queue import claim_next, release_claim
    from callcenter.store.sqlite.db import SqliteStore

    loaded = load()
    store = SqliteStore.open(db)  # the baselines are SQLite's own SQL
    config = load_config(None)
    try:
        code = claim_next(store, collector=COLLECTOR, now=NOW, config=config)
        # A first round on the fresh copy warms the caches (at a million debtors its
        # claims cost ~1.6x the later ones); the second is the one judged.
        code, cold = _pick_round(store, config, code, size.picks)
        code, (claims, holds, again, raws, raw_claims) = _pick_round(
            store, config, code, size.picks
        )
        if code:
            release_claim(store, code, collector=COLLECTOR)
    finally:
        store.close()
    claim, raw, raw_claim = median(claims), median(raws), median(raw_claims)
    result: dict[str, Any] = {
        "picks": size.picks,
        "claim_next_us": us(claim),
        "claim_next_p95_us": us(percentile(claims, 95)),
        "hold_us": us(median(holds)),
        "same_debtor_us": us(median(again)),
        "first_round_us": us(median(cold[0])),
        "floor": {
            "what": "raw indexed top-1 read; and that read + one UPDATE committed (bare claim)",
            "raw_top1_us": us(raw),
            "raw_top1_and_claim_us": us(raw_claim),
        },
        "ratio": ratio(claim, raw),
        "ratio_to_raw_claim": ratio(claim, raw_claim),
        "target": f"claim_next <= {PICK_MAX}x the raw top-1 read",
        "load": [loaded, load()],
    }
    result["ok"] = result["ratio"] <= PICK_MAX
    return result


def _pick_round(store, config, code: str | None, picks: int) -> tuple[str | None, tuple]:
    """``picks`` session picks (each a debtor other than the last) as the workstation makes
    them, each followed by its claim written (as after the paint), a re-pick of the same
    debtor, the raw top-1 read and the bare claim, all timed."""
    from callcenter.service.queue import claim_next, hold_claim
    from callcenter.store.sqlite.bench_queries import baseline_claim, baseline_top1

    claims: list[float] = []
    holds: list[float] = []
    again: list[float] = []
    raws: list[float] = []
    raw_claims: list[float] = []
    for _ in range(picks):
        held = (code,) if code else ()
        started = perf_counter()
        code = claim_next(store, collector=COLLECTOR, now=NOW, skip=held, config=config, hold=False)
        claims.append(perf_counter() - started)
        started = perf_counter()
        hold_claim(store)
        holds.append(perf_counter() - started)
        started = perf_counter()
        claim_next(store, collector=COLLECTOR, now=NOW, skip=held, config=config)
        again.append(perf_counter() - started)
        started = perf_counter()
        baseline_top1(store, NOW, COLLECTOR)
        raws.append(perf_counter() - started)
        started = perf_counter()
        baseline_claim(store, NOW, COLLECTOR)
        raw_claims.append(perf_counter() - started)
    return code, (claims, holds, again, raws, raw_claims)


def cold_start(db: Path, size: Size) -> dict:
    """Process start to first dossier painted, against the hello app started the same way."""
    loaded = load()
    child("hello")  # warm the page cache for both
    child("cold", str(db))
    workstation: list[float] = []
    hello: list[float] = []
    rss: dict[str, list[float]] = {"workstation": [], "hello": []}
    for _ in range(size.cold_runs):
        answer, spawned = child("cold", str(db))
        workstation.append(answer["painted_at"] - spawned)
        rss["workstation"].append(answer["peak_rss_kb"] / 1024)
        bare = floors.hello()
        hello.append(bare["seconds"])
        rss["hello"].append(bare["peak_rss_mb"])
    first, bare_s = median(workstation), median(hello)
    # Each start against the hello app started right after it: on a machine whose
    # speed drifts (a busy sibling core, a VM's neighbours), the pairs move together
    # and their ratios stay put, while the two medians can come from different moments.
    paired = median([ratio(w, h) for w, h in zip(workstation, hello, strict=True)])
    result: dict[str, Any] = {
        "runs": size.cold_runs,
        "first_dossier_s": round(first, 3),
        "first_dossier_rss_mb": round(median(rss["workstation"]), 1),
        "floor": {
            "what": "bare Textual app showing one line, started the same way",
            "hello_app_s": round(bare_s, 3),
            "hello_app_rss_mb": round(median(rss["hello"]), 1),
        },
        "ratio": round(paired, 2),
        "ratio_of_medians": ratio(first, bare_s),
        "target": f"<= {COLD_MAX}x the hello app",
        "load": [loaded, load()],
    }
    result["ok"] = result["ratio"] <= COLD_MAX
    return result


def fec_import(fec: Path, lines: int, cache: Path, size: Size) -> dict:
    """Import the FEC file into an empty database, as a new customer would on day one.

    Floors, run before each import: Python's ``csv`` reading and splitting
    the same file, and a plain ``executemany`` of as many rows.
    """
    from callcenter.config import load_config
    from callcenter.service.imports import import_fec
    from callcenter.store import open_database

    loaded = load()
    seconds, reads, inserts = [], [], []
    for _ in range(size.runs):
        read_s, rows, width = floors.csv_read(fec)
        reads.append(read_s)
        inserts.append(floors.executemany(cache, rows, width))
        target = cache / "fec_import.db"
        remove_db(target)
        store = open_database(target)
        try:
            started = perf_counter()
            report = import_fec(store, fec, now=NOW, config=load_config(None))
            seconds.append(perf_counter() - started)
        finally:
            store.close()
        remove_db(target)
    taken, read, insert = median(seconds), median(reads), median(inserts)
    result: dict[str, Any] = {
        "lines": lines,
        "runs": size.runs,
        "seconds": round(taken, 3),
        "lines_per_s": round(lines / taken),
        "customers": report.customers,
        "floor": {
            "what": "csv module reading + splitting the file; plain executemany of as many rows",
            "csv_read_s": round(read, 3),
            "executemany_s": round(insert, 3),
            "sum_s": round(read + insert, 3),
        },
        "ratio": ratio(taken, read + insert),
        "target": f"<= {FEC_MAX}x (csv read + executemany)",
        "load": [loaded, load()],
    }
    result["ok"] = result["ratio"] <= FEC_MAX
    return result


def figures_refresh(db: Path, size: Size, *, hello_runs: int | None = None) -> dict:
    """Every figure of the supervisor dashboard for the whole team, against one count(*).

    The hello app's start decides which machines the 200 ms target holds on: it
    is started ``size.runs`` times by default; ``--scaling`` keeps only the
    milliseconds and passes ``hello_runs=0``.
    """
    hello_runs = size.runs if hello_runs is None else hello_runs
    from callcenter.service.figures import figures
    from callcenter.store import open_database

    loaded = load()
    hello = median([floors.hello()["seconds"] for _ in range(hello_runs)]) if hello_runs else None
    store = open_database(db)
    try:
        figures(store, now=NOW, actor=SUPERVISOR, fresh=True)  # warm-up: page cache, statements
        seconds, kept, counts = [], [], []
        for _ in range(max(3, size.runs)):
            counts.append(floors.count_calls(store))
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
    taken, count = median(seconds), median(counts)
    result: dict[str, Any] = {
        "runs": len(seconds),
        "ms": ms(taken),
        "routine_refresh_ms": ms(median(kept)),
        "floor": {
            "what": "one indexed SELECT count(*) of the calls table",
            "count_calls_ms": ms(count),
            "hello_app_s": None if hello is None else round(hello, 3),
        },
        "ratio": ratio(taken, count),
        "target": f"<= {FIGURES_MAX_MS} ms (on machines whose hello app starts in < {HELLO_FAST_S} s)",
        "load": [loaded, load()],
    }
    result["ok"] = taken * 1000 <= FIGURES_MAX_MS or (hello is not None and hello >= HELLO_FAST_S)
    return result


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)

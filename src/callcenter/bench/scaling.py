"""``scripts/bench --scaling``: how each cost grows with the work, as log-log exponents.

The same figures at several ledger sizes (next debtor, queue pick,
supervisor figures) and several FEC sizes (the import, with its peak
memory, measured in a process of its own). Each series gets the slope of
log(cost) over log(size): 0 is a cost that does not grow, 1 a linear one.
A figure taken at one size only has no exponent (``null``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from callcenter.bench import fixtures, measures
from callcenter.bench.children import run
from callcenter.bench.stats import load, median, ms, slope

DEBTORS = (10_000, 100_000, 1_000_000)
FEC_LINES = (100_000, 1_000_000, 5_000_000)
#: The growth allowed (issue 17): flat for what a collector waits on, linear at most for bulk work.
FLAT = 0.1
LINEAR = 1.0
#: Work per size: enough outcomes and picks for a stable median, not a full bench.
OUTCOMES = 60
PICKS = 300
#: Imports of up to a million lines are timed once before and once after the bigger ones,
#: and the two averaged: this machine's speed drifts by a quarter over minutes (the hello
#: app 0.34 s, then 0.27 s), and timed back to back the small files caught a fast spell
#: the 5 M-line file did not (18.7 against 108.7 s: exponent 1.07); bracketing it, 20.2
#: and 18.2 s around 91.3 s (0.97). The 5 M-line run lasts minutes, which averages the
#: drift by itself.
SHORT_IMPORT_LINES = 1_000_000
#: FEC lines the generator writes per debtor, at least (the file is cut at the line count).
LINES_PER_DEBTOR = 20


def scaling(cache: Path, debtors: tuple[int, ...], fec_lines: tuple[int, ...]) -> dict:
    """Every series and its exponent, with targets and ``ok``."""
    ledgers = [_said(_ledger_point(cache, count)) for count in debtors]
    imports = _import_points(cache, fec_lines)
    sizes = [p["debtors"] for p in ledgers]
    lines = [p["lines"] for p in imports]
    exponents = {
        "next_debtor_p50": slope(sizes, [p["next_debtor_p50_ms"] for p in ledgers]),
        "queue_pick": slope(sizes, [p["queue_pick_us"] for p in ledgers]),
        "figures": slope(sizes, [p["figures_ms"] for p in ledgers]),
        "fec_import": slope(lines, [p["seconds"] for p in imports]),
        "fec_import_peak_rss": slope(lines, [p["peak_rss_mb"] for p in imports]),
    }
    limits = {
        "next_debtor_p50": FLAT,
        "queue_pick": FLAT,
        "figures": LINEAR,
        "fec_import": LINEAR,
        "fec_import_peak_rss": FLAT,
    }
    judged = {
        name: (None if value is None else value <= limits[name])
        for name, value in exponents.items()
    }
    return {
        "ledgers": ledgers,
        "fec_imports": imports,
        "exponents": exponents,
        "targets": {name: f"<= {limit}" for name, limit in limits.items()},
        "exponents_ok": judged,
        "ok": all(v is not False for v in judged.values()),
    }


def _ledger_point(cache: Path, count: int) -> dict:
    # A tiny ledger runs out of callable debtors in a collector's portfolio.
    outcomes = max(3, min(OUTCOMES, count // 25))
    size = fixtures.Size(f"scaling-{count}", count, 0, outcomes, runs=1, picks=PICKS, cold_runs=0)
    _say(f"ledger of {count:,} debtors")
    ledger, _ = fixtures.cached_ledger(cache, size)
    work = fixtures.working_copy(ledger, cache)
    loaded = load()
    _say(f"{count:,} debtors: queue pick, figures, next debtor")
    pick = measures.queue_pick(work, size)
    figures = measures.figures_refresh(work, size, hello_runs=0)  # the milliseconds alone
    answer, _ = run("session", str(work), str(outcomes))
    return {
        "debtors": count,
        "next_debtor_p50_ms": ms(median(answer["from_action_s"])),
        "queue_pick_us": pick["claim_next_us"],
        "queue_pick_first_round_us": pick["first_round_us"],
        "raw_top1_us": pick["floor"]["raw_top1_us"],
        "figures_ms": figures["ms"],
        "load": [loaded, load()],
    }


def _import_points(cache: Path, sizes: tuple[int, ...]) -> list[dict]:
    """One point per FEC size, the short imports timed on both sides of the long ones."""
    files = {lines: _fec_file(cache, lines) for lines in sizes}  # written before any timing
    short = [lines for lines in sizes if lines <= SHORT_IMPORT_LINES]
    long = [lines for lines in sizes if lines > SHORT_IMPORT_LINES]
    runs: dict[int, list[dict]] = {lines: [] for lines in sizes}
    loads: dict[int, list] = {lines: [] for lines in sizes}
    for lines in (*short, *long, *short):
        fec, written = files[lines]
        loads[lines].append(load())
        _say(
            f"FEC import of {written:,} lines, run {len(runs[lines]) + 1} (in a process of its own)"
        )
        runs[lines].append(_import_once(cache, fec))
        loads[lines].append(load())
    points = []
    for lines in sizes:
        written, answers = files[lines][1], runs[lines]
        seconds = sum(a["seconds"] for a in answers) / len(answers)
        points.append(
            _said(
                {
                    "lines": written,
                    "runs": len(answers),
                    "seconds": round(seconds, 3),
                    "seconds_each": [round(a["seconds"], 3) for a in answers],
                    "lines_per_s": round(written / seconds),
                    "peak_rss_mb": round(max(a["peak_rss_kb"] for a in answers) / 1024, 1),
                    "load": [loads[lines][0], loads[lines][-1]],
                }
            )
        )
    return points


def _fec_file(cache: Path, lines: int) -> tuple[Path, int]:
    debtors = max(fixtures.FULL.debtors, lines // LINES_PER_DEBTOR)  # the bench's own file at 1 M
    size = fixtures.Size(f"fec-{lines}", debtors, lines, 0, 1, 0, 0)
    _say(f"FEC file of {lines:,} lines")
    return fixtures.fec_file(cache, size)


def _import_once(cache: Path, fec: Path) -> dict:
    target = cache / "scaling_import.db"
    measures.remove_db(target)
    try:
        return run("fec", str(target), str(fec))[0]
    finally:
        measures.remove_db(target)


def parse_sizes(text: str | None, default: tuple[int, ...]) -> tuple[int, ...]:
    """``10000,100000`` (underscores allowed) -> sorted sizes; the default when not given.

    An empty text (``--debtors ''``) skips that series: the FEC imports alone, say.
    """
    if text is None:
        return default
    if not text.strip():
        return ()
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError as exc:
        raise SystemExit(
            f"scripts/bench: sizes are whole numbers separated by commas: {text}"
        ) from exc
    if not sizes or sizes[0] < 1:
        raise SystemExit(f"scripts/bench: sizes must be positive: {text}")
    return tuple(sizes)


def _said(point: dict) -> dict:
    """Each point on stderr as soon as it is measured: a long run stopped early keeps them."""
    _say(json.dumps(point))
    return point


def _say(what: str) -> None:
    print(f"bench: scaling: {what}", file=sys.stderr, flush=True)

"""The bench's inputs: a generated ledger and an FEC file, built once and cached.

The cache key holds the size, the seed, the date and a hash of the generator
and schema sources, so a change to either rebuilds instead of timing a stale
file. Measures that write (claims, outcomes) run on a copy of the ledger.
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import datetime
from functools import cache
from pathlib import Path
from time import perf_counter
from zoneinfo import ZoneInfo

from callcenter.domain.record import record

#: The bench's frozen "now": a Tuesday morning inside calling hours.
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
SEED = 7


@record(slots=False)
class Size:
    """How big the bench ledger is and how much work each measure does."""

    name: str
    debtors: int
    fec_lines: int
    outcomes: int  # outcome keys pressed per workstation run
    runs: int  # repeated runs; figures are medians
    picks: int  # claim_next / raw top-1 timings
    cold_runs: int


FULL = Size("full", 100_000, 1_000_000, 200, 3, 200, 9)
SMALL = Size("small", 300, 5_000, 12, 1, 20, 1)


#: Raised when what a build leaves in the ledger changes without the schema or the generated
#: debtors changing (2: the holidays calendar saved in ``meta`` by the build's rescore).
LEDGER_FORMAT = 2


@cache  # one process's sources do not change: a bench asks for it once per ledger
def _sources_hash() -> str:
    """A fingerprint of what decides the ledger: the schema, and a sample of generated debtors.

    Hashing generated output rather than the generator's source means an
    edited comment does not cost a three-minute rebuild, while any change to
    what is generated (or to the tables) does.
    """
    import hashlib  # here: the cold child imports this module for NOW, and times its imports

    import callcenter.store.sqlite.schema as schema
    from callcenter.importers.demo import iter_debtors, ledger_day

    digest = hashlib.sha256(Path(schema.__file__).read_bytes())
    digest.update(str(LEDGER_FORMAT).encode())
    for built in iter_debtors(SEED, 40, ledger_day(NOW)):
        digest.update(repr(built).encode())
    return digest.hexdigest()[:10]


def ledger_path(cache: Path, size: Size) -> Path:
    return cache / f"ledger-{size.debtors}-s{SEED}-{NOW:%Y%m%d}-{_sources_hash()}.db"


def cached_ledger(cache: Path, size: Size, *, rebuild: bool = False) -> tuple[Path, dict]:
    """The path of the cached ledger, building it first when missing; with build info."""
    from callcenter.config import load_config
    from callcenter.service.demo import build_demo
    from callcenter.store import open_database

    path = ledger_path(cache, size)
    if path.exists() and not rebuild:
        return path, {"cached": True}
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"ledger-{size.debtors}-*.db*"):
        old.unlink()
    partial = path.with_suffix(".building")
    _remove_db(partial)
    started = perf_counter()
    store = open_database(partial)
    try:
        summary = build_demo(
            store,
            debtors=size.debtors,
            seed=SEED,
            now=NOW,
            config=load_config(None),
            progress=_progress,
        )
        store.optimize()
    finally:
        store.close()
    partial.rename(path)
    _remove_db(partial)
    summary["seconds_with_scoring"] = round(perf_counter() - started, 1)
    return path, {"cached": False, "build": summary}


def working_copy(ledger: Path, cache: Path) -> Path:
    """A fresh copy of the ledger that measures may write to, on disk before they start.

    The copy is flushed before it is handed over: left in the system's cache, its
    gigabyte (nine at a million debtors) was written back while the queue pick was
    being timed, and each pick's commit waited behind that writeback.
    """
    target = cache / "work.db"
    _remove_db(target)
    shutil.copyfile(ledger, target)
    target.chmod(0o660)
    with open(target, "rb") as handle:
        os.fsync(handle.fileno())
    return target


def fec_file(cache: Path, size: Size) -> tuple[Path, int]:
    """An FEC export of the bench ledger cut at ``size.fec_lines`` lines (cached)."""
    from callcenter.importers.demo import write_fec

    path = cache / f"fec-{size.fec_lines}-s{SEED}-{NOW:%Y%m%d}-{_sources_hash()}.txt"
    if path.exists():
        with open(path, "rb") as handle:
            return path, sum(1 for _ in handle) - 1
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.glob(f"fec-{size.fec_lines}-*.txt"):
        old.unlink()
    partial = path.with_suffix(".part")
    lines = write_fec(partial, debtors=size.debtors, seed=SEED, now=NOW, max_lines=size.fec_lines)
    partial.rename(path)
    return path, lines


def ledger_counts(path: Path) -> dict:
    """How big the ledger really is (read-only)."""
    from callcenter.store import open_database

    store = open_database(path, create=False)
    try:
        return {t: store.ledger.count_rows(t) for t in ("debtors", "invoices", "payments", "calls")}
    finally:
        store.close()


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _progress(done: int, total: int) -> None:
    if done % 10_000 == 0 or done == total:
        print(f"bench: generated {done:,}/{total:,} debtors", file=sys.stderr, flush=True)

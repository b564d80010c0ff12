"""The floors: what the same work costs with nothing but Textual, Python or SQLite.

Each bench figure is divided by its floor measured in the same run, so a
slower machine moves both and the ratio stays a property of the code.
"""

from __future__ import annotations

import csv
import itertools
import tempfile
from collections.abc import Sequence
from pathlib import Path
from time import perf_counter

from callcenter.bench.children import run


def frame(rounds: int, table_rows: int) -> list[float]:
    """Seconds per full repaint of a bare Textual app with the session's widgets (``rounds``).

    ``table_rows`` is the number of rows its table shows each round.
    """
    answer, _ = run("frame", str(rounds), str(table_rows))
    return answer["frame_s"]


def hello() -> dict:
    """The hello app: seconds from process start to its first paint, and its peak RSS."""
    answer, spawned = run("hello")
    return {"seconds": answer["painted_at"] - spawned, "peak_rss_mb": answer["peak_rss_kb"] / 1024}


def csv_read(path: Path) -> tuple[float, int, tuple[str, ...]]:
    """Python's ``csv`` reading and splitting the FEC file into rows, no conversion.

    Returns the seconds, the number of data rows and one data row (for ``executemany``).
    """
    started = perf_counter()
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows)  # the header
        sample = tuple(next(rows))
        count = 1 + sum(1 for _ in rows)
    return perf_counter() - started, count, sample


def executemany(folder: Path, rows: int, sample: Sequence[str]) -> float:
    """Seconds for a plain ``executemany`` of ``rows`` rows like ``sample`` into an empty table."""
    from callcenter.store.sqlite.floors import plain_executemany

    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        started = perf_counter()
        plain_executemany(Path(scratch) / "floor.db", itertools.repeat(sample, rows), len(sample))
        return perf_counter() - started


def count_calls(store) -> float:
    """Seconds for one ``SELECT count(*)`` of the calls table (SQLite reads its smallest index)."""

    started = perf_counter()
    store.ledger.count_rows("calls")
    return perf_counter() - started

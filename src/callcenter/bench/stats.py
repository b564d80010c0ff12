"""Small statistics and a description of the machine, for the bench report."""

from __future__ import annotations

import math
import os
import platform
import statistics
from collections.abc import Sequence

from callcenter.store.sqlite.db import SQLITE_VERSION


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``pct`` % of values at or below."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * pct // 100))  # ceiling without floats drifting
    return ordered[int(rank) - 1]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def us(seconds: float) -> float:
    return round(seconds * 1_000_000, 1)


def ratio(value: float, floor: float) -> float:
    """``value`` in units of its floor (two decimals); infinite over a zero floor."""
    return round(value / floor, 2) if floor > 0 else math.inf


def slope(sizes: Sequence[float], values: Sequence[float]) -> float | None:
    """The growth exponent: least-squares slope of log(value) over log(size).

    0 means the cost does not grow with the size, 1 that it grows linearly.
    None with fewer than two sizes (or a value that is not positive).
    """
    points = [(math.log(x), math.log(y)) for x, y in zip(sizes, values, strict=True) if y > 0]
    if len(points) < 2 or len(points) < len(sizes):
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return None
    return round(sum((x - mean_x) * (y - mean_y) for x, y in points) / spread, 3)


def load() -> list[float]:
    """The 1, 5 and 15 minute load averages (what ``uptime`` prints), for every measure:
    on a shared machine a figure means little without the load it was taken under."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return []


def machine() -> dict:
    """CPU model, cores, memory and the versions that shape the numbers."""
    import textual

    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_mb": _memory_mb(),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": SQLITE_VERSION,
        "textual": textual.__version__,
    }


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_mb() -> int | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None

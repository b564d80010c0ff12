"""A short-lived memory of the period figures, so the dashboard can refresh every few seconds.

Aging, receivables, rates over 30 days and promised vs collected now read
small per-day sum tables (:mod:`callcenter.store.sqlite.figure_sums`), about 10 ms
on 100 000 debtors, so recomputing them is cheap: this memory only spares
that much on the 5-second refresh, and never decides whether the figures
are fast enough. They are kept for a minute, and dropped at once when the
ledger visibly changed (a new import, invoice or payment, a campaign
refreshed) or when the caller asks for fresh figures.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from callcenter.store import Store

#: How long period figures are reused when nothing visible changed.
TTL_SECONDS = 60.0
#: Entries kept (one per database, scope and period viewed recently).
MAX_ENTRIES = 16

T = TypeVar("T")
_entries: OrderedDict[Hashable, tuple[float, Hashable, object]] = OrderedDict()
_lock = threading.Lock()


def cached(store: Store, key: Hashable, compute: Callable[[], T], *, fresh: bool = False) -> T:
    """``compute()``, or its result from less than a minute ago on an unchanged ledger."""
    full_key = (_file_identity(store), key)
    stamp = store.figures.ledger_stamp()
    now = time.monotonic()
    with _lock:
        hit = _entries.get(full_key)
    if hit and not fresh and hit[1] == stamp and now - hit[0] < TTL_SECONDS:
        return hit[2]  # type: ignore[return-value]
    value = compute()
    with _lock:
        _entries[full_key] = (now, stamp, value)
        _entries.move_to_end(full_key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    """Forget everything (tests, or after replacing the database file)."""
    with _lock:
        _entries.clear()


def _file_identity(store: Store) -> tuple:
    """The file itself, not its name: a database replaced under the same path is another."""
    try:
        info = os.stat(store.path)
    except OSError:
        return (str(store.path),)
    return (str(store.path), info.st_dev, info.st_ino)

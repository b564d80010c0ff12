"""The program's clock: what "now" is, built once by the wiring and handed down.

Tests and demos freeze the start (``CALLCENTER_NOW``) and then let time run,
so a session on screen still sees seconds pass; nothing below the wiring
reads the system time by itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The real current instant, timezone-aware."""
    return datetime.now(UTC)


def running_clock(start: datetime) -> Clock:
    """A clock that starts at ``start`` and then runs in real time."""
    origin = time.monotonic()
    return lambda: start + timedelta(seconds=time.monotonic() - origin)

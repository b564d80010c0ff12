"""Messages the workers and screens of the workstation send each other."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from callcenter.tui.desk import Shown
from callcenter.tui.rendered_ahead import Prepared
from callcenter.tui.session_stats import Logged


@dataclass
class DossierReady(Message):
    """A worker loaded the dossier to show (None: the queue is empty)."""

    shown: Shown | None
    notice: str = ""
    #: With an empty queue: what comes back first (a ``queue.ComingBack``), if anything.
    coming_back: object | None = None
    #: The outcome just committed, counted by the same handler that shows what follows:
    #: told apart, the count repainted the screen, and Textual (60 frames a second) then
    #: made the next dossier wait up to a frame before its own paint.
    logged: Logged | None = None


@dataclass
class PositionKnown(Message):
    """The queue position of a dossier on screen has been counted."""

    code: str
    rank: int
    total: int


@dataclass
class OutcomeSaved(Message):
    """An outcome is committed; the session counts it and can undo it."""

    logged: Logged


@dataclass
class DossierShown(Message):
    """The dossier of ``code`` is painted; ``at`` is ``time.monotonic()`` after the refresh.

    The speed bench waits for this to measure key-to-next-debtor latency.
    """

    code: str
    at: float


@dataclass
class WorkFailed(Message):
    """A database operation failed. ``error`` is for the collector.

    ``saved`` is True when the outcome was committed but the next debtor could
    not be loaded: the screen then clears the dossier, so that the same outcome
    cannot be logged twice by a second key press.
    """

    error: str
    saved: bool = False


@dataclass
class ReadAhead(Message):
    """The prefetch built the panels' texts of the debtor likely to come next: the UI
    thread renders them into lines while it is idle."""

    prepared: Prepared

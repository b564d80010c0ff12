"""The time dimension of a call and of a collector's day: attempts, their events, states.

A call attempt gets its id before anything is dialled, so every event a
dialer reports later (ringing, answered, ended with a hang-up cause) and the
outcome the collector types are tied to it. The times are facts appended
once, never edited; the durations the supervisor reads are derived here,
with one definition each (see the README, "A calling day").
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from enum import StrEnum

from callcenter.domain.record import record


class CallEvent(StrEnum):
    """What happened to an attempt, in the order it can happen."""

    DIALLED = "dialled"
    RINGING = "ringing"
    ANSWERED = "answered"
    ENDED = "ended"
    #: The collector's outcome key: the end of wrap-up, linked to the call log entry.
    OUTCOME = "outcome"


class AgentState(StrEnum):
    """Where a collector is in the calling cycle; each lasts until the next one starts."""

    READY = "ready"
    DIALLING = "dialling"
    ON_CALL = "on_call"
    WRAP_UP = "wrap_up"
    PAUSED = "paused"
    #: The workstation closed: nothing is counted until the next state.
    OFF = "off"


@record
class DialTarget:
    """What dialling a contact needs: its debtor, its numbers as stored, the debtor's zone."""

    debtor_code: str
    name: str
    phone: str | None
    phone2: str | None
    wrong_number: bool
    timezone: str | None


@record
class StateChange:
    """One row of a collector's state log: ``state`` from ``at`` until their next row."""

    collector: str
    at: datetime
    state: AgentState
    reason: str = ""
    debtor_code: str | None = None


@record
class DoNotCall:
    """A do-not-call flag in force: who set it and why."""

    set_by: str
    reason: str


@record
class AgendaEntry:
    """A line of a collector's agenda: a callback due (``at``) or a promise due (``on``)."""

    debtor_code: str
    debtor_name: str
    contact: str = ""
    at: datetime | None = None
    on: date | None = None
    amount_cents: int | None = None
    #: A colleague's callback for anyone: who set it ("" for the collector's own).
    set_by: str = ""


def new_attempt_id() -> str:
    """A call attempt's id: random, so two workstations never need to agree on one."""
    return uuid.uuid4().hex


@record
class CallTimes:
    """An attempt's recorded moments (None: not reached) and what derives from them."""

    attempt_id: str
    dialled_at: datetime
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    outcome_at: datetime | None = None
    hangup_cause: str = ""
    call_id: int | None = None

    @property
    def talk(self) -> timedelta:
        """Answered to ended; zero for a call nobody answered (or not ended yet)."""
        if self.answered_at is None or self.ended_at is None:
            return timedelta(0)
        return max(self.ended_at - self.answered_at, timedelta(0))

    @property
    def wrap_up(self) -> timedelta:
        """Hang-up to the outcome key; zero when the outcome ended the call itself."""
        if self.ended_at is None or self.outcome_at is None:
            return timedelta(0)
        return max(self.outcome_at - self.ended_at, timedelta(0))


def seconds(delta: timedelta) -> int:
    """Whole seconds, as the figures and the JSON report durations."""
    return int(delta.total_seconds())


def clock(delta: timedelta) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a timer on screen."""
    total = max(int(delta.total_seconds()), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"

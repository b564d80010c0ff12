"""What every dialer does, whichever way it reaches the phone.

The workstation never knows which dialer it has: it asks the service to
place a call (rules checked, attempt id made, "dialled" written) and the
service hands the attempt to :meth:`Dialer.dial`. A dialer that can tell
what happens next (baresip) reports ringing, answer and hang-up through the
``report`` callback, from whatever thread it reads them on; one that cannot
(``tel``) leaves those moments to the collector's keys.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from callcenter.domain.calling import CallEvent
from callcenter.domain.record import record

#: ``report(attempt_id, event, at, cause)``: what a dialer tells the workstation.
Report = Callable[[str, CallEvent, datetime, str], None]


@record
class Attempt:
    """One call attempt, its id made before dialling."""

    id: str
    code: str
    contact_id: int | None
    number: str  # E.164, validated
    collector: str


class DialerError(RuntimeError):
    """The dialer could not place the call (program missing, user agent unreachable)."""


class Dialer(Protocol):
    #: "tel", "command" or "sip": stored with each attempt.
    kind: str
    #: Whether numbers on screen are tel: links (the terminal hands them to a softphone).
    links: bool
    #: Whether the dialer reports answer and hang-up itself (else the collector's keys do).
    reports: bool

    def dial(self, attempt: Attempt, report: Report) -> None:
        """Start the call; raise :class:`DialerError` when it cannot be placed."""

    def hang_up(self, attempt: Attempt) -> None:
        """End the call (the collector pressed an outcome key while it was up)."""

    def close(self) -> None:
        """The workstation is closing: let go of whatever the dialer holds."""

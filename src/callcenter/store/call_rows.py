"""Call attempts' times and collectors' states from the rows both backends read.

The same append-only tables and text encoding of instants on SQLite and
PostgreSQL, so one builder each, whichever driver fetched the rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from callcenter.domain.calling import AgentState, CallEvent, CallTimes, StateChange
from callcenter.store.codec import instant_from_db

#: (attempt id, event, at, cause, call id) rows, as both backends read them.
EventRow = tuple[str, str, str, str, int | None]


def times_from_events(rows: Iterable[EventRow]) -> dict[str, CallTimes]:
    """Each attempt's :class:`CallTimes` from its event rows (attempts never dialled left out)."""
    found: dict[str, dict[str, tuple]] = {}
    for attempt_id, event, at, cause, call_id in rows:
        found.setdefault(attempt_id, {})[event] = (instant_from_db(at), cause, call_id)
    return {
        attempt_id: _times(attempt_id, events)
        for attempt_id, events in found.items()
        if CallEvent.DIALLED.value in events
    }


def _times(attempt_id: str, events: dict[str, tuple]) -> CallTimes:
    def at(event: CallEvent) -> datetime | None:
        found = events.get(event.value)
        return found[0] if found else None

    ended = events.get(CallEvent.ENDED.value)
    outcome = events.get(CallEvent.OUTCOME.value)
    return CallTimes(
        attempt_id=attempt_id,
        dialled_at=events[CallEvent.DIALLED.value][0],  # there: the caller checked
        answered_at=at(CallEvent.ANSWERED),
        ended_at=at(CallEvent.ENDED),
        outcome_at=at(CallEvent.OUTCOME),
        hangup_cause=ended[1] if ended else "",
        call_id=outcome[2] if outcome else None,
    )


def state_change(collector: str, at: str, state: str, reason: str, code: str | None) -> StateChange:
    return StateChange(collector, instant_from_db(at), AgentState(state), reason, code)

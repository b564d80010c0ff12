"""The supervisor's board of agents: who is in which state since when, and the day's times."""

from __future__ import annotations

from datetime import datetime, tzinfo

from callcenter.domain.agent_day import AgentDay, agent_days
from callcenter.domain.calling import seconds
from callcenter.service.users import is_supervisor
from callcenter.store import Store


def agent_board(
    store: Store, *, now: datetime, tz: tzinfo, viewer: str | None = None
) -> list[AgentDay]:
    """Every collector with a state or a call today (midnight in ``tz`` to ``now``).

    ``viewer`` is who asks: a supervisor sees every row, a collector only their
    own (the others' pauses and talk times are not theirs to read); None is a
    caller that already decided (the supervisor's dashboard).
    """
    start = now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    states = store.calling.states_between(start, now)
    attempts = store.calling.times_between(start, now)
    days = agent_days(states, attempts, start, now)
    if viewer is None or is_supervisor(store, viewer):
        return days
    return [day for day in days if day.collector == viewer]


def board_to_json(days: list[AgentDay], now: datetime) -> list[dict]:
    """Durations in whole seconds, instants in ISO 8601 UTC."""
    return [
        {
            "collector": day.collector,
            "state": day.state.value,
            "reason": day.reason,
            "since": day.since.isoformat() if day.since else None,
            "for_seconds": seconds(now - day.since) if day.since else None,
            "debtor": day.debtor_code,
            "calls": day.calls,
            "talk_seconds": seconds(day.talk),
            "wrap_up_seconds": seconds(day.wrap_up),
            "pause_seconds": seconds(day.paused),
            "worked_seconds": seconds(day.worked),
            "calls_per_hour": day.calls_per_hour,
        }
        for day in days
    ]

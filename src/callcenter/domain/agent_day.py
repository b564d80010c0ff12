"""A collector's day from the state log and the call attempts (definitions in the README).

Each state row lasts until the collector's next row, or until the end of the
window (``now`` for today); rows before the window count from its start.
*Pause time* is time in ``paused``; *worked time* is time in ready, dialling,
on a call and wrap-up; *calls per hour* is attempts dialled ÷ worked hours.
Talk and wrap-up time come from each attempt's own events (``CallTimes``),
not from the states, so a call that outlives a state change counts once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from callcenter.domain.calling import AgentState, CallTimes, StateChange

_WORKING = frozenset(
    {AgentState.READY, AgentState.DIALLING, AgentState.ON_CALL, AgentState.WRAP_UP}
)


@dataclass
class AgentDay:
    collector: str
    state: AgentState = AgentState.OFF
    since: datetime | None = None
    reason: str = ""
    debtor_code: str | None = None
    calls: int = 0
    talk: timedelta = field(default_factory=timedelta)
    wrap_up: timedelta = field(default_factory=timedelta)
    paused: timedelta = field(default_factory=timedelta)
    worked: timedelta = field(default_factory=timedelta)

    @property
    def calls_per_hour(self) -> float:
        hours = self.worked.total_seconds() / 3600
        return round(self.calls / hours, 1) if hours > 0 else 0.0


def agent_days(
    states: Iterable[StateChange],
    attempts: Iterable[tuple[str, CallTimes]],
    start: datetime,
    end: datetime,
) -> list[AgentDay]:
    """One :class:`AgentDay` per collector seen, by name; ``states`` ordered by collector, time."""
    days: dict[str, AgentDay] = {}
    by_collector: dict[str, list[StateChange]] = defaultdict(list)
    for row in states:
        by_collector[row.collector].append(row)
    for collector, rows in by_collector.items():
        day = days.setdefault(collector, AgentDay(collector))
        for index, row in enumerate(rows):
            following = rows[index + 1].at if index + 1 < len(rows) else end
            spent = max(min(following, end) - max(row.at, start), timedelta(0))
            if row.state is AgentState.PAUSED:
                day.paused += spent
            elif row.state in _WORKING:
                day.worked += spent
            day.state, day.since, day.reason = row.state, row.at, row.reason
            day.debtor_code = row.debtor_code if row.state is not AgentState.OFF else None
    for collector, times in attempts:
        day = days.setdefault(collector, AgentDay(collector))
        day.calls += 1
        day.talk += times.talk
        day.wrap_up += times.wrap_up
    return [days[name] for name in sorted(days)]

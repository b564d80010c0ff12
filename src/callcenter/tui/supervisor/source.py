"""Where the dashboard gets its figures: its own database handle, used from worker threads.

The dashboard refreshes in a thread so keys never wait on SQL; one lock keeps
the refresh and a drill-down from using the connection at the same time. The
wiring opens the database and hands it over; the source closes it on exit.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from callcenter.domain.agent_day import AgentDay
from callcenter.domain.figures import DebtorAmount, Figures
from callcenter.service import campaigns, portfolios, users
from callcenter.service import figures as figures_service
from callcenter.service.agents import agent_board
from callcenter.service.figures import OFFICE_TZ, Drill
from callcenter.store import Store


@dataclass
class FigureSource:
    """The question the dashboard keeps asking: whose figures, over which period."""

    store: Store
    actor: str
    campaign: str | None = None
    since: date | None = None
    until: date | None = None
    tz: tzinfo = OFFICE_TZ
    _closed: bool = field(default=False, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def _open(self) -> Store:
        return self.store

    def _view(self) -> dict:
        """Who looks, at what scope and period: the figures and their drill-downs must agree."""
        return {
            "actor": self.actor,
            "campaign": self.campaign,
            "since": self.since,
            "until": self.until,
            "tz": self.tz,
        }

    def figures(self, now: datetime, *, fresh: bool = True) -> Figures:
        """Figures for now; unless ``fresh``, period figures may be up to a minute old."""
        with self._lock:
            return figures_service.figures(self._open(), now=now, fresh=fresh, **self._view())

    def agents(self, now: datetime) -> list[AgentDay]:
        """The board of agents today, as the dashboard's user may see it."""
        with self._lock:
            return agent_board(self._open(), now=now, tz=self.tz, viewer=self.actor)

    def drill(self, drill: Drill, now: datetime) -> list[DebtorAmount]:
        with self._lock:
            return figures_service.drill_down(self._open(), drill, now=now, **self._view())

    def campaign_names(self) -> list[str]:
        with self._lock:
            return [c.name for c in campaigns.list_campaigns(self._open())]

    def collector_names(self) -> list[str]:
        with self._lock:
            return users.known_collectors(self._open())

    def assign(self, codes: list[str], to: str | None, now: datetime) -> int:
        """Reassign ``codes`` as the dashboard's user; the service checks the role."""
        with self._lock:
            return portfolios.assign_debtors(self._open(), codes, to, actor=self.actor, now=now)

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self.store.close()

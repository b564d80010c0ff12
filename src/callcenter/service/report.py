"""The supervisor's report: the dashboard's figures over a period plus their monthly trend.

Nothing is computed here: the figures come from :func:`service.figures.figures`
and the trend from :func:`service.figures.monthly_trend`, so the report shows
the numbers the dashboard and ``callcenter stats`` show for the same period
and scope. The same report scoped to one collector over one day is that
collector's day summary.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from callcenter.domain.figures import Figures, MonthFigures
from callcenter.domain.record import record
from callcenter.service.figures import TREND_MONTHS, figures, monthly_trend
from callcenter.store import Store


@record
class Report:
    """What the report shows; ``day_summary`` when it is one collector's day."""

    figures: Figures
    trend: tuple[MonthFigures, ...]
    day_summary: bool = False


def supervisor_report(
    store: Store,
    *,
    now: datetime,
    actor: str,
    since: date | None = None,
    until: date | None = None,
    campaign: str | None = None,
    collector: str | None = None,
    months: int = TREND_MONTHS,
    tz: tzinfo,
) -> Report:
    """The figures over [since, until] (default: the last 30 days) and the months up to ``until``."""
    found = figures(
        store,
        now=now,
        actor=actor,
        campaign=campaign,
        collector=collector,
        since=since,
        until=until,
        tz=tz,
        fresh=True,
    )
    trend = monthly_trend(
        store,
        now=now,
        actor=actor,
        until=found.period.until,
        months=months,
        campaign=campaign,
        collector=collector,
        tz=tz,
    )
    return Report(found, trend)


def collector_day(
    store: Store,
    *,
    now: datetime,
    actor: str,
    collector: str | None,
    day: date | None = None,
    tz: tzinfo,
) -> Report:
    """One collector's day: the report over that single day, scoped to their work.

    Without ``collector``: the acting collector's own day, or the team's for a
    supervisor (the scope rules of :func:`service.figures.scope_for`).
    """
    day = day or now.astimezone(tz).date()
    report = supervisor_report(
        store, now=now, actor=actor, since=day, until=day, collector=collector, tz=tz
    )
    return Report(report.figures, report.trend, day_summary=True)

"""The dossier's place on its funnel scenario, for the workstation's dossier panel.

Apart from :mod:`callcenter.service.reminders` (which renders and sends the
written steps) because the first dossier painted needs only this: reading the
place must not import the template engine (jinja2, ~20 ms and ~2 MB of the
workstation's start).
"""

from __future__ import annotations

from datetime import date

from callcenter.domain.communications import DELIVERED, Communication
from callcenter.domain.models import Dossier, Outcome
from callcenter.domain.scenarios import Position, debtor_position
from callcenter.domain.settings import Config


def last_call_day(dossier: Dossier, config: Config) -> date | None:
    """The day of the latest call still standing (an undone one does not take a phone step)."""
    undone = {c.undoes for c in dossier.calls if c.undoes is not None}
    days = [
        c.started_at.astimezone(config.tz).date()
        for c in dossier.calls
        if c.outcome is not Outcome.UNDO and c.id not in undone
    ]
    return max(days, default=None)


def dossier_position(
    dossier: Dossier,
    sent: dict[str, date],
    today: date,
    config: Config,
    called_on: date | None = None,
) -> Position | None:
    """The debtor's place on its scenario (the dossier panel's line).

    ``called_on``: the day of its latest standing call, where the caller read it
    apart (a batch of funnel dossiers carries no calls); else from the dossier's calls.
    """
    return debtor_position(
        config.funnel.scenarios,
        dossier.debtor,
        dossier.invoices,
        sent,
        today,
        called_on=called_on or last_call_day(dossier, config),
    )


def funnel_view(
    dossier: Dossier, today: date, config: Config, limit: int = 12
) -> tuple[Position | None, tuple[Communication, ...]]:
    """The dossier's place on its scenario and its latest written messages.

    Both come from the log entries read with the dossier (in the workstation's
    prefetch): no read of its own.
    """
    sent: dict[str, date] = {}
    for entry in dossier.communications:
        if entry.result in DELIVERED:
            day = entry.at.astimezone(config.tz).date()
            sent[entry.step] = max(day, sent.get(entry.step, day))
    written = dossier.communications[:limit]
    return dossier_position(dossier, sent, today, config), written

"""A collector's agenda: my callbacks today, and the promises due today or tomorrow.

What the workstation's agenda (``j``) lists, so a callback promised for 14:30 or
a transfer promised for tomorrow is in front of the collector before the queue
brings it back.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from callcenter.domain.calling import AgendaEntry
from callcenter.domain.record import record
from callcenter.domain.settings import Config
from callcenter.store import Store


@record
class Agenda:
    #: Callbacks the collector set, due today (office day), soonest first.
    callbacks: list[AgendaEntry]
    #: Pending promises due today or tomorrow, theirs or on their debtors.
    promises: list[AgendaEntry]


def my_agenda(store: Store, *, actor: str, now: datetime, config: Config) -> Agenda:
    """The agenda of ``actor`` for the office day of ``now`` (``config.timezone``)."""
    local = now.astimezone(config.tz)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    today = local.date()
    with store.snapshot():
        callbacks = store.calling.callbacks_due(actor, midnight, midnight + timedelta(days=1))
        promises = store.calling.promises_due(actor, today, today + timedelta(days=1))
    return Agenda(callbacks, promises)

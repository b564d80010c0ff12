"""Whether a collector may work a debtor now: one check for every write about a debtor.

The workstation only offers a collector their own debtors, but ``callcenter
log``, ``/`` (find) and scripts can name any code, so the rule is checked
where outcomes are written, in the service both interfaces call:

* a debtor another collector holds a live claim on is theirs until the claim
  ends (they may be on the phone with them): refused for everyone;
* a collector works their portfolio (debtors assigned to them), the shared
  pool (assigned to nobody), and, in a campaign they may work, its debtors;
  a supervisor may work any debtor.

Call :func:`require_may_work` inside the write transaction, before writing;
changes to disputes, tasks and notes check the same portfolio rule
(:func:`require_portfolio`) with their author.
"""

from __future__ import annotations

from datetime import datetime

from callcenter.service.errors import AccessRefused
from callcenter.service.users import is_supervisor
from callcenter.store import Store


def require_may_work(
    store: Store, code: str, actor: str, now: datetime, *, campaign_id: int | None = None
) -> None:
    """Raise :class:`AccessRefused` unless ``actor`` may write about debtor ``code`` at ``now``."""
    holder = store.dossiers.holder(code, now)
    if holder is not None and holder != actor:
        raise AccessRefused("access.claimed", code=code, holder=holder)
    require_portfolio(store, code, actor, campaign_id=campaign_id)


def require_portfolio(
    store: Store, code: str, actor: str, *, campaign_id: int | None = None, author: str = ""
) -> None:
    """Raise :class:`AccessRefused` unless debtor ``code`` is in a portfolio ``actor`` works.

    The rule outcomes and dossier changes share: the debtor's collector, anybody
    for the shared pool, a supervisor, a campaign's collectors for its debtors,
    and for a dispute or task, whoever ``author``-ed it.
    """
    owner = store.dossiers.portfolio_owner(code)
    if not owner or actor in (owner, author) or is_supervisor(store, actor):
        return
    if campaign_id is not None and store.dossiers.in_campaign_of(code, campaign_id, actor):
        return
    raise AccessRefused("access.portfolio", code=code, owner=owner, actor=actor)

"""Whether a collector may work a debtor now: one check for every write about a debtor.

The workstation only offers a collector their own debtors, but ``callcenter
log``, ``/`` (find) and scripts can name any code, so the rule is checked
where outcomes are written, in the service both interfaces call:

* a debtor another collector holds a live claim on is theirs until the claim
  ends (they may be on the phone with them): refused for everyone;
* a collector works their portfolio (debtors assigned to them), the shared
  pool (assigned to nobody), and, in a campaign they may work, its debtors;
  a supervisor may work any debtor.

Call :func:`require_may_work` inside the write transaction, before writing.
"""

from __future__ import annotations

from datetime import datetime

from callcenter.service.errors import AccessRefused
from callcenter.service.users import is_supervisor
from callcenter.store import Store
from callcenter.store.sqlite import access as access_store


def require_may_work(
    store: Store, code: str, actor: str, now: datetime, *, campaign_id: int | None = None
) -> None:
    """Raise :class:`AccessRefused` unless ``actor`` may write about debtor ``code`` at ``now``."""
    holder = access_store.holder(store, code, now)
    if holder is not None and holder != actor:
        raise AccessRefused("access.claimed", code=code, holder=holder)
    owner = access_store.portfolio_owner(store, code)
    if not owner or owner == actor or is_supervisor(store, actor):
        return
    if campaign_id is not None and access_store.in_campaign_of(store, code, campaign_id, actor):
        return
    raise AccessRefused("access.portfolio", code=code, owner=owner, actor=actor)

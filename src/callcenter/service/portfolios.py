"""Reassigning debtors and whole portfolios between collectors (supervisors only)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from callcenter.service.identity import check_name
from callcenter.service.users import require_supervisor
from callcenter.store import Store
from callcenter.store.sqlite import portfolios as portfolios_store


class UnknownDebtors(LookupError):
    """Some of the codes given name no debtor; nothing was changed."""


def assign_debtors(
    store: Store, codes: Sequence[str], to: str | None, *, actor: str, now: datetime
) -> int:
    """Give ``codes`` to collector ``to`` (None: back to the shared pool); all or nothing."""
    codes = list(dict.fromkeys(codes))
    if to is not None:
        check_name(to)
    with store.transaction():
        require_supervisor(store, actor, "reassign debtors")
        missing = sorted(set(codes) - portfolios_store.known_codes(store, codes))
        if missing:
            raise UnknownDebtors(f"no such debtor: {', '.join(missing[:10])}")
        return portfolios_store.assign_debtors(store, codes, to, now)


def move_portfolio(store: Store, source: str, to: str | None, *, actor: str, now: datetime) -> int:
    """Hand every debtor of ``source`` to ``to`` (holidays, departures)."""
    if to is not None:
        check_name(to)
    with store.transaction():
        require_supervisor(store, actor, "reassign portfolios")
        return portfolios_store.move_portfolio(store, source, to, now)

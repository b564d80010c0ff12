"""Reassigning debtors and whole portfolios between collectors (supervisors only)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from callcenter.service.identity import check_name
from callcenter.service.users import require_supervisor
from callcenter.store import Store


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
        missing = sorted(set(codes) - store.portfolios.known_codes(codes))
        if missing:
            raise UnknownDebtors(f"no such debtor: {', '.join(missing[:10])}")
        return store.portfolios.assign_debtors(codes, to, now)


def move_portfolio(store: Store, source: str, to: str | None, *, actor: str, now: datetime) -> int:
    """Hand every debtor of ``source`` to ``to`` (holidays, departures)."""
    if to is not None:
        check_name(to)
    with store.transaction():
        require_supervisor(store, actor, "reassign portfolios")
        return store.portfolios.move_portfolio(source, to, now)

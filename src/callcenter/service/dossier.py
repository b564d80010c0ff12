"""Reading debtors for the screen and the CLI."""

from __future__ import annotations

from datetime import date

from callcenter.domain.models import Dossier
from callcenter.store import dossier as dossier_store
from callcenter.store.db import Store


class UnknownDebtor(LookupError):
    """No debtor has this code."""


def dossier(store: Store, code: str, today: date | None = None) -> Dossier:
    """The whole dossier of one debtor; raises :class:`UnknownDebtor`."""
    found = dossier_store.load_dossier(store, code, today)
    if found is None:
        raise UnknownDebtor(f"no debtor with code {code!r}")
    return found

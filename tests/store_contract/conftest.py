"""The store contract: one suite written against ``callcenter.store.ports``, run on every backend.

Each backend is a fixture giving a database URL; adding one is one line in
``BACKENDS`` (its name and the fixture that makes a fresh database at the current schema).
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from builtin_settings import SETTINGS

from callcenter.domain.models import Debtor, Invoice
from callcenter.service.queue import rescore
from callcenter.store import Store, open_database

#: Backend name -> fixture returning the URL of a fresh database for one test.
BACKENDS = {
    "sqlite": "sqlite_url",
    "postgresql": "pg_store_url",  # skips, saying why, where no PostgreSQL server binaries exist
}


@pytest.fixture
def sqlite_url(tmp_path, new_database) -> str:
    return f"sqlite://{new_database(tmp_path / 'contract.db')}"


@pytest.fixture(params=sorted(BACKENDS))
def database_url(request) -> str:
    return request.getfixturevalue(BACKENDS[request.param])


@pytest.fixture
def store(database_url):
    opened = open_database(database_url)
    yield opened
    opened.close()


def seed(store: Store, now: datetime, count: int) -> list[str]:
    """``count`` overdue debtors; D00 owes the most, so it is the best to call."""
    codes = [f"D{n:02d}" for n in range(count)]
    with store.transaction():
        store.ledger.upsert_debtors([Debtor(code=c, name=f"Client {c}") for c in codes], now)
        store.ledger.upsert_invoices(
            [
                Invoice(c, "F1", date(2026, 8, 1), date(2026, 9, 1), amount, amount)
                for c, amount in zip(codes, range(900_000, 0, -10_000), strict=False)
            ]
        )
    rescore(store, now=now, config=SETTINGS)
    return codes


def holders(store: Store, now: datetime) -> dict[str, str]:
    """Who holds a claim on which debtor, as the queue shows it."""
    entries = store.queue.queue_rows(now=now, limit=None, include_waiting=True)
    return {e.code: e.claimed_by for e in entries if e.claimed_by}

"""The file under the store: the WAL stays bounded, and damage to the file is named."""

from __future__ import annotations

import os

from callcenter.domain.models import Debtor
from callcenter.store import db as db_module
from callcenter.store import ledger
from callcenter.store.db import Store


def test_the_wal_is_truncated_once_it_outgrows_its_limit(db_path, now, monkeypatch):
    """Readers that never pause keep SQLite's automatic checkpoint from rewinding the WAL;
    here it is off altogether, so only the store's own bound keeps the file small."""
    monkeypatch.setattr(db_module, "WAL_AUTOCHECKPOINT_PAGES", 0)
    monkeypatch.setattr(db_module, "WAL_LIMIT_BYTES", 256 * 1024)
    store = Store.open(db_path)
    wal = f"{db_path}-wal"
    peak = 0
    try:
        for batch in range(60):
            with store.transaction():
                ledger.upsert_debtors(
                    store, [Debtor(code=f"C{batch}-{n}", name="x" * 400) for n in range(40)], now
                )
            peak = max(peak, os.stat(wal).st_size)
        assert store.conn.execute("SELECT count(*) FROM debtors").fetchone() == (2400,)
    finally:
        store.close()
    assert peak < 2 * 256 * 1024

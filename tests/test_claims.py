"""Claims on one SQLite file: real processes at the same instant, writers queueing on its lock.

The claim rules themselves (leases, renew, release, windows) are the store
contract's (``tests/store_contract/test_claims.py``), run on every backend; these
start several real processes against one file, the way collectors in separate
SSH sessions hit the server.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta
from multiprocessing import get_context

import pytest
from builtin_settings import SETTINGS
from ledger_builders import claims
from sqlfile import raw_value, raw_write

from callcenter.domain.models import Debtor, Invoice
from callcenter.service.queue import claim_next, rescore
from callcenter.store import Store, open_database
from callcenter.store.statements import ledger
from callcenter.stress import double_claims

LEASE = timedelta(minutes=5)  # the default claim_lease_minutes


def seed(store: Store, now: datetime, count: int) -> list[str]:
    """``count`` overdue debtors; D00 owes the most, so it is the best to call."""
    codes = [f"D{n:02d}" for n in range(count)]
    with store.transaction():
        ledger.upsert_debtors(store, [Debtor(code=c, name=f"Client {c}") for c in codes], now)
        ledger.upsert_invoices(
            store,
            [
                Invoice(c, "F1", date(2026, 8, 1), date(2026, 9, 1), amount, amount)
                for c, amount in zip(codes, range(900_000, 0, -10_000), strict=False)
            ],
        )
    rescore(store, now=now, config=SETTINGS)
    return codes


def holders(store: Store) -> dict[str, str]:
    return dict(claims(store))


def test_double_claim_detector_sees_overlaps_and_only_them():
    holds = [
        ("A", 0, 10, "alice"),
        ("A", 10, 20, "bob"),  # touching, not overlapping: a clean hand-over
        ("B", 0, 10, "alice"),
        ("B", 5, 6, "bob"),  # inside alice's hold
        ("C", 0, 100, "carol"),
        ("C", 50, 60, "carol"),  # the same collector twice is not a double claim
    ]
    found = double_claims(holds)
    assert found == [{"debtor": "B", "collectors": ["alice", "bob"]}]


# -- several processes -------------------------------------------------------------


def _claim_at(db: str, collector: str, start: float, now_iso: str) -> tuple[str, str | None]:
    store = open_database(db)
    try:
        delay = start - time.time()
        if delay > 0:
            time.sleep(delay)
        return collector, claim_next(
            store, collector=collector, now=datetime.fromisoformat(now_iso), config=SETTINGS
        )
    finally:
        store.close()


def _burst(db_path, now: datetime, collectors: int) -> list[tuple[str, str | None]]:
    start = time.time() + 1.5
    with ProcessPoolExecutor(max_workers=collectors, mp_context=get_context("spawn")) as pool:
        futures = [
            pool.submit(_claim_at, str(db_path), f"c{n}", start, now.isoformat())
            for n in range(collectors)
        ]
        return [f.result(timeout=60) for f in futures]


@pytest.mark.slow
def test_simultaneous_claims_from_processes_never_share_a_debtor(store, db_path, now):
    """Six processes claim at the same instant; four debtors: four winners, two get None."""
    seed(store, now, 4)
    results = _burst(db_path, now, 6)
    won = [code for _, code in results if code is not None]
    assert len(won) == 4 and len(set(won)) == 4
    assert sorted(won) == ["D00", "D01", "D02", "D03"]
    assert holders(store) == {code: who for who, code in results if code is not None}


# -- writers queue behind each other ------------------------------------------------


def _hold_write_lock(db_path, seconds: float, ready) -> None:
    other = open_database(db_path)
    with other.transaction():
        ready.set()
        time.sleep(seconds)
    other.close()


def test_a_writer_waits_for_the_lock_instead_of_failing(store, db_path, now):
    import threading

    seed(store, now, 2)
    ready = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db_path, 0.4, ready))
    holder.start()
    ready.wait(5)
    started = time.monotonic()
    code = claim_next(store, collector="alice", now=now, config=SETTINGS)
    waited = time.monotonic() - started
    holder.join()
    assert code == "D00" and 0.2 < waited < 5


def test_a_lock_held_too_long_gives_a_sentence_not_a_traceback(store, db_path, now):
    import threading

    from callcenter.store import StoreError

    seed(store, now, 2)
    raw_write(store, "PRAGMA busy_timeout = 200")  # a short wait for the lock, not two minutes
    ready = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db_path, 1.0, ready))
    holder.start()
    ready.wait(5)
    try:
        with pytest.raises(StoreError, match="stayed busy; please try again"):
            claim_next(store, collector="alice", now=now, config=SETTINGS)
    finally:
        holder.join()
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D00"


# -- the usual pick is one statement ---------------------------------------------------


def test_the_usual_pick_is_one_statement_and_upkeep_still_comes_first(store, now):
    """On a queue scored today with no promise fallen due, the pick, the claim, the release
    of the previous one and the upkeep check are one UPDATE: no BEGIN, no COMMIT. A new day
    makes that statement write nothing, and the rescore runs before the pick."""
    seed(store, now, 3)
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D00"
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        assert claim_next(store, collector="alice", now=now, skip=["D00"], config=SETTINGS) == "D01"
        statements = [s for s in seen if not s.startswith("PRAGMA")]
        assert len(statements) == 1 and statements[0].startswith("UPDATE queue_state"), statements
        assert holders(store) == {"D01": "alice"}
        seen.clear()
        tomorrow = now + timedelta(days=1)
        assert claim_next(store, collector="alice", now=tomorrow, config=SETTINGS) == "D00"
        assert any(s.startswith("BEGIN IMMEDIATE") for s in seen)  # the day's rescore
    finally:
        store.conn.set_trace_callback(None)
    assert raw_value(store, "SELECT value FROM meta WHERE key = 'queue_scored_on'") == str(
        (now + timedelta(days=1)).date()
    )
    assert holders(store) == {"D00": "alice"}


def test_claims_alone_keep_the_wal_bounded(db_path, now, monkeypatch):
    """A claim is a lone statement, not a write transaction: it bounds the WAL too (once
    every few claims), so a session that only claims cannot grow it without end."""
    import os

    from callcenter.store.sqlite import db as db_module

    monkeypatch.setattr(db_module, "WAL_AUTOCHECKPOINT_PAGES", 0)
    monkeypatch.setattr(db_module, "WAL_LIMIT_BYTES", 64 * 1024)
    store = open_database(db_path)
    try:
        seed(store, now, 2)
        wal = f"{db_path}-wal"
        peak, previous = 0, "D01"
        for _ in range(400):  # back and forth between the two: each claim changes rows
            previous = claim_next(
                store, collector="alice", now=now, skip=[previous], config=SETTINGS
            )
            peak = max(peak, os.stat(wal).st_size)
        assert previous in ("D00", "D01")
    finally:
        store.close()
    assert peak < 512 * 1024, peak

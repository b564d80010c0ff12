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
from callcenter.service.queue import claim_next, hold_claim, rescore
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


# -- the usual pick is one read; its claim one statement, after ------------------------


def _traced(store, action) -> list[str]:
    """The statements (PRAGMAs left out) that ``action()`` ran on ``store``."""
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        action()
    finally:
        store.conn.set_trace_callback(None)
    return [s for s in seen if not s.startswith("PRAGMA")]


def _second_pick(store, now) -> list[str]:
    """Three debtors, D00 claimed; then D01 picked with its claim left to ``hold_claim``:
    the statements of that pick."""
    seed(store, now, 3)
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D00"

    def pick() -> None:
        picked = claim_next(
            store, collector="alice", now=now, skip=["D00"], config=SETTINGS, hold=False
        )
        assert picked == "D01"

    return _traced(store, pick)


def test_the_usual_pick_is_one_read_its_claim_one_statement_and_upkeep_still_comes_first(
    store, now
):
    """On a queue scored today with no promise fallen due, the pick and the upkeep check
    are one SELECT (the debtor reserved in the lock file); the claim and the release of
    the previous one, written after, one UPDATE: no BEGIN, no COMMIT. A new day makes the
    pick find nothing, and the rescore runs before it is made again."""
    statements = _second_pick(store, now)
    assert len(statements) == 1 and statements[0].startswith("SELECT"), statements
    assert holders(store) == {"D00": "alice"}  # nothing written yet...
    statements = _traced(store, lambda: hold_claim(store))
    assert len(statements) == 1 and statements[0].startswith("UPDATE queue_state"), statements
    assert holders(store) == {"D01": "alice"}  # ...now the claim, in one statement
    tomorrow = now + timedelta(days=1)
    statements = _traced(
        store,
        lambda: claim_next(store, collector="alice", now=tomorrow, config=SETTINGS),
    )
    assert any(s.startswith("BEGIN IMMEDIATE") for s in statements)  # the day's rescore
    assert raw_value(store, "SELECT value FROM meta WHERE key = 'queue_scored_on'") == str(
        tomorrow.date()
    )
    assert holders(store) == {"D00": "alice"}


def test_without_the_lock_file_the_usual_claim_is_one_update(store, now):
    """Where the lock file cannot be used, a claim is written at once: one UPDATE that
    picks, claims, gives back the previous claim and checks the upkeep."""
    store.__dict__["pick_locks"] = None  # as open_pick_locks says off Linux
    statements = _second_pick(store, now)
    assert len(statements) == 1 and statements[0].startswith("UPDATE queue_state"), statements
    assert holders(store) == {"D01": "alice"}


# -- reservations: a pick not yet written is nobody else's ------------------------------


def test_a_debtor_picked_but_not_yet_written_goes_to_no_other_session(store, db_path, now):
    seed(store, now, 3)
    other = open_database(db_path)
    try:
        assert claim_next(store, collector="alice", now=now, config=SETTINGS, hold=False) == "D00"
        assert holders(store) == {}  # reserved, not written
        assert claim_next(other, collector="bob", now=now, config=SETTINGS) == "D01"
        assert hold_claim(store)
        assert holders(store) == {"D00": "alice", "D01": "bob"}
        # Written and let go: the row itself keeps it from others now.
        assert claim_next(other, collector="bob", now=now, skip=["D01"], config=SETTINGS) == "D02"
    finally:
        other.close()


def test_a_claim_taken_meanwhile_by_a_session_without_the_lock_file_is_reported(
    store, db_path, now
):
    """The one way a reserved debtor is lost: a session that does not reserve (no lock
    file) claims it at once; the hold then says so instead of claiming over it."""
    seed(store, now, 2)
    blind = open_database(db_path)
    blind.__dict__["pick_locks"] = None
    try:
        assert claim_next(store, collector="alice", now=now, config=SETTINGS, hold=False) == "D00"
        assert claim_next(blind, collector="bob", now=now, config=SETTINGS) == "D00"
        assert not hold_claim(store)
        assert holders(store) == {"D00": "bob"}
    finally:
        blind.close()


def test_a_session_letting_a_claimed_debtor_go_waits_for_the_pickers_reading(store, db_path, now):
    """The barrier: while a picker reads (byte 0 shared), a session whose claim was just
    committed keeps its debtor reserved, so that picker cannot take it on a stale read."""
    import threading

    from callcenter.store.sqlite.pick_locks import byte_of

    seed(store, now, 2)
    picker = open_database(db_path)
    try:
        assert claim_next(store, collector="alice", now=now, config=SETTINGS, hold=False) == "D00"
        with picker.pick_locks.picking():  # a pick's read under way in another session
            holding = threading.Thread(target=hold_claim, args=(store,))
            holding.start()
            holding.join(0.3)
            assert holding.is_alive()  # the claim is committed, its reservation still kept
            assert holders(picker) == {"D00": "alice"}
            assert not picker.pick_locks.reserve(byte_of("D00"))
        holding.join(5)
        assert not holding.is_alive()
        assert picker.pick_locks.reserve(byte_of("D00"))  # let go once the reading ended
    finally:
        picker.close()


def test_a_session_stopped_on_the_barrier_freezes_nobody(store, db_path, now, monkeypatch):
    """Byte 0 held by a stopped process: usual picks go on (they never touch it), a pick
    that crossed a release gives up with the busy sentence instead of hanging, and a
    claimed debtor's byte is kept, then let go at the next claim."""
    from callcenter.store.errors import DatabaseBusy
    from callcenter.store.sqlite import pick_locks
    from callcenter.store.sqlite.pick_locks import byte_of

    monkeypatch.setattr(pick_locks, "BARRIER_WAIT_S", 0.05)
    seed(store, now, 4)
    stopped = open_database(db_path)
    other = open_database(db_path)
    try:
        assert claim_next(store, collector="alice", now=now, config=SETTINGS, hold=False) == "D00"
        stopped.pick_locks.begin_pick()  # a picker stopped mid-read: byte 0 shared
        assert hold_claim(store)  # written; its byte kept, the wait having failed
        assert holders(store) == {"D00": "alice"}
        assert not other.pick_locks.reserve(byte_of("D00"))
        stopped.pick_locks.end_pick()
        stopped.pick_locks._lock(pick_locks._SETLK, pick_locks.fcntl.F_WRLCK, 0)
        # A session stopped while it let a debtor go: a usual pick is not held up...
        assert claim_next(other, collector="bob", now=now, config=SETTINGS) == "D01"
        # ...and one whose count of releases moved under it says the database is busy.
        reserve = other.pick_locks.reserve

        def crossed(byte: int) -> bool:
            stopped.pick_locks.count[0] += 1  # a release counted between read and lock
            return reserve(byte)

        monkeypatch.setattr(other.pick_locks, "reserve", crossed)
        with pytest.raises(DatabaseBusy):
            claim_next(other, collector="bob", now=now, config=SETTINGS)
        monkeypatch.undo()
        assert other.pick_locks.reserve(byte_of("D02"))  # the crossed pick let its byte go
        other.pick_locks.release(byte_of("D02"), claimed=False)
        stopped.pick_locks._lock(pick_locks._SETLK, pick_locks.fcntl.F_UNLCK, 0)
        assert claim_next(store, collector="alice", now=now, skip=["D00"], config=SETTINGS)
        assert other.pick_locks.reserve(byte_of("D00"))  # let go with that next claim
    finally:
        stopped.close()
        other.close()


def test_a_pick_that_crossed_a_release_picks_again_under_the_barrier(store, db_path, now):
    """The race the count of releases closes: a picker reads D00 free, the session that
    reserved D00 then commits its claim and lets D00's byte go, and only then does the
    picker lock D00. The count moved between its read and its lock: it lets D00 go and
    reads again under the barrier, so it takes D01, never a debtor claimed elsewhere."""
    seed(store, now, 2)
    picker = open_database(db_path)
    try:
        assert claim_next(store, collector="alice", now=now, config=SETTINGS, hold=False) == "D00"
        reserve = picker.pick_locks.reserve
        tries: list[int] = []

        def late(byte: int) -> bool:
            if not tries:  # alice's claim lands between bob's read and bob's lock
                assert hold_claim(store)
            tries.append(byte)
            return reserve(byte)

        # bob's session cannot see alice's reservation (it is a byte, not a row): its
        # first read finds D00 free because alice's claim is not committed yet.
        picker.pick_locks.reserve = late  # type: ignore[method-assign]
        assert claim_next(picker, collector="bob", now=now, config=SETTINGS) == "D01"
        assert holders(store) == {"D00": "alice", "D01": "bob"}
        assert len(tries) >= 2  # D00 locked once, let go, then D01 under the barrier
    finally:
        picker.close()


def test_a_renewal_waits_out_a_crossed_pick_holding_its_debtor(store, db_path, now):
    """A pick whose read crossed a release may hold the released debtor's byte for an
    instant before it sees the count moved; the claim's holder renewing in that instant
    is not told that the debtor is being picked: it waits the instant out."""
    import threading

    from callcenter.service.queue import renew_claim
    from callcenter.store.sqlite.pick_locks import byte_of

    seed(store, now, 2)
    picker = open_database(db_path)
    renewed: list[bool] = []
    renewing = threading.Thread(
        target=lambda: renewed.append(
            renew_claim(store, "D00", collector="alice", now=now, config=SETTINGS)
        )
    )
    try:
        assert claim_next(store, collector="alice", now=now, config=SETTINGS, hold=False) == "D00"
        reserve = picker.pick_locks.reserve

        def crossing(byte: int) -> bool:
            if byte != byte_of("D00") or renewing.ident is not None:
                return reserve(byte)
            assert hold_claim(store)  # alice's claim lands after bob's read and count check
            taken = reserve(byte)  # bob holds D00's byte: alice renews meanwhile
            renewing.start()
            renewing.join(0.02)
            assert renewing.is_alive()  # waiting for the byte, not refused
            return taken

        picker.pick_locks.reserve = crossing  # type: ignore[method-assign]
        assert claim_next(picker, collector="bob", now=now, config=SETTINGS) == "D01"
        renewing.join(5)
        assert renewed == [True]
        assert holders(store) == {"D00": "alice", "D01": "bob"}
    finally:
        picker.close()


PICK_AND_WAIT = """
import sys, time
from datetime import datetime
from builtin_settings import SETTINGS
from callcenter.service.queue import claim_next
from callcenter.store import open_database
store = open_database(sys.argv[1])
print(claim_next(store, collector="zoe", now=datetime.fromisoformat(sys.argv[2]),
                 config=SETTINGS, hold=False), flush=True)
time.sleep(60)
"""


def test_a_killed_session_leaves_nothing_reserved(store, db_path, now):
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    seed(store, now, 2)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path])}
    process = subprocess.Popen(
        [sys.executable, "-c", PICK_AND_WAIT, str(db_path), now.isoformat()],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout.readline().strip() == "D00"
        assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D01"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert holders(store) == {"D01": "alice"}
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D00"


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


def test_a_file_of_schema_15_gets_each_queue_row_its_debtor_s_time_zone(tmp_path, now, monkeypatch):
    """Migration 16 copies debtors.timezone into the queue, which the pick now reads."""
    from callcenter.store.sqlite import db as sqlite_db

    path = tmp_path / "old.db"
    monkeypatch.setattr(sqlite_db, "SCHEMA_VERSION", 15)
    old = open_database(path)
    seed(old, now, 3)
    with old.transaction():
        raw_write(old, "UPDATE debtors SET timezone = 'Pacific/Noumea' WHERE code = 'D00'")
    old.close()
    monkeypatch.undo()
    store = open_database(path)
    assert store.schema_version == sqlite_db.SCHEMA_VERSION
    assert raw_value(store, "SELECT timezone FROM queue_state WHERE debtor_code = 'D00'") == (
        "Pacific/Noumea"
    )
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D01"
    store.close()


def test_a_session_that_does_not_count_releases_refuses_a_counted_file(db_path, store):
    """Schema 17 marks a file whose sessions count their releases: a session of schema 16
    (which lets claimed debtors go uncounted) stops at the door instead of sharing it."""
    from callcenter.store.errors import StoreError
    from callcenter.store.sqlite import db as sqlite_db

    assert raw_value(store, "SELECT value FROM meta WHERE key = 'pick_releases'") == "counted"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sqlite_db, "SCHEMA_VERSION", 16)
        with pytest.raises(StoreError) as refused:
            open_database(db_path)
    assert refused.value.code == "store.schema_too_new"

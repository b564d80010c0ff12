"""A collector's process is killed (SIGKILL: no cleanup at all) in the middle of a session.

Every outcome the session was told was saved must be in the file, at most the one
being committed at that instant may be there unannounced, the file reopens sound,
the next session works, and the debtor the dead session held comes back to the
queue once its lease runs out.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from builtin_settings import SETTINGS
from ledger_builders import claims
from sqlfile import raw_row, raw_value

from callcenter.service.admin import check
from callcenter.service.queue import claim_next
from callcenter.store import Store, open_database
from callcenter.stress import SharedClock, build_database

#: Real processes killed at random instants: an end-to-end group (-m 'not slow' skips it).
pytestmark = pytest.mark.slow

LEASE = timedelta(minutes=5)
DEBTORS = 400


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("kill") / "team.db"
    build_database(path, debtors=DEBTORS, seed=11)
    return path


@pytest.fixture
def own_db(tmp_path):
    """A file no other test has killed a session on: the check lists at most five
    stale claims by name, so the claims other tests' dead sessions left behind could
    push this test's one out of the list."""
    path = tmp_path / "team.db"
    build_database(path, debtors=DEBTORS, seed=11)
    return path


class Session:
    """One announcing collector process: prints CLAIMED code / LOGGED id code lines."""

    def __init__(self, db, collector: str):
        self.collector = collector
        self.started = time.time()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "callcenter.stress",
                "worker",
                str(db),
                collector,
                "100000",
                "7",
                repr(self.started),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[list[str]] = []

    def read_until(self, word: str, count: int) -> None:
        seen = 0
        while seen < count:
            line = self.process.stdout.readline()
            assert line, "the session ended early: " + self.process.stderr.read()[-2000:]
            self.lines.append(line.split())
            seen += line.startswith(word)

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        # Read through the same buffered reader: communicate() would read the raw pipe
        # and miss lines readline() already pulled into the buffer.
        rest = self.process.stdout.read()
        self.process.stderr.read()
        self.process.wait(timeout=30)
        # The pipe is block-buffered: a kill can cut the last line mid-word. Only whole
        # lines were said; an unterminated tail was never an announcement.
        whole = rest.split("\n")[:-1]
        self.lines.extend(words for line in whole if (words := line.split()))
        assert self.process.returncode == -signal.SIGKILL

    @property
    def announced(self) -> list[int]:
        return [int(words[1]) for words in self.lines if words[0] == "LOGGED"]

    def clock_after(self, delta: timedelta):
        return SharedClock(self.started).now() + delta


def _held_by(store: Store, collector: str) -> list[str]:
    """The debtors ``collector`` claims, expired claims too (a dead session renews none)."""
    return [code for code, holder in claims(store) if holder == collector]


def _all_but(store: Store, code: str) -> list[str]:
    return [other for other in store.queue.debtor_codes() if other != code]


def _assert_nothing_announced_was_lost(db, session: Session) -> None:
    store = open_database(db)
    try:
        announced = session.announced
        found = store.admin.call_rows(announced)
        assert sorted(found) == sorted(announced), "an announced outcome is missing"
        assert all(found[i][1] == session.collector for i in announced)
        # Every call row of the session, whatever its debtor: counted in the file itself.
        mine = raw_value(
            store, "SELECT count(*) FROM calls WHERE collector = ?", (session.collector,)
        )
        assert mine - len(announced) in (0, 1), "more than the outcome being typed"
        assert store.admin.integrity_problems() == []
        report = check(store, now=session.clock_after(timedelta(0)))
        assert report.ok, report.errors
    finally:
        store.close()


@pytest.mark.parametrize("delay_ms", [0, 7, 23, 61, 150])
def test_kill_at_a_random_instant_loses_nothing_announced(db, delay_ms):
    session = Session(db, f"killed{delay_ms}")
    session.read_until("LOGGED", 3)
    time.sleep(delay_ms / 1000)
    session.kill()
    assert len(session.announced) >= 3
    _assert_nothing_announced_was_lost(db, session)


def test_the_dead_sessions_claim_expires_and_the_file_serves_the_next_session(own_db):
    db = own_db
    rng = random.Random(5)
    for attempt in range(6):
        session = Session(db, f"crash{attempt}")
        session.read_until("CLAIMED", rng.randint(2, 6))
        session.kill()
        _assert_nothing_announced_was_lost(db, session)
        store = open_database(db)
        try:
            held = _held_by(store, session.collector)
            assert len(held) <= 1
            if not held:
                continue  # killed between an outcome and the next claim: try again
            (code,) = held
            others = _all_but(store, code)
            soon = session.clock_after(timedelta(seconds=5))
            assert (
                claim_next(store, collector="rescuer", now=soon, skip=others, config=SETTINGS)
                is None
            )
            expired = session.clock_after(LEASE + timedelta(seconds=5))
            stale = {f.name: f for f in check(store, now=expired).findings}
            assert stale["stale_claims"].count == 1
            assert stale["stale_claims"].examples == (code,)
            assert (
                claim_next(store, collector="rescuer", now=expired, skip=others, config=SETTINGS)
                == code
            )
        finally:
            store.close()
        break
    else:
        pytest.fail("no kill landed while a debtor was on screen")
    survivor = Session(db, "next-session")
    survivor.read_until("LOGGED", 5)
    survivor.kill()
    _assert_nothing_announced_was_lost(db, survivor)
    errors = [w for w in survivor.lines if w[0] == "DONE"]
    assert not errors or json.loads(" ".join(errors[0][1:]))["errors"] == []


MID_OUTCOME_CHILD = """
import sys, time
from datetime import datetime
from callcenter.domain.models import Outcome
from callcenter.domain.settings import Config
from callcenter.service import outcomes
from callcenter.service.queue import claim_next
from callcenter.store import Store, open_database

store = open_database(sys.argv[1])
now = datetime.fromisoformat(sys.argv[2])
code = claim_next(store, collector="midway", now=now, config=Config())
print("CLAIMED", code, flush=True)
real_release = store.queue.release_claim

def release_then_stall(*args):
    real_release(*args)
    print("INSIDE", flush=True)  # the call row is written, the commit has not happened
    time.sleep(60)

store.queue.release_claim = release_then_stall  # the port the service calls
outcomes.log_outcome(store, code, Outcome.PROMISE, collector="midway", now=now,
                     config=Config(), promise_date=now.date().replace(day=28), amount_cents=12_300)
"""


def test_kill_inside_the_outcome_transaction_leaves_no_trace(db):
    """Killed after the call, the promise and the claim release were written but before
    the commit: none of them exists afterwards, and the debtor is still claimed."""
    now = SharedClock(time.time()).now()
    child = subprocess.Popen(
        [sys.executable, "-c", MID_OUTCOME_CHILD, str(db), now.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    claimed = child.stdout.readline().split()
    assert claimed[0] == "CLAIMED", child.stderr.read()
    assert child.stdout.readline().strip() == "INSIDE", child.stderr.read()
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    store = open_database(db)
    try:
        code = claimed[1]
        assert raw_row(store, "SELECT count(*) FROM calls WHERE collector = 'midway'") == (0,)
        assert raw_row(store, "SELECT count(*) FROM promises WHERE collector = 'midway'") == (0,)
        assert _held_by(store, "midway") == [code]
        assert store.admin.integrity_problems() == []
    finally:
        store.close()


MID_IMPORT_CHILD = """
import sys, time
from datetime import datetime
from callcenter.domain.models import Debtor
from callcenter.store import Store, open_database

store = open_database(sys.argv[1])
now = datetime.fromisoformat(sys.argv[2])
with store.transaction():
    store.ledger.upsert_debtors([Debtor(code=f"BULK{n}", name="x" * 50) for n in range(20000)],
                                now)
    print("INSIDE", flush=True)
    time.sleep(60)
"""


def test_kill_inside_a_bulk_import_writes_nothing(db):
    """An import is one transaction: killed before its commit, not one row of it remains."""
    now = SharedClock(time.time()).now()
    child = subprocess.Popen(
        [sys.executable, "-c", MID_IMPORT_CHILD, str(db), now.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "INSIDE", child.stderr.read()
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    store = open_database(db)
    try:
        assert [c for c in store.queue.debtor_codes() if c.startswith("BULK")] == []
        assert store.admin.integrity_problems() == []
        with store.transaction():  # and the next writer is not blocked by the dead one
            store.queue.set_meta("after-kill", "ok")
        assert store.queue.get_meta("after-kill") == "ok"
    finally:
        store.close()

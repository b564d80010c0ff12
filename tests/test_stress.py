"""The stress tool, small: real collector processes on one file, judged like the big run."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from callcenter.stress import build_database, passed, run


@pytest.mark.slow
def test_four_collectors_twenty_outcomes_each(tmp_path):
    """Four windows, two per login: windows of one collector must not share a debtor either."""
    db = tmp_path / "stress.db"
    build_database(db, debtors=150, seed=3)
    summary = run(db, collectors=4, outcomes=20, seed=3, windows=2)
    assert summary["outcomes_logged"] == 80
    assert summary["double_claims"] == 0
    assert summary["lost_outcomes"] == 0 and summary["misfiled_outcomes"] == 0
    assert summary["lock_errors_shown"] == 0 and summary["other_errors"] == 0
    assert summary["calls_in_db"] == summary["outcomes_logged"] + summary["undos"]
    assert summary["commit_ms"]["n"] == 80 + summary["undos"]
    assert summary["check_ok"]
    assert passed(summary)


@pytest.mark.slow
def test_the_command_prints_json_and_exits_zero(tmp_path):
    db = tmp_path / "cli.db"
    child = subprocess.run(
        [sys.executable, "-m", "callcenter.stress", "-n", "2", "-m", "5", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    summary = json.loads(child.stdout)
    assert summary["collectors"] == 2 and summary["outcomes_logged"] == 10
    assert summary["db"] == str(db) and db.exists()


def test_a_failed_run_is_not_passed():
    clean = {
        "double_claims": 0,
        "lost_outcomes": 0,
        "misfiled_outcomes": 0,
        "lock_errors_shown": 0,
        "other_errors": 0,
        "check_ok": True,
    }
    assert passed(clean)
    for key in ("double_claims", "lost_outcomes", "lock_errors_shown", "other_errors"):
        assert not passed(clean | {key: 1})
    assert not passed(clean | {"check_ok": False})


def _naive_claim(store, *, collector, now, **_):
    """A broken claim: the best debtor, without looking at who holds it (a negative control)."""
    import time

    from callcenter.service.queue import top

    entries = top(store, now=now, limit=1)
    time.sleep(0.005)  # let the other sessions pick the same one
    return entries[0].code if entries else None


def test_the_judge_catches_a_claim_that_does_not_lock(tmp_path, monkeypatch):
    """Without this, zero double claims could mean a blind detector."""
    import threading
    import time

    import callcenter.service.queue as queue_service
    from callcenter.stress import judge, run_worker

    db = tmp_path / "broken.db"
    build_database(db, debtors=40, seed=5)
    monkeypatch.setattr(queue_service, "claim_next", _naive_claim)
    started = time.time() + 0.3
    results: list[dict] = []
    threads = [
        threading.Thread(
            target=lambda n=n: results.append(run_worker(str(db), f"t{n}", 10, n, started))
        )
        for n in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    summary = judge(db, results, seconds=1.0, collectors=4)
    assert summary["double_claims"] > 0
    assert not passed(summary)


def test_the_judge_catches_a_lost_outcome(tmp_path):
    from callcenter.stress import judge

    db = tmp_path / "lost.db"
    build_database(db, debtors=5, seed=1)
    ghost = {
        "collector": "c0",
        "session": "w0",
        "holds": [],
        "logged": [[999_999, "S00001", "no_answer"]],
        "undone": [],
        "outcome_ms": [1.0],
        "claim_ms": [1.0],
        "lock_errors": 0,
        "refused_inputs": [],
        "errors": [],
        "empty_claims": 0,
        "lost_leases": 0,
    }
    summary = judge(db, [ghost], seconds=1.0, collectors=1)
    assert summary["lost_outcomes"] == 1 and not passed(summary)


def test_a_paced_run_stops_at_its_duration_and_reports_the_wal(tmp_path):
    """Collectors who spend 0.2-0.4 s on each call for 2 s: a few outcomes each, then stop."""
    db = tmp_path / "paced.db"
    build_database(db, debtors=100, seed=5)
    started = time.monotonic()
    summary = run(db, collectors=3, outcomes=1000, seed=5, pace=(0.2, 0.4), duration=2.0)
    assert time.monotonic() - started < 30
    assert 3 <= summary["outcomes_logged"] <= 3 * 11
    assert summary["pace_seconds"] == [0.2, 0.4] and summary["duration_seconds"] == 2.0
    assert summary["wal"]["bounded"] and summary["wal"]["peak_mib"] < 16
    assert passed(summary)


def test_pace_is_read_as_low_high_seconds():
    import argparse

    from callcenter.stress import _pace

    assert _pace("30-120") == (30.0, 120.0)
    assert _pace("5") == (5.0, 5.0)
    for bad in ("120-30", "x-1", "-1"):
        try:
            _pace(bad)
        except argparse.ArgumentTypeError as exc:
            assert bad in str(exc)
        else:
            raise AssertionError(f"{bad!r} accepted")

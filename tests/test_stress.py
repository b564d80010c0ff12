"""The stress tool, small: real collector processes on one file, judged like the big run."""

from __future__ import annotations

import json
import subprocess
import sys

from callcenter.stress import build_database, passed, run


def test_four_collectors_twenty_outcomes_each(tmp_path):
    db = tmp_path / "stress.db"
    build_database(db, debtors=150, seed=3)
    summary = run(db, collectors=4, outcomes=20, seed=3)
    assert summary["outcomes_logged"] == 80
    assert summary["double_claims"] == 0
    assert summary["lost_outcomes"] == 0 and summary["misfiled_outcomes"] == 0
    assert summary["lock_errors_shown"] == 0 and summary["other_errors"] == 0
    assert summary["calls_in_db"] == summary["outcomes_logged"] + summary["undos"]
    assert summary["commit_ms"]["n"] == 80 + summary["undos"]
    assert summary["check_ok"]
    assert passed(summary)


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

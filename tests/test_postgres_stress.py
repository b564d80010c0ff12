"""``scripts/stress --db postgresql://...``: collector processes on a PostgreSQL server."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")


@pytest.mark.slow
def test_six_collector_processes_on_the_server_share_nothing_and_lose_nothing(pg_url):
    done = subprocess.run(
        [sys.executable, "-m", "callcenter.stress", "--db", pg_url, "-n", "6", "-m", "8"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    summary = json.loads(done.stdout)
    assert summary["db"] == "postgresql" and summary["outcomes_logged"] == 48
    assert summary["double_claims"] == summary["lost_outcomes"] == 0
    assert summary["lock_errors_shown"] == summary["other_errors"] == 0
    assert summary["check_ok"] and summary["calls_in_db"] >= 48

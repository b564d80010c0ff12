"""The calling day of ``scripts/tmux-day``: the real workstation in tmux, keys in bursts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "tmux-day"


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="tmux is not installed: the day is typed through tmux send-keys (.ci/run installs it)",
)
def test_a_thirty_outcome_day_typed_in_bursts_through_tmux():
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "30 outcomes" in done.stdout

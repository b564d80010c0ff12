"""Shared fixtures: a fresh database per test and a frozen "now"."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from callcenter.store.db import Store

#: Child processes (stress, bench, kill tests) import the same source tree as pytest
#: (pyproject's ``pythonpath``): bench and stress are not in the installed wheel.
_SRC = str(Path(__file__).resolve().parent.parent / "src")
if _SRC not in os.environ.get("PYTHONPATH", "").split(os.pathsep):
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (_SRC, os.environ.get("PYTHONPATH")) if p)


def pytest_collection_modifyitems(config, items):
    """scripts/test-lowest: snapshot pictures pin one Textual's rendering, not a behaviour."""
    if os.environ.get("CALLCENTER_LOWEST") != "1":
        return
    skip = pytest.mark.skip(reason="snapshot pictures are checked on the main suite's Textual")
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


PARIS = ZoneInfo("Europe/Paris")
#: Tuesday 24 November 2026, 10:00 in Paris: a business day inside calling hours.
FROZEN_NOW = datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)


@pytest.fixture
def now() -> datetime:
    return FROZEN_NOW


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "callcenter.db"


@pytest.fixture
def store(db_path):
    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def login(monkeypatch):
    """Log in as someone: ``login("sam")`` makes the operating-system login "sam".

    The test process runs as one account (often root); this replaces the one
    function that reads it, so a test can be a collector or a supervisor the
    way a real session is, without ``--as``.
    """
    from callcenter.service import identity

    def log_in(name: str) -> str:
        monkeypatch.setattr(identity, "os_login", lambda: name)
        return name

    return log_in

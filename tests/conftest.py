"""Shared fixtures: a fresh database per test and a frozen "now"."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from postgres_cluster import fresh_database_name, start_cluster, unavailable_reason
from smtp_inbox import smtp  # noqa: F401 - the loopback SMTP fixture, for every test

from callcenter.store import open_database

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
    opened = open_database(db_path)
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


@pytest.fixture(scope="session")
def pg_cluster():
    """One throw-away PostgreSQL server per test process (see tests/postgres_cluster.py)."""
    reason = unavailable_reason()
    if reason is not None:
        pytest.skip(reason)
    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """The URL of a new empty database on the test server, for one test."""
    return pg_cluster.create_database(fresh_database_name())

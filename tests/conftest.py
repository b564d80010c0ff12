"""Shared fixtures: a fresh database per test and a frozen "now"."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from callcenter.store import open_database

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

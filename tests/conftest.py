"""Shared fixtures: a fresh database per test and a frozen "now"."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
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
    """The slow end-to-end tests first, and no snapshot pictures under scripts/test-lowest.

    First, because each is a minute of one worker under load: started last, one of
    them kept a core busy alone at the end of the run while the other had nothing left
    (xdist hands out tests in this order). The sort keeps each group's order, the
    same in every worker (xdist checks that they collected alike).
    """
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
    # scripts/test-lowest: snapshot pictures pin one Textual's rendering, not a behaviour.
    if os.environ.get("CALLCENTER_LOWEST") != "1":
        return
    skip = pytest.mark.skip(reason="snapshot pictures are checked on the main suite's Textual")
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(skip)


def _pilot_idle_checks_in_5_ms_steps() -> None:
    """Pilot's idle test looks in 5 ms windows instead of 20 ms.

    Every ``pilot.press`` waits twice per key, and every ``pilot.pause()`` once, for
    ``textual._wait.wait_for_idle``, which sleeps in steps of ``SLEEP_GRANULARITY``
    (1/50 s) until a step in which the process used under 1/20 of it in CPU: at
    least 40 ms per key however fast the app answered. The suite's ~400 Pilot tests
    press thousands of keys, so four workers on two cores slept a third of their
    time with a core free (pytest 176 s, 1.47 cores busy). With 5 ms steps and the
    same 1/20 ratio: 152 s. Textual reads both names at call time.
    """
    try:
        import textual._wait as wait
    except ImportError:  # a Textual without the module: its own pace
        return
    if hasattr(wait, "SLEEP_GRANULARITY") and hasattr(wait, "SLEEP_IDLE"):
        wait.SLEEP_GRANULARITY = 0.005
        wait.SLEEP_IDLE = wait.SLEEP_GRANULARITY / 20


_pilot_idle_checks_in_5_ms_steps()

PARIS = ZoneInfo("Europe/Paris")
#: Tuesday 24 November 2026, 10:00 in Paris: a business day inside calling hours.
FROZEN_NOW = datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)


@pytest.fixture
def now() -> datetime:
    return FROZEN_NOW


@pytest.fixture(autouse=True)
def _textual_caches_emptied_after_each_test():
    """Each test's widgets let go once it ends (Textual issue #6665).

    Textual's ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method, so it
    keeps the last 1 024 widgets' style caches, and their rendered strips, alive: in a
    worker that runs hundreds of apps, ~2 300 of its caches more after every test, and
    each full collection (the workstation runs one after every outcome's paint) walked
    them all: 250-300 ms by a worker's fortieth test against ~35 ms in its first. The
    workstation empties it past a few closed screens (``tui/gc_pause.py``); between
    tests every widget is dead, so it is emptied whole. Only once Textual is imported.
    """
    yield
    if "textual._styles_cache" in sys.modules:
        from callcenter.tui.gc_pause import forget_closed_screens

        forget_closed_screens(kept=0)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "callcenter.db"


@pytest.fixture(scope="session")
def new_database(tmp_path_factory) -> Callable[[Path], Path]:
    """``new_database(path)`` puts a new database at the current schema at ``path``.

    The schema is migrated once per test process, into a template; each test gets
    a copy of it. Migrating a new file costs ~45 ms of CPU and a dozen fsyncs (one
    commit per migration, synchronous FULL); a copy costs ~3 ms, and the suite opens
    hundreds of new databases. The copy is the file ``open_database`` made, mode
    included; the tests that check creating or migrating a file open their own path.
    """
    template = tmp_path_factory.mktemp("template") / "template.db"
    open_database(template).close()

    def copy(path: Path) -> Path:
        if path.exists():
            raise FileExistsError(path)
        shutil.copy2(template, path)
        return path

    return copy


@pytest.fixture
def store(db_path, new_database):
    """A new database for one test (copied from the template unless the test put a file there)."""
    opened = open_database(db_path if db_path.exists() else new_database(db_path))
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


@pytest.fixture(scope="session")
def pg_template(pg_cluster) -> str:
    """A database migrated to the current schema once per test process: the copies' model."""
    name = fresh_database_name()
    open_database(pg_cluster.create_database(name)).close()  # no connection left: copyable
    return name


@pytest.fixture
def pg_store_url(pg_cluster, pg_template) -> str:
    """The URL of a new database at the current schema, for one test (like ``store``).

    A copy of ``pg_template``: migrating a new database costs ~0.7 s, a copy ~0.1 s.
    Tests of migrating or of an empty database use ``pg_url``.
    """
    return pg_cluster.create_database(fresh_database_name(), template=pg_template)

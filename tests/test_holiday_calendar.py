"""The calling hours' holidays are saved in the database, so a session need not compute them."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date

from builtin_settings import SETTINGS
from tui_data import build

from callcenter.domain import dates
from callcenter.service.holiday_calendar import ensure_calendar, meta_key
from callcenter.service.queue import claim_next, rescore


def test_the_first_claim_saves_the_year_and_a_new_session_reads_it_back(store, db_path, now):
    build(store, now)
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) is not None
    saved = store.queue.get_meta(meta_key("FR", now.year))
    assert saved is not None and "2026-12-25" in saved.split(",")
    assert store.queue.get_meta(meta_key("FR", now.year + 1)) is not None
    store.close()
    probe = textwrap.dedent(
        f"""
        import sys
        from datetime import datetime
        from callcenter.domain import dates
        from callcenter.service.holiday_calendar import ensure_calendar
        from callcenter.store import open_database

        store = open_database({str(db_path)!r})
        ensure_calendar(store, "FR", ({now.year},))
        assert dates.is_holiday(datetime({now.year}, 12, 25).date())
        assert not dates.is_holiday(datetime({now.year}, 12, 24).date())
        print("holidays" in sys.modules)
        """
    )
    answer = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert answer.stdout.strip() == "False", answer.stderr  # read back, package never loaded


def test_a_damaged_copy_is_computed_again_and_rescore_refreshes_it(store, now):
    build(store, now)
    with store.transaction():
        store.queue.set_meta(meta_key("FR-57", 2031), "not a date")
    ensure_calendar(store, "FR-57", (2031,))
    saved = store.queue.get_meta(meta_key("FR-57", 2031))
    assert saved is not None and "2031-12-26" in saved  # St Stephen's day in Moselle
    with store.transaction():
        store.queue.set_meta(meta_key("FR", now.year), "2026-01-02")
    rescore(store, now=now, config=SETTINGS)
    refreshed = store.queue.get_meta(meta_key("FR", now.year)) or ""
    assert "2026-01-02" not in refreshed and "2026-01-01" in refreshed.split(",")
    assert dates.holidays_for("FR", now.year) >= {date(2026, 7, 14)}


def test_a_resumed_session_reads_the_saved_year_before_its_first_outcome(store, db_path, now):
    """A session that takes back a dead one's debtor never calls claim_next before logging."""
    build(store, now)
    code = claim_next(store, collector="alice", now=now, config=SETTINGS, session="dead")
    assert code is not None
    store.close()
    probe = textwrap.dedent(
        f"""
        import sys
        from datetime import datetime
        from callcenter.domain.settings import Config
        from callcenter.service.outcomes import log_outcome
        from callcenter.service.queue import resume_unfinished
        from callcenter.store import open_database

        now = datetime.fromisoformat({now.isoformat()!r})
        store = open_database({str(db_path)!r})
        config = Config()
        code = resume_unfinished(
            store, collector="alice", session="new", now=now, config=config, alive=lambda s: False
        )
        assert code == {code!r}, code
        log_outcome(store, code, "no_answer", collector="alice", now=now, config=config)
        print("holidays" in sys.modules)
        """
    )
    answer = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert answer.stdout.strip() == "False", answer.stderr  # the rescore used the saved copy

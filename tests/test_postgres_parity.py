"""The same team on both backends: a demo database copied to PostgreSQL reads the same.

The demo generator writes a SQLite team (calls, promises, disputes, undo
entries, campaigns); the copy moves it to the server, whose triggers rebuild
the figure sums; then both backends answer the queue's questions and must
give the same answers, value for value.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")

from callcenter.cli import main  # noqa: E402
from callcenter.config import Config  # noqa: E402
from callcenter.domain.scoring import score  # noqa: E402
from callcenter.store import open_database  # noqa: E402
from callcenter.store.errors import StoreError  # noqa: E402
from callcenter.store.postgres.copy_in import copy_from_sqlite  # noqa: E402
from callcenter.store.sqlite import queue as sqlite_queue  # noqa: E402

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "team.db"
    assert main(["--db", str(path), "demo", "--debtors", "60", "--seed", "5"]) == 0
    return path


@pytest.fixture
def both(demo_file, pg_url):
    lite = open_database(demo_file)
    pg = open_database(pg_url)
    report = copy_from_sqlite(lite, pg)
    yield lite, pg, report
    lite.close()
    pg.close()


def test_the_copy_has_every_row_and_the_same_figure_sums(both):
    lite, pg, report = both
    assert report.sum_differences == {}
    assert report.source_counts == report.target_counts
    assert report.source_counts["calls"] > 100 and report.source_counts["promises"] > 5
    assert report.ok
    assert pg.figures.sum_differences() == {}


def test_a_copy_goes_only_into_an_empty_database(both):
    lite, pg, _ = both
    with pytest.raises(StoreError, match="not empty"):
        copy_from_sqlite(lite, pg)


def test_new_rows_after_the_copy_get_fresh_ids(both):
    lite, pg, _ = both
    last = lite.conn.execute("SELECT max(id) FROM calls").fetchone()[0]
    code = lite.conn.execute("SELECT code FROM debtors LIMIT 1").fetchone()[0]
    with pg.transaction():
        new = pg.outcomes.insert_call(code=code, collector="sam", started_at=NOW, outcome="busy")
    assert new == last + 1


def test_both_backends_gather_the_same_facts_and_score_alike(both):
    lite, pg, _ = both
    theirs = sqlite_queue.gather_facts(lite, today=TODAY, now=NOW)
    ours = pg.queue.gather_facts(today=TODAY, now=NOW)
    assert ours == theirs
    some = [f.code for f in theirs[::7]]
    assert pg.queue.gather_facts(today=TODAY, now=NOW, codes=some) == [
        f for f in theirs if f.code in some
    ]
    with pg.transaction():
        pg.queue.write_scores(((f, score(f, NOW, Config())) for f in ours), NOW, TODAY)
    with lite.transaction():
        sqlite_queue.write_scores(lite, ((f, score(f, NOW, Config())) for f in theirs), NOW, TODAY)
    assert pg.queue.queue_rows(now=NOW, limit=None) == sqlite_queue.queue_rows(
        lite, now=NOW, limit=None
    )
    assert pg.figures.sum_differences() == {}


def test_both_backends_rank_and_list_the_queue_alike(both):
    lite, pg, _ = both
    collectors = [r[0] for r in lite.conn.execute("SELECT DISTINCT collector FROM debtors")]
    for collector in [None, *collectors]:
        rows = sqlite_queue.queue_rows(lite, now=NOW, limit=10, collector=collector)
        assert pg.queue.queue_rows(now=NOW, limit=10, collector=collector) == rows
        for row in rows[:3]:
            code = row["debtor_code"]
            assert pg.queue.rank_of(code, NOW, collector) == sqlite_queue.rank_of(
                lite, code, NOW, collector
            )
            assert pg.queue.entry(code, "fr", TODAY) == sqlite_queue.entry(lite, code, "fr", TODAY)
    for collector in collectors:
        if collector is None:
            continue
        mine = {"collector": collector, "now": NOW, "campaign_id": None}
        assert pg.queue.next_return(**mine) == sqlite_queue.next_return(lite, **mine)
        theirs = list(sqlite_queue.pick_candidates(lite, skip=(), **mine))
        assert list(pg.queue.pick_candidates(skip=(), **mine)) == theirs
    cutoff = date(2026, 11, 20)
    key = sqlite_queue.SCORED_ON_KEY
    assert pg.queue.upkeep_state(key, cutoff) == tuple(sqlite_queue.upkeep_state(lite, key, cutoff))
    assert pg.queue.pending_due_promise_exists(cutoff) == sqlite_queue.pending_due_promise_exists(
        lite, cutoff
    )

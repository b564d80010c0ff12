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

from sqlfile import raw_rows, raw_value

from callcenter.cli import main  # noqa: E402
from callcenter.domain.scoring import score  # noqa: E402
from callcenter.domain.settings import Config  # noqa: E402
from callcenter.service.queue import SCORED_ON_KEY  # noqa: E402
from callcenter.store import open_database  # noqa: E402
from callcenter.store.errors import StoreError  # noqa: E402
from callcenter.store.postgres.copy_in import copy_from_sqlite  # noqa: E402

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "team.db"
    assert main(["--db", str(path), "demo", "--debtors", "60", "--seed", "5"]) == 0
    return path


@pytest.fixture
def both(demo_file, pg_store_url):
    lite = open_database(demo_file)
    pg = open_database(pg_store_url)
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
    last = raw_value(lite, "SELECT max(id) FROM calls")
    code = raw_value(lite, "SELECT code FROM debtors LIMIT 1")
    with pg.transaction():
        new = pg.outcomes.insert_call(code=code, collector="sam", started_at=NOW, outcome="busy")
    assert new == last + 1


def test_both_backends_gather_the_same_facts_and_score_alike(both):
    lite, pg, _ = both
    theirs = lite.queue.gather_facts(today=TODAY, now=NOW)
    ours = pg.queue.gather_facts(today=TODAY, now=NOW)
    assert ours == theirs
    some = [f.code for f in theirs[::7]]
    assert pg.queue.gather_facts(today=TODAY, now=NOW, codes=some) == [
        f for f in theirs if f.code in some
    ]  # per debtor, undone calls are probed one by one; a whole pass lists them
    assert lite.queue.gather_facts(today=TODAY, now=NOW, codes=some) == [
        f for f in theirs if f.code in some
    ]
    with pg.transaction():
        pg.queue.write_scores(((f, score(f, NOW, Config())) for f in ours), NOW, TODAY)
    with lite.transaction():
        lite.queue.write_scores(((f, score(f, NOW, Config())) for f in theirs), NOW, TODAY)
    assert pg.queue.queue_rows(now=NOW, limit=None) == lite.queue.queue_rows(now=NOW, limit=None)
    collector = raw_value(lite, "SELECT collector FROM debtors WHERE collector <> '' LIMIT 1")
    mine = lite.queue.queue_rows(now=NOW, limit=None, collector=collector)  # the two ranges
    assert 0 < len(mine) < len(lite.queue.queue_rows(now=NOW, limit=None))
    assert mine == pg.queue.queue_rows(now=NOW, limit=None, collector=collector)
    assert mine == [
        e
        for e in lite.queue.queue_rows(now=NOW, limit=None)
        if e.collector in (collector, "", None)
    ]
    assert pg.figures.sum_differences() == {}


def test_both_backends_rank_and_list_the_queue_alike(both):
    lite, pg, _ = both
    collectors = [r[0] for r in raw_rows(lite, "SELECT DISTINCT collector FROM debtors")]
    for collector in [None, *collectors]:
        rows = lite.queue.queue_rows(now=NOW, limit=10, collector=collector)
        assert pg.queue.queue_rows(now=NOW, limit=10, collector=collector) == rows
        for row in rows[:3]:
            code = row.code
            assert pg.queue.rank_of(code, NOW, collector) == lite.queue.rank_of(
                code, NOW, collector
            )
            assert pg.queue.entry(code) == lite.queue.entry(code)
    for collector in collectors:
        if collector is None:
            continue
        mine = {"collector": collector, "now": NOW, "campaign_id": None}
        assert pg.queue.next_return(**mine) == lite.queue.next_return(**mine)
        theirs = list(lite.queue.pick_candidates(skip=(), **mine))
        assert list(pg.queue.pick_candidates(skip=(), **mine)) == theirs
    cutoff = date(2026, 11, 20)
    key = SCORED_ON_KEY
    assert pg.queue.upkeep_state(key, cutoff) == tuple(lite.queue.upkeep_state(key, cutoff))
    assert pg.queue.pending_due_promise_exists(cutoff) == lite.queue.pending_due_promise_exists(
        cutoff
    )


def test_the_service_claims_logs_and_undoes_alike_on_both(both):
    from callcenter.service import outcomes, queue

    lite, pg, _ = both
    config = Config()
    collectors = sorted(
        r[0] for r in raw_rows(lite, "SELECT DISTINCT collector FROM debtors") if r[0]
    )
    for store in (lite, pg):
        queue.rescore(store, now=NOW, config=config)
    assert pg.queue.queue_rows(now=NOW, limit=None) == lite.queue.queue_rows(now=NOW, limit=None)
    for collector in collectors[:2]:
        taken = [
            queue.claim_next(s, collector=collector, now=NOW, config=config, session="w1")
            for s in (lite, pg)
        ]
        assert taken[0] == taken[1] and taken[0] is not None
        calls = [
            outcomes.log_outcome(
                s,
                taken[0],
                "promise",
                collector=collector,
                now=NOW,
                config=config,
                promise_date=date(2026, 11, 27),
                amount_cents=12_345,
            )
            for s in (lite, pg)
        ]
        assert calls[0] == calls[1]
        for s in (lite, pg):
            outcomes.undo_outcome(s, calls[0], collector=collector, now=NOW, config=config)
    assert pg.queue.queue_rows(now=NOW, limit=None) == lite.queue.queue_rows(now=NOW, limit=None)
    assert pg.figures.sum_differences() == {}
    mine = "SELECT id, status FROM promises ORDER BY id"
    assert raw_rows(pg, mine) == raw_rows(lite, mine)


def test_every_dossier_reads_the_same_on_both(both):
    lite, pg, _ = both
    codes = [r[0] for r in raw_rows(lite, "SELECT code FROM debtors ORDER BY code")]
    disputed = raw_rows(lite, "SELECT DISTINCT debtor_code FROM disputes")
    assert disputed  # the demo has at least one dispute, with its invoice numbers
    for code in codes:
        assert pg.dossiers.load_dossier(code, TODAY) == lite.dossiers.load_dossier(code, TODAY)
    assert pg.dossiers.load_dossier("nobody", TODAY) is None
    with pg.transaction():
        pg.dossiers.set_account_note(codes[0], "rappeler le comptable")
    assert pg.dossiers.account_note(codes[0]) == "rappeler le comptable"


def test_the_stress_tool_s_questions_are_answered_alike(both):
    lite, pg, _ = both
    ids = [r[0] for r in raw_rows(lite, "SELECT id FROM calls ORDER BY id LIMIT 40")]
    assert pg.admin.call_rows([*ids, 10**9]) == lite.admin.call_rows(ids)
    assert pg.admin.assigned_collectors() == lite.admin.assigned_collectors()
    assert pg.admin.any_supervisor() == lite.admin.any_supervisor()


def _scopes(lite, pg) -> list:
    """Everybody, one collector, and one campaign (made alike on both: it reads raw rows)."""
    from dataclasses import replace

    from callcenter.domain.campaigns import Campaign
    from callcenter.domain.figures import Scope

    (collector,) = lite.admin.assigned_collectors()[:1]
    ids = set()
    for store in (lite, pg):
        with store.transaction():
            rule = Campaign("big", min_overdue_cents=100_000, created_by="sam")
            campaign_id = store.campaigns.insert_campaign(rule, NOW)
            assert store.campaigns.select_members(replace(rule, id=campaign_id), TODAY) > 0
        ids.add(campaign_id)
    (campaign_id,) = ids
    return [Scope(), Scope(collector=collector), Scope(campaign_id=campaign_id)]


def test_every_dashboard_figure_reads_the_same_on_both(both):
    from datetime import timedelta

    from callcenter.domain.figures import Period

    lite, pg, _ = both
    month = Period(TODAY - timedelta(days=29), TODAY)
    start, end = NOW - timedelta(days=7), NOW + timedelta(hours=3)
    stamp = "2026-11-24T09:00:00+00:00"
    for scope in _scopes(lite, pg):

        def asked(store, scope=scope):
            f = store.figures
            return [
                f.queue_counts(NOW, scope),
                f.done_count(scope),
                f.collector_days(start, end, TODAY, scope),
                f.calls_made(start, end, scope),
                f.promises_fell_due(month, scope),
                f.ledger_sums(month, scope),
                f.aging(TODAY, scope),
                f.flows(month, scope),
                f.promised_collected_by_campaign(month, scope),
                f.largest_in_queue(scope),
                f.largest_overdue(TODAY, scope),
                f.largest_overdue(TODAY, scope, bucket="over_90"),
                [f.debtors_in_state(NOW, s, scope) for s in ("due_now", "in_call", "promise")],
                f.debtors_with_promises("made_between", [start, end], scope),
                f.debtors_called(start, end, scope),
                f.debtors_called(start, end, scope, right_party_only=True),
                f.debtors_who_paid(month, scope),
            ]

        assert asked(pg) == asked(lite), scope
    for collector in (None, lite.admin.assigned_collectors()[0]):

        def summed(store, collector=collector):
            f = store.figures
            return [
                f.summed_ledger_sums(month, collector),
                f.summed_aging(TODAY, collector),
                f.summed_calls_made(start, end, collector),
                sorted(f.promised_per_day(month, collector)),
                sorted(f.collected_per_day(month, collector)),
                sorted(f.queue_states(collector)),
                sorted(f.due_later(stamp, collector)),
            ]

        assert summed(pg) == summed(lite), collector
    assert pg.figures.ledger_stamp()[4] == lite.figures.ledger_stamp()[4]

"""Claims on PostgreSQL: one statement, SKIP LOCKED, today's lease rules."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")

from sqlfile import raw_rows, raw_value, raw_write  # noqa: E402

from callcenter.store.postgres import open_postgres  # noqa: E402
from callcenter.store.postgres import queue as claims  # noqa: E402
from callcenter.store.records import ClaimAsk  # noqa: E402

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=15)


@pytest.fixture
def pg(pg_store_url):
    store = open_postgres(pg_store_url)
    yield store
    store.close()


def seed(pg, rows):
    """rows: (code, score, collector, timezone); every debtor due now."""
    with pg.transaction():
        for code, score, collector, zone in rows:
            raw_write(
                pg,
                "INSERT INTO debtors (code, name, collector, timezone, updated_at)"
                " VALUES (%s, %s, %s, %s, '2026-11-01T00:00:00+00:00')",
                (code, code, collector, zone),
            )
            raw_write(
                pg,
                "INSERT INTO queue_state (debtor_code, score, next_action_at)"
                " VALUES (%s, %s, '2026-11-24T08:00:00+00:00')",
                (code, score),
            )


def claim(pg, collector, *, session=None, now=NOW, skip=(), campaign_id=None, callable_in=None):
    ask = ClaimAsk(collector, now, now + LEASE, campaign_id, tuple(skip), session, callable_in)
    return claims.claim_next(pg, ask)


def holders(pg):
    return dict(
        raw_rows(pg, "SELECT debtor_code, claimed_by FROM queue_state WHERE claimed_by IS NOT NULL")
    )


def test_the_best_free_debtor_goes_to_the_first_and_the_next_to_the_second(pg):
    seed(pg, [("A", 900, None, "Europe/Paris"), ("B", 800, None, "Europe/Paris")])
    assert claim(pg, "sam", session="s1") == "A"
    assert claim(pg, "lea", session="l1") == "B"
    assert claim(pg, "max", session="m1") is None
    assert holders(pg) == {"A": "sam", "B": "lea"}


def test_a_new_claim_gives_back_the_previous_one_of_the_same_window_only(pg):
    seed(pg, [(c, 100 - i, None, "Europe/Paris") for i, c in enumerate("ABC")])
    assert claim(pg, "sam", session="w1") == "A"
    assert claim(pg, "sam", session="w2") == "B"  # A is held by the other window
    assert claim(pg, "sam", session="w1", skip=["A"]) == "C"
    assert holders(pg) == {"B": "sam", "C": "sam"}


def test_another_collector_s_debtors_are_never_offered_outside_a_campaign(pg):
    seed(pg, [("A", 900, "lea", "Europe/Paris"), ("B", 100, "", "Europe/Paris")])
    assert claim(pg, "sam") == "B"
    assert claim(pg, "lea") == "A"


def test_a_campaign_offers_its_debtors_whoever_they_are_assigned_to(pg):
    seed(pg, [("A", 900, "lea", "Europe/Paris"), ("B", 100, None, "Europe/Paris")])
    campaign = raw_value(
        pg, "INSERT INTO campaigns (name, created_at) VALUES ('c', '2026-11-01') RETURNING id"
    )
    raw_write(pg, "INSERT INTO campaign_debtors VALUES (%s, 'A')", (campaign,))
    assert claim(pg, "sam", campaign_id=campaign) == "A"
    assert claim(pg, "max", campaign_id=campaign) is None


def test_only_debtors_inside_their_calling_hours_are_taken(pg):
    seed(pg, [("A", 900, None, "Asia/Tokyo"), ("B", 100, None, "Europe/Paris")])
    assert claim(pg, "sam", callable_in=lambda zone: zone == "Europe/Paris") == "B"
    assert claim(pg, "lea", callable_in=lambda zone: False) is None
    assert sorted(claims.timezones(pg)) == ["Asia/Tokyo", "Europe/Paris"]


def test_a_lapsed_lease_is_free_again_and_a_live_one_is_not(pg):
    seed(pg, [("A", 900, None, "Europe/Paris")])
    assert claim(pg, "sam", session="s1") == "A"
    assert claim(pg, "lea", now=NOW + LEASE - timedelta(seconds=1)) is None
    assert claim(pg, "lea", now=NOW + LEASE + timedelta(seconds=1)) == "A"


def test_renewing_extends_my_lease_or_takes_it_back_unless_someone_took_it(pg):
    seed(pg, [("A", 900, None, "Europe/Paris")])
    assert claim(pg, "sam", session="s1") == "A"
    later = NOW + LEASE + timedelta(minutes=1)
    assert claims.renew_claim(pg, "A", "sam", later, later + LEASE, "s1")
    assert claim(pg, "lea", now=later) is None  # renewed: still sam's
    much_later = later + 2 * LEASE
    assert claim(pg, "lea", session="l1", now=much_later) == "A"
    assert not claims.renew_claim(pg, "A", "sam", much_later, much_later + LEASE, "s1")
    assert holders(pg) == {"A": "lea"}


def test_releasing_gives_back_only_what_i_hold(pg):
    seed(pg, [("A", 900, None, "Europe/Paris")])
    assert claim(pg, "sam", session="s1") == "A"
    assert not claims.release_claim(pg, "A", "lea")
    assert not claims.release_claim(pg, "A", "sam", "other-window")
    assert claims.release_claim(pg, "A", "sam", "s1")
    assert holders(pg) == {}


def test_a_dead_session_s_claims_are_found_for_its_collector(pg):
    seed(pg, [("A", 900, None, "Europe/Paris"), ("B", 800, None, "Europe/Paris")])
    assert claim(pg, "sam", session="dead") == "A"
    assert claims.held_claims(pg, "sam", NOW) == [("A", "dead")]
    claims.set_claim(pg, "A", "sam", NOW + LEASE, "alive")
    assert claims.held_claims(pg, "sam", NOW) == [("A", "alive")]


def test_a_row_being_claimed_is_skipped_not_waited_for(pg, pg_store_url):
    seed(pg, [("A", 900, None, "Europe/Paris"), ("B", 800, None, "Europe/Paris")])
    other = open_postgres(pg_store_url)
    try:
        with other.transaction():
            raw_write(other, "SELECT 1 FROM queue_state WHERE debtor_code = 'A' FOR UPDATE")
            raw_write(pg, "SET lock_timeout = 2000")  # a wait would fail the test
            assert claim(pg, "sam") == "B"
    finally:
        other.close()


def test_many_collectors_claiming_at_once_never_share_a_debtor(pg, pg_store_url):
    seed(pg, [(f"D{n:03}", n, None, "Europe/Paris") for n in range(120)])
    taken: dict[str, list[str]] = {}
    failures: list[BaseException] = []
    start = threading.Barrier(8)

    def collector(name: str) -> None:
        store = open_postgres(pg_store_url)
        mine = taken.setdefault(name, [])
        try:
            start.wait()
            # A new window each time: nothing is given back, so nothing can be handed twice.
            while (code := claim(store, name, session=f"{name}-{len(mine)}")) is not None:
                mine.append(code)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=collector, args=(f"c{n}",)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    every = [code for codes in taken.values() for code in codes]
    assert sorted(every) == sorted(f"D{n:03}" for n in range(120))
    assert len(set(every)) == len(every)

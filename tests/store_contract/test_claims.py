"""Claims: one debtor, one collector at a time; leases expire; renew and release.

Merged from the two claim suites that said the same twice; the process and
lock races specific to SQLite stay in ``tests/test_claims.py``.
"""

from __future__ import annotations

import threading
from datetime import timedelta

from builtin_settings import SETTINGS

from callcenter.domain.models import Debtor, Outcome
from callcenter.service.outcomes import log_outcome
from callcenter.service.queue import SCORED_ON_KEY, claim_next, release_claim, renew_claim
from callcenter.service.scores import today_of
from callcenter.store import open_database
from callcenter.store.records import ClaimAsk, QueueUpkeep

from .conftest import holders, seed

LEASE = timedelta(minutes=5)  # the default claim_lease_minutes


def test_two_collectors_never_get_the_same_debtor(store, now):
    seed(store, now, 3)
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D00"
    assert claim_next(store, collector="bob", now=now, config=SETTINGS) == "D01"
    assert claim_next(store, collector="carol", now=now, config=SETTINGS) == "D02"
    assert claim_next(store, collector="dave", now=now, config=SETTINGS) is None
    assert holders(store, now) == {"D00": "alice", "D01": "bob", "D02": "carol"}


def test_claiming_the_next_releases_my_previous_one(store, now):
    seed(store, now, 5)
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D00"
    assert claim_next(store, collector="alice", now=now, skip=("D00",), config=SETTINGS) == "D01"
    assert holders(store, now) == {"D01": "alice"}
    assert claim_next(store, collector="bob", now=now, config=SETTINGS) == "D00"


def test_my_own_claim_is_offered_back_to_me(store, now):
    # the workstation restarts after a crash: the collector gets their debtor back
    seed(store, now, 3)
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D00"
    assert (
        claim_next(store, collector="alice", now=now + timedelta(minutes=1), config=SETTINGS)
        == "D00"
    )


def test_an_expired_lease_is_offered_again(store, now):
    seed(store, now, 3)
    assert (
        claim_next(store, collector="alice", now=now, config=SETTINGS) == "D00"
    )  # then alice's session dies
    assert (
        claim_next(store, collector="bob", now=now + LEASE - timedelta(seconds=1), config=SETTINGS)
        == "D01"
    )
    later = now + LEASE + timedelta(seconds=1)
    assert claim_next(store, collector="carol", now=later, config=SETTINGS) == "D00"
    assert holders(store, later)["D00"] == "carol"
    assert (
        renew_claim(store, "D00", collector="alice", now=later, config=SETTINGS) is False
    )  # carol holds it


def test_renewing_keeps_the_debtor_while_on_screen(store, now):
    seed(store, now, 3)
    claim_next(store, collector="alice", now=now, config=SETTINGS)
    assert renew_claim(
        store, "D00", collector="alice", now=now + timedelta(minutes=4), config=SETTINGS
    )
    just_after_first_lease = now + LEASE + timedelta(seconds=30)
    assert claim_next(store, collector="bob", now=just_after_first_lease, config=SETTINGS) == "D01"
    after_renewed_lease = now + timedelta(minutes=4) + LEASE + timedelta(seconds=1)
    assert claim_next(store, collector="bob", now=after_renewed_lease, config=SETTINGS) == "D00"


def test_a_lapsed_lease_nobody_took_can_be_renewed(store, now):
    seed(store, now, 1)
    claim_next(store, collector="alice", now=now, config=SETTINGS)
    assert (
        renew_claim(
            store, "D00", collector="alice", now=now + timedelta(minutes=20), config=SETTINGS
        )
        is True
    )


def test_release_gives_the_debtor_back_only_by_its_holder(store, now):
    seed(store, now, 2)
    claim_next(store, collector="alice", now=now, config=SETTINGS)
    assert release_claim(store, "D00", collector="mallory") is False
    assert holders(store, now) == {"D00": "alice"}
    assert release_claim(store, "D00", collector="alice") is True
    assert holders(store, now) == {}
    assert claim_next(store, collector="bob", now=now, config=SETTINGS) == "D00"


def test_a_logged_outcome_releases_the_claim_and_moves_the_collector_on(store, now):
    seed(store, now, 2)
    code = claim_next(store, collector="alice", now=now, config=SETTINGS)
    log_outcome(store, code, Outcome.NO_ANSWER, collector="alice", now=now, config=SETTINGS)
    assert holders(store, now) == {}
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D01"


def test_one_collector_in_two_windows_keeps_each_windows_debtor(store, now):
    seed(store, now, 3)
    first = claim_next(store, collector="alice", now=now, session="w1", config=SETTINGS)
    second = claim_next(store, collector="alice", now=now, session="w2", config=SETTINGS)
    assert (first, second) == ("D00", "D01")
    assert holders(store, now) == {"D00": "alice", "D01": "alice"}
    assert claim_next(store, collector="bob", now=now, config=SETTINGS) == "D02"
    # each window moves on without touching the other's debtor
    assert (
        claim_next(store, collector="alice", now=now, session="w1", skip=["D00"], config=SETTINGS)
        is None
    )
    assert (
        renew_claim(store, "D01", collector="alice", now=now, session="w1", config=SETTINGS)
        is False
    )
    assert (
        renew_claim(store, "D01", collector="alice", now=now, session="w2", config=SETTINGS) is True
    )
    assert release_claim(store, "D01", collector="alice", session="w1") is False
    assert release_claim(store, "D01", collector="alice", session="w2") is True
    # without a session (the CLI, scripts) a collector's claims are all theirs
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) in ("D00", "D01")


def test_concurrent_collectors_on_separate_connections(database_url, store, now):
    seed(store, now, 40)
    got: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def work(name: str) -> None:
        own = open_database(database_url)
        try:
            mine: list[str] = []
            for _ in range(5):
                code = claim_next(own, collector=name, now=now, skip=mine, config=SETTINGS)
                if code is None:
                    break
                mine.append(code)
                assert renew_claim(
                    own, code, collector=name, now=now + timedelta(minutes=1), config=SETTINGS
                )
            got[name] = mine
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            own.close()

    threads = [threading.Thread(target=work, args=(f"c{n}",)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    # at the end each collector holds exactly one debtor, and no debtor has two holders
    held = holders(store, now)
    assert sorted(held.values()) == [f"c{n}" for n in range(6)]
    last_held = [codes[-1] for codes in got.values()]
    assert sorted(last_held) == sorted(held)


def test_the_pick_follows_each_debtor_to_its_new_portfolio(store, now):
    """The queue's copy of the portfolio follows debtors.collector, however it changes."""
    codes = seed(store, now, 6)  # D00 scores highest, D05 lowest
    with store.transaction():
        store.portfolios.assign_debtors(["D00", "D03"], "bob", now)
        store.portfolios.assign_debtors(["D02", "D04"], "alice", now)
    # alice's own range (D02, D04) and the unassigned one (D01, D05), merged by score
    picked = []
    for _ in codes:
        code = claim_next(store, collector="alice", now=now, skip=picked, config=SETTINGS)
        if code is None:
            break
        picked.append(code)
    assert picked == ["D01", "D02", "D04", "D05"]
    with store.transaction():
        store.portfolios.assign_debtors(["D00"], None, now)  # back to the pool
        store.portfolios.move_portfolio("alice", "carol", now)  # alice leaves
        store.ledger.upsert_debtors([Debtor(code="D05", name="Client D05", collector="bob")], now)
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D00"
    assert claim_next(store, collector="alice", now=now, skip=["D00"], config=SETTINGS) == "D01"
    assert (
        claim_next(store, collector="alice", now=now, skip=["D00", "D01"], config=SETTINGS) is None
    )
    assert (
        claim_next(store, collector="carol", now=now, skip=["D00", "D01"], config=SETTINGS) == "D02"
    )
    bob = claim_next(store, collector="bob", now=now, skip=["D00", "D01", "D03"], config=SETTINGS)
    assert bob == "D05"


def test_the_claim_checks_the_queue_upkeep_in_its_own_statement(store, now):
    # Both backends fold the check into the claim: one statement when the queue is up to date,
    # nothing written when it may not be (the caller then refreshes and claims again).
    seed(store, now, 2)
    today = today_of(now, SETTINGS)
    ask = ClaimAsk("alice", now, now + LEASE)
    upkept = QueueUpkeep(SCORED_ON_KEY, today, today - timedelta(days=3))
    stale = QueueUpkeep(SCORED_ON_KEY, today + timedelta(days=1), today)
    assert store.queue.claim_if_upkept(ask, stale) == (False, None)
    assert holders(store, now) == {}
    assert store.queue.claim_if_upkept(ask, upkept) == (True, "D00")
    skipping = ClaimAsk("alice", now, now + LEASE, skip=("D00",))
    assert store.queue.claim_if_upkept(skipping, upkept) == (True, "D01")
    assert holders(store, now) == {"D01": "alice"}
    with store.transaction(durable=False):
        assert store.queue.claim_best(ClaimAsk("alice", now, now + LEASE)) == "D00"
    assert holders(store, now) == {"D00": "alice"}


def test_the_pick_follows_each_debtor_to_its_new_time_zone(store, now):
    """The queue's copy of the time zone (migration 16) follows debtors.timezone: a
    debtor moved to where it is evening is passed over, and offered again once back."""
    seed(store, now, 3)
    with store.transaction():
        store.ledger.upsert_debtors([Debtor("D00", "Client D00", timezone="Pacific/Noumea")], now)
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D01"
    with store.transaction():
        store.ledger.upsert_debtors([Debtor("D00", "Client D00", timezone="Europe/Paris")], now)
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "D00"
    # the next best is read after the first, passed over, was not callable
    with store.transaction():
        store.ledger.upsert_debtors([Debtor("D01", "Client D01", timezone="Pacific/Noumea")], now)
    assert claim_next(store, collector="bob", now=now, config=SETTINGS) == "D02"

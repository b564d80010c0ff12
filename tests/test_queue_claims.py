"""Claims: one debtor, one collector at a time; leases expire; renew and release."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from builtin_settings import SETTINGS
from ledger_builders import add_debtor, late, queue_row

from callcenter.service.outcomes import log_outcome
from callcenter.service.queue import claim_next, release_claim, renew_claim, rescore, top
from callcenter.store import open_database


@pytest.fixture
def three(store, now):
    for n, code in enumerate(("A", "B", "C")):
        add_debtor(store, now, code, invoices=[late("F", 30, (3 - n) * 1_000_00)])
    rescore(store, now=now, config=SETTINGS)


def test_two_collectors_never_get_the_same_debtor(store, now, three):
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "A"
    assert claim_next(store, collector="bob", now=now, config=SETTINGS) == "B"
    assert claim_next(store, collector="carol", now=now, config=SETTINGS) == "C"
    assert claim_next(store, collector="dave", now=now, config=SETTINGS) is None
    claimed = {e.code: e.claimed_by for e in top(store, now=now)}
    assert claimed == {"A": "alice", "B": "bob", "C": "carol"}


def test_an_expired_lease_is_offered_again(store, now, three):
    assert claim_next(store, collector="alice", now=now, skip=["B", "C"], config=SETTINGS) == "A"
    assert (
        claim_next(
            store, collector="bob", now=now + timedelta(minutes=4), skip=["B", "C"], config=SETTINGS
        )
        is None
    )
    later = now + timedelta(minutes=5, seconds=1)
    assert claim_next(store, collector="bob", now=later, skip=["B", "C"], config=SETTINGS) == "A"
    assert queue_row(store, "A")["claimed_by"] == "bob"
    # alice's renewal now fails: bob holds it
    assert renew_claim(store, "A", collector="alice", now=later, config=SETTINGS) is False


def test_renewing_keeps_the_debtor(store, now, three):
    claim_next(store, collector="alice", now=now, skip=["B", "C"], config=SETTINGS)
    assert (
        renew_claim(store, "A", collector="alice", now=now + timedelta(minutes=4), config=SETTINGS)
        is True
    )
    at_7 = now + timedelta(minutes=7)
    assert claim_next(store, collector="bob", now=at_7, skip=["B", "C"], config=SETTINGS) is None
    # a lapsed lease nobody took can be renewed
    at_20 = now + timedelta(minutes=20)
    assert renew_claim(store, "A", collector="alice", now=at_20, config=SETTINGS) is True


def test_release_gives_the_debtor_back(store, now, three):
    claim_next(store, collector="alice", now=now, config=SETTINGS)
    assert release_claim(store, "A", collector="bob") is False  # not bob's to release
    assert release_claim(store, "A", collector="alice") is True
    assert claim_next(store, collector="bob", now=now, config=SETTINGS) == "A"


def test_claiming_the_next_releases_my_previous_one(store, now, three):
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "A"
    assert claim_next(store, collector="alice", now=now, skip=["A"], config=SETTINGS) == "B"
    assert queue_row(store, "A")["claimed_by"] is None
    assert claim_next(store, collector="bob", now=now, config=SETTINGS) == "A"


def test_my_own_claim_is_offered_back_to_me(store, now, three):
    # the workstation restarts after a crash: the collector gets their debtor back
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "A"
    assert (
        claim_next(store, collector="alice", now=now + timedelta(minutes=1), config=SETTINGS) == "A"
    )


def test_a_logged_outcome_moves_the_collector_on(store, now, three):
    code = claim_next(store, collector="alice", now=now, config=SETTINGS)
    log_outcome(store, code, "no_answer", collector="alice", now=now, config=SETTINGS)
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "B"


def test_concurrent_collectors_on_separate_connections(db_path, store, now):
    for k in range(40):
        add_debtor(store, now, f"D{k:02d}", invoices=[late("F", 10 + k, 100_00 + k)])
    rescore(store, now=now, config=SETTINGS)
    got: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def work(name: str) -> None:
        own = open_database(db_path)
        try:
            mine = []
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
    holders = store.conn.execute(
        "SELECT claimed_by, count(*) FROM queue_state WHERE claimed_by IS NOT NULL"
        " GROUP BY claimed_by"
    ).fetchall()
    assert sorted(holders) == [(f"c{n}", 1) for n in range(6)]
    last_held = [codes[-1] for codes in got.values()]
    assert len(set(last_held)) == len(last_held) == 6


def test_one_collector_in_two_windows_keeps_each_windows_debtor(store, now, three):
    first = claim_next(store, collector="alice", now=now, session="w1", config=SETTINGS)
    second = claim_next(store, collector="alice", now=now, session="w2", config=SETTINGS)
    assert first == "A" and second == "B"
    assert queue_row(store, "A")["claimed_by"] == "alice"  # not released by window 2
    assert claim_next(store, collector="bob", now=now, config=SETTINGS) == "C"
    # each window moves on without touching the other's debtor
    assert (
        claim_next(store, collector="alice", now=now, session="w1", skip=["A"], config=SETTINGS)
        is None
    )
    assert queue_row(store, "B")["claim_session"] == "w2"
    assert (
        renew_claim(store, "B", collector="alice", now=now, session="w1", config=SETTINGS) is False
    )
    assert (
        renew_claim(store, "B", collector="alice", now=now, session="w2", config=SETTINGS) is True
    )
    assert release_claim(store, "B", collector="alice", session="w1") is False
    assert release_claim(store, "B", collector="alice", session="w2") is True
    # without a session (the CLI, scripts) a collector's claims are all theirs
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) in ("A", "B")

"""The Calling port on PostgreSQL: the contract's tests, run on a throw-away cluster."""

from __future__ import annotations

import pytest

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")

from callcenter.store import open_database  # noqa: E402
from callcenter.store.codec import instant_to_db  # noqa: E402
from tests.store_contract.test_calling import (  # noqa: E402, F401 - collected here too
    test_an_attempt_its_events_once_and_its_times,
    test_do_not_call_on_a_number_or_a_contact_until_lifted,
    test_states_between_include_the_one_running_at_the_start,
    test_the_dial_target_of_a_contact,
    test_the_times_of_the_calls_an_outcome_closed,
)


@pytest.fixture
def store(pg_url):
    opened = open_database(pg_url)
    yield opened
    opened.close()


@pytest.fixture
def contact(store, now) -> int:
    """The contract's debtor and contact, written in SQL (the ledger port is not on PG yet)."""
    with store.transaction():
        store.conn.execute(
            "INSERT INTO debtors (code, name, timezone, updated_at)"
            " VALUES ('C0', 'Client', 'Europe/Paris', %s)",
            (instant_to_db(now),),
        )
        return store.conn.execute(
            "INSERT INTO contacts (debtor_code, name, phone) VALUES ('C0', 'Mme Martin',"
            " '+33102030405') RETURNING id"
        ).fetchone()[0]

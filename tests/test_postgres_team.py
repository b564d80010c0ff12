"""The Users and Portfolios ports on PostgreSQL; moving debtors moves their figure sums."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")

from sqlfile import raw_rows, raw_write

from callcenter.store import open_database  # noqa: E402

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


@pytest.fixture
def pg(pg_store_url):
    store = open_database(pg_store_url)
    yield store
    store.close()


def test_users_are_added_changed_listed_and_removed(pg):
    with pg.transaction():
        pg.users.upsert_user("sophie", "supervisor", "Sophie M.", NOW)
        pg.users.upsert_user("sam", "collector", "", NOW)
        pg.users.upsert_user("sophie", "supervisor", "", NOW)  # keeps her display name
    assert pg.users.role_of("sophie") == "supervisor" and pg.users.role_of("nobody") is None
    assert pg.users.count_supervisors() == 1
    listed = pg.users.list_users()
    assert [(u.name, u.display_name, u.debtors) for u in listed] == [
        ("sophie", "Sophie M.", 0),
        ("sam", "", 0),
    ]
    with pg.transaction():
        assert pg.users.delete_user("sam") and not pg.users.delete_user("sam")


def test_portfolios_move_and_their_sums_follow(pg):
    with pg.transaction():
        for code in ("C0", "C1", "C2"):
            raw_write(
                pg,
                "INSERT INTO debtors (code, name, updated_at) VALUES (%s, %s, '2026-11-01')",
                (code, code),
            )
            raw_write(
                pg,
                "INSERT INTO invoices (debtor_code, number, issue_date, due_date, amount_cents,"
                " open_cents) VALUES (%s, 'F1', '2026-09-01', '2026-10-01', 100, 100)",
                (code,),
            )
    assert pg.portfolios.known_codes(["C0", "C9", "C2"]) == {"C0", "C2"}
    with pg.transaction():
        assert pg.portfolios.assign_debtors(["C0", "C1"], "sam", NOW) == 2
        assert pg.portfolios.move_portfolio("sam", "lea", NOW) == 2
    owners = dict(raw_rows(pg, "SELECT code, collector FROM debtors"))
    assert owners == {"C0": "lea", "C1": "lea", "C2": None}
    assert pg.figures.sum_differences() == {}

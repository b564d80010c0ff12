"""The PostgreSQL schema: migrations like SQLite's, sum tables exact, logs append-only."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime

import pytest
from builtin_settings import SETTINGS

from callcenter.store.errors import NoDatabase, SchemaTooNew, StoreError
from callcenter.store.sqlite import schema as sqlite_schema

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")

from sqlfile import raw_rows, raw_write  # noqa: E402

from callcenter.service.queue import rescore  # noqa: E402
from callcenter.store.postgres import figure_sums, open_postgres  # noqa: E402
from callcenter.store.postgres.schema import SCHEMA_VERSION  # noqa: E402

NOW = "2026-11-24T09:00:00+00:00"


@pytest.fixture
def pg(pg_url):
    store = open_postgres(pg_url)
    yield store
    store.close()


def _sqlite_columns(version: int) -> dict[str, list[str]]:
    conn = sqlite3.connect(":memory:")
    for script in sqlite_schema.MIGRATIONS[:version]:
        conn.executescript(script)
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {t: [r[1] for r in conn.execute(f"PRAGMA table_info({t})")] for t in tables}


def test_every_table_and_column_of_sqlite_is_there_in_the_same_order(pg):
    expected = _sqlite_columns(SCHEMA_VERSION)
    rows = raw_rows(
        pg,
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
    )
    found: dict[str, list[str]] = {}
    for table, column in rows:
        found.setdefault(table, []).append(column)
    assert found == expected


def test_the_postgres_migrations_keep_up_with_sqlite_s():
    assert SCHEMA_VERSION == sqlite_schema.SCHEMA_VERSION, (
        "a SQLite migration has no PostgreSQL twin yet in store/postgres/schema.py"
    )


def test_opening_again_migrates_nothing_and_version_is_recorded(pg, pg_url):
    assert pg.schema_version == SCHEMA_VERSION
    again = open_postgres(pg_url, create=False)
    assert again.schema_version == SCHEMA_VERSION
    again.close()


def test_two_processes_opening_a_new_database_together_migrate_it_once(pg_cluster):
    url = pg_cluster.create_database("together")
    failures: list[BaseException] = []

    def open_one():
        try:
            open_postgres(url).close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []


def test_an_empty_database_is_no_database_for_a_read_command(pg_url):
    with pytest.raises(NoDatabase, match="no callcenter database"):
        open_postgres(pg_url, create=False)


def test_another_program_s_tables_are_never_touched(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE orders (id int)")
    with pytest.raises(StoreError, match="belongs to another program"):
        open_postgres(pg_url)
    with psycopg.connect(pg_url) as conn:
        assert (
            conn.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'meta'").fetchone()[0]
            == 0
        )


def test_a_schema_newer_than_this_program_is_refused(pg, pg_url):
    raw_write(pg, "UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(99),))
    with pytest.raises(SchemaTooNew, match="newer"):
        open_postgres(pg_url)


def test_a_server_that_is_not_there_is_said_without_the_password(pg_cluster):
    url = "postgresql://sam:secret@/nowhere?host=/nonexistent-socket-folder"
    with pytest.raises(StoreError, match="cannot connect") as caught:
        open_postgres(url)
    assert "secret" not in str(caught.value)


def test_the_call_log_is_append_only(pg):
    _debtor(pg, "D1", None)
    raw_write(
        pg,
        "INSERT INTO calls (debtor_code, collector, started_at, outcome) VALUES"
        " ('D1', 'sam', %s, 'no_answer')",
        (NOW,),
    )
    with pytest.raises(psycopg.errors.RestrictViolation, match="append-only"):
        raw_write(pg, "UPDATE calls SET note = 'x'")
    with pytest.raises(psycopg.errors.RestrictViolation, match="append-only"):
        raw_write(pg, "DELETE FROM calls")


def _debtor(pg, code: str, collector: str | None) -> None:
    raw_write(
        pg,
        "INSERT INTO debtors (code, name, collector, updated_at) VALUES (%s, %s, %s, %s)",
        (code, f"Debtor {code}", collector, NOW),
    )


def test_every_kind_of_write_keeps_the_sum_tables_exact(pg):
    x = pg.conn.execute  # raw: hand-typed writes, each checked against the sum triggers
    with pg.transaction():
        _debtor(pg, "D1", "sam")
        _debtor(pg, "D2", None)
        _debtor(pg, "D3", "lea")
        for code in ("D1", "D2", "D3"):
            x("INSERT INTO queue_state (debtor_code, next_action_at) VALUES (%s, %s)", (code, NOW))
            for n in range(3):
                x(
                    "INSERT INTO invoices (debtor_code, number, issue_date, due_date,"
                    " amount_cents, open_cents) VALUES (%s, %s, '2026-10-01', %s, 10000, %s)",
                    (code, f"F{n}", f"2026-10-{10 + n}", 10000 if n else 0),
                )
            x(
                "INSERT INTO payments (debtor_code, reference, paid_on, amount_cents)"
                " VALUES (%s, 'P1', '2026-11-02', 2500)",
                (code,),
            )
    assert figure_sums.differences(pg) == {}
    # Ledger changes, hands changing, a debtor leaving, calls, undo, promises, queue moves.
    x("UPDATE invoices SET open_cents = 0 WHERE number = 'F1'")
    x("UPDATE payments SET amount_cents = 3000 WHERE debtor_code = 'D2'")
    x("UPDATE debtors SET collector = 'lea' WHERE code = 'D1'")
    x("UPDATE debtors SET collector = NULL WHERE code = 'D3'")
    x("UPDATE debtors SET collector = 'sam' WHERE code = 'D2'")
    x("UPDATE queue_state SET state = 'promise' WHERE debtor_code = 'D1'")
    first = x(
        "INSERT INTO calls (debtor_code, collector, started_at, outcome, right_party)"
        " VALUES ('D1', 'lea', %s, 'promise', 1) RETURNING id",
        (NOW,),
    ).fetchone()[0]
    x(
        "INSERT INTO calls (debtor_code, collector, started_at, outcome)"
        " VALUES ('D2', 'sam', %s, 'skip')",
        (NOW,),
    )
    x(
        "INSERT INTO calls (debtor_code, collector, started_at, outcome, undoes)"
        " VALUES ('D1', 'lea', %s, 'undo', %s)",
        (NOW, first),
    )
    x(
        "INSERT INTO promises (debtor_code, collector, created_at, promised_on, amount_cents)"
        " VALUES ('D1', 'lea', %s, '2026-11-30', 5000), ('D2', 'sam', %s, '2026-12-01', 700)",
        (NOW, NOW),
    )
    x("UPDATE promises SET paid_cents = 5000, status = 'kept' WHERE debtor_code = 'D1'")
    x("UPDATE promises SET status = 'cancelled' WHERE debtor_code = 'D2'")
    _debtor(pg, "D4", "sam")
    x("INSERT INTO queue_state (debtor_code, next_action_at) VALUES ('D4', %s)", (NOW,))
    x(
        "INSERT INTO invoices (debtor_code, number, issue_date, due_date, amount_cents,"
        " open_cents) VALUES ('D4', 'F9', '2026-09-01', '2026-09-30', 999, 999)"
    )
    x("DELETE FROM debtors WHERE code = 'D4'")
    assert figure_sums.differences(pg) == {}
    sums = dict(((c, s), n) for c, s, n in x(figure_sums.summed("figure_queue")).fetchall() if n)
    assert sums == {("lea", "promise"): 1, ("sam", "due"): 1, ("", "due"): 1}
    calls = x(figure_sums.summed("figure_calls")).fetchall()
    assert [tuple(r[2:]) for r in calls] == [(0, 0)]  # the promise call was undone


def test_folding_keeps_every_sum_and_leaves_one_row_per_key(pg):
    _debtor(pg, "D1", "sam")
    for n in range(5):
        raw_write(
            pg,
            "INSERT INTO invoices (debtor_code, number, issue_date, due_date, amount_cents,"
            " open_cents) VALUES ('D1', %s, '2026-10-01', '2026-10-31', 100, 100)",
            (f"F{n}",),
        )
    raw_write(pg, "DELETE FROM invoices WHERE number IN ('F0', 'F1')")
    figure_sums.fold(pg)
    assert figure_sums.differences(pg) == {}
    rows = raw_rows(pg, "SELECT * FROM figure_invoices")
    assert rows == [("sam", "2026-10-01", "2026-10-31", 300, 300, 3)]
    figure_sums.rebuild(pg)
    assert figure_sums.differences(pg) == {}


def test_the_daily_rescore_folds_the_sum_deltas(pg):
    _debtor(pg, "D1", "sam")
    for n in range(3):
        raw_write(
            pg,
            "INSERT INTO invoices (debtor_code, number, issue_date, due_date, amount_cents,"
            " open_cents) VALUES ('D1', %s, '2026-10-01', '2026-10-31', 100, 100)",
            (f"F{n}",),
        )
    assert len(raw_rows(pg, "SELECT * FROM figure_invoices")) == 3  # one delta per write
    rescore(pg, now=datetime(2026, 11, 24, 9, tzinfo=UTC), config=SETTINGS)
    rows = raw_rows(pg, "SELECT * FROM figure_invoices")
    assert rows == [("sam", "2026-10-01", "2026-10-31", 300, 300, 3)]
    assert len(raw_rows(pg, "SELECT * FROM figure_queue")) == 1
    assert figure_sums.differences(pg) == {}

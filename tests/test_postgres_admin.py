"""What ``check`` and ``backup`` ask of a PostgreSQL database."""

from __future__ import annotations

import pytest

pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")

from sqlfile import raw_write

from callcenter.output_files import OutputRefused  # noqa: E402
from callcenter.store import open_database  # noqa: E402
from callcenter.store.postgres import admin as pg_admin  # noqa: E402

NOW = "2026-11-24T09:00:00+00:00"


@pytest.fixture
def team(pg_url):
    """A small team database: two debtors, an invoice, a call."""
    store = open_database(pg_url)
    with store.transaction():
        for code in ("C0", "C1"):
            raw_write(
                store,
                "INSERT INTO debtors (code, name, updated_at) VALUES (%s, %s, %s)",
                (code, f"Client {code}", NOW),
            )
            raw_write(
                store,
                "INSERT INTO queue_state (debtor_code, next_action_at) VALUES (%s, %s)",
                (code, NOW),
            )
        raw_write(
            store,
            "INSERT INTO invoices (debtor_code, number, issue_date, due_date, amount_cents,"
            " open_cents) VALUES ('C0', 'F1', '2026-09-01', '2026-10-01', 10000, 10000)",
        )
        raw_write(
            store,
            "INSERT INTO calls (debtor_code, collector, started_at, outcome)"
            " VALUES ('C0', 'alice', %s, 'no_answer')",
            (NOW,),
        )
    yield store
    store.close()


def test_the_url_selects_the_postgres_backend(team, pg_url, monkeypatch):
    assert team.backend == "postgresql"
    monkeypatch.setenv("CALLCENTER_DB", pg_url)
    from_env = open_database(None, create=False)
    try:
        assert from_env.backend == "postgresql"
    finally:
        from_env.close()


def test_the_database_setting_names_a_postgres_url(pg_url, tmp_path, monkeypatch, login):
    from callcenter.cli import main

    login("sam")
    monkeypatch.delenv("CALLCENTER_DB", raising=False)
    config = tmp_path / "c.toml"
    config.write_text(f'[database]\nurl = "{pg_url}"\n', encoding="utf-8")
    add = ["--config", str(config), "--lang", "en", "user", "add", "sam", "--role", "supervisor"]
    assert main(add) == 0  # the connected role owns the database: it names the first supervisor
    store = open_database(pg_url, create=False)
    try:
        assert store.users.role_of("sam") == "supervisor"
    finally:
        store.close()


def test_the_consistency_rules_and_sum_checks_bite(team):
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    broken = lambda: {  # noqa: E731
        r.name for r in team.admin.orphan_results(now, now + timedelta(days=1)) if r.count
    }
    assert broken() == set()
    assert team.figures.sum_differences() == {}
    raw_write(
        team,
        "UPDATE queue_state SET claimed_by = 'bob', claim_expires_at = NULL"
        " WHERE debtor_code = 'C1'",
    )
    raw_write(team, "DELETE FROM figure_invoices")  # a hand-typed repair gone wrong
    assert broken() == {"claims_without_expiry"}
    assert list(team.figures.sum_differences()) == ["figure_invoices"]
    team.figures.rebuild_sums()
    assert team.figures.sum_differences() == {}
    assert team.admin.table_counts()["debtors"] == 2
    assert team.admin.recorded_version() == team.schema_version


def test_backup_writes_a_pg_dump_archive_that_restores(team, pg_cluster, tmp_path):
    if pg_admin.client_program("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    target = tmp_path / "team.dump"
    size = team.admin.backup_to(target)
    assert size == target.stat().st_size > 0
    assert team.admin.verify_backup(target) == []
    with pytest.raises(OutputRefused):  # never replaced unasked
        team.admin.backup_to(target)
    # The archive restores into an empty database, rows and sums alike.
    import subprocess

    restored = pg_cluster.create_database("restored")
    done = subprocess.run(
        [pg_admin.client_program("pg_restore"), f"--dbname={restored}", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    copy = open_database(restored, create=False)
    try:
        assert copy.ledger.count_rows("debtors") == 2
    finally:
        copy.close()


def test_check_and_backup_through_the_command_line(team, pg_url, tmp_path, capsys, monkeypatch):
    import json

    from callcenter.cli import main

    monkeypatch.setenv("CALLCENTER_NOW", NOW)
    assert main(["--db", pg_url, "check", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True, report
    assert report["counts"]["debtors"] == 2 and report["counts"]["calls"] == 1
    raw_write(team, "DELETE FROM figure_invoices")
    monkeypatch.setenv("CALLCENTER_DB", pg_url)  # the URL from the environment this time
    assert main(["check", "--json"]) == 1
    names = {e["name"] for e in json.loads(capsys.readouterr().out)["errors"]}
    assert names == {"figure_sums_figure_invoices"}
    if pg_admin.client_program("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    target = tmp_path / "team.dump"
    assert main(["--db", pg_url, "backup", str(target), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["integrity"] == "ok" and result["bytes"] == target.stat().st_size


def test_check_of_an_empty_database_says_so(pg_url, capsys):
    import json

    from callcenter.cli import main

    assert main(["--db", pg_url, "check", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert "no callcenter database" in report["errors"][0]["message"]


def test_demo_on_a_server_fills_an_empty_database_and_never_replaces_a_ledger(
    pg_url, monkeypatch, capsys
):
    import json

    from callcenter.cli import main

    monkeypatch.setenv("CALLCENTER_NOW", NOW)
    assert main(["--lang", "en", "--db", pg_url, "demo", "--debtors", "5", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["debtors"] == 5 and summary["database"].startswith("postgresql://")
    for force in ([], ["--force"]):
        with pytest.raises(SystemExit) as refused:
            main(["--lang", "en", "--db", pg_url, "demo", "--debtors", "5", *force])
        assert refused.value.code == 2
        assert "already holds a ledger; on a server" in capsys.readouterr().err
    store = open_database(pg_url)
    try:
        assert len(store.queue.debtor_codes()) == 5  # the first ledger, untouched
    finally:
        store.close()

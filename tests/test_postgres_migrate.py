"""``callcenter migrate``: a SQLite team moves to an empty PostgreSQL database, checked."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")

from callcenter.cli import main  # noqa: E402
from callcenter.store import open_database  # noqa: E402


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "team.db"
    assert main(["--db", str(path), "demo", "--debtors", "30", "--seed", "2"]) == 0
    return path


def test_a_team_moves_over_with_its_history_and_the_same_sums(demo_file, pg_url, capsys):
    capsys.readouterr()
    code = main(["migrate", "--from", f"sqlite://{demo_file}", "--to", pg_url, "--json"])
    result = json.loads(capsys.readouterr().out)
    assert code == 0 and result["ok"] is True and result["sum_differences"] == []
    assert result["source_counts"] == result["target_counts"]
    assert result["source_counts"]["calls"] > 50
    server = open_database(pg_url, create=False)
    try:
        assert server.figures.sum_differences() == {}
    finally:
        server.close()
    # Into a database that is no longer empty: refused, nothing added.
    with pytest.raises(SystemExit) as refused:
        main(["--lang", "en", "migrate", "--from", str(demo_file), "--to", pg_url])
    assert refused.value.code == 1
    assert "not empty" in capsys.readouterr().err


def test_the_table_says_what_was_copied_in_french(demo_file, pg_url, capsys):
    capsys.readouterr()
    assert main(["--lang", "fr", "migrate", "--from", str(demo_file), "--to", pg_url]) == 0
    out = capsys.readouterr().out
    assert "copie vérifiée" in out and "calls" in out


def test_the_two_ends_must_be_sqlite_then_postgres(demo_file, pg_url, capsys):
    with pytest.raises(SystemExit) as wrong:
        main(["--lang", "en", "migrate", "--from", pg_url, "--to", pg_url])
    assert wrong.value.code == 2
    assert "--from must be a SQLite database" in capsys.readouterr().err
    with pytest.raises(SystemExit) as wrong:
        main(["--lang", "en", "migrate", "--from", str(demo_file), "--to", str(demo_file)])
    assert wrong.value.code == 2
    assert "--to must be a PostgreSQL database" in capsys.readouterr().err

"""The throw-away PostgreSQL server the backend's tests run against."""

from __future__ import annotations

import stat

import pytest


def test_the_server_answers_on_its_own_socket_and_nothing_else(pg_cluster, pg_url):
    import psycopg

    with psycopg.connect(pg_url) as conn:
        listen = conn.execute("SHOW listen_addresses").fetchone()[0]
        sockets = conn.execute("SHOW unix_socket_directories").fetchone()[0]
        version = conn.execute("SHOW server_version_num").fetchone()[0]
    assert listen == ""  # no TCP at all
    assert sockets == str(pg_cluster.socket_dir)
    assert int(version) >= 130000
    assert stat.S_IMODE(pg_cluster.folder.stat().st_mode) == 0o700


def test_each_test_gets_a_database_of_its_own(pg_cluster, pg_url):
    import psycopg

    other = pg_cluster.create_database("test_other_one")
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE mine (x int)")
        conn.commit()
    with psycopg.connect(other) as conn, pytest.raises(psycopg.errors.UndefinedTable):
        conn.execute("SELECT * FROM mine")

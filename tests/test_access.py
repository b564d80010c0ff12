"""Who may open the file, and that no SQL is ever assembled from user text."""

from __future__ import annotations

import ast
import os
import sqlite3
from pathlib import Path

import pytest
from sqlfile import raw_row

from callcenter.store import StoreError, open_database
from callcenter.store.sqlite.db import SqliteStore

SRC = Path(__file__).resolve().parents[1] / "src" / "callcenter"


def test_new_database_is_owner_and_group_only_whatever_the_umask(tmp_path):
    old = os.umask(0o000)  # a careless login profile must not make it world-readable
    try:
        path = tmp_path / "deep" / "er" / "team.db"
        open_database(path).close()
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o660


def test_world_writable_database_is_refused(tmp_path):
    path = tmp_path / "team.db"
    open_database(path).close()
    path.chmod(0o666)
    with pytest.raises(StoreError, match="world-writable.*chmod o-w"):
        open_database(path)


def test_group_writable_database_opens(tmp_path):
    path = tmp_path / "team.db"
    open_database(path).close()
    path.chmod(0o664)
    open_database(path).close()


def test_read_only_store_reads_and_refuses_writes_cleanly(tmp_path, now):
    path = tmp_path / "team.db"
    open_database(path).close()
    store = open_database(path, readonly=True)
    assert raw_row(store, "SELECT count(*) FROM debtors") == (0,)
    with pytest.raises(StoreError, match="read-only; nothing was written"):
        with store.transaction():
            pass
    store.close()


def test_file_that_turned_read_only_under_a_session_is_explained(tmp_path):
    """The connection is read-only but the Store believes it can write: SQLite's refusal is
    translated into words, not a traceback."""
    path = tmp_path / "team.db"
    open_database(path).close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    store = SqliteStore(conn, path, readonly=False)
    with pytest.raises(StoreError, match="read-only; nothing was written"):
        with store.transaction():
            conn.execute("INSERT INTO meta (key, value) VALUES ('x', 'y')")
    assert conn.execute("SELECT count(*) FROM meta WHERE key = 'x'").fetchone() == (0,)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_unwritable_file_opens_read_only(tmp_path):
    path = tmp_path / "team.db"
    open_database(path).close()
    path.chmod(0o440)
    store = open_database(path)
    assert store.readonly
    store.close()


def test_read_only_open_never_creates_a_file(tmp_path):
    with pytest.raises(StoreError, match="no database at"):
        open_database(tmp_path / "none.db", readonly=True)
    assert not (tmp_path / "none.db").exists()


def test_odd_characters_in_the_path_are_not_uri_syntax(tmp_path):
    folder = tmp_path / "équipe ?#%20 1"
    store = open_database(folder / "team.db")
    store.close()
    assert (folder / "team.db").stat().st_size > 0
    assert not list(tmp_path.glob("équipe ?*/team.db?*"))


def test_another_programs_sqlite_file_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    path.chmod(0o660)
    with pytest.raises(StoreError, match="another program"):
        open_database(path)
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    conn.close()
    assert tables == ["photos"]


# -- no SQL built from strings -------------------------------------------------------

SQL_WORDS = ("SELECT ", "INSERT ", "UPDATE ", "DELETE ", " WHERE ", "PRAGMA ")


def _formatted_sql(tree: ast.AST) -> list[int]:
    """Line numbers of f-strings, ``%`` or ``.format`` applied to text that looks like SQL."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            text = node.left.value if isinstance(node.left, ast.Constant) else ""
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
            and isinstance(node.func.value, ast.Constant)
        ):
            text = node.func.value.value
        else:
            continue
        if isinstance(text, str) and any(w in text.upper() for w in SQL_WORDS):
            lines.append(node.lineno)
    return lines


def _whitelisted(source_lines: list[str], lineno: int) -> bool:
    """A formatted query is allowed when a ``noqa: S608`` marks it (identifiers from a
    whitelist) within its statement, or when it only formats a PRAGMA with a constant."""
    window = source_lines[max(0, lineno - 3) : lineno + 6]
    return any("noqa: S608" in line for line in window) or "PRAGMA" in source_lines[lineno - 1]


def test_no_sql_is_assembled_from_strings_outside_whitelisted_spots():
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for lineno in _formatted_sql(ast.parse(source)):
            if not _whitelisted(lines, lineno):
                offenders.append(f"{path.relative_to(SRC)}:{lineno}: {lines[lineno - 1].strip()}")
    assert offenders == [], "SQL built by string formatting:\n" + "\n".join(offenders)


def test_sql_only_lives_in_the_store():
    """The TUI, the CLI, the domain and the services never hold SQL text."""
    offenders = []
    for layer in ("domain", "tui", "cli", "service", "importers"):
        for path in sorted((SRC / layer).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    upper = node.value.upper()
                    if any(
                        upper.lstrip().startswith(w.strip() + " ")
                        for w in ("SELECT", "INSERT INTO", "UPDATE", "DELETE FROM")
                    ) and (" FROM " in upper or "INTO " in upper or " SET " in upper):
                        offenders.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert offenders == [], "SQL outside store/: " + ", ".join(offenders)


def test_the_detector_itself_catches_formatting():
    tree = ast.parse(
        "q = f\"SELECT * FROM debtors WHERE name = '{name}'\"\n"
        'r = "DELETE FROM calls WHERE id = %s" % x\n'
        's = "UPDATE debtors SET name = {}".format(y)\n'
    )
    assert _formatted_sql(tree) == [1, 2, 3]


def test_wal_and_shm_files_are_as_private_as_the_database(tmp_path, now):
    """The -wal file holds the latest outcomes in clear: it must not be world-readable."""
    from callcenter.domain.models import Debtor
    from callcenter.domain.settings import Config
    from callcenter.service.queue import claim_next
    from callcenter.store.statements import ledger

    old = os.umask(0o002)
    try:
        path = tmp_path / "team.db"
        store = open_database(path)
        with store.transaction():
            ledger.upsert_debtors(store, [Debtor(code="C1", name="x")], now)
        claim_next(store, collector="alice", now=now, config=Config())  # makes the lock file
        modes = {
            p.name: p.stat().st_mode & 0o777
            for p in tmp_path.iterdir()
            if p.name.startswith("team")
        }
        store.close()
    finally:
        os.umask(old)
    assert modes["team.db-wal"] == modes["team.db"] == modes["team.db-claims"] == 0o660
    assert modes["team.db-shm"] & 0o007 == 0


def test_a_team_opening_a_brand_new_file_at_once(tmp_path):
    """Sessions start together on a file that does not exist yet: one creates and migrates
    it, the others wait and open it; none mistakes it for another program's file."""
    import threading

    for round_ in range(20):
        path = tmp_path / f"new{round_}.db"
        barrier = threading.Barrier(12)
        outcomes: list = []

        def open_it(path=path, barrier=barrier, outcomes=outcomes):
            barrier.wait()
            try:
                store = open_database(path)
                outcomes.append(store.schema_version)
                store.close()
            except Exception as exc:  # noqa: BLE001 - collected and shown below
                outcomes.append(repr(exc))

        threads = [threading.Thread(target=open_it) for _ in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert all(isinstance(v, int) and v >= 1 for v in outcomes), outcomes


def test_a_folder_anyone_can_write_to_is_refused(tmp_path):
    """In /tmp-like folders another user could plant team.db-wal before the next session."""
    shared = tmp_path / "shared"
    shared.mkdir()
    open_database(shared / "team.db").close()
    shared.chmod(0o1777)
    try:
        with pytest.raises(StoreError, match="folder anyone can write to"):
            open_database(shared / "team.db")
        with pytest.raises(StoreError, match="folder anyone can write to"):
            open_database(shared / "new.db")
    finally:
        shared.chmod(0o755)
    open_database(shared / "team.db").close()

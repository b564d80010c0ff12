"""``check`` on deliberately damaged copies: a named finding and exit 1, never a traceback.

Each copy is made from one small sound database the way real damage happens:
a copy cut short, a disk block lost, a header overwritten, the wrong file
given, another tool writing bad bytes, a newer callcenter. ``check`` must name
what is wrong and leave every file exactly as it found it.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import FROZEN_NOW
from ledger_builders import add_debtor, late
from sqlfile import raw_write

from callcenter.cli import main
from callcenter.store import open_database

PAGE = 4096


@pytest.fixture(scope="module")
def sound(tmp_path_factory) -> Path:
    """A sound callcenter file in rollback mode (one self-contained file to damage)."""
    path = tmp_path_factory.mktemp("sound") / "sound.db"
    store = open_database(path)
    for n in range(40):
        add_debtor(store, FROZEN_NOW, f"C{n:02d}", name=f"Client {n}", invoices=[late("F1", 9, 10)])
    raw_write(store, "PRAGMA wal_checkpoint(TRUNCATE)")
    raw_write(store, "PRAGMA journal_mode = DELETE")
    store.close()
    return path


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _copy(sound: Path, folder: Path, name: str, *sql: str) -> Path:
    path = folder / name
    shutil.copy(sound, path)
    conn = sqlite3.connect(path)
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


def _root_page(path: Path, index: str) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)
        ).fetchone()[0]
    finally:
        conn.close()


def _flip_index_cells(sound: Path, folder: Path) -> Path:
    """Invert the key bytes at the end of an index leaf page: the table no longer matches it."""
    data = bytearray(sound.read_bytes())
    start = (_root_page(sound, "debtors_name") - 1) * PAGE
    for offset in range(start + PAGE - 300, start + PAGE - 8):
        data[offset] ^= 0x5A
    return _write(folder, "index.db", bytes(data))


def _damaged(sound: Path, folder: Path) -> dict[str, Path]:
    data = sound.read_bytes()
    other = folder / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT)")
    conn.close()
    return {
        "truncated": _write(folder, "truncated.db", data[: len(data) // 2]),
        "cut_mid_page": _write(folder, "cut.db", data[: 3 * PAGE + 100]),
        "zeroed_pages": _write(
            folder, "zeroed.db", data[: 2 * PAGE] + bytes(4 * PAGE) + data[6 * PAGE :]
        ),
        "garbage_header": _write(folder, "garbage.db", b"NOT A DATABASE\x00\x01" + data[16:]),
        "bad_page_size": _write(folder, "pagesize.db", data[:16] + b"\x03\x00" + data[18:]),
        "foreign_sqlite": other,
        "text_file": _write(folder, "notes.db", b"debtor;amount\nC1;100\n" * 50),
        "empty_file": _write(folder, "empty.db", b""),
        "empty_sqlite": _copy_empty(folder),
        "index_flipped": _flip_index_cells(sound, folder),
        "bad_utf8": _copy(
            sound,
            folder,
            "utf8.db",
            "UPDATE debtors SET name = CAST(x'436c69e96e74ff' AS TEXT) WHERE code = 'C03'",
        ),
        "schema_from_future": _copy(sound, folder, "future.db", "PRAGMA user_version = 99"),
    }


def _copy_empty(folder: Path) -> Path:
    path = folder / "blank.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("DROP TABLE t")  # a real, valid SQLite file with nothing in it
    conn.close()
    return path


#: What the message must say for each copy (lower case, whitespace folded).
EXPECTED = {
    "truncated": "truncated",
    "cut_mid_page": "truncated",
    "zeroed_pages": "malformed",
    "garbage_header": "not an sqlite database",
    "bad_page_size": "page size",
    "foreign_sqlite": "another program",
    "text_file": "a text file",
    "empty_file": "empty file",
    "empty_sqlite": "without the callcenter schema",
    "index_flipped": "damage",
    "bad_utf8": "not valid utf-8",
    "schema_from_future": "newer",
}


@pytest.fixture(scope="module")
def copies(sound, tmp_path_factory) -> dict[str, Path]:
    return _damaged(sound, tmp_path_factory.mktemp("damaged"))


def _siblings(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_check_names_the_damage_without_a_traceback(kind, copies, capsys):
    path = copies[kind]
    before, around = path.read_bytes(), _siblings(path)
    try:
        code = main(["--lang", "en", "--db", str(path), "check"])
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    said = " ".join((captured.out + captured.err).split()).lower()
    assert code == 1, said
    assert EXPECTED[kind] in said
    assert "traceback" not in said
    assert path.read_bytes() == before  # never switched to WAL, never migrated
    assert _siblings(path) == around  # no -wal, -shm or journal left beside it


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_check_json_reports_every_damaged_copy(kind, copies, capsys):
    assert main(["--db", str(copies[kind]), "check", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert EXPECTED[kind] in " ".join(e["message"] for e in report["errors"]).lower()


def test_the_sound_original_checks_ok(sound, capsys):
    assert main(["--db", str(sound), "check"]) == 0
    assert "OK" in capsys.readouterr().out


def test_bad_text_is_named_by_debtor_code(copies, capsys):
    main(["--db", str(copies["bad_utf8"]), "check", "--json"])
    errors = json.loads(capsys.readouterr().out)["errors"]
    assert [(e["name"], e["examples"]) for e in errors] == [("bad_text_debtors", ["C03"])]

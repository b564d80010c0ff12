"""Naming what is wrong with a file before ``check`` trusts it as a callcenter database.

``check`` is what a supervisor runs when something already looks wrong, so it
must survive any file: cut short, overwritten with zeros, another program's
database, a text file. Everything here only reads: the header bytes first,
then a read-only connection, so a file that is not ours is never switched to
WAL, migrated or otherwise touched before it is recognised.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from callcenter.store.errors import Damaged, Unrecognised
from callcenter.store.sqlite.db import SqliteStore

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


def recognise(path: Path) -> None:
    """Raise :class:`Unrecognised` unless ``path`` looks like a readable callcenter database.

    A missing file is left to :meth:`SqliteStore.open`, which has its own message.
    """
    if not path.exists():
        return
    if not path.is_file():
        raise Unrecognised("not_a_file", f"{path}: not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise Unrecognised("empty", f"{path}: empty file (0 bytes), not a database")
    header = _read_header(path)
    _check_header(path, header, size)
    _check_schema(path)


def _read_header(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(HEADER_SIZE)
    except OSError as exc:
        raise Unrecognised("unreadable", f"{path}: cannot read: {exc.strerror}") from exc


def _check_header(path: Path, header: bytes, size: int) -> None:
    if not header.startswith(SQLITE_MAGIC):
        what = "a text file" if _looks_like_text(header) else "an unknown kind of file"
        raise Unrecognised(
            "not_sqlite", f"{path}: not an SQLite database ({what}: no SQLite header)"
        )
    if len(header) < HEADER_SIZE:
        raise Unrecognised("truncated", f"{path}: truncated inside the SQLite header")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        raise Unrecognised(
            "bad_header", f"{path}: damaged SQLite header (page size {page_size} is impossible)"
        )
    pages = int.from_bytes(header[28:32], "big")
    header_trusted = header[24:28] == header[92:96]  # SQLite's own validity rule for that count
    if size % page_size or (header_trusted and size < pages * page_size):
        expected = f"{pages * page_size:,} bytes" if header_trusted else "whole pages"
        raise Unrecognised(
            "truncated", f"{path}: truncated: the header promises {expected}, the file has {size:,}"
        )


def _looks_like_text(header: bytes) -> bool:
    try:
        text = header.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(ch.isprintable() or ch in "\t\r\n" for ch in text)


def _check_schema(path: Path) -> None:
    """Read the schema through a read-only connection: a damaged one, or none at all.

    Another program's file and a newer schema are :meth:`SqliteStore.open`'s own refusals.
    """
    uri = f"file:{quote(os.fspath(path))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise Unrecognised("unreadable", f"{path}: cannot open: {exc}") from exc
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise Unrecognised(
            "damaged", f"{path}: damaged: SQLite cannot read its schema ({exc})"
        ) from exc
    finally:
        conn.close()
    if version == 0 and not tables:
        raise Unrecognised("no_schema", f"{path}: an SQLite file without the callcenter schema")


@contextmanager
def reported_as_damage(store: SqliteStore) -> Iterator[None]:
    """Turn SQLite's read failures inside the block into :class:`Damaged`."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if store.conn.in_transaction:
            try:
                store.conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        raise Damaged("store.unreadable_page", path=store.path, error=str(exc)) from exc


def read_text_leniently(store: SqliteStore) -> None:
    """Decode stored text with replacement characters, so bad UTF-8 is reported, not fatal."""
    store.conn.text_factory = lambda raw: raw.decode("utf-8", "replace")


def _valid_utf8(*values: bytes | None) -> int:
    """1 when every value (a text column cast to bytes) is valid UTF-8."""
    try:
        for raw in values:
            if raw is not None:
                raw.decode("utf-8")
    except UnicodeDecodeError:
        return 0
    return 1


def bad_text_rows(store: SqliteStore) -> dict[str, list[str]]:
    """``{table: [rowid, ...]}`` of rows holding text that is not valid UTF-8.

    One pass per table, one function call per row given every text column as bytes.
    """
    store.conn.create_function("callcenter_valid_utf8", -1, _valid_utf8, deterministic=True)
    found: dict[str, list[str]] = {}
    for table, columns in _text_columns(store).items():
        joined = ", ".join(f'CAST("{column}" AS BLOB)' for column in columns)
        key = _row_key(store, table)
        # Names come from sqlite_master and table_info, quoted; nothing typed by a user.
        sql = f'SELECT {key} FROM "{table}" WHERE NOT callcenter_valid_utf8({joined})'  # noqa: S608
        rows = [str(row[0]) for row in store.conn.execute(sql)]
        if rows:
            found[table] = rows
    return found


def _text_columns(store: SqliteStore) -> dict[str, list[str]]:
    tables = [
        row[0]
        for row in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    columns = {}
    for table in tables:
        names = [
            row[1]
            for row in store.conn.execute("SELECT * FROM pragma_table_info(?)", (table,))
            if "CHAR" in row[2].upper() or "TEXT" in row[2].upper() or "CLOB" in row[2].upper()
        ]
        if names:
            columns[table] = names
    return columns


def _row_key(store: SqliteStore, table: str) -> str:
    """What names a row in a finding: the first primary-key column, else the rowid."""
    keys = sorted(
        (row[5], row[1])
        for row in store.conn.execute("SELECT * FROM pragma_table_info(?)", (table,))
        if row[5]
    )
    return f'"{keys[0][1]}"' if keys else "rowid"

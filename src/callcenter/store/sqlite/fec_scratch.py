"""Where a FEC's customer lines wait while the file is read: a private scratch file on disk.

A million-line FEC holds some 400 000 customer lines and as many entries;
kept in Python they cost over 400 MB, growing with the file. So the
streaming pass writes them here in batches (a file of its own in a private
temporary folder, no journal, no fsync, a bounded page cache), the facts
that need the whole file (which accounts name customers, whether entries
are numbered, which references are shared, each customer's name) are
worked out with SQL, and the lines come back customer by customer. Nothing
here touches the team's database, so it serves either backend.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator

#: The columns of a customer line, in the order the importer's rows give them.
LINE_COLUMNS = (
    "number",
    "journal",
    "num",
    "written",
    "posted",
    "issued",
    "due",
    "customer",
    "name",
    "account",
    "has_aux",
    "ref",
    "label",
    "amount",
    "letter",
)
#: Pages the scratch file may keep in memory (KiB, as SQLite counts a negative size): the
#: file is read back in index order, and the system's own file cache holds the rest.
CACHE_KIB = 4096
#: What settling a customer reads back of each line (:class:`CustomerLine`'s fields, the
#: customer's code then the credit-note mark last): the name, account and aux flag have
#: served by then (finding each customer and its name), and each column fewer is a
#: Python object fewer per row.
_SERVED = frozenset({"name", "account", "has_aux"})
SETTLE_COLUMNS = (*(c for c in LINE_COLUMNS if c not in _SERVED), "note")

_SCHEMA = f"""
CREATE TABLE lines ({", ".join(LINE_COLUMNS)}, note INTEGER NOT NULL DEFAULT 0);
CREATE TABLE sales (journal, num, written);
"""  # noqa: S608 -- column names are the constants above


class FecScratch:
    """One import's scratch file: rows in, global facts and customers out."""

    def __init__(self) -> None:
        self._folder = tempfile.mkdtemp(prefix="callcenter-fec-")
        self._conn = sqlite3.connect(
            os.path.join(self._folder, "lines.db"), isolation_level=None, check_same_thread=False
        )
        conn = self._conn
        for pragma in ("journal_mode = OFF", "synchronous = OFF", f"cache_size = -{CACHE_KIB}"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("PRAGMA temp_store = FILE")
        conn.executescript(_SCHEMA)
        conn.execute("BEGIN")

    def close(self) -> None:
        self._conn.close()
        shutil.rmtree(self._folder, ignore_errors=True)

    # -- filled by the streaming pass ------------------------------------------------

    def add_lines(self, rows: Iterable[tuple]) -> None:
        """Customer lines as tuples in :data:`LINE_COLUMNS` order (dates as ordinals)."""
        marks = ", ".join("?" * len(LINE_COLUMNS))
        columns = ", ".join(LINE_COLUMNS)
        self._conn.executemany(f"INSERT INTO lines ({columns}) VALUES ({marks})", rows)  # noqa: S608

    def add_sales(self, documents: Iterable[tuple[str, str, str]]) -> None:
        """Documents (journal, number, date as written) with a line on a sales account."""
        self._conn.executemany("INSERT INTO sales VALUES (?, ?, ?)", documents)

    # -- the facts of the whole file -------------------------------------------------

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM lines").fetchone()[0]

    def drop_entries(self, entries: Iterable[tuple[str, str]]) -> None:
        """Leave out every customer line of these entries (rejected or not balanced)."""
        self._conn.execute("CREATE INDEX lines_entry ON lines (journal, num)")
        self._conn.executemany("DELETE FROM lines WHERE journal = ? AND num = ?", entries)

    def any_number(self, is_placeholder: Callable[[str], bool]) -> bool:
        """Whether some line has an EcritureNum that numbers something."""
        self._conn.create_function("placeholder", 1, is_placeholder, deterministic=True)
        row = self._conn.execute(
            "SELECT EXISTS (SELECT 1 FROM lines WHERE NOT placeholder(num))"
        ).fetchone()
        return bool(row[0])

    def take_unallocated(self) -> list[tuple[int, int]]:
        """(line, amount) of lines naming no customer on an account that names them; removed."""
        where = "NOT has_aux AND account IN (SELECT account FROM lines WHERE has_aux)"
        conn = self._conn
        rows = conn.execute(f"SELECT number, amount FROM lines WHERE {where} ORDER BY number")  # noqa: S608
        found = rows.fetchall()
        if found:
            conn.execute(f"DELETE FROM lines WHERE {where}")  # noqa: S608
        return found

    def mark_credit_notes(self) -> None:
        """Flag the credits whose document has a line on a sales account."""
        conn = self._conn
        conn.execute("CREATE INDEX sales_document ON sales (journal, num, written)")
        conn.execute(
            "UPDATE lines SET note = 1 WHERE amount < 0 AND EXISTS (SELECT 1 FROM sales s"
            " WHERE s.journal = lines.journal AND s.num = lines.num AND s.written = lines.written)"
        )
        conn.execute("CREATE INDEX lines_customer ON lines (customer, number)")

    def shared_references(self, numbered: bool, credit_notes: bool) -> dict[str, int]:
        """References more than one invoice (or credit note) of the file carries, with counts.

        An invoice is a document's lines of one customer, one per reference and
        label in a numbered file, one per line in a file that numbers nothing.
        """
        kind = "amount < 0 AND note = 1" if credit_notes else "amount > 0"
        source = (
            f"(SELECT DISTINCT customer, journal, num, written, ref, label FROM lines WHERE {kind})"  # noqa: S608 -- kind is one of the two constants above
            if numbered
            else f"lines WHERE {kind}"
        )
        rows = self._conn.execute(
            f"SELECT ref, count(*) FROM {source} GROUP BY ref HAVING count(*) > 1"  # noqa: S608
        )
        return dict(rows.fetchall())

    def customers(self) -> Iterator[tuple[str, str]]:
        """(code, first name the lines give, or "") in the order customers first appear.

        Streamed: a file of 100 000 customers never holds them all in memory. The
        name is looked up per customer from its first line on (most first lines
        give it): a row or two each, where grouping the named lines read every
        line of the file once more, in customer order, so from all over the file.
        """
        cursor = self._conn.execute(
            "SELECT f.customer, coalesce((SELECT n.name FROM lines AS n"
            " WHERE n.customer = f.customer AND n.name <> '' ORDER BY n.number LIMIT 1), '')"
            " FROM (SELECT customer, min(number) AS first FROM lines GROUP BY customer) AS f"
            " ORDER BY f.first"
        )
        while batch := cursor.fetchmany(4096):
            yield from batch

    def customer_count(self) -> int:
        return self._conn.execute("SELECT count(DISTINCT customer) FROM lines").fetchone()[0]

    def lines_by_customer(self) -> Iterator[tuple]:
        """Every line, customer by customer (in code order), each in file order.

        Rows in :data:`SETTLE_COLUMNS` order.
        """
        columns = ", ".join(SETTLE_COLUMNS)
        cursor = self._conn.execute(
            f"SELECT {columns} FROM lines ORDER BY customer, number"  # noqa: S608
        )
        while batch := cursor.fetchmany(4096):
            yield from batch

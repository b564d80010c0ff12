"""Moving a team over: copy a SQLite database into an empty PostgreSQL one, then compare.

The two schemas have the same tables, columns and value encodings (a test
holds them to it), so rows go across as they are, ids included, in one
transaction on the server: a failure leaves the target empty. The figure sum
tables are not copied: the server's triggers rebuild them from the rows as
they arrive, and the comparison then checks them against SQLite's, key by
key, with the row count of every table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from callcenter.store.errors import StoreError
from callcenter.store.postgres import figure_sums
from callcenter.store.postgres.db import one_value
from callcenter.store.records import CopyReport

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore

#: Parents before children (foreign keys); an undo's call and a change's target come first
#: by id order within their own table.
TABLES = (
    "meta",
    "users",
    "debtors",
    "contacts",
    "invoices",
    "payments",
    "campaigns",
    "campaign_collectors",
    "campaign_debtors",
    "imports",
    "calls",
    "promises",
    "promise_changes",
    "disputes",
    "dispute_invoices",
    "tasks",
    "dossier_changes",
    "payment_claims",
    "queue_state",
)
#: Tables whose ``id`` the server hands out; their sequences restart after the copied ids.
_IDENTITY = (
    "contacts",
    "invoices",
    "payments",
    "campaigns",
    "imports",
    "calls",
    "promises",
    "promise_changes",
    "disputes",
    "tasks",
    "dossier_changes",
)
#: What the server keeps for itself in ``meta``.
_OWN_META = ("schema_version",)


def copy_from_sqlite(source, target: PostgresStore) -> CopyReport:
    """Copy every row of ``source`` (a SQLite store) into ``target`` (empty), then compare."""
    if source.schema_version != target.schema_version:
        raise StoreError(
            "store.copy_versions",
            path=source.path,
            version=source.schema_version,
            known=target.schema_version,
        )
    with target.snapshot():
        filled = [t for t in TABLES if t != "meta" and _count(target, t)]
    if filled:
        raise StoreError("store.copy_not_empty", path=target.path, tables=", ".join(filled))
    with source.snapshot(), target.transaction():
        for table in TABLES:
            _copy_table(source, target, table)
        for table in _IDENTITY:
            target.conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"  # noqa: S608
                f" coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
            )
        source_counts = {t: _sqlite_count(source, t) for t in TABLES if t != "meta"}
        target_counts = {t: _count(target, t) for t in TABLES if t != "meta"}
    return CopyReport(target.path, source_counts, target_counts, _sum_differences(source, target))


def _columns(source, table: str) -> list[str]:
    return [row[1] for row in source.conn.execute(f"PRAGMA table_info({table})")]


def _copy_table(source, target: PostgresStore, table: str) -> None:
    columns = _columns(source, table)
    names = ", ".join(columns)
    where = ""
    if table == "meta":
        where = " WHERE key NOT IN (" + ", ".join(f"'{k}'" for k in _OWN_META) + ")"
    order = " ORDER BY id" if "id" in columns else ""  # an undo after the call it undoes
    rows = source.conn.execute(f"SELECT {names} FROM {table}{where}{order}")  # noqa: S608
    with (
        target.conn.cursor() as cursor,
        cursor.copy(
            f"COPY {table} ({names}) FROM STDIN"  # noqa: S608 - names from the schema
        ) as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _count(store: PostgresStore, table: str) -> int:
    return int(one_value(store.conn, f"SELECT count(*) FROM {table}"))  # noqa: S608


def _sqlite_count(source, table: str) -> int:
    return int(source.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608


def _sum_differences(source, target: PostgresStore) -> dict[str, list[tuple]]:
    """Keys whose sums differ between SQLite's sum tables and the server's (all-zero = absent)."""
    found: dict[str, list[tuple]] = {}
    for table, (keys, values, _) in figure_sums.TABLES.items():
        width = len(keys)
        columns = ", ".join((*keys, *values))
        theirs = _nonzero(source.conn.execute(f"SELECT {columns} FROM {table}"), width)  # noqa: S608
        ours = _nonzero(target.conn.execute(figure_sums.summed(table)).fetchall(), width)
        wrong = sorted(
            (key, theirs.get(key), ours.get(key))
            for key in theirs.keys() | ours.keys()
            if theirs.get(key) != ours.get(key)
        )
        if wrong:
            found[table] = wrong
    return found


def _nonzero(rows, width: int) -> dict[tuple, tuple]:
    return {tuple(r[:width]): tuple(int(v) for v in r[width:]) for r in rows if any(r[width:])}

"""Small sum tables behind the supervisor's figures, kept exact by triggers.

Receivables at a date need every invoice and payment ever recorded, the
rates of a period every call of it, the queue panel every queue row:
scanning 1 M invoices, 2 M calls and 100 000 debtors costs half a second.
The tables below hold the same sums per day (per hour for calls) and per
collector, about 22 000 rows on that ledger. Triggers in the schema
(``figure_*``) update them inside the writer's own transaction — imports,
outcomes, settlements, rescoring, the demo's bulk inserts, a hand-typed
``UPDATE`` — so no writer can forget them, and a figure read from them
equals the same figure summed from the raw rows
(``tests/test_figures_speed_shape.py`` checks it).

The owner of a row is the debtor's collector ('' for none) for invoices,
payments and the queue, and the caller for calls (column ``caller``) and
promises: the owner each figure uses when it is read from the raw rows. A
campaign is an arbitrary set of debtors, so campaign figures still read the
raw rows. Reading the sums is shared with PostgreSQL
(:mod:`callcenter.store.statements.figure_sums`); this module keeps SQLite's
own part: whether a file has the tables, recomputing and comparing them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from callcenter.store.sqlite.db import SqliteStore

TABLES = ("figure_invoices", "figure_payments", "figure_calls", "figure_promises", "figure_queue")

#: How each table is recomputed from the raw rows (``rebuild`` and the checks).
_RECOMPUTE = {
    "figure_invoices": (
        "SELECT coalesce(d.collector, ''), i.issue_date, i.due_date, sum(i.amount_cents),"
        " sum(i.open_cents), sum(i.open_cents <> 0)"
        " FROM invoices i LEFT JOIN debtors d ON d.code = i.debtor_code GROUP BY 1, 2, 3"
    ),
    "figure_payments": (
        "SELECT coalesce(d.collector, ''), y.paid_on, sum(y.amount_cents), count(*)"
        " FROM payments y LEFT JOIN debtors d ON d.code = y.debtor_code GROUP BY 1, 2"
    ),
    "figure_calls": (
        "SELECT substr(started_at, 1, 13), collector, count(*), sum(right_party) FROM calls"
        " WHERE outcome NOT IN ('skip', 'undo')"
        " AND id NOT IN (SELECT undoes FROM calls WHERE undoes IS NOT NULL) GROUP BY 1, 2"
    ),
    "figure_promises": (
        "SELECT substr(created_at, 1, 10), collector, sum(amount_cents), sum(paid_cents),"
        " count(*) FROM promises WHERE status <> 'cancelled' GROUP BY 1, 2"
    ),
    "figure_queue": (
        "SELECT coalesce(d.collector, ''), q.state, count(*)"
        " FROM queue_state q LEFT JOIN debtors d ON d.code = q.debtor_code GROUP BY 1, 2"
    ),
}
#: The key columns of each table, in the order of :data:`_RECOMPUTE`'s first columns.
_KEYS = {
    "figure_invoices": 3,
    "figure_payments": 2,
    "figure_calls": 2,
    "figure_promises": 2,
    "figure_queue": 2,
}
_COLUMNS = {
    "figure_invoices": "collector, issue_date, due_date, amount_cents, open_cents, open_lines",
    "figure_payments": "collector, paid_on, amount_cents, payments",
    "figure_calls": "hour, caller, calls, right_party",
    "figure_promises": "day, collector, promised_cents, paid_cents, promises",
    "figure_queue": "collector, state, debtors",
}


def available(store: SqliteStore) -> bool:
    """True when the file has the sum tables in their present shape.

    A file made by an earlier build of the schema (before the tables, or
    before ``figure_calls.caller``) falls back to the raw rows: slower, never
    wrong. Two lookups in the schema, microseconds.
    """
    found = store.conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?, ?, ?, ?, ?)",
        TABLES,
    ).fetchone()[0]
    if found != len(TABLES):
        return False
    caller = store.conn.execute(
        "SELECT count(*) FROM pragma_table_info('figure_calls') WHERE name = 'caller'"
    ).fetchone()[0]
    return caller == 1


# -- upkeep ---------------------------------------------------------------------------
def fold(store: SqliteStore) -> None:
    """Nothing to fold: SQLite's triggers update the one row of each key in place."""


def rebuild(store: SqliteStore) -> None:
    """Recompute every sum table from the raw rows (a repair; triggers keep them otherwise).

    Takes a few seconds on 100 000 debtors; the caller holds the transaction.
    """
    for table, select in _RECOMPUTE.items():
        store.conn.execute(f"DELETE FROM {table}")  # noqa: S608 (table from TABLES)
        store.conn.execute(f"INSERT INTO {table} ({_COLUMNS[table]}) {select}")  # noqa: S608


#: The trigger adding each new invoice or payment to its sum table.
_INSERT_TRIGGERS = {
    "figure_invoices": "figure_invoices_insert",
    "figure_payments": "figure_payments_insert",
}


@contextmanager
def deferred_sums(store: SqliteStore) -> Iterator[None]:
    """Sum the invoices and payments inserted meanwhile once, at the end, not row by row.

    For a bulk load into an empty ledger (a first FEC import): the insert
    triggers cost two thirds of each row's insert, and one grouped pass over
    the rows afterwards gives the same sums. The tables are recomputed whole
    from the raw rows, so whatever else changed meanwhile is counted too. The
    caller holds the transaction: nobody sees the triggers missing.
    """
    if not available(store):
        yield
        return
    names = tuple(_INSERT_TRIGGERS.values())
    kept = store.conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?)", names
    ).fetchall()
    for name in names:
        store.conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
    yield
    for table in _INSERT_TRIGGERS:
        store.conn.execute(f"DELETE FROM {table}")  # noqa: S608 (table from TABLES)
        store.conn.execute(f"INSERT INTO {table} ({_COLUMNS[table]}) {_RECOMPUTE[table]}")  # noqa: S608
    for (sql,) in kept:
        store.conn.execute(sql)


def differences(store: SqliteStore) -> dict[str, list[tuple]]:
    """Rows where a sum table and a recomputation from the raw rows disagree (empty: exact).

    Keys with all-zero sums are the same as absent keys: a row whose
    invoices were all deleted stays behind with zeros.
    """
    found: dict[str, list[tuple]] = {}
    for table, select in _RECOMPUTE.items():
        keys = _KEYS[table]
        kept = _nonzero(store.conn.execute(f"SELECT {_COLUMNS[table]} FROM {table}"), keys)  # noqa: S608
        fresh = _nonzero(store.conn.execute(select), keys)
        wrong = sorted(
            (key, kept.get(key), fresh.get(key))
            for key in kept.keys() | fresh.keys()
            if kept.get(key) != fresh.get(key)
        )
        if wrong:
            found[table] = wrong
    return found


def _nonzero(rows, keys: int) -> dict[tuple, tuple]:
    return {tuple(r[:keys]): tuple(r[keys:]) for r in rows if any(r[keys:])}

"""The figure sum tables on PostgreSQL: recomputing, comparing and folding their deltas.

Triggers (``schema.py``) append one delta row per key a write touches, inside
the writer's transaction; a key's sum is the sum of its rows. ``fold`` turns
each key's rows back into one (the daily rescore, through ``Figures.fold_sums``),
``differences`` compares the sums with the raw rows (``callcenter check``),
``rebuild`` recomputes them (a repair).
"""

from __future__ import annotations

from callcenter.store.postgres.db import PostgresStore

#: Each table: (key columns, summed columns, the same sums recomputed from the raw rows).
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "figure_invoices": (
        ("collector", "issue_date", "due_date"),
        ("amount_cents", "open_cents", "open_lines"),
        "SELECT coalesce(d.collector, ''), i.issue_date, i.due_date, sum(i.amount_cents),"
        " sum(i.open_cents), sum((i.open_cents <> 0)::int)"
        " FROM invoices i LEFT JOIN debtors d ON d.code = i.debtor_code GROUP BY 1, 2, 3",
    ),
    "figure_payments": (
        ("collector", "paid_on"),
        ("amount_cents", "payments"),
        "SELECT coalesce(d.collector, ''), y.paid_on, sum(y.amount_cents), count(*)"
        " FROM payments y LEFT JOIN debtors d ON d.code = y.debtor_code GROUP BY 1, 2",
    ),
    "figure_calls": (
        ("hour", "caller"),
        ("calls", "right_party"),
        "SELECT substr(started_at, 1, 13), collector, count(*), sum(right_party) FROM calls"
        " WHERE outcome NOT IN ('skip', 'undo')"
        " AND id NOT IN (SELECT undoes FROM calls WHERE undoes IS NOT NULL) GROUP BY 1, 2",
    ),
    "figure_promises": (
        ("day", "collector"),
        ("promised_cents", "paid_cents", "promises"),
        "SELECT substr(created_at, 1, 10), collector, sum(amount_cents), sum(paid_cents),"
        " count(*) FROM promises WHERE status <> 'cancelled' GROUP BY 1, 2",
    ),
    "figure_queue": (
        ("collector", "state"),
        ("debtors",),
        "SELECT coalesce(d.collector, ''), q.state, count(*)"
        " FROM queue_state q LEFT JOIN debtors d ON d.code = q.debtor_code GROUP BY 1, 2",
    ),
}


def available(store: PostgresStore) -> bool:
    """Always: every PostgreSQL schema has had the sum tables from its first migration."""
    return True


def summed(table: str) -> str:
    """A SELECT of ``table``'s sums, one row per key (its deltas added up)."""
    keys, values, _ = TABLES[table]
    key_list = ", ".join(keys)
    sums = ", ".join(f"sum({v}) AS {v}" for v in values)
    return f"SELECT {key_list}, {sums} FROM {table} GROUP BY {key_list}"  # noqa: S608


def differences(store: PostgresStore) -> dict[str, list[tuple]]:
    """Keys where a sum table and a recomputation from the raw rows disagree (empty: exact).

    All-zero sums are the same as absent keys (a debtor's invoices all deleted).
    """
    found: dict[str, list[tuple]] = {}
    with store.snapshot():
        for table, (keys, _, recompute) in TABLES.items():
            width = len(keys)
            kept = _nonzero(store.conn.execute(summed(table)).fetchall(), width)
            fresh = _nonzero(store.conn.execute(recompute).fetchall(), width)
            wrong = sorted(
                (key, kept.get(key), fresh.get(key))
                for key in kept.keys() | fresh.keys()
                if kept.get(key) != fresh.get(key)
            )
            if wrong:
                found[table] = wrong
    return found


def fold(store: PostgresStore) -> None:
    """Replace each key's delta rows by one row holding their sum (all-zero keys go).

    Rows other writers add meanwhile are not in this transaction's snapshot: the
    DELETE leaves them, so no change is lost or counted twice.
    """
    with store.transaction():
        for table, (keys, values, _) in TABLES.items():
            key_list = ", ".join(keys)
            columns = ", ".join((*keys, *values))
            sums = ", ".join(f"sum({v})" for v in values)
            nonzero = " OR ".join(f"sum({v}) <> 0" for v in values)
            store.conn.execute(
                f"WITH gone AS (DELETE FROM {table} RETURNING {columns})"  # noqa: S608
                f" INSERT INTO {table} ({columns}) SELECT {key_list}, {sums} FROM gone"
                f" GROUP BY {key_list} HAVING {nonzero}"
            )


def rebuild(store: PostgresStore) -> None:
    """Recompute every sum table from the raw rows (a repair; triggers keep them otherwise)."""
    with store.transaction():
        for table, (keys, values, recompute) in TABLES.items():
            columns = ", ".join((*keys, *values))
            store.conn.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
            store.conn.execute(f"DELETE FROM {table}")  # noqa: S608
            store.conn.execute(f"INSERT INTO {table} ({columns}) {recompute}")  # noqa: S608


def _nonzero(rows, width: int) -> dict[tuple, tuple]:
    return {tuple(r[:width]): tuple(int(v) for v in r[width:]) for r in rows if any(r[width:])}

"""Reading and completing tasks (created by outcomes and by dispute resolutions)."""

from __future__ import annotations

from datetime import datetime

from callcenter.domain.models import Task
from callcenter.store.codec import instant_to_db
from callcenter.store.dossier_read import TASK_ORDER, TASK_SELECT
from callcenter.store.rows import task_from_row
from callcenter.store.statements import SqlStore, dict_query

LIST_LIMIT = 500


def task(store: SqlStore, task_id: int) -> Task | None:
    row = dict_query(
        store,
        "SELECT t.*, db.name AS debtor_name FROM tasks t"
        " JOIN debtors db ON db.code = t.debtor_code WHERE t.id = ?",
        (task_id,),
    ).fetchone()
    return task_from_row(row) if row else None


def open_tasks(store: SqlStore, *, collector: str | None) -> list[Task]:
    """Open tasks for ``collector`` (None: everybody's), due soonest first.

    A collector's tasks are those they created and those on their portfolio's debtors.
    """
    return [
        task_from_row(r)
        for r in dict_query(
            store,
            TASK_SELECT
            + " AND (:who IS NULL OR t.created_by = :who OR db.collector = :who)"
            + TASK_ORDER
            + " LIMIT :limit",
            {"who": collector, "limit": LIST_LIMIT},
        )
    ]


def set_done(store: SqlStore, task_id: int, *, at: datetime | None, by: str) -> None:
    """Mark a task done (``at`` None: open again, as an undo does)."""
    store.conn.execute(
        "UPDATE tasks SET done_at = ?, done_by = ? WHERE id = ?",
        (instant_to_db(at), by, task_id),
    )

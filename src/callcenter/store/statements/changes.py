"""The change log of disputes, tasks and account notes: append-only, like the calls.

A change row says who did what to which dispute or task, and keeps in
``before`` (JSON) what an undo puts back. Undoing writes a new ``undo`` row
pointing at the change; nothing is ever updated or deleted here.
"""

from __future__ import annotations

import json
from datetime import datetime

from callcenter.domain.models import DossierChange
from callcenter.store.codec import instant_from_db, instant_to_db
from callcenter.store.statements import SqlStore, dict_query, inserted_id


def insert_change(
    store: SqlStore,
    *,
    code: str,
    actor: str,
    at: datetime,
    action: str,
    target_id: int | None = None,
    detail: str = "",
    before: dict | None = None,
    undoes: int | None = None,
) -> int:
    cursor = store.conn.execute(
        "INSERT INTO dossier_changes (debtor_code, actor, at, action, target_id, detail, before,"
        " undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            code,
            actor,
            instant_to_db(at),
            action,
            target_id,
            detail,
            json.dumps(before or {}, ensure_ascii=False),
            undoes,
        ),
    )
    return inserted_id(cursor)


def change(store: SqlStore, change_id: int) -> DossierChange | None:
    row = dict_query(store, "SELECT * FROM dossier_changes WHERE id = ?", (change_id,)).fetchone()
    if row is None:
        return None
    return DossierChange(
        id=row["id"],
        debtor_code=row["debtor_code"],
        actor=row["actor"],
        at=instant_from_db(row["at"]),
        action=row["action"],
        target_id=row["target_id"],
        detail=row["detail"],
        before=json.loads(row["before"] or "{}"),
        undoes=row["undoes"],
    )


def undone_by(store: SqlStore, change_id: int) -> int | None:
    row = store.conn.execute(
        "SELECT id FROM dossier_changes WHERE undoes = ? ORDER BY id LIMIT 1", (change_id,)
    ).fetchone()
    return int(row[0]) if row else None


def last_live_change(store: SqlStore, actions: tuple[str, ...], target_id: int) -> int | None:
    """The latest change of one of ``actions`` on ``target_id`` that no undo took back."""
    marks = ", ".join("?" * len(actions))
    row = store.conn.execute(
        "SELECT c.id FROM dossier_changes c WHERE c.target_id = ?"  # noqa: S608 - marks only
        f" AND c.action IN ({marks}) AND NOT EXISTS"
        " (SELECT 1 FROM dossier_changes u WHERE u.undoes = c.id) ORDER BY c.id DESC LIMIT 1",
        (target_id, *actions),
    ).fetchone()
    return int(row[0]) if row else None


def last_live_change_of(store: SqlStore, code: str, actions: tuple[str, ...]) -> int | None:
    """The debtor's latest change of one of ``actions`` that no undo took back."""
    marks = ", ".join("?" * len(actions))
    row = store.conn.execute(
        "SELECT c.id FROM dossier_changes c WHERE c.debtor_code = ?"  # noqa: S608 - marks only
        f" AND c.action IN ({marks}) AND NOT EXISTS"
        " (SELECT 1 FROM dossier_changes u WHERE u.undoes = c.id) ORDER BY c.id DESC LIMIT 1",
        (code, *actions),
    ).fetchone()
    return int(row[0]) if row else None

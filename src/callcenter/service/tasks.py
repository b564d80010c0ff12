"""Tasks: listed on the dossier and in "my tasks", done with one key, undone like an outcome."""

from __future__ import annotations

from datetime import datetime

from callcenter.domain.models import Task
from callcenter.domain.settings import Config
from callcenter.service.changes import ChangeError, check_may_change, record, undo_change
from callcenter.service.users import is_supervisor
from callcenter.store import Store


def my_tasks(store: Store, *, actor: str, everyone: bool = False) -> list[Task]:
    """Open tasks the actor created or that sit on their debtors, due soonest first;
    a supervisor asking for ``everyone`` gets the whole team's."""
    collector = None if everyone and is_supervisor(store, actor) else actor
    with store.snapshot():
        return store.dossiers.open_tasks(collector=collector)


def complete_task(store: Store, task_id: int, *, actor: str, now: datetime) -> int:
    """Mark task ``task_id`` done; returns the change id (undo it to reopen the task)."""
    with store.transaction():
        found = store.dossiers.task(task_id)
        if found is None:
            raise ChangeError("no_task", id=task_id)
        if found.done_at is not None:
            raise ChangeError("task_done", id=task_id)
        check_may_change(store, found.debtor_code, actor, author=found.created_by)
        store.dossiers.set_task_done(task_id, at=now, by=actor)
        return record(
            store,
            code=found.debtor_code,
            actor=actor,
            now=now,
            action="task_done",
            target_id=task_id,
            detail=found.kind,
        )


def reopen_task(store: Store, task_id: int, *, actor: str, now: datetime, config: Config) -> int:
    """Undo the latest completion of task ``task_id``."""
    with store.transaction():  # undo_change joins it: the change found is the one undone
        change_id = store.dossiers.last_live_change(("task_done",), task_id)
        if change_id is None:
            raise ChangeError("nothing_to_undo_task", id=task_id)
        return undo_change(store, change_id, actor=actor, now=now, config=config)

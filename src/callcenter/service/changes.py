"""What disputes, tasks and account notes share: who may change them, the log, undo.

Every change goes through :func:`record` inside the caller's transaction and
lands in the append-only change log with what an undo restores. The rule of
who may act is the portfolio's: the debtor's collector (or anybody for an
unassigned debtor), whoever opened the dispute or created the task, and
supervisors.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from callcenter.domain.models import DossierChange
from callcenter.domain.settings import Config
from callcenter.i18n import CodedError
from callcenter.service.access import require_portfolio
from callcenter.service.scores import score_and_write
from callcenter.service.users import is_supervisor
from callcenter.store import Store


class ChangeError(CodedError, ValueError):
    """A dispute, task or note change refused; nothing was written.

    Its code is ``err.<key>`` in the catalogue (:mod:`callcenter.i18n.dossier`),
    worded by each interface in its own language.
    """

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(f"err.{key}", **params)


def check_may_change(store: Store, code: str, actor: str, author: str = "") -> None:
    """Raise unless ``actor`` may change debtor ``code``'s disputes, tasks or note."""
    exists, _ = store.dossiers.debtor_collector(code)
    if not exists:
        raise ChangeError("no_debtor", code=code)
    require_portfolio(store, code, actor, author=author)


def record(store: Store, *, code: str, actor: str, now: datetime, action: str, **fields) -> int:
    """Log one change (inside the caller's transaction); returns its id."""
    return store.dossiers.insert_change(code=code, actor=actor, at=now, action=action, **fields)


def undo_change(store: Store, change_id: int, *, actor: str, now: datetime, config: Config) -> int:
    """Take back change ``change_id`` with an undo entry; returns the undo's id.

    A dispute goes back to open (and a credit-note task its resolution asked
    for is withdrawn), a task is open again, a note gets its previous text, a
    dunning step the one it replaced.
    Only the change's author or a supervisor may undo it.
    """
    with store.transaction():
        found = store.dossiers.change(change_id)
        if found is None:
            raise ChangeError("no_change", id=change_id)
        if found.action == "undo":
            raise ChangeError("is_undo", id=change_id)
        if store.dossiers.change_undone_by(change_id) is not None:
            raise ChangeError("undone", id=change_id)
        if found.actor != actor and not is_supervisor(store, actor):
            raise ChangeError("not_author", id=change_id, actor=found.actor)
        _RESTORE[found.action](store, found, actor, now)
        undo_id = record(
            store,
            code=found.debtor_code,
            actor=actor,
            now=now,
            action="undo",
            target_id=found.target_id,
            detail=found.action,
            undoes=change_id,
        )
        score_and_write(store, now=now, codes=[found.debtor_code], config=config)
    return undo_id


def _target(found: DossierChange) -> int:
    """The dispute or task a change is about (every change undone here names one)."""
    if found.target_id is None:
        raise ValueError(f"change {found.id} names nothing to restore")
    return found.target_id


def _restore_dispute(store: Store, found: DossierChange, actor: str, now: datetime) -> None:
    store.dossiers.set_dispute_status(
        _target(found), status="open", resolution=None, at=None, by=""
    )
    task_id = (found.before or {}).get("task_id")
    if task_id is not None:
        store.dossiers.set_task_done(cast(int, task_id), at=now, by=actor)


def _restore_task(store: Store, found: DossierChange, actor: str, now: datetime) -> None:
    store.dossiers.set_task_done(_target(found), at=None, by="")


def _restore_note(store: Store, found: DossierChange, actor: str, now: datetime) -> None:
    store.dossiers.set_account_note(found.debtor_code, str((found.before or {}).get("note", "")))


def _restore_step(store: Store, found: DossierChange, actor: str, now: datetime) -> None:
    """The step it replaced, unless someone moved the ladder again since."""
    code, before = found.debtor_code, found.before or {}
    now_at = store.outcomes.dunning_step(code)
    if now_at != before.get("step_set"):
        raise ChangeError("step_moved", step=now_at)
    store.outcomes.set_dunning_step(code, int(str(before["step"])))


_RESTORE = {
    "dispute_resolved": _restore_dispute,
    "dispute_rejected": _restore_dispute,
    "dispute_cancelled": _restore_dispute,
    "task_done": _restore_task,
    "account_note": _restore_note,
    "dunning_step": _restore_step,
}

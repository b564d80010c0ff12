"""The dispute workflow: list, resolve (credit note or rejected) and cancel.

Opening a dispute is an outcome (``d`` in the workstation, ``callcenter log
CODE dispute``). Settling it is a change logged in the change log and undone
with :func:`callcenter.service.changes.undo_change`:

* resolved in the client's favour: a credit note is expected, so the
  invoices stay out of the chase and a task reminds to issue it;
* resolved against the client (rejected) or cancelled: the invoices return
  to the queue at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from callcenter.domain.models import Dispute
from callcenter.domain.settings import Config
from callcenter.service.changes import ChangeError, check_may_change, record
from callcenter.service.scores import score_and_write, today_of
from callcenter.service.users import is_supervisor
from callcenter.store import Store

#: Resolution -> the change's action and the dispute's new status.
ENDINGS = {
    "credit_note": ("dispute_resolved", "resolved"),
    "rejected": ("dispute_rejected", "resolved"),
    "cancelled": ("dispute_cancelled", "cancelled"),
}
#: Days given to issue the credit note a dispute settled in the client's favour calls for.
CREDIT_NOTE_DAYS = 7


def list_disputes(
    store: Store,
    *,
    actor: str,
    status: str | None = "open",
    everyone: bool = False,
    code: str | None = None,
) -> list[tuple[Dispute, str]]:
    """(dispute, debtor name), oldest first: the actor's portfolio, or all for a supervisor
    asking for ``everyone``."""
    collector = None if everyone and is_supervisor(store, actor) else actor
    return store.dossiers.list_disputes(status=status, collector=collector, code=code)


def resolve_dispute(
    store: Store,
    dispute_id: int,
    *,
    in_favour: bool,
    actor: str,
    now: datetime,
    config: Config,
) -> int:
    """Resolve an open dispute for or against the client; returns the change id."""
    return _end(store, dispute_id, "credit_note" if in_favour else "rejected", actor, now, config)


def cancel_dispute(
    store: Store, dispute_id: int, *, actor: str, now: datetime, config: Config
) -> int:
    """Cancel an open dispute (opened by mistake, withdrawn): its invoices are chased again."""
    return _end(store, dispute_id, "cancelled", actor, now, config)


def undo_last(store: Store, dispute_id: int, *, actor: str, now: datetime, config: Config) -> int:
    """Undo the latest change on dispute ``dispute_id`` (what ``dispute undo`` does)."""
    from callcenter.service.changes import undo_change

    with store.transaction():  # undo_change joins it: the change found is the one undone
        change_id = store.dossiers.last_live_change(
            tuple(action for action, _ in ENDINGS.values()), dispute_id
        )
        if change_id is None:
            raise ChangeError("nothing_to_undo_dispute", id=dispute_id)
        return undo_change(store, change_id, actor=actor, now=now, config=config)


def _end(store: Store, dispute_id: int, ending: str, actor: str, now: datetime, config) -> int:
    action, status = ENDINGS[ending]
    with store.transaction():
        found = store.dossiers.dispute(dispute_id)
        if found is None:
            raise ChangeError("no_dispute", id=dispute_id)
        if found.status != "open":
            raise ChangeError("not_open", id=dispute_id, status=found.status)
        check_may_change(store, found.debtor_code, actor, author=found.opened_by)
        resolution = None if ending == "cancelled" else ending
        store.dossiers.set_dispute_status(
            dispute_id, status=status, resolution=resolution, at=now, by=actor
        )
        before: dict = {"status": "open"}
        if ending == "credit_note":
            before["task_id"] = store.outcomes.insert_task(
                code=found.debtor_code,
                call_id=None,
                kind="credit_note",
                note=", ".join(found.invoice_numbers),
                created_at=now,
                created_by=actor,
                due_on=today_of(now, config) + timedelta(days=CREDIT_NOTE_DAYS),
            )
        change_id = record(
            store,
            code=found.debtor_code,
            actor=actor,
            now=now,
            action=action,
            target_id=dispute_id,
            detail=found.reason,
            before=before,
        )
        score_and_write(store, now=now, codes=[found.debtor_code], config=config)
    return change_id

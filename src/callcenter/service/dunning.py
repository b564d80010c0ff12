"""A deliberate move on the dunning ladder: logged as a change, undone from the log.

A refusal never raises the step by itself (it opens an ``escalate`` task);
formal notice (step 4) and beyond are a decision, a supervisor's when
``queue.formal_steps_by_supervisor`` is on (the default). Each move lands in
the change log with the step it replaced, so ``undo_change`` (the
workstation's ``u``, ``callcenter undo-change``) puts that step back.
"""

from __future__ import annotations

from datetime import datetime

from callcenter.domain.hint_facts import FORMAL_NOTICE_STEP
from callcenter.domain.settings import Config
from callcenter.domain.text import clean
from callcenter.service.changes import ChangeError, record, undo_change
from callcenter.service.errors import OutcomeError
from callcenter.service.scores import score_and_write
from callcenter.service.users import is_supervisor
from callcenter.store import Store

NOTE_MAX = 500


def may_set_formal_steps(store: Store, actor: str, config: Config) -> bool:
    """Whether ``actor`` may take a debtor to formal notice or beyond."""
    return not config.queue.formal_steps_by_supervisor or is_supervisor(store, actor)


def set_dunning_step(
    store: Store,
    code: str,
    step: int,
    *,
    actor: str,
    now: datetime,
    note: str = "",
    config: Config,
) -> int:
    """Move ``code`` to dunning ``step`` on purpose; returns the change id (undo it to go back).

    The move is also kept as a done ``dunning_step`` task, so the dossier's
    tasks say who took which step and why (``note``: a registered letter's
    number, say).
    """
    cap = config.queue.dunning_step_cap
    if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step <= max(cap, 0):
        raise OutcomeError("step_range", step=step, cap=cap)
    with store.transaction():
        if not store.outcomes.debtor_exists(code):
            raise OutcomeError("no_debtor", code=code)
        before = store.outcomes.dunning_step(code)
        if step == before:
            raise OutcomeError("step_same", step=step)
        formal = step >= FORMAL_NOTICE_STEP and step > before
        if formal and not may_set_formal_steps(store, actor, config):
            raise OutcomeError("step_supervisor_only", step=step)
        said = clean(note)[:NOTE_MAX].strip()
        store.outcomes.set_dunning_step(code, step)
        task_id = store.outcomes.insert_task(
            code=code,
            call_id=None,
            kind="dunning_step",
            note=f"dunning step {before} -> {step}" + (f": {said}" if said else ""),
            created_at=now,
            created_by=actor,
            done_at=now,
        )
        change_id = record(
            store,
            code=code,
            actor=actor,
            now=now,
            action="dunning_step",
            target_id=task_id,
            detail=f"{before} -> {step}",
            before={"step": before, "step_set": step},
        )
        score_and_write(store, now=now, codes=[code], config=config)
    return change_id


def undo_last_step(store: Store, code: str, *, actor: str, now: datetime, config: Config) -> int:
    """Take back the debtor's latest dunning move still standing; returns the undo's id."""
    with store.transaction():  # undo_change joins it: the move found is the one undone
        change_id = store.dossiers.last_live_change_of(code, ("dunning_step",))
        if change_id is None:
            raise ChangeError("nothing_to_undo_dunning", id=code)
        return undo_change(store, change_id, actor=actor, now=now, config=config)

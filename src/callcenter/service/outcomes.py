"""Logging what happened on a call, and undoing it.

One outcome is one transaction: the call row, what it creates (a promise, a
dispute, a task, a wrong-number flag), the debtor's new place in the queue
and the release of the claim are committed together before the function
returns, or nothing is written. Every check runs before the first write, and
a bad value raises :class:`OutcomeError` with words a collector can act on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from callcenter.config import Config
from callcenter.domain.models import Outcome, is_right_party
from callcenter.domain.text import clean
from callcenter.service.access import require_may_work
from callcenter.service.errors import OutcomeError
from callcenter.service.queue import resolve_config, score_and_write, today_of
from callcenter.service.users import is_supervisor
from callcenter.store import outcomes as outcome_store
from callcenter.store import queue as queue_store
from callcenter.store.db import Store

NOTE_MAX = 4000
REASON_MAX = 500
_STEP_NOTE = re.compile(r"dunning step (\d+) -> (\d+)")


__all__ = ["OutcomeError", "log_outcome", "undo_outcome"]


def log_outcome(
    store: Store,
    code: str,
    outcome: Outcome | str,
    *,
    collector: str,
    now: datetime,
    contact_id: int | None = None,
    note: str = "",
    promise_date: date | None = None,
    amount_cents: int | None = None,
    callback_at: datetime | None = None,
    invoice_numbers: Sequence[str] = (),
    reason: str = "",
    instalments: Sequence[tuple[date, int]] = (),
    campaign_id: int | None = None,
    config: Config | None = None,
    entered_by: str | None = None,
) -> int:
    """Record ``outcome`` for debtor ``code``; returns the new call's id.

    ``entered_by`` is the login typing for ``collector`` (a supervisor covering
    for them), recorded on the call; access is checked for ``collector``.
    """
    config = resolve_config(config)
    outcome = _outcome(outcome)
    if outcome is Outcome.UNDO:
        raise OutcomeError("use undo_outcome to cancel a call")
    if now.tzinfo is None:
        raise OutcomeError("now must be timezone-aware")
    if not collector.strip():
        raise OutcomeError("a collector name is required")
    with store.transaction():
        if not outcome_store.debtor_exists(store, code):
            raise OutcomeError(f"no debtor with code {code!r}")
        require_may_work(store, code, collector, now, campaign_id=campaign_id)
        request = _Request(
            store=store,
            code=code,
            outcome=outcome,
            collector=collector,
            now=now,
            today=today_of(now, config),
            config=config,
            contact=_check_contact(store, code, contact_id),
            note=clean(note, multiline=True)[:NOTE_MAX],
            reason=clean(reason)[:REASON_MAX].strip(),
            promise_date=promise_date,
            amount_cents=amount_cents,
            callback_at=callback_at,
            invoice_numbers=invoice_numbers,
            instalments=instalments,
        )
        plan = _CHECKS.get(outcome, _no_check)(request)
        call_id = outcome_store.insert_call(
            store,
            code=code,
            collector=collector,
            started_at=now,
            outcome=outcome.value,
            note=request.note,
            reason=request.reason,
            contact_id=contact_id,
            right_party=request.right_party,
            campaign_id=campaign_id,
            callback_at=callback_at if outcome is Outcome.CALLBACK else None,
            entered_by=entered_by,
        )
        _EFFECTS.get(outcome, _no_effect)(request, call_id, plan)
        score_and_write(store, now=now, codes=[code], config=config)
        queue_store.release_claim(store, code, collector)
    return call_id


@dataclass(frozen=True)
class _Request:
    """One outcome as typed, with what the checks need around it."""

    store: Store
    code: str
    outcome: Outcome
    collector: str
    now: datetime
    today: date
    config: Config
    contact: dict | None
    note: str
    reason: str
    promise_date: date | None
    amount_cents: int | None
    callback_at: datetime | None
    invoice_numbers: Sequence[str]
    instalments: Sequence[tuple[date, int]]

    @property
    def right_party(self) -> bool:
        """Somebody talked, and (when named) the contact can decide."""
        decides = None if self.contact is None else bool(self.contact["decision_maker"])
        return is_right_party(self.outcome, decides)


def _outcome(value: Outcome | str) -> Outcome:
    try:
        return Outcome(value)
    except ValueError:
        known = ", ".join(o.value for o in Outcome if o is not Outcome.UNDO)
        raise OutcomeError(f"unknown outcome {value!r}; one of: {known}") from None


def _check_contact(store: Store, code: str, contact_id: int | None) -> dict | None:
    if contact_id is None:
        return None
    contact = outcome_store.contact(store, contact_id)
    if contact is None or contact["debtor_code"] != code:
        raise OutcomeError(f"contact {contact_id} is not a contact of {code}")
    return contact


# -- checks: each returns what to write, or raises before anything is written --


def _no_check(request: _Request) -> dict:
    return {}


def _check_promise(request: _Request) -> dict:
    day = request.promise_date
    if day is None:
        raise OutcomeError("a promise needs a date (e.g. 15/12, +3, fin de mois)")
    if isinstance(day, datetime) or not isinstance(day, date):
        raise OutcomeError("the promised date must be a calendar date, not a time")
    if day < request.today:
        raise OutcomeError(f"the promised date {day:%d/%m/%Y} is in the past")
    return {"instalments": [(day, _amount_or_overdue(request))]}


def _check_paid(request: _Request) -> dict:
    # "Paid today": a promise dated today, judged once the payment is imported.
    return {"instalments": [(request.today, _amount_or_overdue(request))]}


def _check_plan(request: _Request) -> dict:
    return {"instalments": _check_instalments(request.instalments, request.today)}


def _check_callback(request: _Request) -> dict:
    moment = request.callback_at
    if moment is None:
        raise OutcomeError("a callback needs a date and time (e.g. 15/12 14:30, 16h, +2h)")
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise OutcomeError("the callback time must carry a timezone")
    if moment <= request.now:
        raise OutcomeError("the callback time is in the past")
    return {}


def _check_dispute(request: _Request) -> dict:
    if not request.reason:
        raise OutcomeError("a dispute needs a reason (what the debtor contests)")
    return {"invoice_ids": _dispute_invoices(request)}


def _check_wrong_number(request: _Request) -> dict:
    contact = request.contact
    if contact is None:
        raise OutcomeError("say which contact's number is wrong")
    if contact["wrong_number"]:
        raise OutcomeError(f"{contact['name']}'s number is already marked wrong")
    return {}


def _check_skip(request: _Request) -> dict:
    if not request.reason:
        raise OutcomeError("a skip needs a reason")
    return {}


def _amount_or_overdue(request: _Request) -> int:
    amount = request.amount_cents
    if amount is not None:
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise OutcomeError("the amount must be whole cents (an integer)")
        if amount <= 0:
            raise OutcomeError("the promised amount must be more than zero")
        return amount
    facts = queue_store.gather_facts(
        request.store, today=request.today, now=request.now, codes=[request.code]
    )
    overdue = facts[0].overdue_cents if facts else 0
    if overdue <= 0:
        raise OutcomeError("nothing is overdue: give the promised amount")
    return overdue


def _check_instalments(
    instalments: Sequence[tuple[date, int]], today: date
) -> list[tuple[date, int]]:
    if not instalments:
        raise OutcomeError("a payment plan needs at least one instalment (date, amount)")
    checked: list[tuple[date, int]] = []
    for number, (day, cents) in enumerate(instalments, start=1):
        if not isinstance(day, date) or isinstance(day, datetime):
            raise OutcomeError(f"instalment {number}: the date is not a date")
        if isinstance(cents, bool) or not isinstance(cents, int) or cents <= 0:
            raise OutcomeError(f"instalment {number}: the amount must be more than zero")
        if day < today:
            raise OutcomeError(f"instalment {number}: {day:%d/%m/%Y} is in the past")
        if checked and day <= checked[-1][0]:
            raise OutcomeError(f"instalment {number}: dates must be increasing")
        checked.append((day, cents))
    return checked


def _dispute_invoices(request: _Request) -> list[int]:
    """Invoice ids for the dispute: the given numbers, or every open overdue invoice."""
    store, code, numbers = request.store, request.code, request.invoice_numbers
    if isinstance(numbers, str):  # "F1,F2" typed in one field
        numbers = numbers.split(",")
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    if not wanted:
        wanted = outcome_store.open_overdue_invoice_numbers(store, code, request.today)
        if not wanted:
            raise OutcomeError("no open overdue invoice to dispute: name the invoices")
    found = outcome_store.invoices_by_number(store, code, wanted)
    missing = [n for n in wanted if n not in found]
    if missing:
        raise OutcomeError(f"{code} has no invoice {', '.join(missing)}")
    closed = [n for n in wanted if found[n]["open_cents"] == 0]
    if closed:
        raise OutcomeError(f"invoice {', '.join(closed)} is already settled")
    return [found[n]["id"] for n in wanted]


_CHECKS = {
    Outcome.PROMISE: _check_promise,
    Outcome.PAID: _check_paid,
    Outcome.PAYMENT_PLAN: _check_plan,
    Outcome.CALLBACK: _check_callback,
    Outcome.DISPUTE: _check_dispute,
    Outcome.WRONG_NUMBER: _check_wrong_number,
    Outcome.SKIP: _check_skip,
}


# -- effects: what an outcome writes besides its call row -----------------------


def _no_effect(request: _Request, call_id: int, plan: dict) -> None:
    return None


def _add_promises(request: _Request, call_id: int, plan: dict) -> None:
    outcome_store.insert_promises(
        request.store,
        code=request.code,
        call_id=call_id,
        collector=request.collector,
        created_at=request.now,
        instalments=plan["instalments"],
        plan=request.outcome is Outcome.PAYMENT_PLAN,
    )


def _open_dispute(request: _Request, call_id: int, plan: dict) -> None:
    outcome_store.insert_dispute(
        request.store,
        code=request.code,
        call_id=call_id,
        reason=request.reason,
        opened_at=request.now,
        opened_by=request.collector,
        invoice_ids=plan["invoice_ids"],
    )


def _flag_wrong_number(request: _Request, call_id: int, plan: dict) -> None:
    assert request.contact is not None  # checked by _check_wrong_number
    outcome_store.set_wrong_number(request.store, request.contact["id"], True)


def _ask_payment_check(request: _Request, call_id: int, plan: dict) -> None:
    outcome_store.insert_task(
        request.store,
        code=request.code,
        call_id=call_id,
        kind="check_payment",
        note="the debtor says it has paid: look for the payment",
        created_at=request.now,
        created_by=request.collector,
    )


def _escalate(request: _Request, call_id: int, plan: dict) -> None:
    """A refusal moves the debtor one step up the dunning ladder (capped)."""
    before = outcome_store.dunning_step(request.store, request.code)
    after = max(min(before + 1, request.config.queue.dunning_step_cap), before)
    outcome_store.set_dunning_step(request.store, request.code, after)
    outcome_store.insert_task(
        request.store,
        code=request.code,
        call_id=call_id,
        kind="escalate",
        note=f"refused to pay: dunning step {before} -> {after}",
        created_at=request.now,
        created_by=request.collector,
    )


_EFFECTS = {
    Outcome.PROMISE: _add_promises,
    Outcome.PAID: _add_promises,
    Outcome.PAYMENT_PLAN: _add_promises,
    Outcome.DISPUTE: _open_dispute,
    Outcome.WRONG_NUMBER: _flag_wrong_number,
    Outcome.ALREADY_PAID: _ask_payment_check,
    Outcome.REFUSED: _escalate,
}


def undo_outcome(
    store: Store,
    call_id: int,
    *,
    collector: str,
    now: datetime,
    config: Config | None = None,
    entered_by: str | None = None,
) -> int:
    """Cancel call ``call_id`` with a compensating 'undo' entry; returns the undo's call id.

    Only the collector who logged the call, or a supervisor, may undo it.
    The promises, dispute and tasks it created are cancelled, a wrong-number
    flag it set is cleared, a dunning step it added is taken back, and the
    debtor's place in the queue is recomputed as if the call had not happened.
    """
    config = resolve_config(config)
    with store.transaction():
        call = outcome_store.call(store, call_id)
        if call is None:
            raise OutcomeError(f"no call {call_id}")
        if call["outcome"] == Outcome.UNDO.value:
            raise OutcomeError(f"call {call_id} is itself an undo")
        undone = outcome_store.undone_by(store, call_id)
        if undone is not None:
            raise OutcomeError(f"call {call_id} was already undone (by call {undone})")
        if call["collector"] != collector and not is_supervisor(store, collector):
            # The log is evidence of who promised what: only its author or a
            # supervisor may cancel an entry.
            raise OutcomeError(
                f"call {call_id} was logged by {call['collector']}: only they or a supervisor"
                " can undo it"
            )
        code = call["debtor_code"]
        require_may_work(store, code, collector, now, campaign_id=call["campaign_id"])
        outcome_store.cancel_created_by(store, call_id, now)
        if call["outcome"] == Outcome.WRONG_NUMBER.value and call["contact_id"] is not None:
            outcome_store.set_wrong_number(store, call["contact_id"], False)
        if call["outcome"] == Outcome.REFUSED.value:
            _take_back_dunning_step(store, code, call_id)
        undo_id = outcome_store.insert_call(
            store,
            code=code,
            collector=collector,
            started_at=now,
            outcome=Outcome.UNDO.value,
            note=f"undo of call {call_id} ({call['outcome']})",
            undoes=call_id,
            campaign_id=call["campaign_id"],
            entered_by=entered_by,
        )
        score_and_write(store, now=now, codes=[code], config=config)
    return undo_id


def _take_back_dunning_step(store: Store, code: str, call_id: int) -> None:
    task = outcome_store.task_of(store, call_id, "escalate")
    match = _STEP_NOTE.search(task["note"]) if task else None
    if match and outcome_store.dunning_step(store, code) == int(match.group(2)):
        outcome_store.set_dunning_step(store, code, int(match.group(1)))

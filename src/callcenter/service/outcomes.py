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
from datetime import date, datetime

from callcenter.config import Config
from callcenter.domain.models import REACHED, Outcome
from callcenter.domain.text import clean
from callcenter.service.queue import resolve_config, score_and_write, today_of
from callcenter.store import outcomes as outcome_store
from callcenter.store import queue as queue_store
from callcenter.store.db import Store

NOTE_MAX = 4000
REASON_MAX = 500
_STEP_NOTE = re.compile(r"dunning step (\d+) -> (\d+)")


class OutcomeError(ValueError):
    """An outcome that cannot be recorded as given; nothing was written."""


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
) -> int:
    """Record ``outcome`` for debtor ``code``; returns the new call's id."""
    config = resolve_config(config)
    outcome = _outcome(outcome)
    if outcome is Outcome.UNDO:
        raise OutcomeError("use undo_outcome to cancel a call")
    if now.tzinfo is None:
        raise OutcomeError("now must be timezone-aware")
    if not collector.strip():
        raise OutcomeError("a collector name is required")
    note = clean(note, multiline=True)[:NOTE_MAX]
    reason = clean(reason)[:REASON_MAX].strip()
    with store.transaction():
        if not outcome_store.debtor_exists(store, code):
            raise OutcomeError(f"no debtor with code {code!r}")
        contact = _check_contact(store, code, contact_id)
        today = today_of(now, config)
        plan = _prepare(
            store,
            code,
            outcome,
            now=now,
            today=today,
            contact=contact,
            promise_date=promise_date,
            amount_cents=amount_cents,
            callback_at=callback_at,
            invoice_numbers=invoice_numbers,
            reason=reason,
            instalments=instalments,
            config=config,
        )
        right_party = outcome in REACHED and (contact is None or bool(contact["decision_maker"]))
        call_id = outcome_store.insert_call(
            store,
            code=code,
            collector=collector,
            started_at=now,
            outcome=outcome.value,
            note=note,
            reason=reason,
            contact_id=contact_id,
            right_party=right_party,
            campaign_id=campaign_id,
            callback_at=callback_at if outcome is Outcome.CALLBACK else None,
        )
        _apply(store, code, outcome, call_id, plan, collector=collector, now=now, config=config)
        score_and_write(store, now=now, codes=[code], config=config)
        queue_store.release_claim(store, code, collector)
    return call_id


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


def _prepare(
    store: Store,
    code: str,
    outcome: Outcome,
    *,
    now: datetime,
    today: date,
    contact: dict | None,
    promise_date: date | None,
    amount_cents: int | None,
    callback_at: datetime | None,
    invoice_numbers: Sequence[str],
    reason: str,
    instalments: Sequence[tuple[date, int]],
    config: Config,
) -> dict:
    """Check the outcome's inputs and work out what to write; writes nothing."""
    if outcome is Outcome.PROMISE:
        if promise_date is None:
            raise OutcomeError("a promise needs a date (e.g. 15/12, +3, fin de mois)")
        if isinstance(promise_date, datetime) or not isinstance(promise_date, date):
            raise OutcomeError("the promised date must be a calendar date, not a time")
        if promise_date < today:
            raise OutcomeError(f"the promised date {promise_date:%d/%m/%Y} is in the past")
        amount = _amount_or_overdue(store, code, amount_cents, now, today, config)
        return {"instalments": [(promise_date, amount)]}
    if outcome is Outcome.PAID:
        amount = _amount_or_overdue(store, code, amount_cents, now, today, config)
        return {"instalments": [(today, amount)]}
    if outcome is Outcome.PAYMENT_PLAN:
        return {"instalments": _check_instalments(instalments, today)}
    if outcome is Outcome.CALLBACK:
        if callback_at is None:
            raise OutcomeError("a callback needs a date and time (e.g. 15/12 14:30, 16h, +2h)")
        if not isinstance(callback_at, datetime) or callback_at.tzinfo is None:
            raise OutcomeError("the callback time must carry a timezone")
        if callback_at <= now:
            raise OutcomeError("the callback time is in the past")
        return {}
    if outcome is Outcome.DISPUTE:
        if not reason:
            raise OutcomeError("a dispute needs a reason (what the debtor contests)")
        return {"invoice_ids": _dispute_invoices(store, code, invoice_numbers, today)}
    if outcome is Outcome.WRONG_NUMBER:
        if contact is None:
            raise OutcomeError("say which contact's number is wrong")
        if contact["wrong_number"]:
            raise OutcomeError(f"{contact['name']}'s number is already marked wrong")
        return {}
    if outcome is Outcome.SKIP and not reason:
        raise OutcomeError("a skip needs a reason")
    return {}


def _amount_or_overdue(
    store: Store,
    code: str,
    amount_cents: int | None,
    now: datetime,
    today: date,
    config: Config,
) -> int:
    if amount_cents is not None:
        if isinstance(amount_cents, bool) or not isinstance(amount_cents, int):
            raise OutcomeError("the amount must be whole cents (an integer)")
        if amount_cents <= 0:
            raise OutcomeError("the promised amount must be more than zero")
        return amount_cents
    facts = queue_store.gather_facts(store, today=today, now=now, codes=[code])
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


def _dispute_invoices(store: Store, code: str, numbers: Sequence[str], today: date) -> list[int]:
    """Invoice ids for the dispute: the given numbers, or every open overdue invoice."""
    if isinstance(numbers, str):  # "F1,F2" typed in one field
        numbers = numbers.split(",")
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    if not wanted:
        wanted = outcome_store.open_overdue_invoice_numbers(store, code, today)
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


def _apply(
    store: Store,
    code: str,
    outcome: Outcome,
    call_id: int,
    plan: dict,
    *,
    collector: str,
    now: datetime,
    config: Config,
) -> None:
    """Write what the outcome creates besides the call row."""
    if "instalments" in plan:
        outcome_store.insert_promises(
            store,
            code=code,
            call_id=call_id,
            collector=collector,
            created_at=now,
            instalments=plan["instalments"],
            plan=outcome is Outcome.PAYMENT_PLAN,
        )
    elif outcome is Outcome.DISPUTE:
        call = outcome_store.call(store, call_id)
        outcome_store.insert_dispute(
            store,
            code=code,
            call_id=call_id,
            reason=call["reason"],
            opened_at=now,
            opened_by=collector,
            invoice_ids=plan["invoice_ids"],
        )
    elif outcome is Outcome.WRONG_NUMBER:
        call = outcome_store.call(store, call_id)
        outcome_store.set_wrong_number(store, call["contact_id"], True)
    elif outcome is Outcome.ALREADY_PAID:
        outcome_store.insert_task(
            store,
            code=code,
            call_id=call_id,
            kind="check_payment",
            note="the debtor says it has paid: look for the payment",
            created_at=now,
            created_by=collector,
        )
    elif outcome is Outcome.REFUSED:
        before = outcome_store.dunning_step(store, code)
        after = min(before + 1, config.queue.dunning_step_cap)
        after = max(after, before)
        outcome_store.set_dunning_step(store, code, after)
        outcome_store.insert_task(
            store,
            code=code,
            call_id=call_id,
            kind="escalate",
            note=f"refused to pay: dunning step {before} -> {after}",
            created_at=now,
            created_by=collector,
        )


def undo_outcome(
    store: Store,
    call_id: int,
    *,
    collector: str,
    now: datetime,
    config: Config | None = None,
) -> int:
    """Cancel call ``call_id`` with a compensating 'undo' entry; returns the undo's call id.

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
        code = call["debtor_code"]
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
        )
        score_and_write(store, now=now, codes=[code], config=config)
    return undo_id


def _take_back_dunning_step(store: Store, code: str, call_id: int) -> None:
    task = outcome_store.task_of(store, call_id, "escalate")
    match = _STEP_NOTE.search(task["note"]) if task else None
    if match and outcome_store.dunning_step(store, code) == int(match.group(2)):
        outcome_store.set_dunning_step(store, code, int(match.group(1)))

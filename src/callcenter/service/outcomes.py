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

from callcenter.domain.dates import start_of_day
from callcenter.domain.models import Contact, Outcome, is_right_party
from callcenter.domain.promise_amount import default_promised_cents
from callcenter.domain.record import record
from callcenter.domain.settings import CALLBACK_OWNERS, Config
from callcenter.domain.text import clean
from callcenter.service.access import require_may_work
from callcenter.service.errors import OutcomeError
from callcenter.service.outcome_rules import (
    PAYMENT_MEANS,
    Refusal,
    already_paid_refusal,
    callback_refusal,
    plan_refusal,
    promise_refusal,
    refused_refusal,
    skip_refusal,
)
from callcenter.service.scores import score_and_write, today_of
from callcenter.service.users import is_supervisor
from callcenter.store import Store

__all__ = ["PAYMENT_MEANS", "OutcomeError", "log_outcome", "undo_outcome"]

NOTE_MAX = 4000
REASON_MAX = 500
_STEP_NOTE = re.compile(r"dunning step (\d+) -> (\d+)")


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
    config: Config,
    confirmed: bool = False,
    skip_until: date | None = None,
    paid_on: date | None = None,
    means: str = "",
    reference: str = "",
    entered_by: str | None = None,
    attempt_id: str | None = None,
    callback_owner: str | None = None,
) -> int:
    """Record ``outcome`` for debtor ``code``; returns the new call's id.

    ``callback_owner`` ("me" or "anyone", None: the settings' default) says who a
    callback comes back to: only ``collector``, or anyone allowed to work the debtor.

    ``attempt_id`` names the dialled call this outcome ends (its wrap-up stops now).

    ``confirmed`` says the collector was asked and confirmed what the service
    questions (a promise months away, a promise or a payment said made above
    the balance). ``skip_until``
    puts a skipped debtor aside until that day; ``paid_on``, ``amount_cents``,
    ``means`` and ``reference`` are what an "already paid" debtor says it paid.
    ``entered_by`` is the login typing for ``collector`` (a supervisor covering
    for them), recorded on the call; access is checked for ``collector``.
    """
    outcome = _outcome(outcome)
    if outcome is Outcome.UNDO:
        raise OutcomeError("use_undo")
    if now.tzinfo is None:
        raise OutcomeError("naive_now")
    if not collector.strip():
        raise OutcomeError("no_collector")
    with store.transaction():
        if not store.outcomes.debtor_exists(code):
            raise OutcomeError("no_debtor", code=code)
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
            confirmed=confirmed,
            skip_until=skip_until,
            paid_on=paid_on,
            means=clean(means).strip(),
            reference=clean(reference)[:REASON_MAX].strip(),
        )
        if attempt_id is not None:
            from callcenter.service.dialing import check_attempt

            check_attempt(store, attempt_id, code=code, collector=collector)
        plan = _CHECKS.get(outcome, _no_check)(request)
        call_id = store.outcomes.insert_call(
            code=code,
            collector=collector,
            started_at=now,
            outcome=outcome.value,
            note=request.note,
            reason=request.reason,
            contact_id=contact_id,
            right_party=request.right_party,
            campaign_id=campaign_id,
            callback_at=_wait_until(request, plan),
            entered_by=entered_by,
            callback_owner=_callback_owner(request, callback_owner),
        )
        _EFFECTS.get(outcome, _no_effect)(request, call_id, plan)
        if attempt_id is not None:
            from callcenter.service.dialing import close_attempt

            close_attempt(
                store, attempt_id, call_id=call_id, code=code, collector=collector, now=now
            )
        score_and_write(store, now=now, codes=[code], config=config)
        store.queue.release_claim(code, collector)
    return call_id


@record(slots=False)
class _Request:
    """One outcome as typed, with what the checks need around it."""

    store: Store
    code: str
    outcome: Outcome
    collector: str
    now: datetime
    today: date
    config: Config
    contact: Contact | None
    note: str
    reason: str
    promise_date: date | None
    amount_cents: int | None
    callback_at: datetime | None
    invoice_numbers: Sequence[str]
    instalments: Sequence[tuple[date, int]]
    confirmed: bool = False
    skip_until: date | None = None
    paid_on: date | None = None
    means: str = ""
    reference: str = ""

    @property
    def right_party(self) -> bool:
        """Somebody talked, and (when named) the contact can decide."""
        decides = None if self.contact is None else self.contact.decision_maker
        return is_right_party(self.outcome, decides)


def _outcome(value: Outcome | str) -> Outcome:
    try:
        return Outcome(value)
    except ValueError:
        known = ", ".join(o.value for o in Outcome if o is not Outcome.UNDO)
        raise OutcomeError("unknown_outcome", value=value, known=known) from None


def _check_contact(store: Store, code: str, contact_id: int | None) -> Contact | None:
    if contact_id is None:
        return None
    contact = store.outcomes.contact(contact_id)
    if contact is None or contact.debtor_code != code:
        raise OutcomeError("foreign_contact", contact=contact_id, code=code)
    return contact


# -- checks: each returns what to write, or raises before anything is written --


def _no_check(request: _Request) -> dict:
    return {}


def _check_promise(request: _Request) -> dict:
    """A date not past, an amount above zero; far dates and more than owed are asked about."""
    day, cents = request.promise_date, request.amount_cents
    balance = request.store.outcomes.balance(request.code)
    _refuse(
        promise_refusal(
            day, cents, today=request.today, balance_cents=balance, confirmed=request.confirmed
        )
    )
    assert day is not None  # promise_refusal refuses a missing date
    return {"instalments": [(day, _amount_or_overdue(request))]}


def _check_paid(request: _Request) -> dict:
    # "Paid today": a promise dated today, judged once the payment is imported.
    return {"instalments": [(request.today, _amount_or_overdue(request))]}


def _check_plan(request: _Request) -> dict:
    balance = request.store.outcomes.balance(request.code)
    _refuse(
        plan_refusal(
            request.instalments,
            today=request.today,
            balance_cents=balance,
            confirmed=request.confirmed,
        )
    )
    return {"instalments": [(day, cents) for day, cents in request.instalments]}


def _check_callback(request: _Request) -> dict:
    _refuse(callback_refusal(request.callback_at, now=request.now))
    return {}


def _check_dispute(request: _Request) -> dict:
    if not request.reason:
        raise OutcomeError("dispute_no_reason")
    return {"invoice_ids": _dispute_invoices(request)}


def _check_wrong_number(request: _Request) -> dict:
    contact = request.contact
    if contact is None:
        raise OutcomeError("wrong_number_no_contact")
    if contact.wrong_number:
        raise OutcomeError("wrong_number_already", name=contact.name)
    return {}


def _check_skip(request: _Request) -> dict:
    """A reason, and optionally a day to come back (the first calling window of that day)."""
    _refuse(skip_refusal(request.reason, request.skip_until, today=request.today))
    if request.skip_until is None:
        return {}
    return {"back_at": start_of_day(request.skip_until, request.config.tz)}


def _check_refused(request: _Request) -> dict:
    _refuse(refused_refusal(request.reason))
    return {}


def _check_already_paid(request: _Request) -> dict:
    balance = request.store.outcomes.balance(request.code)
    _refuse(
        already_paid_refusal(
            request.paid_on,
            request.amount_cents,
            request.means,
            today=request.today,
            balance_cents=balance,
            confirmed=request.confirmed,
        )
    )
    return {}


def _refuse(found: Refusal | None) -> None:
    if found is not None:
        raise OutcomeError.of(found)


def _callback_owner(request: _Request, choice: str | None) -> str | None:
    """The collector a callback is kept for, or None when anyone may take it."""
    if request.outcome is not Outcome.CALLBACK:
        return None
    choice = choice or request.config.queue.callback_owner
    if choice not in CALLBACK_OWNERS:
        raise OutcomeError("callback_owner", owner=choice)
    return request.collector if choice == "me" else None


def _wait_until(request: _Request, plan: dict) -> datetime | None:
    """The instant a callback asks for, or the day a skip puts the debtor aside until."""
    if request.outcome is Outcome.CALLBACK:
        return request.callback_at
    return plan.get("back_at")


def _amount_or_overdue(request: _Request) -> int:
    amount = request.amount_cents
    if amount is not None:
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise OutcomeError("amount_not_cents")
        if amount <= 0:
            raise OutcomeError("amount_not_positive")
        return amount
    facts = request.store.queue.gather_facts(
        today=request.today, now=request.now, codes=[request.code]
    )
    promised = default_promised_cents(facts[0].overdue_cents if facts else 0)
    if promised is None:
        raise OutcomeError("nothing_overdue")
    return promised


def _dispute_invoices(request: _Request) -> list[int]:
    """Invoice ids for the dispute: the given numbers, or every open overdue invoice."""
    store, code, numbers = request.store, request.code, request.invoice_numbers
    if isinstance(numbers, str):  # "F1,F2" typed in one field
        numbers = numbers.split(",")
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    if not wanted:
        wanted = store.outcomes.open_overdue_invoice_numbers(code, request.today)
        if not wanted:
            raise OutcomeError("dispute_nothing_open")
    found = store.outcomes.invoices_by_number(code, wanted)
    missing = [n for n in wanted if n not in found]
    if missing:
        raise OutcomeError("dispute_unknown_invoice", code=code, numbers=missing)
    closed = [n for n in wanted if found[n].open_cents == 0]
    if closed:
        raise OutcomeError("dispute_settled", numbers=closed)
    return [i for n in wanted if (i := found[n].id) is not None]  # read back: all have one


_CHECKS = {
    Outcome.PROMISE: _check_promise,
    Outcome.PAID: _check_paid,
    Outcome.PAYMENT_PLAN: _check_plan,
    Outcome.CALLBACK: _check_callback,
    Outcome.DISPUTE: _check_dispute,
    Outcome.WRONG_NUMBER: _check_wrong_number,
    Outcome.SKIP: _check_skip,
    Outcome.REFUSED: _check_refused,
    Outcome.ALREADY_PAID: _check_already_paid,
}


# -- effects: what an outcome writes besides its call row -----------------------


def _no_effect(request: _Request, call_id: int, plan: dict) -> None:
    return None


def _add_promises(request: _Request, call_id: int, plan: dict) -> None:
    request.store.outcomes.insert_promises(
        code=request.code,
        call_id=call_id,
        collector=request.collector,
        created_at=request.now,
        instalments=plan["instalments"],
        plan=request.outcome is Outcome.PAYMENT_PLAN,
    )


def _open_dispute(request: _Request, call_id: int, plan: dict) -> None:
    request.store.outcomes.insert_dispute(
        code=request.code,
        call_id=call_id,
        reason=request.reason,
        opened_at=request.now,
        opened_by=request.collector,
        invoice_ids=plan["invoice_ids"],
    )


def _flag_wrong_number(request: _Request, call_id: int, plan: dict) -> None:
    assert request.contact is not None  # checked by _check_wrong_number
    assert request.contact.id is not None  # read from the database
    request.store.outcomes.set_wrong_number(request.contact.id, True)


def _ask_payment_check(request: _Request, call_id: int, plan: dict) -> None:
    """Keep what the debtor says it paid, and ask someone to find it on the bank statement."""
    assert request.paid_on is not None  # checked by _check_already_paid
    request.store.outcomes.insert_payment_claim(
        call_id=call_id,
        code=request.code,
        paid_on=request.paid_on,
        amount_cents=request.amount_cents,
        means=request.means,
        reference=request.reference,
    )
    request.store.outcomes.insert_task(
        code=request.code,
        call_id=call_id,
        kind="check_payment",
        note="the debtor says it has paid: look for the payment",
        created_at=request.now,
        created_by=request.collector,
    )


def _review_refusal(request: _Request, call_id: int, plan: dict) -> None:
    """A refusal asks for a decision on the next step; it does not take the step itself.

    Formal notice and litigation are deliberate acts (:func:`callcenter.service.dunning.set_dunning_step`),
    by a supervisor where the settings say so, never a side effect of one key.
    """
    request.store.outcomes.insert_task(
        code=request.code,
        call_id=call_id,
        kind="escalate",
        note="refused to pay: decide the next dunning step",
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
    Outcome.REFUSED: _review_refusal,
}


def undo_outcome(
    store: Store,
    call_id: int,
    *,
    collector: str,
    now: datetime,
    config: Config,
    entered_by: str | None = None,
) -> int:
    """Cancel call ``call_id`` with a compensating 'undo' entry; returns the undo's call id.

    Only the collector who logged the call, or a supervisor, may undo it.
    The promises, dispute and tasks it created are cancelled, a wrong-number
    flag it set is cleared, a dunning step it added is taken back, and the
    debtor's place in the queue is recomputed as if the call had not happened.
    """
    with store.transaction():
        call = store.outcomes.call(call_id)
        if call is None:
            raise OutcomeError("no_call", call_id=call_id)
        if call.outcome is Outcome.UNDO:
            raise OutcomeError("undo_of_undo", call_id=call_id)
        undone = store.outcomes.undone_by(call_id)
        if undone is not None:
            raise OutcomeError("already_undone", call_id=call_id, by=undone)
        if call.collector != collector and not is_supervisor(store, collector):
            # The log is evidence of who promised what: only its author or a
            # supervisor may cancel an entry.
            raise OutcomeError("undo_not_yours", call_id=call_id, collector=call.collector)
        code = call.debtor_code
        require_may_work(store, code, collector, now, campaign_id=call.campaign_id)
        store.outcomes.cancel_created_by(call_id, now)
        if call.outcome is Outcome.WRONG_NUMBER and call.contact_id is not None:
            store.outcomes.set_wrong_number(call.contact_id, False)
        if call.outcome is Outcome.REFUSED:
            _take_back_dunning_step(store, code, call_id)
        undo_id = store.outcomes.insert_call(
            code=code,
            collector=collector,
            started_at=now,
            outcome=Outcome.UNDO.value,
            note=f"undo of call {call_id} ({call.outcome.value})",
            undoes=call_id,
            campaign_id=call.campaign_id,
            entered_by=entered_by,
        )
        score_and_write(store, now=now, codes=[code], config=config)
    return undo_id


def _take_back_dunning_step(store: Store, code: str, call_id: int) -> None:
    task = store.outcomes.task_of(call_id, "escalate")
    match = _STEP_NOTE.search(task.note) if task else None
    if match and store.outcomes.dunning_step(code) == int(match.group(2)):
        store.outcomes.set_dunning_step(code, int(match.group(1)))

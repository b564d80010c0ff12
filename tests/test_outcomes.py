"""Every outcome: what it writes, where it puts the debtor, and how undo takes it back."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from builtin_settings import SETTINGS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_builders import add_debtor, contact_id, count, late, queue_row, queued

from callcenter.domain.models import Contact, Outcome, PaymentClaim, Role
from callcenter.service.outcomes import OutcomeError, log_outcome, undo_outcome
from callcenter.service.queue import claim_next, rescore
from callcenter.store import open_database

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def debtor(store, now):
    add_debtor(
        store,
        now,
        "C1",
        invoices=[late("F1", 40, 1_000_00), late("F2", 10, 500_00), late("F3", -10, 300_00)],
        contacts=["Mme Martin", "M. Durand"],
    )
    rescore(store, now=now, config=SETTINGS)
    return "C1"


def log(store, now, outcome, **kw):
    return log_outcome(
        store, "C1", outcome, collector="alice", now=now, **{"config": SETTINGS, **kw}
    )


def the(store):
    """C1's dossier, read through the store's interface."""
    return store.dossiers.load_dossier("C1")


def tables(store) -> dict[str, int]:
    return {
        t: count(store, t) for t in ("calls", "promises", "disputes", "dispute_invoices", "tasks")
    }


def test_promise_defaults_to_the_overdue_total_and_waits(store, now, debtor):
    call_id = log(store, now, Outcome.PROMISE, promise_date=date(2026, 12, 1))
    (promise,) = the(store).promises
    # F1 + F2 are overdue; F3 is not due yet
    assert (promise.amount_cents, promise.promised_on, promise.status) == (
        1_500_00,
        date(2026, 12, 1),
        "pending",
    )
    assert (promise.call_id, promise.collector) == (call_id, "alice")
    row = queued(store, "C1")
    assert row.state == "promise"
    assert row.next_action_at == datetime(2026, 12, 4, tzinfo=PARIS)
    (call,) = the(store).calls
    assert (call.outcome, call.right_party) == ("promise", True)


def test_promise_with_amount_today_is_allowed(store, now, debtor):
    log(store, now, Outcome.PROMISE, promise_date=now.date(), amount_cents=200_00)
    assert [p.amount_cents for p in the(store).promises] == [200_00]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "needs a date"),
        ({"promise_date": date(2026, 11, 23)}, "in the past"),
        ({"promise_date": date(2026, 12, 1), "amount_cents": 0}, "more than zero"),
    ],
)
def test_bad_promises_write_nothing(store, now, debtor, kwargs, message):
    before = tables(store)
    with pytest.raises(OutcomeError, match=message):
        log(store, now, Outcome.PROMISE, **kwargs)
    assert tables(store) == before


def test_no_answer_retries_later_then_tomorrow(store, now, debtor):
    log(store, now, Outcome.NO_ANSWER)
    row = queued(store, "C1")
    assert row.state == "due"
    assert queue_row(store, "C1")["attempts_today"] == 1  # a column no QueueEntry carries
    assert row.next_action_at == now + timedelta(hours=2)
    log(store, now + timedelta(hours=2), Outcome.VOICEMAIL)
    assert queued(store, "C1").next_action_at == datetime(2026, 11, 24, 16, 0, tzinfo=PARIS)
    log(store, now + timedelta(hours=6), Outcome.BUSY)
    row = queued(store, "C1")
    assert queue_row(store, "C1")["attempts_today"] == 3
    assert row.next_action_at == datetime(2026, 11, 25, 9, 0, tzinfo=PARIS)
    assert [call.right_party for call in the(store).calls] == [False, False, False]


def test_callback_is_due_at_the_asked_time(store, now, debtor):
    at = datetime(2026, 11, 24, 15, 30, tzinfo=PARIS)
    log(store, now, Outcome.CALLBACK, callback_at=at)
    row = queued(store, "C1")
    assert row.state == "callback"
    assert row.next_action_at == at
    assert the(store).calls[0].callback_at == at
    with pytest.raises(OutcomeError, match="in the past"):
        log(store, now, Outcome.CALLBACK, callback_at=now - timedelta(minutes=1))
    with pytest.raises(OutcomeError, match="needs a date and time"):
        log(store, now, Outcome.CALLBACK)


def test_dispute_takes_invoices_out_of_the_overdue(store, now, debtor):
    before = queued(store, "C1").overdue_cents
    log(store, now, Outcome.DISPUTE, invoice_numbers=["F1"], reason="goods damaged")
    (dispute,) = the(store).disputes
    assert (dispute.reason, dispute.status, dispute.opened_by) == ("goods damaged", "open", "alice")
    assert count(store, "dispute_invoices") == 1
    row = queued(store, "C1")
    assert row.overdue_cents == before - 1_000_00
    assert row.state == "due"  # F2 is still overdue and undisputed
    log(store, now, Outcome.DISPUTE, invoice_numbers=["F2"], reason="price")
    assert queued(store, "C1").state == "dispute"


def test_dispute_without_numbers_takes_every_open_overdue_invoice(store, now, debtor):
    log(store, now, Outcome.DISPUTE, reason="never delivered")
    (dispute,) = the(store).disputes
    assert set(dispute.invoice_numbers) == {"F1", "F2"}
    assert count(store, "dispute_invoices") == 2
    assert queued(store, "C1").state == "dispute"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"invoice_numbers": ["F1"]}, "needs a reason"),
        ({"invoice_numbers": ["F9"], "reason": "x"}, "no invoice F9"),
    ],
)
def test_bad_disputes_write_nothing(store, now, debtor, kwargs, message):
    before = tables(store)
    with pytest.raises(OutcomeError, match=message):
        log(store, now, Outcome.DISPUTE, **kwargs)
    assert tables(store) == before


def test_a_settled_invoice_cannot_be_disputed(store, now):
    add_debtor(store, now, "C1", invoices=[late("F1", 40, 100_00, open_cents=0)])
    with pytest.raises(OutcomeError, match="already settled"):
        log(store, now, Outcome.DISPUTE, invoice_numbers=["F1"], reason="x")


def test_wrong_number_flags_the_contact_and_stays_due(store, now, debtor):
    martin = contact_id(store, "C1", "Mme Martin")
    log(store, now, Outcome.WRONG_NUMBER, contact_id=martin)
    assert store.outcomes.contact(martin).wrong_number
    row = queued(store, "C1")
    assert row.state == "due"
    assert row.next_action_at <= now
    with pytest.raises(OutcomeError, match="already marked wrong"):
        log(store, now, Outcome.WRONG_NUMBER, contact_id=martin)
    with pytest.raises(OutcomeError, match="which contact"):
        log(store, now, Outcome.WRONG_NUMBER)


def test_a_contact_of_another_debtor_is_refused(store, now, debtor):
    add_debtor(store, now, "C2", invoices=[late("G1", 5, 100_00)], contacts=["Other"])
    other = contact_id(store, "C2", "Other")
    with pytest.raises(OutcomeError, match="not a contact of C1"):
        log(store, now, Outcome.NO_ANSWER, contact_id=other)


def test_right_party_needs_a_decision_maker(store, now, debtor):
    add_debtor(store, now, "C1", contacts=[Contact("C1", "Reception", role=Role.OTHER)])
    reception = contact_id(store, "C1", "Reception")
    log(store, now, Outcome.REFUSED, contact_id=reception, reason="no")
    log(store, now, Outcome.REFUSED, contact_id=contact_id(store, "C1", "Mme Martin"), reason="no")
    # The dossier lists calls newest first: Mme Martin's, then the reception's.
    assert [call.right_party for call in the(store).calls] == [True, False]


def test_refused_keeps_its_reason_asks_for_a_decision_and_comes_back_later(store, now, debtor):
    with pytest.raises(OutcomeError, match="needs a reason"):
        log(store, now, Outcome.REFUSED)
    log(store, now, Outcome.REFUSED, reason="trésorerie à sec")
    found = the(store)
    assert found.calls[0].reason == "trésorerie à sec"
    # No step up by itself: formal notice and litigation are deliberate acts.
    assert found.debtor.dunning_step == 0
    assert [t.kind for t in found.tasks] == ["escalate"]
    row = queued(store, "C1")
    assert row.next_action_at == datetime(2026, 11, 26, 9, 0, tzinfo=PARIS)


def test_already_paid_keeps_what_the_debtor_says_and_opens_a_check_task(store, now, debtor):
    log(
        store, now, Outcome.ALREADY_PAID, paid_on=date(2026, 11, 20), amount_cents=300_00,
        means="cheque", reference="CHQ 4411",
    )  # fmt: skip
    found = the(store)
    assert found.calls[0].claim == PaymentClaim(date(2026, 11, 20), 300_00, "cheque", "CHQ 4411")
    assert [(t.kind, t.created_by) for t in found.tasks] == [("check_payment", "alice")]
    row = queued(store, "C1")
    assert row.next_action_at == datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)


def test_already_paid_above_the_balance_is_asked_and_zero_has_its_own_words(store, now, debtor):
    """Balance 1 800 €: 2 000 € said paid is a question (a typo?), confirmed it is kept."""
    paid = {"paid_on": date(2026, 11, 20), "means": "transfer"}
    with pytest.raises(OutcomeError) as asked:
        log(store, now, Outcome.ALREADY_PAID, amount_cents=2_000_00, **paid)
    assert asked.value.code == "paid_above_balance"
    assert "more than the balance" in str(asked.value)
    for cents in (0, -5_00):
        with pytest.raises(OutcomeError, match="amount paid must be more than zero"):
            log(store, now, Outcome.ALREADY_PAID, amount_cents=cents, **paid)
    assert tables(store)["calls"] == 0
    log(store, now, Outcome.ALREADY_PAID, amount_cents=2_000_00, confirmed=True, **paid)
    log(store, now, Outcome.ALREADY_PAID, amount_cents=1_800_00, **paid)  # the balance: no question
    assert count(store, "payment_claims") == 2


def test_payment_plan_instalments_share_a_plan(store, now, debtor):
    plan = [(date(2026, 12, 5), 500_00), (date(2027, 1, 5), 500_00), (date(2027, 2, 5), 500_00)]
    log(store, now, Outcome.PAYMENT_PLAN, instalments=plan)
    rows = sorted(the(store).promises, key=lambda p: p.promised_on)
    assert [(p.promised_on, p.amount_cents) for p in rows] == plan
    assert {p.plan_id for p in rows} == {rows[0].id}
    row = queued(store, "C1")
    assert row.state == "promise"
    assert row.next_action_at == datetime(2026, 12, 8, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ([], "at least one instalment"),
        ([(date(2026, 12, 5), 0)], "more than zero"),
        ([(date(2026, 12, 5), 100), (date(2026, 12, 5), 100)], "increasing"),
        ([(date(2026, 11, 1), 100)], "in the past"),
    ],
)
def test_bad_payment_plans_write_nothing(store, now, debtor, plan, message):
    before = tables(store)
    with pytest.raises(OutcomeError, match=message):
        log(store, now, Outcome.PAYMENT_PLAN, instalments=plan)
    assert tables(store) == before


def test_skip_needs_a_reason_and_comes_back_soon(store, now, debtor):
    with pytest.raises(OutcomeError, match="needs a reason"):
        log(store, now, Outcome.SKIP)
    log(store, now, Outcome.SKIP, reason="boss away until 15h")
    assert the(store).calls[0].reason == "boss away until 15h"
    assert queued(store, "C1").next_action_at == now + timedelta(hours=1)


def test_paid_waits_like_a_promise_for_today(store, now, debtor):
    log(store, now, Outcome.PAID)
    (promise,) = the(store).promises
    assert (promise.promised_on, promise.amount_cents) == (date(2026, 11, 24), 1_500_00)
    assert queued(store, "C1").state == "promise"


def test_unknown_debtor_and_outcome(store, now, debtor):
    with pytest.raises(OutcomeError, match="no debtor"):
        log_outcome(store, "NOPE", Outcome.NO_ANSWER, collector="alice", now=now, config=SETTINGS)
    with pytest.raises(OutcomeError, match="unknown outcome"):
        log(store, now, "teleported")
    with pytest.raises(OutcomeError, match="undo_outcome"):
        log(store, now, Outcome.UNDO)
    assert count(store, "calls") == 0


def test_untrusted_notes_are_cleaned(store, now, debtor):
    log(store, now, Outcome.NO_ANSWER, note="\x1b[31mred\x1b[0m line\nnext")
    assert the(store).calls[0].note == "red line\nnext"


def test_an_outcome_releases_the_claim(store, now, debtor):
    assert claim_next(store, collector="alice", now=now, config=SETTINGS) == "C1"
    assert queued(store, "C1").claimed_by == "alice"
    log(store, now, Outcome.NO_ANSWER)
    assert queued(store, "C1").claimed_by is None


# -- undo --------------------------------------------------------------------


def snapshot(store) -> dict:
    row = queued(store, "C1")
    return {
        k: getattr(row, k) for k in ("state", "score", "overdue_cents", "next_action_at", "reasons")
    }


@pytest.mark.parametrize(
    ("outcome", "kwargs"),
    [
        (Outcome.PROMISE, {"promise_date": date(2026, 12, 1)}),
        (Outcome.NO_ANSWER, {}),
        (Outcome.CALLBACK, {"callback_at": datetime(2026, 11, 25, 9, 0, tzinfo=PARIS)}),
        (Outcome.DISPUTE, {"reason": "price"}),
        (Outcome.REFUSED, {"reason": "no"}),
        (Outcome.ALREADY_PAID, {"paid_on": date(2026, 11, 20)}),
        (Outcome.PAYMENT_PLAN, {"instalments": [(date(2026, 12, 5), 100_00)]}),
        (Outcome.SKIP, {"reason": "later"}),
        (Outcome.PAID, {}),
    ],
)
def test_undo_restores_the_queue(store, now, debtor, outcome, kwargs):
    before = snapshot(store)
    call_id = log(store, now, outcome, **kwargs)
    undo_id = undo_outcome(store, call_id, collector="alice", now=now, config=SETTINGS)
    assert snapshot(store) == before
    undo = store.outcomes.call(undo_id)
    assert (undo.outcome, undo.undoes) == (Outcome.UNDO, call_id)
    assert count(store, "promises", "status = 'pending'") == 0
    assert count(store, "disputes", "status = 'open'") == 0
    assert count(store, "tasks", "done_at IS NULL") == 0
    assert store.outcomes.dunning_step("C1") == 0


def test_undo_wrong_number_clears_the_flag(store, now, debtor):
    martin = contact_id(store, "C1", "Mme Martin")
    call_id = log(store, now, Outcome.WRONG_NUMBER, contact_id=martin)
    undo_outcome(store, call_id, collector="alice", now=now, config=SETTINGS)
    assert not store.outcomes.contact(martin).wrong_number


def test_undo_goes_back_to_the_previous_call(store, now, debtor):
    log(store, now, Outcome.NO_ANSWER)
    after_first = snapshot(store)
    second = log(store, now + timedelta(minutes=1), Outcome.SKIP, reason="x")
    undo_outcome(store, second, collector="alice", now=now + timedelta(minutes=2), config=SETTINGS)
    assert snapshot(store)["next_action_at"] == after_first["next_action_at"]
    assert queue_row(store, "C1")["attempts_today"] == 1


def test_undo_twice_or_of_an_undo_is_refused(store, now, debtor):
    call_id = log(store, now, Outcome.NO_ANSWER)
    undo_id = undo_outcome(store, call_id, collector="alice", now=now, config=SETTINGS)
    with pytest.raises(OutcomeError, match="already undone"):
        undo_outcome(store, call_id, collector="alice", now=now, config=SETTINGS)
    with pytest.raises(OutcomeError, match="itself an undo"):
        undo_outcome(store, undo_id, collector="alice", now=now, config=SETTINGS)
    with pytest.raises(OutcomeError, match="no call"):
        undo_outcome(store, 999, collector="alice", now=now, config=SETTINGS)
    assert count(store, "calls") == 2


def test_the_call_log_only_grows(store, now, debtor):
    call_id = log(store, now, Outcome.PROMISE, promise_date=date(2026, 12, 1))
    undo_outcome(store, call_id, collector="alice", now=now, config=SETTINGS)
    found = the(store)
    assert [c.outcome for c in reversed(found.calls)] == [Outcome.PROMISE, Outcome.UNDO]
    assert [p.status.value for p in found.promises] == ["cancelled"]


def test_when_every_number_is_wrong_the_debtor_waits_for_a_new_one(store, now, debtor):
    log(store, now, Outcome.WRONG_NUMBER, contact_id=contact_id(store, "C1", "Mme Martin"))
    assert queued(store, "C1").state == "due"  # M. Durand is left to try
    log(store, now, Outcome.WRONG_NUMBER, contact_id=contact_id(store, "C1", "M. Durand"))
    row = queued(store, "C1")
    assert row.state == "hold"
    assert "no_valid_number" in {reason.code for reason in row.reasons}


def test_a_debtor_without_contacts_stays_callable(store, now):
    add_debtor(store, now, "C9", invoices=[late("F1", 40, 100_00)])
    rescore(store, now=now, config=SETTINGS)
    assert queued(store, "C9").state == "due"


@pytest.mark.parametrize(
    ("outcome", "kwargs", "message"),
    [
        (Outcome.PROMISE, {"promise_date": datetime(2026, 12, 1, tzinfo=PARIS)}, "calendar date"),
        (Outcome.PROMISE, {"promise_date": date(2026, 12, 1), "amount_cents": 12.5}, "whole cents"),
        (Outcome.PROMISE, {"promise_date": date(2026, 12, 1), "amount_cents": True}, "whole cents"),
        (Outcome.CALLBACK, {"callback_at": date(2026, 12, 1)}, "timezone"),
        (Outcome.CALLBACK, {"callback_at": datetime(2026, 12, 1, 9)}, "timezone"),
    ],
)
def test_wrong_types_are_refused(store, now, debtor, outcome, kwargs, message):
    with pytest.raises(OutcomeError, match=message):
        log(store, now, outcome, **kwargs)
    assert count(store, "calls") == 0


def test_invoice_numbers_typed_in_one_field(store, now, debtor):
    log(store, now, Outcome.DISPUTE, invoice_numbers="F1, F2,F1", reason="price")
    assert count(store, "dispute_invoices") == 2


def test_only_the_author_or_a_supervisor_may_undo(store, now, debtor):
    call_id = log(store, now, Outcome.NO_ANSWER)
    with pytest.raises(OutcomeError, match="logged by alice"):
        undo_outcome(store, call_id, collector="bob", now=now, config=SETTINGS)
    with store.transaction():
        store.users.upsert_user("carla", "supervisor", "", now)
    assert undo_outcome(store, call_id, collector="carla", now=now, config=SETTINGS)


# -- undo, as a property -------------------------------------------------------

STEPS = {
    Outcome.PROMISE: {"promise_date": date(2026, 12, 1)},
    Outcome.NO_ANSWER: {},
    Outcome.VOICEMAIL: {},
    Outcome.CALLBACK: {"callback_at": datetime(2026, 11, 26, 9, 0, tzinfo=PARIS)},
    Outcome.DISPUTE: {"invoice_numbers": ["F2"], "reason": "price"},
    Outcome.REFUSED: {"reason": "no"},
    Outcome.ALREADY_PAID: {"paid_on": date(2026, 11, 20)},
    Outcome.PAYMENT_PLAN: {"instalments": [(date(2026, 12, 5), 100_00)]},
    Outcome.SKIP: {"reason": "later"},
    Outcome.PAID: {"amount_cents": 50_00},
}


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=st.lists(st.sampled_from(sorted(STEPS)), min_size=1, max_size=5))
def test_undoing_the_last_outcome_restores_the_queue_after_any_history(
    tmp_path_factory, new_database, now, history
):
    store = open_database(new_database(tmp_path_factory.mktemp("u") / "u.db"))
    try:
        add_debtor(store, now, "C1", invoices=[late("F1", 40, 1_000_00), late("F2", 10, 500_00)])
        rescore(store, now=now, config=SETTINGS)
        for minute, outcome in enumerate(history):
            moment = now + timedelta(minutes=minute)
            before = snapshot(store)
            before_step = store.outcomes.dunning_step("C1")
            try:
                call_id = log_outcome(
                    store,
                    "C1",
                    outcome,
                    collector="alice",
                    now=moment,
                    config=SETTINGS,
                    **STEPS[outcome],
                )
            except OutcomeError:
                continue  # e.g. disputing F2 twice: refused, nothing written
            undo_outcome(store, call_id, collector="alice", now=moment, config=SETTINGS)
            assert snapshot(store) == before
            assert store.outcomes.dunning_step("C1") == before_step
            # and log it again for real, so the next step starts from a richer history
            log_outcome(
                store,
                "C1",
                outcome,
                collector="alice",
                now=moment,
                config=SETTINGS,
                **STEPS[outcome],
            )
    finally:
        store.close()

"""The Calling port: attempts, events, states and do-not-call flags, read back as domain types.

Run on every backend of ``conftest.BACKENDS``.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from callcenter.domain.calling import (
    AgendaEntry,
    AgentState,
    CallEvent,
    DialTarget,
    DoNotCall,
    StateChange,
)
from callcenter.domain.dial_rules import DialLine
from callcenter.domain.models import Contact, Debtor, Invoice


@pytest.fixture
def contact(store, now) -> int:
    """Debtor C0 (Europe/Paris) and its contact Mme Martin, +33102030405; the contact's id."""
    with store.transaction():
        store.ledger.upsert_debtors(
            [Debtor(code="C0", name="Client", timezone="Europe/Paris")], now
        )
        store.ledger.upsert_contacts([Contact("C0", "Mme Martin", phone="+33102030405")])
    (found,) = store.dossiers.load_dossier("C0").contacts
    return found.id


def attempt(store, contact, at, attempt_id="a1", collector="alice"):
    with store.transaction():
        store.calling.insert_attempt(
            attempt_id=attempt_id,
            code="C0",
            contact_id=contact,
            number="+33102030405",
            collector=collector,
            dialer="tel",
            at=at,
        )
        store.calling.append_event(attempt_id, CallEvent.DIALLED, at)


def test_the_dial_target_of_a_contact(store, contact):
    target = store.calling.dial_target(contact)
    assert target == DialTarget("C0", "Mme Martin", "+33102030405", "", False, "Europe/Paris")
    assert store.calling.dial_target(contact + 1000) is None


def test_an_attempt_its_events_once_and_its_times(store, contact, now):
    attempt(store, contact, now)
    assert store.calling.attempt_owner("a1") == ("C0", "alice")
    assert store.calling.attempt_owner("nope") is None
    with store.transaction():
        calling = store.calling
        assert calling.append_event("a1", CallEvent.ANSWERED, now + timedelta(seconds=5))
        assert calling.append_event("a1", CallEvent.ENDED, now + timedelta(seconds=65), cause="bye")
        assert not calling.append_event("a1", CallEvent.ENDED, now + timedelta(seconds=99))
    times = store.calling.call_times("a1")
    assert times.dialled_at == now and times.talk == timedelta(seconds=60)
    assert times.hangup_cause == "bye" and times.call_id is None
    assert store.calling.call_times("nope") is None
    assert store.calling.dial_times("+33102030405", now) == [now]
    assert store.calling.dial_times("+33102030405", now + timedelta(seconds=1)) == []


def test_the_times_of_the_calls_an_outcome_closed(store, contact, now):
    attempt(store, contact, now)
    with store.transaction():
        call_id = store.outcomes.insert_call(
            code="C0", collector="alice", started_at=now, outcome="no_answer"
        )
        store.calling.append_event(
            "a1", CallEvent.OUTCOME, now + timedelta(seconds=30), call_id=call_id
        )
    (times,) = store.calling.times_of_calls([call_id, call_id + 1]).values()
    assert times.attempt_id == "a1" and times.call_id == call_id
    assert store.calling.times_of_calls([]) == {}


def test_states_between_include_the_one_running_at_the_start(store, contact, now):
    start = now - timedelta(hours=1)
    with store.transaction():
        store.calling.append_state("alice", AgentState.READY, start - timedelta(hours=1))
        store.calling.append_state("alice", AgentState.READY, start - timedelta(minutes=5))
        store.calling.append_state("alice", AgentState.PAUSED, start, reason="lunch")
        store.calling.append_state("bob", AgentState.DIALLING, now, attempt_id="a1", code="C0")
    assert store.calling.states_between(start, now + timedelta(seconds=1)) == [
        StateChange("alice", start - timedelta(minutes=5), AgentState.READY),
        StateChange("alice", start, AgentState.PAUSED, "lunch"),
        StateChange("bob", now, AgentState.DIALLING, "", "C0"),
    ]
    attempt(store, contact, now, "a2", "bob")
    attempt(store, contact, start - timedelta(seconds=1), "a0", "alice")
    ((collector, times),) = store.calling.times_between(start, now + timedelta(seconds=1))
    assert (collector, times.attempt_id) == ("bob", "a2")


def test_dial_lines_of_the_debtors_an_attempt_or_a_flag_touches(store, contact, now):
    with store.transaction():
        store.ledger.upsert_debtors([Debtor(code="C9", name="Autre")], now)
        store.ledger.upsert_contacts(
            [
                Contact("C0", "Standard", phone="voir accueil", phone2="+33105060708"),
                Contact("C0", "Ancien", phone="+33111111111", wrong_number=True),
                Contact("C9", "Quiet", phone="+33199999999"),
            ]
        )
    week = now - timedelta(days=7)
    assert store.calling.dial_lines(None, week, at_least=1) == {}
    attempt(store, contact, now - timedelta(days=8), "old")
    attempt(store, contact, now - timedelta(hours=1))
    assert store.calling.dial_lines(["C0"], week, at_least=2) == {}  # one call in the week
    assert store.calling.dial_lines(None, week, at_least=2) == {}
    with store.transaction():
        store.calling.flag_do_not_call(
            number="+33105060708", contact_id=None, flagged=True, by="sam", at=now, reason=""
        )
    expected = {
        "C0": (
            DialLine("+33102030405", False, (now - timedelta(hours=1),)),
            DialLine("+33105060708", True, ()),
        )
    }
    assert store.calling.dial_lines(None, week, at_least=1) == expected
    assert store.calling.dial_lines(["C0", "C9"], week, at_least=1) == expected
    assert store.calling.dial_lines(["C9"], week, at_least=1) == {}
    many = ["C0", *(f"X{n}" for n in range(30))]  # past the direct read: sifted in SQL
    assert store.calling.dial_lines(many, week, at_least=1) == expected
    # Dialled once: below a cap of two, only the flag brings the debtor in.
    assert store.calling.dial_lines(["C0"], week, at_least=2) == expected


def test_do_not_call_on_a_number_or_a_contact_until_lifted(store, contact, now):
    calling = store.calling
    with store.transaction():
        calling.flag_do_not_call(
            number="+33102030405", contact_id=None, flagged=True, by="sam", at=now, reason="asked"
        )
        calling.flag_do_not_call(
            number="", contact_id=contact, flagged=True, by="lea", at=now, reason="lawyer"
        )
    assert calling.do_not_call("+33102030405", None) == DoNotCall("sam", "asked")
    assert calling.do_not_call("+33999", contact) == DoNotCall("lea", "lawyer")
    with store.transaction():
        calling.flag_do_not_call(
            number="+33102030405", contact_id=None, flagged=False, by="sam", at=now, reason=""
        )
    assert calling.do_not_call("+33102030405", None) is None
    assert calling.do_not_call("", contact) == DoNotCall("lea", "lawyer")


def test_the_agenda_reads_my_callbacks_and_the_promises_due(store, contact, now):
    from builtin_settings import SETTINGS

    from callcenter.domain.models import Outcome
    from callcenter.service.outcomes import log_outcome

    with store.transaction():  # overdue, so the queue waits on the callback
        store.ledger.upsert_invoices(
            [Invoice("C0", "F1", date(2026, 9, 1), date(2026, 10, 1), 500_00, 500_00)]
        )
    at = now + timedelta(hours=2)
    log_outcome(store, "C0", Outcome.CALLBACK, collector="alice", now=now, callback_at=at,
                contact_id=contact, callback_owner="me", config=SETTINGS)  # fmt: skip
    day = now + timedelta(hours=4)
    assert store.calling.callbacks_due("alice", now, day) == [
        AgendaEntry("C0", "Client", "Mme Martin", at=at)
    ]
    assert store.calling.callbacks_due("bob", now, day) == []
    # a callback for anyone shows to a colleague who may work the debtor, saying whose it is
    log_outcome(store, "C0", Outcome.CALLBACK, collector="alice", now=now, callback_at=at,
                contact_id=contact, callback_owner="anyone", config=SETTINGS)  # fmt: skip
    assert store.calling.callbacks_due("bob", now, day) == [
        AgendaEntry("C0", "Client", "Mme Martin", at=at, set_by="alice")
    ]
    assert store.calling.callbacks_due("alice", now, day)[0].set_by == ""
    with store.transaction():  # assigned to carol: not bob's to work any more
        store.ledger.upsert_debtors(
            [Debtor(code="C0", name="Client", timezone="Europe/Paris", collector="carol")], now
        )
    assert store.calling.callbacks_due("bob", now, day) == []
    assert len(store.calling.callbacks_due("carol", now, day)) == 1
    assert store.calling.callbacks_due("alice", at + timedelta(seconds=1), day) == []
    with store.transaction():
        call_id = store.outcomes.insert_call(
            code="C0", collector="alice", started_at=now, outcome="promise", contact_id=contact
        )
        store.outcomes.insert_promises(
            code="C0", call_id=call_id, collector="alice", created_at=now,
            instalments=[(now.date() + timedelta(days=1), 300_00)],
        )  # fmt: skip
    tomorrow = now.date() + timedelta(days=1)
    assert store.calling.promises_due("alice", now.date(), tomorrow) == [
        AgendaEntry("C0", "Client", "Mme Martin", on=tomorrow, amount_cents=300_00)
    ]
    assert store.calling.promises_due("bob", now.date(), tomorrow) == []
    assert store.calling.promises_due("alice", now.date(), now.date()) == []

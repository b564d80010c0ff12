"""The queue honours the dialer's rules: a debtor whose every number is out is not offered.

Run on every backend: the rule is the domain's (``dial_rules``), its facts one
shared statement (``Calling.dial_lines``), so both must hold a debtor back the
same way and let it come back when the clock frees a number.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from callcenter.config import config_from_dict
from callcenter.dialers.tel import TelDialer
from callcenter.domain.models import Contact, Debtor, Invoice, Outcome, QueueState
from callcenter.service.dialing import DialRequest, place_call, set_do_not_call
from callcenter.service.outcomes import log_outcome
from callcenter.service.queue import claim_next, entry, release_claim, worded

NUMBER = "+33102030405"
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def debtor(store, now) -> int:
    """C1, 1 200 € overdue, one contact on NUMBER; the contact's id."""
    with store.transaction():
        store.ledger.upsert_debtors([Debtor(code="C1", name="Client")], now)
        store.ledger.upsert_invoices(
            [
                Invoice(
                    debtor_code="C1",
                    number="F1",
                    issue_date=date(2026, 9, 1),
                    due_date=date(2026, 10, 1),
                    amount_cents=1200_00,
                    open_cents=1200_00,
                )
            ]
        )
        store.ledger.upsert_contacts([Contact("C1", "Mme Martin", phone=NUMBER)])
    (found,) = store.dossiers.load_dossier("C1").contacts
    return found.id


def called(store, contact, at, config) -> None:
    """A call dialled at ``at`` and nobody answered, logged a minute later."""
    request = DialRequest("C1", contact, "alice", at)
    attempt = place_call(store, TelDialer(), request, config=config, report=lambda *_: None)
    log_outcome(
        store,
        "C1",
        Outcome.NO_ANSWER,
        collector="alice",
        now=at + timedelta(minutes=1),
        attempt_id=attempt.id,
        config=config,
    )


def next_for_bob(store, at, config) -> str | None:
    code = claim_next(store, collector="bob", now=at, config=config)
    if code is not None:
        release_claim(store, code, collector="bob")
    return code


def test_a_number_at_its_daily_cap_holds_the_debtor_until_tomorrow(store, debtor, now):
    config = config_from_dict({"dialer": {"per_number_day": 1}})
    called(store, debtor, now, config)
    held = entry(store, "C1")
    assert held.state is QueueState.DUE
    assert held.next_action_at == datetime(2026, 11, 25, 9, 0, tzinfo=PARIS)
    today = now.date()
    assert "tous les numéros à leur plafond d'appels jusqu'à demain 09:00" in worded(
        held, "fr", today
    )
    assert "every number at its cap until tomorrow 09:00" in worded(held, "en", today)
    assert next_for_bob(store, now.replace(hour=16), config) is None
    assert next_for_bob(store, datetime(2026, 11, 25, 9, 0, tzinfo=PARIS), config) == "C1"


def test_the_rolling_week_frees_the_number_by_itself(store, debtor, now):
    config = config_from_dict({"dialer": {"per_number_day": 5, "per_number_week": 2}})
    called(store, debtor, datetime(2026, 11, 17, 11, 0, tzinfo=PARIS), config)
    called(store, debtor, datetime(2026, 11, 20, 10, 0, tzinfo=PARIS), config)
    # The first pick of the day rescores: the week still holds two calls until 11:00.
    assert next_for_bob(store, now.replace(minute=30), config) is None
    held = entry(store, "C1")
    assert held.next_action_at == datetime(2026, 11, 24, 11, 0, 1, tzinfo=PARIS)
    assert "every number at its cap until 11:00" in worded(held, "en", now.date())
    # No rescore in between: the queue's own next_action_at brings it back.
    assert next_for_bob(store, now.replace(hour=11, minute=1), config) == "C1"


def test_every_number_on_do_not_call_is_held_until_a_flag_is_lifted(store, debtor, now):
    config = config_from_dict({})
    set_do_not_call(store, number=NUMBER, by="sam", now=now, reason="asked", config=config)
    held = entry(store, "C1")
    assert held.state is QueueState.HOLD and held.next_action_at is None
    assert worded(held, "fr")[0] == ("tous les numéros en « ne pas appeler »")
    assert worded(held, "en")[0] == "every number on do-not-call"
    assert next_for_bob(store, now, config) is None
    later = now + timedelta(minutes=1)
    set_do_not_call(
        store, number=NUMBER, flagged=False, by="sam", now=later, reason="", config=config
    )
    assert entry(store, "C1").state is QueueState.DUE
    assert next_for_bob(store, later, config) == "C1"


def test_one_number_left_keeps_the_debtor_offered(store, debtor, now):
    config = config_from_dict({})
    with store.transaction():
        store.ledger.upsert_contacts([Contact("C1", "Standard", phone="+33105060708")])
    set_do_not_call(store, number=NUMBER, by="sam", now=now, reason="asked", config=config)
    assert entry(store, "C1").state is QueueState.DUE
    assert next_for_bob(store, now, config) == "C1"

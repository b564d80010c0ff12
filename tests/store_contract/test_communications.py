"""The communications log: append-only, one delivered entry per send key, doubtful addresses."""

from __future__ import annotations

from datetime import timedelta

import pytest

from callcenter.domain.communications import Communication, Result
from callcenter.domain.models import Contact

from .conftest import seed


def entry(now, result: Result, key: str = "D00:email_1:F1", **more) -> Communication:
    return Communication(
        debtor_code="D00",
        at=now,
        actor="remind",
        step="email_1",
        channel="email",
        result=result,
        send_key=key,
        recipients=("a@example.fr",),
        subject="Rappel",
        body="Bonjour",
        invoices=("F1",),
        **more,
    )


def test_a_step_is_delivered_once_and_failures_stay_reported(store, now):
    seed(store, now, 1)
    with store.transaction():
        store.communications.record(entry(now, Result.FAILED, detail="timeout"))
    log = store.communications
    assert [c.result for c in log.undelivered(now - timedelta(days=1))] == [Result.FAILED]
    assert log.delivered_keys(["D00:email_1:F1"]) == set()
    with store.transaction():
        log.record(entry(now + timedelta(minutes=5), Result.SENT, message_id="<m@x>"))
    assert log.undelivered(now - timedelta(days=1)) == []
    assert log.delivered_keys(["D00:email_1:F1", "other"]) == {"D00:email_1:F1"}
    assert set(log.steps_sent(["D00"])["D00"]) == {"email_1"}
    with pytest.raises(Exception), store.transaction():  # noqa: B017 - each driver's own error
        log.record(entry(now + timedelta(minutes=9), Result.WRITTEN))
    history = log.of_debtor("D00")
    assert [c.result for c in history] == [Result.SENT, Result.FAILED]
    assert history[0].recipients == ("a@example.fr",) and history[0].invoices == ("F1",)
    assert log.counts(now - timedelta(hours=1), now + timedelta(hours=1)) == {
        "failed": 1,
        "sent": 1,
    }


def test_a_refused_address_is_marked_doubtful(store, now):
    seed(store, now, 1)
    with store.transaction():
        store.ledger.upsert_contacts([Contact("D00", "Ann", email="Ann@Example.fr")])
        assert store.communications.mark_email_doubtful("D00", "ann@example.fr", "550") == 1
    assert store.communications.mark_email_doubtful("D00", "nobody@example.fr", "550") == 0

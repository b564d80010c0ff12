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


def test_a_refused_address_is_marked_doubtful(store, now):
    seed(store, now, 1)
    with store.transaction():
        store.ledger.upsert_contacts([Contact("D00", "Ann", email="Ann@Example.fr")])
        assert store.communications.mark_email_doubtful("D00", "ann@example.fr", "550") == 1
    assert store.communications.mark_email_doubtful("D00", "nobody@example.fr", "550") == 0


def test_funnel_dossiers_read_many_debtors_with_their_last_standing_call(store, now):
    from builtin_settings import SETTINGS

    from callcenter.domain.models import Outcome
    from callcenter.service.outcomes import log_outcome, undo_outcome

    codes = seed(store, now, 3)
    with store.transaction():
        store.ledger.upsert_contacts([Contact("D01", "Ann", email="ann@example.fr")])
    log_outcome(store, "D00", Outcome.NO_ANSWER, collector="al", now=now, config=SETTINGS)
    later = now + timedelta(hours=1)
    log_outcome(store, "D01", Outcome.NO_ANSWER, collector="al", now=now, config=SETTINGS)
    busy = log_outcome(store, "D01", Outcome.BUSY, collector="al", now=later, config=SETTINGS)
    undo_outcome(store, busy, collector="al", now=later, config=SETTINGS)  # the later call undone
    found = store.dossiers.funnel_dossiers([*reversed(codes), "NOPE"])
    assert [(d.debtor.code, at) for d, at in found] == [("D02", None), ("D01", now), ("D00", now)]
    ann = found[1][0]
    assert [c.email for c in ann.contacts] == ["ann@example.fr"]
    assert [i.number for i in ann.invoices] == ["F1"] and ann.calls == ()


def test_the_dossier_carries_every_delivery_and_the_latest_entries(store, now):
    seed(store, now, 1)
    with store.transaction():
        store.communications.record(entry(now, Result.SENT, key="first"))
        for n in range(15):
            at = now + timedelta(minutes=n + 1)
            store.communications.record(entry(at, Result.FAILED, key=f"k{n}"))
    read = store.dossiers.load_dossier("D00").communications
    assert len(read) == 13  # the 12 latest entries, and the older delivery
    assert read[0].send_key == "k14" and read[-1].send_key == "first"

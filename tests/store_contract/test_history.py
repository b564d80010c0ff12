"""Past activity written with its own ids (the demo's history) reads back as written."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from callcenter.domain.models import (
    Call,
    Contact,
    Debtor,
    Dispute,
    Invoice,
    Outcome,
    Promise,
    PromiseStatus,
    Task,
)

AT = datetime(2026, 10, 5, 8, 30, tzinfo=UTC)


def test_history_with_its_own_ids_reads_back(store, now):
    call = Call("C1", "alice", AT, Outcome.PROMISE, "ok", contact_id=1, id=7, right_party=True)
    promise = Promise(
        "C1", date(2026, 10, 12), 400_00, PromiseStatus.KEPT, "alice", AT, 400_00, call_id=7,
        id=3, settled_at=datetime(2026, 10, 15, 6, tzinfo=UTC),
    )  # fmt: skip
    dispute = Dispute("C1", "Prix", ("F2",), opened_at=AT, opened_by="alice", id=4, call_id=7)
    task = Task("C1", "send_copy", "Copie", AT, "alice", id=5, call_id=7)
    with store.transaction():
        store.ledger.upsert_debtors([Debtor(code="C1", name="Client")], now)
        store.ledger.upsert_contacts([Contact("C1", "Anne", decision_maker=True)])
        store.ledger.upsert_invoices(
            Invoice("C1", n, date(2026, 8, 1), date(2026, 9, 1), 500_00, 500_00)
            for n in ("F1", "F2")
        )
        store.ledger.insert_past_calls([call])
        store.ledger.insert_past_promises([promise])
        store.ledger.insert_past_disputes([dispute])
        store.ledger.insert_past_tasks([task])
    assert store.ledger.last_ids() == {
        "contacts": 1, "invoices": 2, "calls": 7, "promises": 3, "disputes": 4, "tasks": 5,
    }  # fmt: skip
    found = store.dossiers.load_dossier("C1", now.date())
    assert found.calls == (call,)
    assert found.promises == (promise,)
    assert found.disputes == (dispute,)  # the number written, found by the invoice's id
    assert [i.number for i in found.invoices if i.disputed] == ["F2"]
    assert found.tasks == (replace(task, debtor_name="Client"),)

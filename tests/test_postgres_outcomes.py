"""The Outcomes port on PostgreSQL: a call, what it creates, and its undo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")

from sqlfile import raw_row, raw_rows, raw_value, raw_write  # noqa: E402

from callcenter.store import open_database  # noqa: E402

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
STAMP = "2026-11-24T09:00:00+00:00"


@pytest.fixture
def pg(pg_store_url):
    store = open_database(pg_store_url)
    with store.transaction():
        raw_write(
            store,
            "INSERT INTO debtors (code, name, collector, updated_at) VALUES ('C0', 'Client', 'sam', %s)",
            (STAMP,),
        )
        raw_write(
            store,
            "INSERT INTO contacts (debtor_code, name, phone) VALUES ('C0', 'Mme Martin', '+33102')",
        )
        for number, due, open_cents in (("F1", "2026-10-01", 10000), ("F2", "2026-12-31", 500)):
            raw_write(
                store,
                "INSERT INTO invoices (debtor_code, number, issue_date, due_date, amount_cents,"
                " open_cents) VALUES ('C0', %s, '2026-09-01', %s, %s, %s)",
                (number, due, open_cents, open_cents),
            )
    yield store
    store.close()


def test_a_promise_call_and_its_undo(pg):
    out = pg.outcomes
    with pg.transaction():
        contact = raw_value(pg, "SELECT id FROM contacts")
        call = out.insert_call(
            code="C0",
            collector="sam",
            started_at=NOW,
            outcome="payment_plan",
            contact_id=contact,
            right_party=True,
            entered_by="lea",
        )
        ids = out.insert_promises(
            code="C0",
            call_id=call,
            collector="sam",
            created_at=NOW,
            instalments=[(date(2026, 12, 1), 5000), (date(2027, 1, 1), 5000)],
            plan=True,
        )
    assert len(ids) == 2
    plans = raw_rows(pg, "SELECT DISTINCT plan_id FROM promises")
    assert plans == [(ids[0],)]
    found = out.call(call)
    assert found.outcome == "payment_plan" and found.entered_by == "lea"
    assert found.started_at == NOW
    right_party = raw_row(pg, "SELECT right_party FROM calls WHERE id = %s", (call,))
    assert right_party == (1,)
    assert out.contact(contact).name == "Mme Martin"
    assert out.balance("C0") == 10500
    assert out.undone_by(call) is None
    later = NOW + timedelta(minutes=5)
    with pg.transaction():
        undo = out.insert_call(
            code="C0", collector="sam", started_at=later, outcome="undo", undoes=call
        )
        counts = out.cancel_created_by(call, later)
    assert counts == {"promises": 2, "disputes": 0, "tasks": 0}
    assert out.undone_by(call) == undo
    assert pg.figures.sum_differences() == {}


def test_a_dispute_names_its_invoices_and_a_task_follows_it(pg):
    out = pg.outcomes
    today = date(2026, 11, 24)
    assert out.open_overdue_invoice_numbers("C0", today) == ["F1"]
    found = out.invoices_by_number("C0", ["F1", "F9"])
    assert list(found) == ["F1"] and found["F1"].open_cents == 10000
    with pg.transaction():
        call = out.insert_call(code="C0", collector="sam", started_at=NOW, outcome="dispute")
        out.insert_dispute(
            code="C0",
            call_id=call,
            reason="price",
            opened_at=NOW,
            opened_by="sam",
            invoice_ids=[found["F1"].id, found["F1"].id],
        )
        task = out.insert_task(
            code="C0",
            call_id=call,
            kind="dispute",
            note="check the price",
            created_at=NOW,
            created_by="sam",
            due_on=date(2026, 11, 30),
        )
    assert out.open_overdue_invoice_numbers("C0", today) == []
    assert out.task_of(call, "dispute").id == task
    with pg.transaction():
        counts = out.cancel_created_by(call, NOW)
    assert counts == {"promises": 0, "disputes": 1, "tasks": 1}
    assert out.task_of(call, "dispute").note == "check the price (cancelled)"


def test_already_paid_wrong_numbers_and_dunning(pg):
    out = pg.outcomes
    contact = raw_value(pg, "SELECT id FROM contacts")
    with pg.transaction():
        call = out.insert_call(code="C0", collector="sam", started_at=NOW, outcome="already_paid")
        out.insert_payment_claim(
            call_id=call,
            code="C0",
            paid_on=date(2026, 11, 20),
            amount_cents=10000,
            means="transfer",
            reference="VIR 123",
        )
        out.set_wrong_number(contact, True)
        out.set_dunning_step("C0", 2)
    claim = raw_row(pg, "SELECT paid_on, amount_cents, reference FROM payment_claims")
    assert claim == ("2026-11-20", 10000, "VIR 123")
    assert out.contact(contact).wrong_number
    assert out.dunning_step("C0") == 2 and out.dunning_step("nobody") == 0
    assert out.debtor_exists("C0") and not out.debtor_exists("nobody")

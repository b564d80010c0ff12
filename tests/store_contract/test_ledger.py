"""Imports' upserts: a second import updates what changed and keeps what collectors set."""

from __future__ import annotations

from datetime import date

from callcenter.domain.models import Debtor, Invoice, Payment


def test_debtors_are_inserted_then_updated_by_code(store, now):
    with store.transaction():
        store.ledger.upsert_debtors([Debtor(code="C1", name="Old name")], now)
        store.ledger.upsert_debtors([Debtor(code="C1", name="New name")], now)
    assert store.ledger.known_debtor_codes() == {"C1"}
    assert store.dossiers.load_dossier("C1", now.date()).debtor.name == "New name"
    assert store.outcomes.debtor_exists("C1") and not store.outcomes.debtor_exists("C2")


def test_invoices_follow_the_latest_export(store, now):
    first = Invoice("C1", "F1", date(2026, 8, 1), date(2026, 9, 1), 1000_00, 1000_00)
    paid_half = Invoice("C1", "F1", date(2026, 8, 1), date(2026, 9, 1), 1000_00, 500_00)
    with store.transaction():
        store.ledger.upsert_debtors([Debtor(code="C1", name="Client")], now)
        store.ledger.upsert_invoices([first])
        store.ledger.upsert_invoices([paid_half])
    assert store.outcomes.balance("C1") == 500_00
    (invoice,) = store.outcomes.invoices_by_number("C1", ["F1"]).values()
    assert (invoice.number, invoice.open_cents) == ("F1", 500_00)
    assert store.ledger.open_invoice_keys() == {("C1", "F1")}
    with store.transaction():
        assert store.ledger.close_invoices([("C1", "F1")]) == 1
    assert store.outcomes.balance("C1") == 0


def test_payments_are_keyed_by_reference(store, now):
    with store.transaction():
        store.ledger.upsert_debtors([Debtor(code="C1", name="Client")], now)
        store.ledger.upsert_payments([Payment("C1", "VIR1", date(2026, 11, 2), 100_00)])
        store.ledger.upsert_payments([Payment("C1", "VIR1", date(2026, 11, 2), 150_00)])
    (payment,) = store.promises.payments_of(["C1"], date(2026, 11, 1))
    assert payment.amount_cents == 150_00

"""Imports through the interface: FEC snapshots, CSV files staged then copied in, the record."""

from __future__ import annotations

from pathlib import Path

import pytest
from builtin_settings import SETTINGS

from callcenter.service.imports import import_csv, import_fec

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def open_amounts(store) -> dict[tuple[str, str], int]:
    """(debtor, number) -> open cents of every open invoice (what the dossiers show)."""
    found = {}
    for code in sorted(store.ledger.known_debtor_codes()):
        for invoice in store.dossiers.load_dossier(code).invoices:
            found[(code, invoice.number)] = invoice.open_cents
    return found


def test_a_later_fec_updates_closes_and_is_recorded(store, now):
    first = import_fec(store, FIXTURES / "fec_tab_utf8.txt", now=now, config=SETTINGS)
    again = import_fec(store, FIXTURES / "fec_tab_utf8.txt", now=now, config=SETTINGS)
    assert again.balance_cents == first.balance_cents
    assert again.import_id == first.import_id + 1
    report = import_fec(store, FIXTURES / "fec_later.txt", now=now, config=SETTINGS)
    assert report.closed == 1
    # Dupont paid FA-115; Martin got FA-140; Leroy is absent from the later export.
    assert open_amounts(store) == {("411MARTIN", "FA-108"): 140000, ("411MARTIN", "FA-140"): 12000}
    assert store.ledger.count_rows("invoices") == 5
    assert store.ledger.count_rows("payments") == 3


def test_csv_files_are_staged_then_copied_in(store, now):
    import_csv(store, "clients", FIXTURES / "csv_clients.csv", now=now, config=SETTINGS)
    report = import_csv(store, "invoices", FIXTURES / "csv_invoices.csv", now=now, config=SETTINGS)
    assert (report.invoices, report.credit_notes) == (
        4,
        1,
    )  # the credit note is an invoice line too
    assert store.ledger.known_debtor_codes() == {"C001", "C002", "C003"}
    assert store.ledger.client_payment_terms() == {"C001": 30, "C002": 45}
    debtor = store.dossiers.load_dossier("C002").debtor
    assert (debtor.name, debtor.collector, debtor.credit_hold) == ("Garage Martin", "bob", True)
    assert open_amounts(store)[("C002", "AV-2001")] == -100_00
    assert store.outcomes.balance("C001") == 1_400_00


def test_a_key_given_twice_is_refused_with_its_line(store, now, tmp_path):
    twice = tmp_path / "clients.csv"
    twice.write_text("code,name\nC1,First\nC2,Other\nC1,Again\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        import_csv(store, "clients", twice, now=now, config=SETTINGS)
    assert store.ledger.ledger_is_empty()
    report = import_csv(store, "clients", twice, now=now, config=SETTINGS, skip_bad=True)
    assert (report.customers, report.rejects) == (2, 1)
    assert store.dossiers.load_dossier("C1").debtor.name == "First"

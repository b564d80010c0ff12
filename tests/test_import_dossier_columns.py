"""The optional dossier columns of the CSV imports: credit limit, address, SIREN, settled invoice."""

from __future__ import annotations

from pathlib import Path

import pytest
from builtin_settings import SETTINGS
from sqlfile import raw_row, raw_rows

from callcenter.importers.errors import BadInput
from callcenter.service.imports import import_csv

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_credit_limit_address_and_siren_when_known(store, now):
    import_csv(store, "clients", FIXTURES / "csv_clients_identity.csv", now=now, config=SETTINGS)
    assert raw_rows(
        store, "SELECT code, credit_limit_cents, address, siren FROM debtors ORDER BY code"
    ) == [
        ("K1", 1_500_000, "4 quai Est, 13002 Marseille", "552100554"),
        ("K2", None, "", ""),  # unknown stays unknown, not a limit of zero
    ]


def test_a_payment_names_the_invoice_it_settles(store, now):
    import_csv(store, "clients", FIXTURES / "csv_clients_identity.csv", now=now, config=SETTINGS)
    import_csv(store, "payments", FIXTURES / "csv_payments_invoice.csv", now=now, config=SETTINGS)
    assert raw_rows(store, "SELECT reference, invoice_number FROM payments ORDER BY reference") == [
        ("CHQ-3", ""),
        ("VIR-9", "FK-1"),
    ]


def test_a_bad_siren_names_file_line_and_field(store, now, tmp_path):
    bad = tmp_path / "clients.csv"
    bad.write_text("code,name,siren\nK1,Kiosque,12345\n", encoding="utf-8")
    with pytest.raises(BadInput) as caught:
        import_csv(store, "clients", bad, now=now, config=SETTINGS)
    assert (caught.value.line, caught.value.field) == (2, "siren")
    assert raw_row(store, "SELECT count(*) FROM debtors") == (0,)

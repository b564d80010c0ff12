"""CSV imports of the four kinds, with the expected rows worked out from fixtures/csv_*.csv."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from builtin_settings import SETTINGS
from sqlfile import raw_rows

from callcenter.domain.models import Outcome
from callcenter.importers.errors import BadInput
from callcenter.service.imports import import_csv
from callcenter.service.outcomes import log_outcome

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def load_all(store, now) -> None:
    for kind in ("clients", "contacts", "invoices", "payments"):
        import_csv(store, kind, FIXTURES / f"csv_{kind}.csv", now=now, config=SETTINGS)


def rows(store, sql: str) -> list[tuple]:
    return raw_rows(store, sql)


def test_clients(store, now):
    report = import_csv(store, "clients", FIXTURES / "csv_clients.csv", now=now, config=SETTINGS)
    assert report.customers == 3 and report.lines == 3  # data lines, header apart
    assert rows(
        store,
        "SELECT code, name, segment, timezone, collector, credit_hold, payment_terms_days,"
        " dunning_step, tags, pending_orders_cents FROM debtors ORDER BY code",
    ) == [
        ("C001", "Boulangerie Dupont, SARL", "standard", "Europe/Paris", "alice", 0, 30, 2,
         "bakery,north", 0),
        ("C002", "Garage Martin", "key", "Europe/Paris", "bob", 1, 45, 3, "vip", 125000),
        ("C003", "Café de l'Étoile", "small", "America/Martinique", None, 1, None, 0, "", 0),
    ]  # fmt: skip


def test_contacts_with_french_roles_and_semicolons(store, now):
    import_csv(store, "clients", FIXTURES / "csv_clients.csv", now=now, config=SETTINGS)
    report = import_csv(store, "contacts", FIXTURES / "csv_contacts.csv", now=now, config=SETTINGS)
    assert report.contacts == 3
    assert rows(
        store,
        "SELECT debtor_code, name, role, phone, email, decision_maker, best_hours"
        " FROM contacts ORDER BY id",
    ) == [
        ("C001", "Jean Dupont", "owner", "+33123456789", "jean@dupont.example", 1, "9h-11h"),
        ("C001", "Service comptable", "accountant", "+33198765432", "compta@dupont.example", 0,
         ""),
        ("C002", "Marie Martin", "owner", "+33611223344", "", 1, "après-midi"),
    ]  # fmt: skip


def test_invoices_dates_amounts_flags_and_default_due_dates(store, now):
    import_csv(store, "clients", FIXTURES / "csv_clients.csv", now=now, config=SETTINGS)
    report = import_csv(store, "invoices", FIXTURES / "csv_invoices.csv", now=now, config=SETTINGS)
    # C001: 1 200 + 200 open; C002: 2 400 - 100 (credit note); C003: 84,50.
    assert report.balance_cents == 140000 + 230000 + 8450
    assert (report.invoices, report.credit_notes, report.invoices_open) == (4, 1, 4)
    assert rows(
        store,
        "SELECT number, kind, issue_date, due_date, amount_cents, open_cents, currency,"
        " has_quote, has_po, has_delivery_note, excluded FROM invoices ORDER BY number",
    ) == [
        # AV-2001: no due date given, C002's own terms are 45 days.
        ("AV-2001", "credit_note", "2026-09-01", "2026-10-16", -10000, -10000, "EUR", 0, 0, 0, 0),
        ("F-1001", "invoice", "2026-09-01", "2026-10-01", 120000, 120000, "EUR", 1, 1, 1, 0),
        # F-1002: C001's terms, 30 days after 15/10.
        ("F-1002", "invoice", "2026-10-15", "2026-11-14", 60000, 20000, "EUR", 0, 0, 0, 0),
        ("F-2001", "invoice", "2026-08-01", "2026-08-31", 240000, 240000, "EUR", 1, 0, 1, 1),
        # F-3001: C003 has no terms: the default 30 days.
        ("F-3001", "invoice", "2026-11-05", "2026-12-05", 8450, 8450, "EUR", 1, 0, 0, 0),
    ]


def test_payments_with_english_amounts(store, now):
    import_csv(store, "clients", FIXTURES / "csv_clients.csv", now=now, config=SETTINGS)
    report = import_csv(store, "payments", FIXTURES / "csv_payments.csv", now=now, config=SETTINGS)
    assert report.payments == 3
    assert rows(store, "SELECT debtor_code, reference, paid_on, amount_cents FROM payments") == [
        ("C001", "VIR-77", "2026-10-20", 100000),
        ("C001", "CHQ-12", "2026-10-20", 40000),
        ("C002", "VIR-88", "2026-11-02", 25000),
    ]


def test_every_kind_twice_gives_the_same_database(store, now):
    load_all(store, now)
    tables = ("debtors", "contacts", "invoices", "payments")
    first = {t: rows(store, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}  # noqa: S608
    load_all(store, now)
    assert {t: rows(store, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables} == first  # noqa: S608


def test_map_renames_columns_and_absent_columns_keep_their_values(store, now):
    import_csv(store, "clients", FIXTURES / "csv_clients.csv", now=now, config=SETTINGS)
    mapping = {
        "N° client": "code",
        "Raison sociale": "name",
        "Délai de paiement": "payment_terms_days",
        "chargé de recouvrement": "collector",  # case and accents do not matter
    }
    report = import_csv(store, "clients", FIXTURES / "csv_clients_mapped.csv", now=now,
                        mapping=mapping, config=SETTINGS)  # fmt: skip
    assert report.encoding == "cp1252"
    assert rows(
        store,
        "SELECT code, name, segment, collector, credit_hold, payment_terms_days, tags"
        " FROM debtors WHERE code IN ('C001', 'C004') ORDER BY code",
    ) == [
        # segment, credit hold and tags are not in the file: kept.
        ("C001", "Boulangerie Dupont et Fils", "standard", "carol", 0, 60, "bakery,north"),
        ("C004", "Plâtrerie Lefèvre", "standard", None, 0, None, ""),
    ]


def test_map_errors_name_the_column(store, now):
    with pytest.raises(BadInput, match=r"csv_clients_mapped.csv:1: Numéro: no such column"):
        import_csv(store, "clients", FIXTURES / "csv_clients_mapped.csv", now=now,
                   mapping={"Numéro": "code"}, config=SETTINGS)  # fmt: skip
    with pytest.raises(BadInput, match=r":1: siret: not a clients column"):
        import_csv(store, "clients", FIXTURES / "csv_clients_mapped.csv", now=now,
                   mapping={"N° client": "siret"}, config=SETTINGS)  # fmt: skip
    with pytest.raises(BadInput, match=r"csv_clients_mapped.csv:1: code: missing column"):
        import_csv(store, "clients", FIXTURES / "csv_clients_mapped.csv", now=now, config=SETTINGS)


def test_a_bad_row_names_file_line_and_field_and_writes_nothing(store, now):
    load_all(store, now)
    before = rows(store, "SELECT * FROM invoices ORDER BY id")
    with pytest.raises(BadInput) as caught:
        import_csv(store, "invoices", FIXTURES / "csv_invoices_bad.csv", now=now, config=SETTINGS)
    assert str(caught.value) == (
        "csv_invoices_bad.csv:3: client_code: unknown client 'C999': import the clients file first"
    )
    assert rows(store, "SELECT * FROM invoices ORDER BY id") == before


def test_skip_bad_keeps_the_good_rows_and_lists_the_others(store, now, tmp_path):
    load_all(store, now)
    rejects = tmp_path / "rejects.csv"
    report = import_csv(store, "invoices", FIXTURES / "csv_invoices_bad.csv", now=now,
                        skip_bad=True, rejects_path=rejects, config=SETTINGS)  # fmt: skip
    assert report.rejects == 4
    new = rows(store, "SELECT number, open_cents FROM invoices WHERE number IN"
                      " ('F-1003', 'F-2003', 'F-9001', 'F-1004', 'F-1005', 'F-2002')")  # fmt: skip
    assert sorted(new) == [("F-1003", 30000), ("F-2003", 25000)]
    assert rejects.read_text(encoding="utf-8").splitlines() == [
        "client_code;number;issue_date;due_date;amount;open_amount;Motif",
        "C999;F-9001;01/11/2026;;100,00;100,00;line 3: client_code: unknown client 'C999':"
        " import the clients file first",
        "C001;F-1004;31/11/2026;;100,00;100,00;line 4: issue_date: no such date: '31/11/2026'",
        "C001;F-1005;02/11/2026;;12,3,4;;line 5: amount: not an amount: '12,3,4'",
        "C002;F-2002;03/11/2026;;500,00;600,00;line 6: open_amount: the open amount must lie"
        " between 0 and the amount",
    ]


def test_unknown_client_in_contacts_and_payments(store, now, tmp_path):
    for kind, header, row in (
        ("contacts", "client_code,name", "C404,Someone"),
        ("payments", "client_code,reference,date,amount", "C404,R1,2026-11-01,10"),
    ):
        path = tmp_path / f"{kind}.csv"
        path.write_text(f"{header}\n{row}\n")
        with pytest.raises(BadInput, match=r":2: client_code: unknown client 'C404'"):
            import_csv(store, kind, path, now=now, config=SETTINGS)


def test_duplicate_keys_in_one_file_are_refused(store, now, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text("code,name\nA1,First\nA1,Second\n")
    with pytest.raises(BadInput, match=r"clients.csv:3: code: client 'A1' already given on line 2"):
        import_csv(store, "clients", path, now=now, config=SETTINGS)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("A1,Name,Mars/Olympus,,", "timezone: unknown time zone"),
        ("A1,Name,,peut-être,", "credit_hold: not a yes/no value"),
        ("A1,Name,,,400", "payment_terms_days: must be between 0 and 365"),
        (",Name,,,", "code: empty, but required"),
    ],
)
def test_client_cells_are_checked(store, now, tmp_path, row, message):
    path = tmp_path / "clients.csv"
    path.write_text(f"code,name,timezone,credit_hold,payment_terms_days\n{row}\n")
    with pytest.raises(BadInput, match=f"clients.csv:2: {message}"):
        import_csv(store, "clients", path, now=now, config=SETTINGS)


def test_control_characters_are_dropped_from_names(store, now, tmp_path):
    path = tmp_path / "clients.csv"
    path.write_text('code,name\nA1,"Evil\x1b[31m Corp\x07"\n', encoding="utf-8")
    import_csv(store, "clients", path, now=now, config=SETTINGS)
    assert rows(store, "SELECT name FROM debtors") == [("Evil Corp",)]


def test_unknown_kind(store, now):
    with pytest.raises(ValueError, match="unknown kind of CSV 'debtors'"):
        import_csv(store, "debtors", FIXTURES / "csv_clients.csv", now=now, config=SETTINGS)


def test_an_import_settles_promises_and_rescores_the_queue(store, now, tmp_path):
    import_csv(store, "clients", FIXTURES / "csv_clients.csv", now=now, config=SETTINGS)
    import_csv(store, "invoices", FIXTURES / "csv_invoices.csv", now=now, config=SETTINGS)
    # C001: F-1001 (1 200, due 01/10) and F-1002 (200 open, due 14/11) are overdue.
    assert rows(
        store, "SELECT state, overdue_cents FROM queue_state WHERE debtor_code = 'C001'"
    ) == [("due", 140000)]
    log_outcome(store, "C001", Outcome.PROMISE, collector="alice", now=now,
                promise_date=date(2026, 11, 27), amount_cents=140000, config=SETTINGS)  # fmt: skip
    paid = tmp_path / "payments.csv"
    paid.write_text('client_code,reference,date,amount\nC001,VIR-99,24/11/2026,"1 400,00"\n')
    import_csv(store, "payments", paid, now=now, config=SETTINGS)
    assert rows(store, "SELECT status, paid_cents FROM promises") == [("kept", 140000)]


def test_a_file_the_csv_module_cannot_read_is_refused_with_its_name(store, now, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_text("code,name\nA1,First\nA2," + "x" * 200_000 + "\n")
    with pytest.raises(BadInput, match=r"photo.csv:3: not a readable CSV file \(field larger"):
        import_csv(store, "clients", path, now=now, config=SETTINGS)

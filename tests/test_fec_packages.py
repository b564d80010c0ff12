"""Small FEC files written the way each package writes them, and re-imports that keep identity.

The files in fixtures/fec-packages/ are hand-written from what each package
is documented to do (see the README's table); the amounts are round so
the expected open amounts can be read off the file.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from builtin_settings import SETTINGS
from ledger_builders import debtor_names, dossier, payment_rows, stored_invoice
from sqlfile import raw_row, raw_rows, raw_write

from callcenter.cli import main
from callcenter.service.imports import import_fec, read_fec

PACKAGES = Path(__file__).resolve().parent.parent / "fixtures" / "fec-packages"


def ledger(store) -> dict[str, dict[str, tuple[str, int, int]]]:
    """customer -> invoice number -> (kind, amount, open), as the database holds them.

    Every row, closed ones too, with its kind (a column no domain object carries): the
    table itself, where an import's identity rules show."""
    result: dict[str, dict[str, tuple[str, int, int]]] = {}
    rows = raw_rows(
        store, "SELECT debtor_code, number, kind, amount_cents, open_cents FROM invoices"
    )
    for code, number, kind, amount, open_cents in rows:
        result.setdefault(code, {})[number] = (kind, amount, open_cents)
    return result


def test_odoo_dash_references_reversal_and_payment_memo(store, now):
    import_fec(store, PACKAGES / "odoo_style.txt", now=now, config=SETTINGS)
    # PieceRef "-" everywhere: three invoices named by their moves, not one invoice "-".
    # The reversal quotes INV/2026/00011 and the payment memo INV/2026/00012: each settles
    # the invoice it names, so the oldest, INV/2026/00010, stays open in full.
    assert ledger(store) == {
        "8": {
            "INV/2026/00010": ("invoice", 120000, 120000),
            "INV/2026/00011": ("invoice", 60000, 0),
            "INV/2026/00012": ("invoice", 30000, 0),
            "RINV/2026/00001": ("credit_note", -60000, 0),
        }
    }
    assert debtor_names(store) == {"8": "Atelier Odoo"}
    # The bank line is a payment (its entry has no sales line), dated the day it was posted,
    # and the dossier is told which invoice it paid.
    assert payment_rows(store) == [("8", "BNK1-BNK1/2026/00005 -", "2026-10-05", 30000)]
    paid = [p.invoice_number for p in dossier(store, "8").payments]
    assert paid == ["INV/2026/00012"]


def test_dolibarr_transfer_dates_bank_labels_and_due_dates(store, now):
    import_fec(store, PACKAGES / "dolibarr_style.txt", now=now, config=SETTINGS)
    # "BankId 156 - Invoice FA2610-0048" pays FA2610-0048, not the older FA2610-0047.
    assert ledger(store) == {
        "CU0047": {
            "FA2610-0047": ("invoice", 50000, 50000),
            "FA2610-0048": ("invoice", 80000, 0),
        }
    }
    dates = [
        (number, invoice.issue_date, invoice.due_date)
        for number in ("FA2610-0047", "FA2610-0048")
        for invoice in [stored_invoice(store, "CU0047", number)]
    ]
    # PieceDate (20 November, the transfer to accounting) is later than the entry: the
    # entry's date is the issue date. DateLimitReglmt gives 0047's due date; 0048 has none
    # (issue + 30 days).
    assert dates == [
        ("FA2610-0047", date(2026, 10, 1), date(2026, 10, 31)),
        ("FA2610-0048", date(2026, 10, 5), date(2026, 11, 4)),
    ]
    assert payment_rows(store) == [("CU0047", "BQ-40 156", "2026-10-25", 80000)]


def test_a_due_date_column_can_be_named_with_map(store, now, tmp_path):
    text = (PACKAGES / "dolibarr_style.txt").read_text().replace("DateLimitReglmt", "Echeance")
    path = tmp_path / "renamed.txt"
    path.write_text(text)
    import_fec(store, path, now=now, mapping={"Echeance": "due_date"}, config=SETTINGS)
    assert stored_invoice(store, "CU0047", "FA2610-0047").due_date == date(2026, 10, 31)
    with pytest.raises(ValueError, match="'Nope' is not a FEC column"):
        import_fec(store, path, now=now, mapping={"Echeance": "Nope"}, config=SETTINGS)


def test_erpnext_payment_sharing_the_invoice_journal_and_number(store, now):
    import_fec(store, PACKAGES / "erpnext_style.txt", now=now, config=SETTINGS)
    # ACC 5 on 5 September is the invoice, ACC 5 on 1 October the payment: two entries.
    # The payment is not a credit note and settles invoice 5, its own number.
    assert ledger(store) == {
        "CUST-0001": {
            "ACC-SINV-2026-00004": ("invoice", 40000, 40000),
            "ACC-SINV-2026-00005": ("invoice", 100000, 0),
        }
    }
    assert payment_rows(store) == [("CUST-0001", "ACC-5 ACC-PAY-2026-00002", "2026-10-01", 100000)]


def test_batch_entry_with_one_document_number(store, now):
    import_fec(store, PACKAGES / "batch_style.txt", now=now, config=SETTINGS)
    # LOT-2026-10 names three invoices of one entry: none is numbered by it. Garage Lot has
    # two labels in entry 100, so two invoices named after the entry; the payment quoting
    # "facture 10029" settles the second. Ferme Lot's two lines (split due dates) are one.
    assert ledger(store) == {
        "C10": {
            "(VT 100 2026-10-31)": ("invoice", 30000, 30000),
            "(VT 100 2026-10-31) #2": ("invoice", 20000, 0),
        },
        "C20": {"100": ("invoice", 15000, 15000)},
        "C30": {"F-10031": ("invoice", 50000, 50000)},
    }


def test_latin9_without_a_euro_sign(store, now):
    report = import_fec(store, PACKAGES / "latin9_style.txt", now=now, config=SETTINGS)
    assert report.encoding == "iso-8859-15"
    assert debtor_names(store) == {"411OEUVRE": "Œuvres du cœur Štefan Žižek Ÿves"}
    assert ledger(store) == {"411OEUVRE": {"FV-1": ("invoice", 10000, 10000)}}


def test_tryton_backslash_escapes(store, now):
    import_fec(store, PACKAGES / "tryton_style.txt", now=now, config=SETTINGS)
    assert debtor_names(store) == {"7": 'Les "Bons" Outils \\ Fils'}
    # PieceRef "-": the invoice is named by its entry number.
    assert ledger(store) == {"7": {"1": ("invoice", 24000, 24000)}}


def test_oracle_opening_balance_without_customer_is_unallocated(store, now):
    report = import_fec(store, PACKAGES / "oracle_style.txt", now=now, config=SETTINGS)
    # The collective 411000 tells customers apart by CompAuxNum: its lines without one (the
    # aggregated opening balance, an unidentified receipt) belong to nobody.
    assert debtor_names(store) == {"1001": "Société Oracle"}
    assert ledger(store) == {"1001": {"AR-1001-7": ("invoice", 70000, 70000)}}
    assert (report.unallocated_cents, report.unallocated_lines) == (470000, (2, 6))
    assert report.balance_cents == 70000
    queued = [c for c in store.queue.debtor_codes() if store.queue.entry(c)]
    assert queued == ["1001"]


def test_unallocated_lines_in_the_cli_summary_and_json(db_path, capsys, monkeypatch):
    monkeypatch.setenv("CALLCENTER_NOW", "2026-11-24T09:00:00+00:00")
    monkeypatch.setenv("COLUMNS", "120")
    argv = ["--db", str(db_path), "--lang", "en", "import", "fec"]
    path = str(PACKAGES / "oracle_style.txt")
    assert main([*argv, path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unallocated"] == {"amount": 4700.0, "cents": 470000, "lines": [2, 6]}
    assert main([*argv, path, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "unallocated (no customer named)" in out and "(lines 2, 6)" in out


def test_a_file_numbering_no_entry_makes_every_debit_line_an_invoice(tmp_path):
    head, *body = (PACKAGES / "batch_style.txt").read_text().splitlines()
    zeroed = ["\t".join([*cells[:2], "0", *cells[3:]]) for cells in (b.split("\t") for b in body)]
    path = tmp_path / "zero.txt"
    path.write_text("\n".join([head, *zeroed]) + "\n")
    fec = read_fec(path)
    # Ferme Lot's two lines are now two invoices; the payment still quotes facture 10029.
    assert {(i.debtor_code, i.number): i.open_cents for i in fec.invoices} == {
        ("C10", "(VT 2026-10-31)"): 30000,
        ("C10", "(VT 2026-10-31) #2"): 0,
        ("C20", "(VT 2026-10-31)"): 15000,
        ("C30", "(VT 2026-10-31)"): 25000,
        ("C30", "(VT 2026-10-31) #2"): 25000,
    }


# -- identity across imports ---------------------------------------------------------


def test_a_database_imported_with_the_reference_rule_keeps_its_rows(store, now):
    """Before entries told invoices apart, Odoo's three invoices were one row numbered "-"."""
    raw_write(
        store,
        "INSERT INTO debtors (code, name, updated_at) VALUES ('8', 'Atelier Odoo', '2026-10-06')",
    )
    raw_write(
        store,
        "INSERT INTO invoices (debtor_code, number, kind, issue_date, due_date, amount_cents,"
        " open_cents) VALUES ('8', '-', 'invoice', '2026-09-01', '2026-10-01', 210000, 120000),"
        " ('8', '--AV', 'credit_note', '2026-10-01', '2026-10-01', -60000, 0)",
    )
    # Which row each invoice lands in (its id) is the table's own fact, read there.
    old = dict(raw_rows(store, "SELECT number, id FROM invoices"))
    import_fec(store, PACKAGES / "odoo_style.txt", now=now, config=SETTINGS)
    rows = dict(raw_rows(store, "SELECT number, id FROM invoices"))
    # The oldest invoice takes the old row (calls, disputes and notes point at its id);
    # the credit note takes its own; the two other invoices are new rows. No duplicates.
    assert rows["INV/2026/00010"] == old["-"]
    assert rows["RINV/2026/00001"] == old["--AV"]
    assert sorted(rows) == ["INV/2026/00010", "INV/2026/00011", "INV/2026/00012", "RINV/2026/00001"]
    again = import_fec(store, PACKAGES / "odoo_style.txt", now=now, config=SETTINGS)
    assert dict(raw_rows(store, "SELECT number, id FROM invoices")) == rows
    assert again.closed == 0


def test_a_later_export_finds_each_invoice_by_its_entry(store, now, tmp_path):
    head = (PACKAGES / "erpnext_style.txt").read_text().splitlines()[0]

    def sale(num: str, day: str, ref: str, amount: str) -> list[str]:
        cells = ["VT", "Ventes", num, day, "411X", "Client X", "", "", ref, day, "Facture",
                 amount, "0,00", "", "", day, "", ""]  # fmt: skip
        other = cells[:4] + ["706000", "Ventes", "", "", ref, day, "Facture", "0,00", amount]
        return ["\t".join(cells), "\t".join(other + ["", "", day, "", ""])]

    first = tmp_path / "first.txt"
    first.write_text("\n".join([head, *sale("1", "20261001", "F-1", "100,00")]) + "\n")
    import_fec(store, first, now=now, config=SETTINGS)
    (row_id,) = raw_row(store, "SELECT id FROM invoices WHERE number = 'F-1'")
    # The next export has a second entry with the same PieceRef: "F-1" names two invoices
    # now, so both are named by entry number, and the first keeps its row.
    later = tmp_path / "later.txt"
    lines = [head, *sale("1", "20261001", "F-1", "100,00"), *sale("2", "20261015", "F-1", "50,00")]
    later.write_text("\n".join(lines) + "\n")
    report = import_fec(store, later, now=now, config=SETTINGS)
    rows = raw_rows(store, "SELECT id, number, open_cents FROM invoices ORDER BY id")
    assert rows == [(row_id, "1", 10000), (row_id + 1, "2", 5000)]
    assert report.closed == 0


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("Œuvres du cœur", "iso-8859-15", "iso-8859-15"),
        ("Œuvres du cœur", "cp1252", "cp1252"),  # œ is 0x9C: Windows-1252
        ("Café Élysée", "latin-1", "cp1252"),  # nothing tells them apart: read alike
        ("Prix 12 €", "iso-8859-15", "iso-8859-15"),
    ],
)
def test_eight_bit_encodings_are_told_apart(tmp_path, text, encoding, expected):
    from callcenter.importers.common import detect_encoding

    path = tmp_path / "names.txt"
    path.write_bytes(f"JournalCode;CompAuxLib\nVT;{text}\n".encode(encoding))
    assert detect_encoding(path) == expected
    assert path.read_bytes().decode(expected).splitlines()[1] == f"VT;{text}"


def test_errors_name_the_line_as_the_file_counts_them_with_cr_cr_lf(store, now, tmp_path):
    from callcenter.importers.errors import BadInput

    lines = (PACKAGES / "erpnext_style.txt").read_text().splitlines()
    lines[3] = lines[3].replace("1000,00", "10,0,0")
    path = tmp_path / "crcrlf.txt"
    path.write_bytes("".join(f"{line}\r\r\n" for line in lines).encode("utf-8"))
    with pytest.raises(BadInput) as caught:
        import_fec(store, path, now=now, config=SETTINGS)
    assert caught.value.line == 4  # not 7, as universal newlines would count


def test_invoices_may_take_each_others_numbers_in_a_later_export(store, now, tmp_path):
    head = (PACKAGES / "erpnext_style.txt").read_text().splitlines()[0]

    def sale(num: str, day: str, ref: str) -> list[str]:
        cells = ["VT", "Ventes", num, day, "411Y", "Client Y", "", "", ref, day, "Facture",
                 "10,00", "0,00", "", "", day, "", ""]  # fmt: skip
        other = [*cells[:4], "706000", *cells[5:11], "0,00", "10,00", *cells[13:]]
        return ["\t".join(cells), "\t".join(other)]

    first = tmp_path / "first.txt"
    first.write_text("\n".join([head, *sale("1", "20261001", "2"), *sale("2", "20261002", "1")]))
    import_fec(store, first, now=now, config=SETTINGS)
    ids = dict(raw_rows(store, "SELECT number, id FROM invoices"))
    # Entry 3 now shares PieceRef "2" with entry 1: entry 1 is named by its number, "1",
    # the number entry 2 held (its PieceRef), which becomes "1 #2". Rows stay the same.
    later = tmp_path / "later.txt"
    body = [*sale("1", "20261001", "2"), *sale("2", "20261002", "1"), *sale("3", "20261003", "2")]
    later.write_text("\n".join([head, *body]))
    import_fec(store, later, now=now, config=SETTINGS)
    rows = dict(raw_rows(store, "SELECT id, number FROM invoices"))
    assert rows == {ids["2"]: "1", ids["1"]: "1 #2", max(ids.values()) + 1: "3"}

"""Exports for people: an xlsx workbook with typed cells, and CSV that French Excel reads."""

from __future__ import annotations

import csv
import io
import os
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
from sqlfile import raw_write
from supervisor_ledger import build

from callcenter.cli import main
from callcenter.domain.models import Debtor
from callcenter.store.statements import ledger


@pytest.fixture
def cli(store, db_path, now, monkeypatch, capsys, login):
    build(store, now)
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())

    def run(*argv: str) -> tuple[int, str, str]:
        login("sam")
        try:
            code = main(["--db", str(db_path), *argv])
        except SystemExit as exc:
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_xlsx_holds_numbers_dates_and_french_headers(cli, tmp_path):
    target = tmp_path / "promesses.xlsx"
    code, _, err = cli("--lang", "fr", "export", "promises", "--since", "01/11/2026",
                       "--format", "xlsx", "-o", str(target))  # fmt: skip
    assert code == 0, err
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["Promesses"]
    sheet = book["Promesses"]
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["N°", "Créée le", "Code débiteur"]
    first = {title: cell for title, cell in zip(header, sheet[2], strict=True)}
    # 01/11 10:00 UTC is 11:00 in Paris; the amount is a number in euros, formatted as such.
    assert first["Créée le"].value == datetime(2026, 11, 1, 11, 0)
    assert first["Créée le"].is_date
    assert first["Montant promis"].value == 200 and first["Montant promis"].data_type == "n"
    assert "€" in first["Montant promis"].number_format
    assert isinstance(first["Date promise"].value, datetime) and first["Date promise"].is_date
    assert first["Statut"].value == "tenue"
    assert sheet.max_row == 1 + 6


def test_xlsx_headers_follow_english_and_text_is_never_a_formula(cli, store, now, tmp_path):
    with store.transaction():
        ledger.upsert_debtors(store, [Debtor("X", '=HYPERLINK("http://evil")')], now)
        raw_write(
            store,
            "INSERT INTO calls (debtor_code, collector, started_at, outcome, note)"
            " VALUES ('X', 'sam', '2026-11-24T09:00:00+00:00', 'busy', '=1+1')",
        )
    target = tmp_path / "calls.xlsx"
    code, _, _ = cli("--lang", "en", "export", "calls", "--format", "xlsx", "-o", str(target))
    assert code == 0
    sheet = openpyxl.load_workbook(target)["Calls"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["No.", "Call started", "Debtor code", "Debtor"]
    last = {title: cell for title, cell in zip(header, sheet[sheet.max_row], strict=True)}
    assert last["Debtor"].value == '=HYPERLINK("http://evil")' and last["Debtor"].data_type == "s"
    assert last["Note"].data_type == "s" and last["Outcome"].value == "busy"
    assert last["Call started"].value == datetime(2026, 11, 24, 10, 0)


def test_xlsx_needs_a_file_and_gets_the_database_mode(cli, db_path, tmp_path):
    code, _, err = cli("--lang", "fr", "export", "queue", "--format", "xlsx")
    assert code == 2 and "--output" in err
    os.chmod(db_path, 0o660)
    target = tmp_path / "queue.xlsx"
    assert cli("export", "queue", "--format", "xlsx", "-o", str(target))[0] == 0
    assert target.stat().st_mode & 0o777 == 0o660


def test_excel_csv_reads_back_with_semicolons_and_decimal_commas(cli, tmp_path):
    target = tmp_path / "promesses.csv"
    code, _, _ = cli("--lang", "fr", "export", "promises", "--since", "01/11/2026",
                     "--excel", "-o", str(target))  # fmt: skip
    assert code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 6
    first = rows[0]
    assert first["Montant promis"] == "200,00"
    assert Decimal(first["Montant promis"].replace(",", ".")) == Decimal("200.00")
    assert first["Créée le"] == "01/11/2026 11:00"  # office time, not UTC
    assert datetime.strptime(first["Créée le"], "%d/%m/%Y %H:%M").date() == date(2026, 11, 1)
    assert first["Statut"] == "tenue"


def test_the_machine_csv_is_unchanged(cli):
    code, out, _ = cli("export", "promises", "--since", "01/11/2026")
    assert code == 0
    assert out.splitlines()[0].startswith("id,created_at,debtor_code")
    assert "2026-11-01T10:00:00+00:00" in out and ",200.00" in out

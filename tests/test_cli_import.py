"""The ``callcenter import`` command: options, summary, JSON, errors and exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from ledger_builders import debtor_names, stored_invoice
from sqlfile import raw_rows, raw_value

from callcenter.cli import main
from callcenter.cli.common import UsageError
from callcenter.cli.imports import parse_map
from callcenter.store import open_database

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setenv("CALLCENTER_NOW", "2026-11-24T09:00:00+00:00")
    monkeypatch.setenv("COLUMNS", "120")


def run(db_path, *argv) -> int:
    try:
        return main(["--db", str(db_path), "--lang", "en", *argv])
    except SystemExit as exc:
        return exc.code


def open_amounts(db_path) -> dict[str, int]:
    store = open_database(db_path)
    try:
        rows = raw_rows(store, "SELECT number, open_cents FROM invoices")
    finally:
        store.close()
    return dict(rows)


def test_import_fec_prints_the_summary(db_path, capsys):
    assert run(db_path, "import", "fec", str(FIXTURES / "fec_tab_utf8.txt")) == 0
    out = capsys.readouterr().out
    assert "Imported fec_tab_utf8.txt" in out
    assert "customers" in out and "€2,360.00" in out
    assert open_amounts(db_path)["FA-130"] == 36000


def test_import_fec_json_and_terms(db_path, capsys):
    assert run(db_path, "import", "fec", str(FIXTURES / "fec_lettering.txt"), "--json",
               "--terms", "60") == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["customers"] == 3 and data["balance_cents"] == 75000 and data["balance"] == 750.0
    store = open_database(db_path)
    due = stored_invoice(store, "411BERNARD", "FA-203").due_date
    store.close()
    assert due == date(2026, 10, 31)  # 01/09 + 60 days


def test_bad_file_fails_with_the_location_and_writes_nothing(db_path, capsys):
    assert run(db_path, "import", "fec", str(FIXTURES / "fec_bad_amount.txt")) == 2
    err = capsys.readouterr().err
    assert "fec_bad_amount.txt:5: Debit: not an amount: '12,3,4'" in err
    assert "nothing was imported" in err
    assert open_amounts(db_path) == {}


def test_skip_bad_writes_the_rejects_file(db_path, tmp_path, capsys):
    rejects = tmp_path / "out" / "rej.txt"
    rejects.parent.mkdir()
    code = run(db_path, "import", "fec", str(FIXTURES / "fec_unbalanced.txt"), "--skip-bad",
               "--rejects", str(rejects))  # fmt: skip
    assert code == 0
    assert "rejected lines" in capsys.readouterr().out
    lines = rejects.read_text().splitlines()
    assert len(lines) == 4 and "does not balance" in lines[1]
    assert "FA-115" not in open_amounts(db_path)


def test_skip_bad_default_rejects_file_lands_in_the_current_directory(
    db_path, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    assert run(db_path, "import", "fec", str(FIXTURES / "fec_truncated.txt"), "--skip-bad") == 0
    written = (tmp_path / "fec_truncated.rejects.txt").read_text().splitlines()
    # The cut line 9 is rejected, and so is entry BQ 3, whose bank line was lost with it.
    assert len(written) == 3
    assert written[1].endswith("line 8: EcritureNum: entry 3 of journal BQ does not balance:"
                               " credits exceed debits by €1,200.00")  # fmt: skip
    assert (
        written[2] == "VT\tVentes\t4\t20260915\t411MARTIN\tGarage Mar\tline 9: short row:"
        " 6 of 18 cells, 12 missing"
    )


def test_rejects_without_skip_bad_is_a_usage_error(db_path, capsys):
    code = run(db_path, "import", "fec", str(FIXTURES / "fec_tab_utf8.txt"), "--rejects", "x")
    assert code == 2
    assert "--rejects only makes sense with --skip-bad" in capsys.readouterr().err


def test_missing_file(db_path, capsys):
    assert run(db_path, "import", "fec", "nowhere.txt") == 2
    assert "nowhere.txt: no such file" in capsys.readouterr().err


def test_import_csv_all_kinds_with_map(db_path, capsys):
    for kind in ("clients", "contacts", "invoices", "payments"):
        assert run(db_path, "import", "csv", kind, str(FIXTURES / f"csv_{kind}.csv")) == 0
    capsys.readouterr()
    code = run(db_path, "import", "csv", "clients", str(FIXTURES / "csv_clients_mapped.csv"),
               "--map", "N° client=code,Raison sociale=name", "--json")  # fmt: skip
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["kind"], data["customers"], data["encoding"]) == ("csv:clients", 2, "cp1252")
    store = open_database(db_path)
    names = debtor_names(store)
    store.close()
    assert names["C001"] == "Boulangerie Dupont et Fils" and names["C004"] == "Plâtrerie Lefèvre"
    assert open_amounts(db_path)["F-1002"] == 20000


def test_import_csv_unknown_client_fails(db_path, capsys):
    assert run(db_path, "import", "csv", "payments", str(FIXTURES / "csv_payments.csv")) == 2
    assert "csv_payments.csv:2: client_code: unknown client 'C001'" in capsys.readouterr().err


def test_parse_map():
    assert parse_map(["Raison sociale=name,N° client=code", "Tél=phone"]) == {
        "Raison sociale": "name",
        "N° client": "code",
        "Tél": "phone",
    }
    with pytest.raises(UsageError, match="SOURCE=COLUMN"):
        parse_map(["name"])


def test_dry_run_reports_without_writing(db_path, capsys):
    assert run(db_path, "import", "fec", str(FIXTURES / "fec_tab_utf8.txt")) == 0
    capsys.readouterr()
    assert run(db_path, "import", "fec", str(FIXTURES / "fec_later.txt"), "--dry-run",
               "--json") == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    # Leroy's FA-130 would be closed; nothing is written yet.
    assert (data["dry_run"], data["closed"], data["balance_cents"]) == (True, 1, 152000)
    assert open_amounts(db_path)["FA-130"] == 36000
    assert run(db_path, "import", "csv", "clients", str(FIXTURES / "csv_clients.csv"),
               "--dry-run") == 0  # fmt: skip
    assert "dry run: nothing written" in " ".join(capsys.readouterr().out.split())
    store = open_database(db_path)
    imports = raw_value(store, "SELECT COUNT(*) FROM imports")
    codes = store.ledger.known_debtor_codes()
    store.close()
    assert imports == 1 and "C001" not in codes

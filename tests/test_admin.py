"""``backup`` and ``check``: a private, sound copy taken while others write; every rule bites."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import date, timedelta

import pytest
from ledger_builders import add_debtor, late
from sqlfile import raw_insert, raw_value, raw_write

from callcenter.cli import main
from callcenter.domain.models import Contact, Debtor, Invoice
from callcenter.output_files import OutputRefused
from callcenter.service import admin
from callcenter.store import open_database
from callcenter.store.codec import instant_to_db
from callcenter.store.statements import ledger


def _seed(store, now, debtors: int = 3) -> None:
    with store.transaction():
        ledger.upsert_debtors(
            store, [Debtor(code=f"C{n}", name=f"Client {n}") for n in range(debtors)], now
        )
        ledger.upsert_contacts(store, [Contact("C0", "Mme Martin", phone="0102030405")])
        ledger.upsert_invoices(
            store,
            [
                Invoice(f"C{n}", "F1", date(2026, 9, 1), date(2026, 10, 1), 10_000, 10_000)
                for n in range(debtors)
            ],
        )


def _insert_call(store, now, code="C0", **extra) -> int:
    columns = {
        "debtor_code": code,
        "collector": "alice",
        "started_at": instant_to_db(now),
        "outcome": "no_answer",
        **extra,
    }
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    with store.transaction():
        return raw_insert(
            store,
            f"INSERT INTO calls ({names}) VALUES ({marks})",  # noqa: S608 (the test's columns)
            tuple(columns.values()),
        )


def _names(report) -> set[str]:
    return {f.name for f in report.findings}


def test_clean_database_checks_ok(store, now):
    _seed(store, now)
    _insert_call(store, now)
    report = admin.check(store, now=now)
    assert report.ok and report.findings == ()
    assert report.counts["debtors"] == 3
    assert report.schema_version == report.expected_version


def test_orphans_written_without_foreign_keys_are_found(store, now):
    _seed(store, now)
    raw_write(store, "PRAGMA foreign_keys = OFF")  # what a careless external tool does
    call = _insert_call(store, now, code="GHOST", contact_id=999)
    with store.transaction():
        raw_write(
            store,
            "INSERT INTO promises (debtor_code, call_id, created_at, promised_on, amount_cents)"
            " VALUES ('GHOST', ?, ?, '2026-12-01', 500)",
            (call, instant_to_db(now)),
        )
        raw_write(
            store,
            "INSERT INTO disputes (id, debtor_code, reason, opened_at) VALUES (7, 'C1', 'x', ?)",
            (instant_to_db(now),),
        )
        raw_write(store, "INSERT INTO dispute_invoices VALUES (7, 4242)")
    raw_write(store, "PRAGMA foreign_keys = ON")
    report = admin.check(store, now=now)
    assert not report.ok
    names = _names(report)
    assert {
        "calls_unknown_debtor",
        "calls_unknown_contact",
        "promises_unknown_debtor",
        "dispute_invoices_missing",
    } <= names
    assert any(n.startswith("foreign_key_calls") for n in names)
    bad_call = next(f for f in report.findings if f.name == "calls_unknown_debtor")
    assert bad_call.count == 1 and bad_call.examples == (str(call),)


def test_undo_of_another_debtors_call_is_an_error(store, now):
    _seed(store, now)
    first = _insert_call(store, now, code="C0")
    _insert_call(store, now, code="C1", outcome="undo", undoes=first)
    assert "undo_mismatch" in _names(admin.check(store, now=now))


def test_claims_stale_is_a_warning_never_expiring_is_an_error(store, now):
    _seed(store, now, debtors=4)
    with store.transaction():
        # raw: claims as a crashed or hand-edited session leaves them (no port writes these)
        store.conn.executemany(
            "INSERT INTO queue_state (debtor_code, claimed_by, claim_expires_at) VALUES (?, ?, ?)",
            [
                ("C0", "alice", instant_to_db(now - timedelta(minutes=10))),
                ("C1", "bob", None),
                ("C2", "carol", instant_to_db(now + timedelta(days=3))),
            ],
        )
        raw_write(store, "INSERT INTO queue_state (debtor_code, claim_session) VALUES ('C3', 'w1')")
    report = admin.check(store, now=now)
    by_name = {f.name: f for f in report.findings}
    assert by_name["stale_claims"].severity == "warning"
    assert by_name["stale_claims"].examples == ("C0",)
    assert by_name["claims_without_expiry"].examples == ("C1",)
    assert by_name["claims_too_long"].examples == ("C2",)
    assert by_name["claim_leftovers"].examples == ("C3",)
    assert by_name["claim_leftovers"].severity == "warning"
    assert not report.ok


def test_meta_version_disagreeing_with_header_is_reported(store, now):
    with store.transaction():
        raw_write(store, "UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    assert "schema_version_meta" in _names(admin.check(store, now=now))


def test_backup_has_the_database_mode_is_complete_and_refuses_to_overwrite(store, now, tmp_path):
    _seed(store, now, debtors=50)
    target = tmp_path / "copy.db"
    report = admin.backup(store, target)
    assert report.integrity == "ok" and report.bytes == target.stat().st_size
    assert target.stat().st_mode & 0o777 == store.path.stat().st_mode & 0o777 == 0o660
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT count(*) FROM debtors").fetchone()[0] == 50
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    copy.close()
    with pytest.raises(OutputRefused, match="already exists; add --force"):
        admin.backup(store, target)
    _seed(store, now, debtors=60)
    admin.backup(store, target, force=True)
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT count(*) FROM debtors").fetchone()[0] == 60
    copy.close()
    assert [p.name for p in tmp_path.iterdir() if "partial" in p.name] == []


def test_backup_refuses_the_live_file_and_missing_folders(store, db_path, tmp_path):
    with pytest.raises(OutputRefused, match="live database"):
        admin.backup(store, db_path, force=True)
    with pytest.raises(OutputRefused, match="live database"):
        admin.backup(store, db_path.with_name(db_path.name + "-wal"), force=True)
    with pytest.raises(OutputRefused, match="does not exist"):
        admin.backup(store, tmp_path / "nowhere" / "copy.db")


def test_backup_while_another_connection_writes(store, db_path, now, tmp_path):
    """A writer keeps committing during the copy: the backup is a consistent snapshot."""
    _seed(store, now, debtors=200)
    stop = threading.Event()
    writes = []

    def writer():
        other = open_database(db_path)
        n = 0
        while not stop.is_set():
            n += 1
            with other.transaction():
                raw_write(
                    other,
                    "INSERT INTO calls (debtor_code, collector, started_at, outcome)"
                    " VALUES ('C1', 'w', ?, 'busy')",
                    (instant_to_db(now),),
                )
            writes.append(n)
        other.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(writes) < 20:
            threading.Event().wait(0.01)
        reports = [admin.backup(store, tmp_path / f"b{i}.db") for i in range(3)]
    finally:
        stop.set()
        thread.join()
    assert all(r.integrity == "ok" for r in reports)
    counts = []
    for i in range(3):
        copy = sqlite3.connect(tmp_path / f"b{i}.db")
        counts.append(copy.execute("SELECT count(*) FROM calls").fetchone()[0])
        copy.close()
    assert counts == sorted(counts) and counts[-1] <= len(writes)


def test_cli_check_json_and_exit_status(store, db_path, now, capsys):
    _seed(store, now)
    assert main(["--db", str(db_path), "check", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is True and out["errors"] == []
    raw_write(store, "PRAGMA foreign_keys = OFF")
    _insert_call(store, now, code="GHOST")
    assert main(["--db", str(db_path), "check", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert "calls_unknown_debtor" in {e["name"] for e in out["errors"]}


def test_cli_check_strict_fails_on_warnings(store, db_path, now, capsys, monkeypatch):
    _seed(store, now)
    with store.transaction():
        raw_write(
            store,
            "INSERT INTO queue_state (debtor_code, claimed_by, claim_expires_at)"
            " VALUES ('C0', 'alice', '2000-01-01T00:00:00+00:00')",
        )
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    assert main(["--db", str(db_path), "--lang", "en", "check"]) == 0
    out = capsys.readouterr().out
    assert "warning:" in out and ": C0" in out
    assert main(["--db", str(db_path), "check", "--strict"]) == 1


def test_cli_backup(store, db_path, tmp_path, capsys):
    target = tmp_path / "b.db"
    assert main(["--db", str(db_path), "backup", str(target), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["integrity"] == "ok"
    with pytest.raises(SystemExit) as exc:
        main(["--db", str(db_path), "backup", str(target)])
    assert exc.value.code == 2
    assert "--force" in capsys.readouterr().err


def test_cli_check_missing_database_fails_without_creating_it(tmp_path, capsys):
    missing = tmp_path / "none.db"
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--db", str(missing), "check"])
    assert not missing.exists()
    assert "no database at" in " ".join(capsys.readouterr().err.split())


def test_cli_check_on_a_newer_schema_reports_instead_of_crashing(db_path, capsys):
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    assert main(["--db", str(db_path), "check", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and "newer" in out["errors"][0]["message"]


def test_check_never_modifies_the_file(store, db_path, now):
    _seed(store, now)
    raw_write(store, "PRAGMA wal_checkpoint(TRUNCATE)")
    before = db_path.read_bytes()
    assert main(["--db", str(db_path), "check", "--json"]) == 0
    assert db_path.read_bytes() == before


def test_check_finds_figure_sums_that_drifted_from_their_rows(store, now):
    add_debtor(store, now, "D1", invoices=[late("F1", 40, 12_000)])
    found = admin.check(store, now=now).findings
    assert not [f for f in found if f.name.startswith("figure_sums")]
    with store.transaction():
        # A skewed sum: what a hand edit of the sum table would leave behind.
        raw_write(store, "UPDATE figure_invoices SET amount_cents = amount_cents + 1")
    names = {f.name for f in admin.check(store, now=now).findings}
    assert "figure_sums_figure_invoices" in names


def test_check_names_the_indexes_and_triggers_missing_from_the_file(store, db_path, now, capsys):
    _seed(store, now)
    trigger = raw_value(
        store, "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name LIMIT 1"
    )
    with store.transaction():
        # What an import killed while its indexes were dropped, or a hand edit, leaves behind.
        raw_write(store, "DROP INDEX calls_debtor")
        raw_write(store, f"DROP TRIGGER {trigger}")
    found = {f.name: f for f in admin.check(store, now=now).findings}
    assert found["schema_missing_index"].examples == ("calls_debtor",)
    assert found["schema_missing_trigger"].examples == (trigger,)
    assert found["schema_missing_index"].severity == "error"
    assert main(["--db", str(db_path), "--lang", "en", "check"]) == 1
    out = capsys.readouterr().out
    assert "indexes the schema defines are missing from the database" in out
    assert "calls_debtor" in out

"""The store opens, migrates, round-trips a dossier and keeps the call log append-only."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlfile import raw_rows, raw_value, raw_write

from callcenter.domain.models import Contact, Debtor, Invoice, Payment, Role
from callcenter.service.dossier import UnknownDebtor, dossier
from callcenter.store.codec import instant_to_db
from callcenter.store.statements import ledger


def test_new_database_is_private_and_versioned(store, db_path):
    assert db_path.stat().st_mode & 0o777 == 0o660
    assert store.schema_version >= 1
    assert raw_value(store, "PRAGMA journal_mode") == "wal"
    assert raw_value(store, "PRAGMA foreign_keys") == 1


def test_dossier_round_trip(store, now):
    with store.transaction():
        ledger.upsert_debtors(store, [Debtor(code="C001", name="Boulangerie Martin")], now)
        ledger.upsert_contacts(
            store, [Contact(debtor_code="C001", name="Mme Martin", role=Role.OWNER, phone="0102")]
        )
        ledger.upsert_invoices(
            store,
            [
                Invoice("C001", "F1", date(2026, 9, 1), date(2026, 10, 1), 120_000, 20_000),
                Invoice("C001", "F0", date(2026, 8, 1), date(2026, 9, 1), 5_000, 0),
            ],
        )
        ledger.upsert_payments(store, [Payment("C001", "VIR1", date(2026, 10, 15), 100_000)])
    found = dossier(store, "C001", today=date(2026, 11, 24))
    assert found.debtor.name == "Boulangerie Martin"
    assert [i.number for i in found.open_invoices] == ["F1"]
    assert found.balance_cents == 20_000
    assert found.contacts[0].role is Role.OWNER
    assert found.monthly[-1][0] == "2026-11"
    assert ("2026-10", 0, 100_000) in found.monthly
    with pytest.raises(UnknownDebtor):
        dossier(store, "NOPE")


def test_reimport_updates_instead_of_duplicating(store, now):
    for amount in (100, 250):
        with store.transaction():
            ledger.upsert_debtors(store, [Debtor(code="C1", name="X")], now)
            inv = Invoice("C1", "F1", date(2026, 1, 1), date(2026, 2, 1), amount, amount)
            ledger.upsert_invoices(store, [inv])
    rows = raw_rows(store, "SELECT amount_cents FROM invoices")
    assert rows == [(250,)]


def test_call_log_refuses_update_and_delete(store, now):
    with store.transaction():
        ledger.upsert_debtors(store, [Debtor(code="C1", name="X")], now)
        raw_write(
            store,
            "INSERT INTO calls (debtor_code, collector, started_at, outcome) VALUES (?, ?, ?, ?)",
            ("C1", "alice", instant_to_db(now), "no_answer"),
        )
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        with store.transaction():
            raw_write(store, "UPDATE calls SET note = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        with store.transaction():
            raw_write(store, "DELETE FROM calls")
    assert store.ledger.count_rows("calls") == 1


def test_a_durable_write_is_fsynced_and_the_connection_rests_at_normal(store, now):
    """FULL (an fsync at commit) inside every durable transaction, even one that fails;
    NORMAL at rest and in a non-durable one, so a claim switches nothing."""
    assert raw_value(store, "PRAGMA synchronous") == 1  # NORMAL
    with store.transaction():
        assert raw_value(store, "PRAGMA synchronous") == 2  # FULL
        ledger.upsert_debtors(store, [Debtor(code="C1", name="X")], now)
    assert raw_value(store, "PRAGMA synchronous") == 1
    with pytest.raises(RuntimeError):
        with store.transaction():
            raise RuntimeError("boom")
    assert raw_value(store, "PRAGMA synchronous") == 1
    with store.transaction(durable=False):
        assert raw_value(store, "PRAGMA synchronous") == 1
        ledger.upsert_debtors(store, [Debtor(code="C2", name="Y")], now)
    assert store.ledger.count_rows("debtors") == 2


def test_a_sqlite_file_takes_no_copy_of_another_team(store):
    """``migrate`` copies into a server: SQLite's admin refuses, naming the file."""
    from callcenter.store.errors import StoreError

    with pytest.raises(StoreError) as refused:
        store.admin.copy_in(store)
    assert refused.value.code == "store.copy_needs_server"
    assert str(store.path) in str(refused.value) and "PostgreSQL" in str(refused.value)

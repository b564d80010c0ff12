"""Exports stream the right rows, keep cents exact and defuse spreadsheet formulas."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from sqlfile import raw_write
from supervisor_ledger import build

from callcenter.domain.models import Debtor
from callcenter.service.exports import ExportError, export_rows, write_export
from callcenter.store.statements import ledger


@pytest.fixture
def books(store, now):
    build(store, now)
    return store


def _export(store, now, kind, fmt, actor="sam", **dates):
    out = io.StringIO()
    count = write_export(export_rows(store, kind, actor=actor, now=now, **dates), kind, fmt, out)
    return count, out.getvalue()


def test_calls_of_one_office_day_as_csv(books, now):
    count, text = _export(books, now, "calls", "csv", since=date(2026, 11, 24))
    rows = list(csv.DictReader(io.StringIO(text)))
    # 24/11 in Paris runs from 23:00 UTC on the 23rd: calls 8, 1, 2, 3, 4, 5, 6 (not 7).
    assert count == len(rows) == 7
    assert [r["id"] for r in rows] == ["8", "1", "2", "3", "4", "5", "6"]
    assert rows[-1]["undoes"] == "5"
    # Untrusted names come out literally (markup is not interpreted, just text).
    assert rows[4]["debtor_name"] == "[bold]Boulangerie[/] Brun"


def test_promises_as_json_keep_cents_exact(books, now):
    count, text = _export(books, now, "promises", "json", since=date(2026, 11, 1))
    data = json.loads(text)
    # Made since 01/11: all but the one from 01/10.
    assert count == len(data) == 6
    first = data[0]
    assert first["created_at"] == "2026-11-01T10:00:00+00:00"
    assert (first["amount_cents"], first["amount"], first["status"]) == (20_000, "200.00", "kept")


def test_a_collector_exports_only_their_own_work(books, now):
    _, text = _export(books, now, "calls", "json", actor="alice", since=date(2026, 11, 1))
    assert {row["collector"] for row in json.loads(text)} == {"alice"}
    _, text = _export(books, now, "queue", "csv", actor="bob")
    assert [r["debtor_code"] for r in csv.DictReader(io.StringIO(text))] == ["B"]


def test_queue_snapshot_and_empty_exports(books, now):
    count, text = _export(books, now, "queue", "csv")
    assert count == 4
    assert text.splitlines()[0].endswith(",overdue")  # the decimal twin of overdue_cents
    count, text = _export(
        books, now, "calls", "json", since=date(2020, 1, 1), until=date(2020, 1, 2)
    )
    assert (count, json.loads(text)) == (0, [])


def test_formulas_and_escapes_are_defused(store, now):
    with store.transaction():
        ledger.upsert_debtors(store, [Debtor("X", '=HYPERLINK("http://evil")\x1b[2J')], now)
        raw_write(
            store,
            "INSERT INTO calls (debtor_code, collector, started_at, outcome, note)"
            " VALUES ('X', 'sam', '2026-11-24T09:00:00+00:00', 'busy', '@SUM(1)')",
        )
    _, text = _export(store, now, "calls", "csv", since=date(2026, 11, 24))
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["debtor_name"] == '\'=HYPERLINK("http://evil")'
    assert row["note"] == "'@SUM(1)"
    assert "\x1b" not in text


def test_bad_requests_are_explained(books, now):
    with pytest.raises(ExportError, match="choose calls, promises, queue"):
        export_rows(books, "debtors", actor="sam", now=now)
    with pytest.raises(ExportError, match="after"):
        export_rows(books, "calls", actor="sam", now=now, since=date(2026, 12, 1))
    with pytest.raises(ExportError, match="format"):
        write_export(iter(()), "calls", "xlsx", io.StringIO())

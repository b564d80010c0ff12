"""A small hand-made ledger whose figures are worked out by hand in test_figures.py.

Today is Tuesday 2026-11-24 in Paris (UTC+1). Three debtors, two collectors:

  A (alice)  A1 issued 09-01 due 10-01  1 000,00  open 0   (paid by A-P1 on 10-10)
             A2 issued 10-15 due 11-14    500,00  open 500,00 (10 days late)
  B (bob)    B1 issued 07-01 due 07-31  2 000,00  open 2 000,00 (116 days late)
             B2 issued 10-20 due 12-19    300,00  open 300,00 (not due)
             AV credit note 10-25 due 10-25 −100,00 open −100,00 (30 days late)
  C (alice)  C1 issued 08-20 due 09-19    800,00  open 600,00 (66 days; C-P1 200,00 on 11-02)
  D (nobody) no invoices, only a queue row.

Calls and promises are written with SQL here because the test needs exact
rows (undo entries, settled promises) independent of the outcome logic.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlfile import raw_write

from callcenter.domain.models import Debtor, Invoice, Payment
from callcenter.store import Store
from callcenter.store.statements import ledger

DEBTORS = [
    Debtor(code="A", name="Atelier Arnaud", collector="alice", segment="pme", tags=("btp",)),
    Debtor(code="B", name="[bold]Boulangerie[/] Brun", collector="bob", dunning_step=3),
    Debtor(code="C", name="Cave Colin", collector="alice", segment="pme"),
    Debtor(code="D", name="Droguerie Dupuis"),
]
INVOICES = [
    Invoice("A", "A1", date(2026, 9, 1), date(2026, 10, 1), 100_000, 0),
    Invoice("A", "A2", date(2026, 10, 15), date(2026, 11, 14), 50_000, 50_000),
    Invoice("B", "B1", date(2026, 7, 1), date(2026, 7, 31), 200_000, 200_000),
    Invoice("B", "B2", date(2026, 10, 20), date(2026, 12, 19), 30_000, 30_000),
    Invoice("B", "AV", date(2026, 10, 25), date(2026, 10, 25), -10_000, -10_000),
    Invoice("C", "C1", date(2026, 8, 20), date(2026, 9, 19), 80_000, 60_000),
]
PAYMENTS = [
    Payment("A", "A-P1", date(2026, 10, 10), 100_000),
    Payment("C", "C-P1", date(2026, 11, 2), 20_000),
]
# (id, debtor, collector, started_at UTC, outcome, right_party, undoes)
CALLS = [
    (1, "A", "alice", "2026-11-24T08:30:00+00:00", "promise", 1, None),
    (2, "C", "alice", "2026-11-24T08:40:00+00:00", "no_answer", 0, None),
    (3, "C", "alice", "2026-11-24T08:45:00+00:00", "skip", 0, None),
    (4, "B", "bob", "2026-11-24T08:50:00+00:00", "refused", 1, None),
    (5, "B", "bob", "2026-11-24T08:55:00+00:00", "callback", 1, None),
    (6, "B", "bob", "2026-11-24T08:56:00+00:00", "undo", 0, 5),
    (7, "B", "bob", "2026-11-23T22:30:00+00:00", "voicemail", 0, None),  # 23:30 Paris, 11-23
    (8, "A", "alice", "2026-11-23T23:30:00+00:00", "voicemail", 0, None),  # 00:30 Paris, 11-24
]
# (debtor, collector, created_at, promised_on, amount, paid, status, settled_at)
PROMISES = [
    ("A", "alice", "2026-11-24T08:31:00+00:00", "2026-11-27", 50_000, 0, "pending", None),
    ("C", "alice", "2026-11-10T09:00:00+00:00", "2026-11-24", 30_000, 0, "pending", None),
    (
        "B",
        "bob",
        "2026-11-02T09:00:00+00:00",
        "2026-11-16",
        100_000,
        0,
        "broken",
        "2026-11-24T06:00:00+00:00",
    ),
    (
        "C",
        "alice",
        "2026-11-01T10:00:00+00:00",
        "2026-11-03",
        20_000,
        20_000,
        "kept",
        "2026-11-05T06:00:00+00:00",
    ),
    (
        "B",
        "bob",
        "2026-11-03T10:00:00+00:00",
        "2026-11-10",
        40_000,
        10_000,
        "partly_kept",
        "2026-11-13T06:00:00+00:00",
    ),
    ("A", "alice", "2026-11-20T10:00:00+00:00", "2026-11-21", 10_000, 0, "cancelled", None),
    (
        "B",
        "bob",
        "2026-10-01T10:00:00+00:00",
        "2026-10-05",
        25_000,
        25_000,
        "kept",
        "2026-10-06T06:00:00+00:00",
    ),
]
# As the queue's rescore leaves it: overdue = open past due, oldest = days late.
# (debtor, state, overdue, oldest_days, next_action_at, claimed_by, claim_expires_at)
QUEUE = [
    ("A", "promise", 50_000, 10, "2026-11-27T08:00:00+00:00", None, None),
    ("B", "due", 190_000, 116, None, "bob", "2026-11-24T09:05:00+00:00"),
    ("C", "callback", 60_000, 66, "2026-11-24T14:00:00+00:00", None, None),
    ("D", "due", 0, 0, "2026-11-25T08:00:00+00:00", None, None),
]


def build(store: Store, now: datetime) -> None:
    """Write the whole ledger above in one transaction."""
    with store.transaction():
        ledger.upsert_debtors(store, DEBTORS, now)
        ledger.upsert_invoices(store, INVOICES)
        ledger.upsert_payments(store, PAYMENTS)
        # raw: bulk rows with fixed ids, states and claims the figures read as stored
        store.conn.executemany(
            "INSERT INTO calls (id, debtor_code, collector, started_at, outcome, right_party,"
            " undoes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            CALLS,
        )
        store.conn.executemany(
            "INSERT INTO promises (debtor_code, collector, created_at, promised_on, amount_cents,"
            " paid_cents, status, settled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            PROMISES,
        )
        store.conn.executemany(
            "INSERT INTO queue_state (debtor_code, state, overdue_cents, oldest_days,"
            " next_action_at, claimed_by, claim_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            QUEUE,
        )
        raw_write(
            store,
            "INSERT INTO users (name, role, created_at) VALUES ('sam', 'supervisor', ?),"
            " ('alice', 'collector', ?)",
            ("2026-11-01T08:00:00+00:00", "2026-11-01T08:00:00+00:00"),
        )

"""Small builders for test ledgers, on top of ``store.ledger`` upserts.

    add_debtor(store, now, "C1", invoices=[late("F1", 30, 1000_00)], contacts=["Mme Martin"])
    add_payment(store, "C1", "VIR1", date(2026, 11, 20), 500_00)
    contact_id(store, "C1", "Mme Martin")

``late(number, days_late, cents)`` is an invoice whose due date is
``days_late`` days before the frozen today (2026-11-24); a negative number
of days gives an invoice not yet due. Each call is its own transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlfile import raw_cursor, raw_row, raw_value, raw_write

from callcenter.domain.models import (
    Call,
    Contact,
    Debtor,
    Dossier,
    Invoice,
    Payment,
    Promise,
    QueueEntry,
    Role,
)
from callcenter.store import Store
from callcenter.store.statements import ledger
from callcenter.store.statements.history import ID_TABLES

TODAY = date(2026, 11, 24)

#: The tables ``store.ledger.count_rows`` counts.
COUNTED_TABLES = ID_TABLES + ("debtors", "payments", "users", "dispute_invoices")


@dataclass(frozen=True)
class Late:
    """An invoice described by how late it is; turned into an Invoice per debtor."""

    number: str
    days_late: int
    cents: int
    open_cents: int | None = None
    excluded: bool = False
    extra: dict = field(default_factory=dict)

    def invoice(self, code: str, today: date = TODAY) -> Invoice:
        due = today - timedelta(days=self.days_late)
        return Invoice(
            debtor_code=code,
            number=self.number,
            issue_date=due - timedelta(days=30),
            due_date=due,
            amount_cents=self.cents,
            open_cents=self.cents if self.open_cents is None else self.open_cents,
            excluded=self.excluded,
            **self.extra,
        )


def late(
    number: str, days_late: int, cents: int, *, open_cents: int | None = None, excluded=False
) -> Late:
    return Late(number, days_late, cents, open_cents, excluded)


def add_debtor(
    store: Store,
    now: datetime,
    code: str,
    *,
    name: str | None = None,
    invoices: Sequence[Late | Invoice] = (),
    contacts: Sequence[str | Contact] = (),
    today: date = TODAY,
    **fields,
) -> str:
    """Insert (or update) one debtor with its invoices and contacts; returns the code.

    ``fields`` are Debtor fields (segment, status, collector, timezone, ...).
    A contact given as a bare name is a decision-making owner with a phone.
    """
    debtor = Debtor(code=code, name=name or f"Debtor {code}", **fields)
    built_invoices = [i.invoice(code, today) if isinstance(i, Late) else i for i in invoices]
    built_contacts = [
        Contact(code, c, role=Role.OWNER, phone=f"01 00 00 {n:02d} 00", decision_maker=True)
        if isinstance(c, str)
        else c
        for n, c in enumerate(contacts)
    ]
    with store.transaction():
        ledger.upsert_debtors(store, [debtor], now)
        ledger.upsert_invoices(store, built_invoices)
        ledger.upsert_contacts(store, built_contacts)
    return code


def add_payment(store: Store, code: str, reference: str, paid_on: date, cents: int) -> None:
    with store.transaction():
        ledger.upsert_payments(store, [Payment(code, reference, paid_on, cents)])


def set_open(store: Store, code: str, number: str, open_cents: int) -> None:
    """What a later ledger import does when an invoice gets (partly) paid."""
    with store.transaction():
        raw_write(
            store,
            "UPDATE invoices SET open_cents = ? WHERE debtor_code = ? AND number = ?",
            (open_cents, code, number),
        )


def contact_id(store: Store, code: str, name: str) -> int:
    row = raw_row(store, "SELECT id FROM contacts WHERE debtor_code = ? AND name = ?", (code, name))
    assert row is not None, f"no contact {name!r} for {code}"
    return row[0]


def queued(store: Store, code: str) -> QueueEntry:
    """``code``'s place in the queue, read through ``store.queue.entry``."""
    found = store.queue.entry(code)
    assert found is not None, f"{code} was never scored"
    return found


def debtor_names(store: Store) -> dict[str, str]:
    """Every debtor's name by code, read through the queue and dossier ports."""
    return {code: dossier(store, code).debtor.name for code in store.queue.debtor_codes()}


def payment_rows(store: Store) -> list[tuple[str, str, str, int]]:
    """Every payment as (debtor, reference, paid on ISO, cents), sorted, from the dossiers
    (which show a debtor's latest 200: far more than any test ledger holds)."""
    return sorted(
        (p.debtor_code, p.reference, p.paid_on.isoformat(), p.amount_cents)
        for code in store.queue.debtor_codes()
        for p in dossier(store, code).payments
    )


def dossier(store: Store, code: str) -> Dossier:
    """``code``'s dossier through ``store.dossiers`` (the debtor must exist)."""
    found = store.dossiers.load_dossier(code)
    assert found is not None, f"no debtor {code}"
    return found


def stored_invoice(store: Store, code: str, number: str) -> Invoice:
    """Invoice ``number`` of ``code``, open or closed, through ``store.outcomes``."""
    found = store.outcomes.invoices_by_number(code, [number])
    assert number in found, f"no invoice {number} for {code}"
    return found[number]


def all_calls(store: Store) -> list[Call]:
    """Every debtor's calls, from the dossiers (each shows far more than a test makes)."""
    return [call for code in store.queue.debtor_codes() for call in dossier(store, code).calls]


def promises_by(store: Store, collector: str) -> list[Promise]:
    """The promises ``collector`` took, every debtor's, from the dossiers."""
    return [
        p
        for code in store.queue.debtor_codes()
        for p in dossier(store, code).promises
        if p.collector == collector
    ]


def claims(store: Store) -> list[tuple[str, str]]:
    """Every (debtor, collector) claim in the queue, expired ones too, in code order."""
    entries = (store.queue.entry(code) for code in store.queue.debtor_codes())
    return [(e.code, e.claimed_by) for e in entries if e is not None and e.claimed_by]


def queue_row(store: Store, code: str) -> dict:
    """The raw queue_state row of ``code`` as a dict, for the columns no QueueEntry carries
    (``attempts_today``, ``scored_at``): prefer :func:`queued`."""
    cursor = raw_cursor(store, "SELECT * FROM queue_state WHERE debtor_code = ?", (code,))
    row = cursor.fetchone()
    assert row is not None, f"{code} was never scored"
    return dict(zip([c[0] for c in cursor.description], row, strict=True))


def count(store: Store, table: str, where: str = "1 = 1", params: Sequence = ()) -> int:
    """Rows in ``table`` (a fixed name from the test) matching ``where``.

    A whole history table is counted by ``store.ledger.count_rows``; a ``where`` or a
    table it does not count (payment_claims, ...) is raw SQL.
    """
    if where == "1 = 1" and table in COUNTED_TABLES:
        return store.ledger.count_rows(table)
    sql = f"SELECT count(*) FROM {table} WHERE {where}"  # noqa: S608 - test-only fixed names
    return raw_value(store, sql, tuple(params))

"""Domain objects from the rows both backends read (rows keyed by column name).

One encoding (:mod:`callcenter.store.codec`), one way to build each object,
whichever driver fetched the row.
"""

from __future__ import annotations

import json

from callcenter.domain.models import (
    Call,
    Contact,
    Debtor,
    Dispute,
    Invoice,
    Outcome,
    Payment,
    PaymentClaim,
    Promise,
    PromiseStatus,
    QueueEntry,
    QueueState,
    Reason,
    Role,
    Task,
)
from callcenter.store.codec import date_from_db, instant_from_db


def debtor_from_row(row) -> Debtor:
    return Debtor(
        code=row["code"],
        name=row["name"],
        segment=row["segment"],
        timezone=row["timezone"],
        status=row["status"],
        collector=row["collector"],
        credit_hold=bool(row["credit_hold"]),
        payment_terms_days=row["payment_terms_days"],
        dunning_step=row["dunning_step"],
        tags=tuple(t for t in row["tags"].split(",") if t),
        pending_orders_cents=row["pending_orders_cents"],
        credit_limit_cents=row["credit_limit_cents"],
        address=row["address"],
        siren=row["siren"],
        account_note=row["account_note"],
    )


def contact_from_row(row) -> Contact:
    return Contact(
        id=row["id"],
        debtor_code=row["debtor_code"],
        name=row["name"],
        role=Role(row["role"]),
        phone=row["phone"],
        phone2=row["phone2"],
        email=row["email"],
        decision_maker=bool(row["decision_maker"]),
        wrong_number=bool(row["wrong_number"]),
        best_hours=row["best_hours"],
        email_doubtful=row["email_doubtful"],
    )


def invoice_from_row(row, disputed: bool = False) -> Invoice:
    return Invoice(
        id=row["id"],
        debtor_code=row["debtor_code"],
        number=row["number"],
        issue_date=date_from_db(row["issue_date"]),
        due_date=date_from_db(row["due_date"]),
        amount_cents=row["amount_cents"],
        open_cents=row["open_cents"],
        currency=row["currency"],
        has_quote=bool(row["has_quote"]),
        has_po=bool(row["has_po"]),
        has_delivery_note=bool(row["has_delivery_note"]),
        excluded=bool(row["excluded"]),
        disputed=disputed,
    )


def payment_from_row(row) -> Payment:
    return Payment(
        id=row["id"],
        debtor_code=row["debtor_code"],
        reference=row["reference"],
        paid_on=date_from_db(row["paid_on"]),
        amount_cents=row["amount_cents"],
        invoice_number=row["invoice_number"],
    )


def call_from_row(row) -> Call:
    """A call row; the payment-claim columns (``claim_*``) are optional."""
    return Call(
        id=row["id"],
        debtor_code=row["debtor_code"],
        collector=row["collector"],
        started_at=instant_from_db(row["started_at"]),
        outcome=Outcome(row["outcome"]),
        note=row["note"],
        contact_id=row["contact_id"],
        undoes=row["undoes"],
        campaign_id=row["campaign_id"],
        entered_by=row["entered_by"],
        reason=row["reason"],
        callback_at=instant_from_db(row["callback_at"]),
        claim=_claim(row),
    )


def promise_from_row(row) -> Promise:
    """A promise row; ``revised_from`` and ``revised_at`` are optional."""
    return Promise(
        id=row["id"],
        debtor_code=row["debtor_code"],
        promised_on=date_from_db(row["promised_on"]),
        amount_cents=row["amount_cents"],
        status=PromiseStatus(row["status"]),
        collector=row["collector"],
        created_at=instant_from_db(row["created_at"]),
        paid_cents=row["paid_cents"],
        call_id=row["call_id"],
        plan_id=row["plan_id"],
        revised_from=PromiseStatus(row["revised_from"]) if row.get("revised_from") else None,
        revised_at=instant_from_db(row.get("revised_at")) if row.get("revised_at") else None,
    )


def task_from_row(row) -> Task:
    return Task(
        id=row["id"],
        debtor_code=row["debtor_code"],
        kind=row["kind"],
        note=row["note"],
        created_at=instant_from_db(row["created_at"]),
        created_by=row["created_by"],
        due_on=date_from_db(row["due_on"]) if row["due_on"] else None,
        done_at=instant_from_db(row["done_at"]),
        done_by=row["done_by"],
        debtor_name=row.get("debtor_name") or "",
    )


def dispute_from_row(row) -> Dispute:
    """A dispute row with its invoice numbers joined by ``char(31)`` in ``numbers``."""
    return Dispute(
        id=row["id"],
        debtor_code=row["debtor_code"],
        reason=row["reason"],
        status=row["status"],
        opened_at=instant_from_db(row["opened_at"]),
        opened_by=row["opened_by"],
        invoice_numbers=tuple(row["numbers"].split("\x1f")) if row["numbers"] else (),
        resolution=row["resolution"],
        resolved_at=instant_from_db(row["resolved_at"]),
        resolved_by=row["resolved_by"],
    )


def queue_entry_from_row(row) -> QueueEntry:
    """A queue row with its stored reasons as codes (worded by the interface)."""
    return QueueEntry(
        code=row["code"],
        name=row["name"],
        score=row["score"],
        reasons=tuple(Reason.from_json(r) for r in json.loads(row["reasons"])),
        overdue_cents=row["overdue_cents"],
        oldest_days=row["oldest_days"],
        state=QueueState(row["state"]),
        next_action_at=instant_from_db(row["next_action_at"]),
        collector=row["collector"],
        claimed_by=row["claimed_by"],
    )


def _claim(row) -> PaymentClaim | None:
    """The "already paid" details kept with a call, when it has some."""
    if row.get("claim_paid_on") is None:
        return None
    return PaymentClaim(
        paid_on=date_from_db(row["claim_paid_on"]),
        amount_cents=row["claim_cents"],
        means=row["claim_means"],
        reference=row["claim_reference"],
    )

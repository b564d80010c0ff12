"""Reading one debtor's whole dossier: a handful of indexed queries."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from callcenter.domain.models import (
    Call,
    Contact,
    Debtor,
    Dispute,
    Dossier,
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
from callcenter.store.sqlite.codec import date_from_db, instant_from_db
from callcenter.store.sqlite.db import SqliteStore

#: How much history a dossier carries: enough for the screen and the hints.
CALLS_SHOWN = 50
PAYMENTS_SHOWN = 200
#: A debtor's payments, newest first. The invoice each settled is the one its import
#: named (lettering, the FEC's whole-word quotes, the CSV's ``invoice`` column): a
#: substring guess here would name F2026-1 for a transfer quoting F2026-10.
PAYMENT_SELECT = (
    "SELECT p.* FROM payments p WHERE p.debtor_code = ? ORDER BY p.paid_on DESC, p.id DESC LIMIT ?"
)


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


#: A dispute's row with its invoice numbers; callers add WHERE and ORDER BY.
DISPUTE_SELECT = (
    "SELECT d.*, (SELECT group_concat(i.number, char(31)) FROM dispute_invoices di"
    " JOIN invoices i ON i.id = di.invoice_id WHERE di.dispute_id = d.id) AS numbers"
    " FROM disputes d"
)
#: Open tasks with their debtor's name; callers add conditions and ORDER BY.
TASK_SELECT = (
    "SELECT t.*, db.name AS debtor_name FROM tasks t JOIN debtors db ON db.code = t.debtor_code"
    " WHERE t.done_at IS NULL"
)
#: Open tasks, those due soonest first, undated ones last.
TASK_ORDER = " ORDER BY t.due_on IS NULL, t.due_on, t.created_at, t.id"


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


def dict_query(store: SqliteStore, sql: str, params=()):
    """Run ``sql`` returning rows as dicts, without touching the shared connection's factory."""
    cursor = store.conn.cursor()
    cursor.row_factory = _dict_row
    return cursor.execute(sql, params)


#: The latest verdict a promise's history overturned (not its first judgement).
_REVISED = (
    "(SELECT c.{column} FROM promise_changes c WHERE c.promise_id = p.id"
    " AND c.old_status NOT IN ('pending', c.new_status) ORDER BY c.id DESC LIMIT 1)"
)


def load_dossier(store: SqliteStore, code: str, today: date | None = None) -> Dossier | None:
    """The dossier of ``code``, or None when there is no such debtor.

    Read in one deferred transaction so the panels agree with each other even
    while another collector writes.
    """
    own = not store.conn.in_transaction
    if own:
        store.conn.execute("BEGIN")
    try:
        return read_dossier(
            lambda sql, params=(): dict_query(store, sql, params), code, today or date.today()
        )
    finally:
        if own:
            store.conn.execute("COMMIT")


def read_dossier(
    q: Callable, code: str, today: date, dispute_select: str = DISPUTE_SELECT
) -> Dossier | None:
    """The dossier from ``q(sql, params)``, a query returning dict rows (``?`` placeholders).

    The PostgreSQL backend reads the same dossier through the same statements,
    with its own ``q`` and its own ``dispute_select`` (it spells group_concat
    string_agg): the SQL here is standard but for that.
    """
    row = q("SELECT * FROM debtors WHERE code = ?", (code,)).fetchone()
    if row is None:
        return None
    debtor = debtor_from_row(row)
    contacts = tuple(
        contact_from_row(r)
        for r in q("SELECT * FROM contacts WHERE debtor_code = ? ORDER BY id", (code,))
    )
    disputed_ids = {
        r["invoice_id"]
        for r in q(
            "SELECT di.invoice_id FROM dispute_invoices di JOIN disputes d ON d.id = di.dispute_id"
            " WHERE d.debtor_code = ? AND (d.status = 'open' OR d.resolution = 'credit_note')",
            (code,),
        )
    }
    invoices = tuple(
        invoice_from_row(r, disputed=r["id"] in disputed_ids)
        for r in q(
            "SELECT * FROM invoices WHERE debtor_code = ? AND open_cents <> 0 ORDER BY due_date",
            (code,),
        )
    )
    balance = q(
        "SELECT coalesce(sum(open_cents), 0) AS b FROM invoices WHERE debtor_code = ?", (code,)
    ).fetchone()["b"]
    payments = tuple(payment_from_row(r) for r in q(PAYMENT_SELECT, (code, PAYMENTS_SHOWN)))
    calls = tuple(
        call_from_row(r)
        for r in q(
            "SELECT c.*, pc.paid_on AS claim_paid_on, pc.amount_cents AS claim_cents,"
            " pc.means AS claim_means, pc.reference AS claim_reference FROM calls c"
            " LEFT JOIN payment_claims pc ON pc.call_id = c.id WHERE c.debtor_code = ?"
            " ORDER BY c.started_at DESC, c.id DESC LIMIT ?",
            (code, CALLS_SHOWN),
        )
    )
    promises = tuple(
        promise_from_row(r)
        for r in q(
            f"SELECT p.*, {_REVISED.format(column='old_status')} AS revised_from,"  # noqa: S608
            f" {_REVISED.format(column='changed_at')} AS revised_at FROM promises p"
            " WHERE debtor_code = ? ORDER BY promised_on DESC, id DESC",
            (code,),
        )
    )
    disputes = tuple(
        dispute_from_row(r)
        for r in q(dispute_select + " WHERE d.debtor_code = ? ORDER BY d.opened_at DESC", (code,))
    )
    tasks = tuple(
        task_from_row(r) for r in q(TASK_SELECT + " AND t.debtor_code = ?" + TASK_ORDER, (code,))
    )
    qrow = q(
        "SELECT qs.*, d.code, d.name, d.collector FROM queue_state qs"
        " JOIN debtors d ON d.code = qs.debtor_code WHERE qs.debtor_code = ?",
        (code,),
    ).fetchone()
    return Dossier(
        debtor=debtor,
        contacts=contacts,
        invoices=invoices,
        payments=payments,
        calls=calls,
        promises=promises,
        disputes=disputes,
        tasks=tasks,
        queue=queue_entry_from_row(qrow) if qrow else None,
        balance_cents=balance,
        monthly=_monthly(q, code, today),
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


def _monthly(q, code: str, today: date) -> tuple[tuple[str, int, int], ...]:
    """Invoiced and paid per month over the last 12 months, oldest first."""
    months = []
    year, month = today.year, today.month
    for _ in range(12):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    months.reverse()
    since = months[0] + "-01"
    invoiced = {
        r["m"]: r["total"]
        for r in q(
            "SELECT substr(issue_date, 1, 7) AS m, sum(amount_cents) AS total FROM invoices"
            " WHERE debtor_code = ? AND issue_date >= ? AND amount_cents > 0 GROUP BY m",
            (code, since),
        )
    }
    paid = {
        r["m"]: r["total"]
        for r in q(
            "SELECT substr(paid_on, 1, 7) AS m, sum(amount_cents) AS total FROM payments"
            " WHERE debtor_code = ? AND paid_on >= ? GROUP BY m",
            (code, since),
        )
    }
    return tuple((m, invoiced.get(m, 0), paid.get(m, 0)) for m in months)


def set_account_note(store: SqliteStore, code: str, text: str) -> None:
    store.conn.execute("UPDATE debtors SET account_note = ? WHERE code = ?", (text, code))


def account_note(store: SqliteStore, code: str) -> str | None:
    row = store.conn.execute("SELECT account_note FROM debtors WHERE code = ?", (code,)).fetchone()
    return row[0] if row else None


def _dict_row(cursor, row):
    return {col[0]: value for col, value in zip(cursor.description, row, strict=True)}

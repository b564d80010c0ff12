"""Reading one debtor's whole dossier: a handful of indexed queries in standard SQL.

Both backends run these statements through their own query function (``?``
placeholders, rows keyed by column name); only the dispute select differs
(SQLite's group_concat is PostgreSQL's string_agg).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from callcenter.domain.models import Dossier
from callcenter.store.codec import instant_from_db
from callcenter.store.communication_rows import COLUMNS, DELIVERED_SQL, from_row
from callcenter.store.rows import (
    call_from_row,
    contact_from_row,
    debtor_from_row,
    dispute_from_row,
    invoice_from_row,
    payment_from_row,
    promise_from_row,
    queue_entry_from_row,
    task_from_row,
)

#: Debtors per statement when many dossiers are read at once (well under SQLite's 999).
BATCH = 500

#: How much history a dossier carries: enough for the screen and the hints.
CALLS_SHOWN = 50

PAYMENTS_SHOWN = 200
#: The latest written messages the history shows beside the calls.
COMMUNICATIONS_SHOWN = 12

#: The log entries a dossier carries: every delivery (where the debtor stands on its
#: scenario) and the latest entries whatever their result (the history), newest first.
COMMUNICATION_SELECT = (
    f"SELECT {COLUMNS} FROM communications WHERE debtor_code = ?"  # noqa: S608
    f" AND (result IN {DELIVERED_SQL} OR id IN (SELECT id FROM communications"
    " WHERE debtor_code = ? ORDER BY at DESC, id DESC LIMIT ?)) ORDER BY at DESC, id DESC"
)

#: A debtor's payments, newest first. The invoice each settled is the one its import
#: named (lettering, the FEC's whole-word quotes, the CSV's ``invoice`` column): a
#: substring guess here would name F2026-1 for a transfer quoting F2026-10.
PAYMENT_SELECT = (
    "SELECT p.* FROM payments p WHERE p.debtor_code = ? ORDER BY p.paid_on DESC, p.id DESC LIMIT ?"
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

#: The latest verdict a promise's history overturned (not its first judgement).
_REVISED = (
    "(SELECT c.{column} FROM promise_changes c WHERE c.promise_id = p.id"
    " AND c.old_status NOT IN ('pending', c.new_status) ORDER BY c.id DESC LIMIT 1)"
)


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
        communications=tuple(
            from_row(tuple(r.values()))
            for r in q(COMMUNICATION_SELECT, (code, code, COMMUNICATIONS_SHOWN))
        ),
    )


def read_funnel_dossiers(
    q: Callable, codes: Sequence[str]
) -> list[tuple[Dossier, datetime | None]]:
    """What the written funnel needs of many debtors, four statements per :data:`BATCH`.

    Each debtor (in ``codes`` order, unknown codes left out) with its contacts and
    open invoices, disputed ones marked as :func:`read_dossier` marks them, and when
    it was last called (undone calls and undos left out); the rest of the dossier
    is left empty. ``callcenter remind`` reads its whole run this way.
    """
    found: list[tuple[Dossier, datetime | None]] = []
    for start in range(0, len(codes), BATCH):
        found.extend(_funnel_batch(q, list(codes[start : start + BATCH])))
    return found


def _funnel_batch(q: Callable, part: list[str]) -> list[tuple[Dossier, datetime | None]]:
    marks = ", ".join("?" * len(part))
    debtors = {
        r["code"]: debtor_from_row(r)
        for r in q(f"SELECT * FROM debtors WHERE code IN ({marks})", part)  # noqa: S608
    }
    contacts: dict[str, list] = {}
    for r in q(f"SELECT * FROM contacts WHERE debtor_code IN ({marks}) ORDER BY id", part):  # noqa: S608
        contacts.setdefault(r["debtor_code"], []).append(contact_from_row(r))
    disputed = {
        r["invoice_id"]
        for r in q(
            "SELECT di.invoice_id FROM dispute_invoices di"  # noqa: S608
            f" JOIN disputes d ON d.id = di.dispute_id WHERE d.debtor_code IN ({marks})"
            " AND (d.status = 'open' OR d.resolution = 'credit_note')",
            part,
        )
    }
    invoices: dict[str, list] = {}
    for r in q(
        f"SELECT * FROM invoices WHERE debtor_code IN ({marks}) AND open_cents <> 0"  # noqa: S608
        " ORDER BY due_date",
        part,
    ):
        invoices.setdefault(r["debtor_code"], []).append(
            invoice_from_row(r, disputed=r["id"] in disputed)
        )
    called = {
        r["debtor_code"]: instant_from_db(r["last"])
        for r in q(
            "SELECT c.debtor_code, max(c.started_at) AS last FROM calls c"  # noqa: S608
            f" WHERE c.debtor_code IN ({marks}) AND c.outcome <> 'undo'"
            " AND NOT EXISTS (SELECT 1 FROM calls u WHERE u.undoes = c.id)"
            " GROUP BY c.debtor_code",
            part,
        )
    }
    return [
        (
            Dossier(
                debtor=debtors[code],
                contacts=tuple(contacts.get(code, ())),
                invoices=tuple(invoices.get(code, ())),
            ),
            called.get(code),
        )
        for code in part
        if code in debtors
    ]


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

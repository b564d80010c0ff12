"""Reading and changing disputes (opening one is an outcome: see store/outcomes.py)."""

from __future__ import annotations

from datetime import datetime

from callcenter.domain.models import Dispute
from callcenter.store.codec import instant_to_db
from callcenter.store.dossier_read import DISPUTE_SELECT
from callcenter.store.rows import dispute_from_row
from callcenter.store.statements import SqlStore, dict_query

#: Disputes listed at most by ``dispute list``; the oldest open ones come first.
LIST_LIMIT = 500


def dispute(store: SqlStore, dispute_id: int) -> Dispute | None:
    row = dict_query(store, DISPUTE_SELECT + " WHERE d.id = ?", (dispute_id,)).fetchone()
    return dispute_from_row(row) if row else None


def debtor_collector(store: SqlStore, code: str) -> tuple[bool, str | None]:
    """(exists, collector) of debtor ``code``."""
    row = store.conn.execute("SELECT collector FROM debtors WHERE code = ?", (code,)).fetchone()
    return (row is not None, row[0] if row else None)


def list_disputes(
    store: SqlStore, *, status: str | None, collector: str | None, code: str | None = None
) -> list[tuple[Dispute, str]]:
    """(dispute, debtor name) by status (None: any), for ``collector``'s debtors (None: all).

    A collector's list holds the disputes of their portfolio and of unassigned
    debtors, and those they opened themselves.
    """
    sql = (
        "SELECT d.*, db.name AS debtor_name, (SELECT group_concat(i.number, char(31))"
        " FROM dispute_invoices di JOIN invoices i ON i.id = di.invoice_id"
        " WHERE di.dispute_id = d.id) AS numbers"
        " FROM disputes d JOIN debtors db ON db.code = d.debtor_code"
        " WHERE (:status IS NULL OR d.status = :status)"
        " AND (:code IS NULL OR d.debtor_code = :code)"
        " AND (:collector IS NULL OR db.collector IS NULL OR db.collector = :collector"
        "      OR d.opened_by = :collector)"
        " ORDER BY d.opened_at, d.id LIMIT :limit"
    )
    params = {"status": status, "code": code, "collector": collector, "limit": LIST_LIMIT}
    return [(dispute_from_row(r), r["debtor_name"]) for r in dict_query(store, sql, params)]


def set_status(
    store: SqlStore,
    dispute_id: int,
    *,
    status: str,
    resolution: str | None,
    at: datetime | None,
    by: str,
) -> None:
    store.conn.execute(
        "UPDATE disputes SET status = ?, resolution = ?, resolved_at = ?, resolved_by = ?"
        " WHERE id = ?",
        (status, resolution, instant_to_db(at), by, dispute_id),
    )

"""Row streams for ``callcenter export``: calls, promises and the queue as it stands."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from callcenter.store.codec import instant_to_db
from callcenter.store.statements import SqlStore, dict_query


def iter_calls(
    store: SqlStore, start: datetime, end: datetime, collector: str | None
) -> Iterator[dict]:
    """Calls started in [start, end), oldest first."""
    mine, params = _mine("c.collector", collector)
    return dict_query(
        store,
        "SELECT c.id, c.started_at, c.debtor_code, d.name AS debtor_name, c.collector,"  # noqa: S608
        " c.entered_by,"
        " c.outcome, c.reason, c.right_party, c.contact_id, k.name AS campaign, c.callback_at, c.undoes,"
        " c.note FROM calls c JOIN debtors d ON d.code = c.debtor_code"
        " LEFT JOIN campaigns k ON k.id = c.campaign_id"
        f" WHERE c.started_at >= ? AND c.started_at < ?{mine} ORDER BY c.started_at, c.id",
        [instant_to_db(start), instant_to_db(end), *params],
    )


def iter_promises(
    store: SqlStore, start: datetime, end: datetime, collector: str | None
) -> Iterator[dict]:
    """Promises made in [start, end), oldest first."""
    mine, params = _mine("p.collector", collector)
    return dict_query(
        store,
        "SELECT p.id, p.created_at, p.debtor_code, d.name AS debtor_name, p.collector,"  # noqa: S608
        " p.promised_on, p.amount_cents, p.paid_cents, p.status, p.settled_at, p.plan_id,"
        " p.call_id FROM promises p JOIN debtors d ON d.code = p.debtor_code"
        f" WHERE p.created_at >= ? AND p.created_at < ?{mine} ORDER BY p.created_at, p.id",
        [instant_to_db(start), instant_to_db(end), *params],
    )


def iter_queue(store: SqlStore, collector: str | None) -> Iterator[dict]:
    """The queue now, best score first."""
    mine, params = _mine("d.collector", collector)
    return dict_query(
        store,
        "SELECT qs.debtor_code, d.name AS debtor_name, d.collector, qs.state, qs.score,"  # noqa: S608
        " qs.overdue_cents, qs.oldest_days, qs.next_action_at, qs.last_call_at,"
        " qs.last_contact_at, qs.claimed_by FROM queue_state qs"
        f" JOIN debtors d ON d.code = qs.debtor_code WHERE 1 = 1{mine}"
        " ORDER BY qs.score DESC, qs.debtor_code",
        params,
    )


_OWNER_COLUMNS = frozenset({"c.collector", "p.collector", "d.collector"})


def _mine(column: str, collector: str | None) -> tuple[str, list]:
    if column not in _OWNER_COLUMNS:
        raise ValueError(f"not an owner column: {column!r}")
    if collector is None:
        return "", []
    return f" AND {column} = ?", [collector]

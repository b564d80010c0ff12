"""Bare SQL the bench measures the queue against (``scripts/bench``): nothing else uses it.

``claim_next`` is compared with the indexed top-1 read it is built on and with the
cheapest claim possible; those reference reads live here, apart from the queue's own.
"""

from __future__ import annotations

from datetime import datetime

from callcenter.store.codec import instant_to_db
from callcenter.store.sqlite.db import SqliteStore

#: The bare indexed top-1 that claim_next is built on: what a pick would cost with no
#: lease, no calling-hours check and no queue upkeep.
_BASELINE_TOP1 = (
    "SELECT q.debtor_code FROM queue_state q INDEXED BY queue_pick"
    " JOIN debtors d ON d.code = q.debtor_code"
    " WHERE q.state IN ('due', 'callback') AND q.next_action_at <= ?"
    " AND (q.claimed_by IS NULL OR q.claimed_by = ? OR q.claim_expires_at < ?)"
    " AND (d.collector IS NULL OR d.collector = '' OR d.collector = ?)"
    " ORDER BY q.score DESC, q.debtor_code LIMIT 1"
)


def baseline_top1(store: SqliteStore, now: datetime, collector: str) -> str | None:
    """The raw top-1 read the bench compares ``claim_next`` with."""
    stamp = instant_to_db(now)
    row = store.conn.execute(_BASELINE_TOP1, (stamp, collector, stamp, collector)).fetchone()
    return row[0] if row else None


def baseline_claim(store: SqliteStore, now: datetime, collector: str) -> None:
    """The least any claim can cost: that read and one UPDATE in a write transaction,
    committed like claim_next's (no fsync)."""
    with store.transaction(durable=False):
        code = baseline_top1(store, now, collector)
        if code:
            store.conn.execute(
                "UPDATE queue_state SET claimed_by = claimed_by WHERE debtor_code = ?", (code,)
            )

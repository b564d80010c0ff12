"""Bare SQL the bench measures the queue against (``scripts/bench``): nothing else uses it.

``claim_next`` is compared with the indexed top-1 read it is built on and with the
cheapest claim possible; those reference reads live here, apart from the queue's own.
"""

from __future__ import annotations

from datetime import datetime

from callcenter.store.codec import instant_to_db
from callcenter.store.sqlite.db import SqliteStore

#: The bare indexed top-1 that claim_next is built on: what a pick would cost with no
#: lease, no calling-hours check and no queue upkeep: the collector's range of
#: ``queue_portfolio`` and the unassigned one, merged in score order.
_BASELINE_ARM = (
    "SELECT q.debtor_code, q.score FROM queue_state q INDEXED BY queue_portfolio"
    " WHERE q.portfolio = ? AND q.state IN ('due', 'callback') AND q.next_action_at <= ?"
    " AND (q.claimed_by IS NULL OR q.claimed_by = ? OR q.claim_expires_at < ?)"
)
_BASELINE_TOP1 = f"{_BASELINE_ARM} UNION ALL {_BASELINE_ARM} ORDER BY 2 DESC, 1 LIMIT 1"


def baseline_top1(store: SqliteStore, now: datetime, collector: str) -> str | None:
    """The raw top-1 read the bench compares ``claim_next`` with."""
    stamp = instant_to_db(now)
    arm = (stamp, collector, stamp)
    row = store.conn.execute(_BASELINE_TOP1, (collector, *arm, "", *arm)).fetchone()
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

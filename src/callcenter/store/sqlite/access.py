"""What the access rules read: who holds a debtor now, whose portfolio it is, which campaign."""

from __future__ import annotations

from datetime import datetime

from callcenter.store.codec import instant_to_db
from callcenter.store.sqlite.db import SqliteStore


def holder(store: SqliteStore, code: str, now: datetime) -> str | None:
    """The collector whose claim on ``code`` is still running at ``now``, if any."""
    row = store.conn.execute(
        "SELECT claimed_by FROM queue_state WHERE debtor_code = ? AND claimed_by IS NOT NULL"
        " AND claim_expires_at >= ?",
        (code, instant_to_db(now)),
    ).fetchone()
    return row[0] if row else None


def portfolio_owner(store: SqliteStore, code: str) -> str | None:
    """The collector ``code`` is assigned to (None or '' for the shared pool)."""
    row = store.conn.execute("SELECT collector FROM debtors WHERE code = ?", (code,)).fetchone()
    return row[0] if row else None


def in_campaign_of(store: SqliteStore, code: str, campaign_id: int, collector: str) -> bool:
    """True when ``code`` is one of the campaign's debtors and ``collector`` may work it."""
    row = store.conn.execute(
        "SELECT 1 FROM campaign_debtors cd WHERE cd.campaign_id = ? AND cd.debtor_code = ?"
        " AND (NOT EXISTS (SELECT 1 FROM campaign_collectors cc WHERE cc.campaign_id = ?)"
        "   OR EXISTS (SELECT 1 FROM campaign_collectors cc"
        "     WHERE cc.campaign_id = ? AND cc.collector = ?))",
        (campaign_id, code, campaign_id, campaign_id, collector),
    ).fetchone()
    return row is not None


def demo_marked(store: SqliteStore) -> bool:
    """True for a database ``callcenter demo`` built (its people are fictional)."""
    row = store.conn.execute("SELECT value FROM meta WHERE key = 'demo'").fetchone()
    return row is not None and row[0] == "1"


def mark_demo(store: SqliteStore) -> None:
    store.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('demo', '1')")

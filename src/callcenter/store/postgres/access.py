"""What the access rules read, on PostgreSQL: the part of the ``Dossiers`` port written so far.

Who holds a debtor now, whose portfolio it is, which campaign may work it, and
the demo mark; the dossier itself (``load_dossier``), disputes, tasks and the
change log are not written for this backend yet and say so when asked.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from callcenter.store.sqlite.codec import instant_to_db  # one encoding for both backends

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore


class PostgresDossiers:
    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def _value(self, sql: str, params: tuple):
        row = self._store.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def holder(self, code: str, now: datetime) -> str | None:
        """The collector whose claim on ``code`` is still running at ``now``, if any."""
        return self._value(
            "SELECT claimed_by FROM queue_state WHERE debtor_code = %s"
            " AND claimed_by IS NOT NULL AND claim_expires_at >= %s",
            (code, instant_to_db(now)),
        )

    def portfolio_owner(self, code: str) -> str | None:
        """The collector ``code`` is assigned to (None or '' for the shared pool)."""
        return self._value("SELECT collector FROM debtors WHERE code = %s", (code,))

    def debtor_collector(self, code: str) -> tuple[bool, str | None]:
        """(the debtor exists, its collector)."""
        row = self._store.conn.execute(
            "SELECT collector FROM debtors WHERE code = %s", (code,)
        ).fetchone()
        return (row is not None, row[0] if row else None)

    def in_campaign_of(self, code: str, campaign_id: int, collector: str) -> bool:
        """True when ``code`` is one of the campaign's debtors and ``collector`` may work it."""
        found = self._value(
            "SELECT 1 FROM campaign_debtors cd WHERE cd.campaign_id = %s AND cd.debtor_code = %s"
            " AND (NOT EXISTS (SELECT 1 FROM campaign_collectors cc WHERE cc.campaign_id = %s)"
            "   OR EXISTS (SELECT 1 FROM campaign_collectors cc"
            "     WHERE cc.campaign_id = %s AND cc.collector = %s))",
            (campaign_id, code, campaign_id, campaign_id, collector),
        )
        return found is not None

    def demo_marked(self) -> bool:
        """True for a database ``callcenter demo`` built (its people are fictional)."""
        return self._value("SELECT value FROM meta WHERE key = 'demo'", ()) == "1"

    def mark_demo(self) -> None:
        self._store.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('demo', '1')"
            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
        )

    def __getattr__(self, attribute: str):
        from callcenter.store.postgres.aggregates import NotYet

        return getattr(NotYet(self._store, "dossiers"), attribute)

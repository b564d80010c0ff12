"""The dossier and what the access rules read, on PostgreSQL: the ``Dossiers`` port.

The dossier itself, the account note, who holds a debtor now, whose portfolio
it is, which campaign may work it, and the demo mark; disputes, tasks and the
change log run the SQLite backend's statements (``sqlite/disputes.py``,
``tasks.py``, ``changes.py``: standard SQL) through :class:`Spelled`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from psycopg.rows import dict_row

from callcenter.domain.models import Dossier
from callcenter.store.codec import instant_to_db  # one encoding for both backends
from callcenter.store.dossier_read import read_dossier, read_funnel_dossiers
from callcenter.store.postgres.spelling import SpelledAggregate, spelled
from callcenter.store.statements import changes, disputes, tasks

#: A dispute with its invoices' numbers (SQLite's DISPUTE_SELECT, group_concat spelt string_agg).
_DISPUTE_SELECT = (
    "SELECT d.*, (SELECT string_agg(i.number, chr(31) ORDER BY di.invoice_id)"
    " FROM dispute_invoices di JOIN invoices i ON i.id = di.invoice_id"
    " WHERE di.dispute_id = d.id) AS numbers FROM disputes d"
)


class PostgresDossiers(SpelledAggregate):
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

    def load_dossier(self, code: str, today: date | None = None) -> Dossier | None:
        """The dossier of ``code`` (None: no such debtor), read in one snapshot.

        The statements are the SQLite backend's (``read_dossier``), placeholders
        turned into psycopg's and ``group_concat`` spelt ``string_agg``.
        """

        def q(sql: str, params=()):
            cursor = self._store.conn.cursor(row_factory=dict_row)
            return cursor.execute(sql.replace("?", "%s"), params)

        with self._store.snapshot():
            return read_dossier(q, code, today or date.today(), _DISPUTE_SELECT)

    def funnel_dossiers(self, codes: Sequence[str]) -> list[tuple[Dossier, datetime | None]]:
        """Many debtors for the written funnel: the SQLite backend's statements, one snapshot."""

        def q(sql: str, params=()):
            cursor = self._store.conn.cursor(row_factory=dict_row)
            return cursor.execute(sql.replace("?", "%s"), params)

        with self._store.snapshot():
            return read_funnel_dossiers(q, codes)

    def set_account_note(self, code: str, text: str) -> None:
        self._store.conn.execute(
            "UPDATE debtors SET account_note = %s WHERE code = %s", (text, code)
        )

    def account_note(self, code: str) -> str | None:
        return self._value("SELECT account_note FROM debtors WHERE code = %s", (code,))

    def demo_marked(self) -> bool:
        """True for a database ``callcenter demo`` built (its people are fictional)."""
        return self._value("SELECT value FROM meta WHERE key = 'demo'", ()) == "1"

    def mark_demo(self) -> None:
        self._store.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('demo', '1')"
            " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
        )

    dispute = spelled(disputes.dispute)
    list_disputes = spelled(disputes.list_disputes)
    set_dispute_status = spelled(disputes.set_status)
    task = spelled(tasks.task)
    open_tasks = spelled(tasks.open_tasks)
    set_task_done = spelled(tasks.set_done)
    insert_change = spelled(changes.insert_change)
    change = spelled(changes.change)
    change_undone_by = spelled(changes.undone_by)
    last_live_change = spelled(changes.last_live_change)
    last_live_change_of = spelled(changes.last_live_change_of)

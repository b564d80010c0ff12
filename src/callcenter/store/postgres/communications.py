"""The communications log on PostgreSQL (the ``Communications`` port), SQLite's twin."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from callcenter.domain.communications import Communication
from callcenter.store.codec import instant_from_db, instant_to_db
from callcenter.store.communication_rows import COLUMNS, DELIVERED_SQL, from_row, values
from callcenter.store.postgres.db import one_value

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore


class PostgresCommunications:
    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def record(self, entry: Communication) -> int:
        return one_value(
            self._store.conn,
            "INSERT INTO communications (debtor_code, at, actor, scenario, step, channel,"
            " recipients, subject, body, attachments, invoices, message_id, result, send_key,"
            " detail) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " RETURNING id",
            values(entry),
        )

    def delivered_keys(self, keys: Sequence[str]) -> set[str]:
        rows = self._store.conn.execute(
            f"SELECT send_key FROM communications WHERE result IN {DELIVERED_SQL}"  # noqa: S608
            " AND send_key = ANY(%s)",
            (list(set(keys)),),
        )
        return {r[0] for r in rows}

    def awaiting_keys(self, keys: Sequence[str]) -> set[str]:
        rows = self._store.conn.execute(
            "SELECT send_key FROM communications WHERE result = 'awaiting_approval'"
            " AND send_key = ANY(%s)",
            (list(set(keys)),),
        )
        return {r[0] for r in rows}

    def steps_sent(self, codes: Sequence[str]) -> dict[str, dict[str, datetime]]:
        rows = self._store.conn.execute(
            "SELECT debtor_code, step, max(at) FROM communications"  # noqa: S608
            f" WHERE result IN {DELIVERED_SQL} AND debtor_code = ANY(%s)"
            " GROUP BY debtor_code, step",
            (list(set(codes)),),
        )
        found: dict[str, dict[str, datetime]] = {}
        for code, step, at in rows:
            found.setdefault(code, {})[step] = instant_from_db(at)
        return found

    def of_debtor(self, code: str, limit: int = 50) -> list[Communication]:
        rows = self._store.conn.execute(
            f"SELECT {COLUMNS} FROM communications WHERE debtor_code = %s"  # noqa: S608
            " ORDER BY at DESC, id DESC LIMIT %s",
            (code, limit),
        )
        return [from_row(r) for r in rows]

    def undelivered(self, since: datetime) -> list[Communication]:
        rows = self._store.conn.execute(
            f"SELECT {COLUMNS} FROM communications c"  # noqa: S608
            " WHERE c.result IN ('failed', 'refused') AND c.at >= %s"
            " AND NOT EXISTS (SELECT 1 FROM communications d WHERE d.send_key = c.send_key"
            f" AND d.result IN {DELIVERED_SQL}) ORDER BY c.at, c.id",
            (instant_to_db(since),),
        )
        return [from_row(r) for r in rows]

    def mark_email_doubtful(self, code: str, address: str, why: str) -> int:
        return self._store.conn.execute(
            "UPDATE contacts SET email_doubtful = %s"
            " WHERE debtor_code = %s AND lower(email) = lower(%s)",
            (why or "refused", code, address),
        ).rowcount

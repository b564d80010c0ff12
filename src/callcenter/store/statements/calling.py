"""The ``Calling`` port on SQLite: attempts, events, states, do-not-call (migration 7).

Every table here is append-only (triggers refuse UPDATE and DELETE): a time
is written once, a state lasts until the next row, a do-not-call flag is
lifted by a later row. Reads go through the indexes the migration creates
(the ``INDEXED BY`` hints are SQLite's; PostgreSQL's spelling drops them and
lets its planner choose).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from callcenter.domain.calling import (
    AgendaEntry,
    AgentState,
    CallEvent,
    CallTimes,
    DialTarget,
    DoNotCall,
    StateChange,
)
from callcenter.store.call_rows import state_change, times_from_events
from callcenter.store.codec import date_from_db, date_to_db, instant_from_db, instant_to_db
from callcenter.store.statements import SqlStore


class SqlCalling:
    """The port over a SQL store: SQLite's own, or PostgreSQL's ``Spelled`` one."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    def dial_target(self, contact_id: int) -> DialTarget | None:
        row = self._store.conn.execute(
            "SELECT c.debtor_code, c.name, c.phone, c.phone2, c.wrong_number, d.timezone"
            " FROM contacts c JOIN debtors d ON d.code = c.debtor_code WHERE c.id = ?",
            (contact_id,),
        ).fetchone()
        if row is None:
            return None
        return DialTarget(row[0], row[1], row[2], row[3], bool(row[4]), row[5])

    def insert_attempt(
        self,
        *,
        attempt_id: str,
        code: str,
        contact_id: int | None,
        number: str,
        collector: str,
        dialer: str,
        at: datetime,
    ) -> None:
        self._store.conn.execute(
            "INSERT INTO call_attempts (id, debtor_code, contact_id, number, collector, dialer,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (attempt_id, code, contact_id, number, collector, dialer, instant_to_db(at)),
        )

    def attempt_owner(self, attempt_id: str) -> tuple[str, str] | None:
        row = self._store.conn.execute(
            "SELECT debtor_code, collector FROM call_attempts WHERE id = ?", (attempt_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def append_event(
        self,
        attempt_id: str,
        event: CallEvent,
        at: datetime,
        *,
        cause: str = "",
        call_id: int | None = None,
    ) -> bool:
        cursor = self._store.conn.execute(
            "INSERT INTO call_events (attempt_id, event, at, cause, call_id)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (attempt_id, event) DO NOTHING",
            (attempt_id, event.value, instant_to_db(at), cause, call_id),
        )
        return cursor.rowcount == 1

    def call_times(self, attempt_id: str) -> CallTimes | None:
        rows = self._store.conn.execute(
            "SELECT attempt_id, event, at, cause, call_id FROM call_events WHERE attempt_id = ?",
            (attempt_id,),
        ).fetchall()
        return times_from_events(rows).get(attempt_id)

    def times_of_calls(self, call_ids: Sequence[int]) -> dict[int, CallTimes]:
        if not call_ids:
            return {}
        marks = ", ".join("?" for _ in call_ids)
        sql = (
            "SELECT attempt_id, event, at, cause, call_id FROM call_events"  # noqa: S608
            f" WHERE attempt_id IN (SELECT attempt_id FROM call_events WHERE call_id IN ({marks}))"
        )
        rows = self._store.conn.execute(
            sql,
            list(call_ids),
        ).fetchall()
        return {t.call_id: t for t in times_from_events(rows).values() if t.call_id is not None}

    def calls_to_number(self, number: str, since: datetime) -> int:
        return self._store.conn.execute(
            "SELECT count(*) FROM call_attempts WHERE number = ? AND created_at >= ?",
            (number, instant_to_db(since)),
        ).fetchone()[0]

    # -- agent states -------------------------------------------------------------

    def append_state(
        self,
        collector: str,
        state: AgentState,
        at: datetime,
        *,
        reason: str = "",
        attempt_id: str | None = None,
        code: str | None = None,
    ) -> None:
        self._store.conn.execute(
            "INSERT INTO agent_states (collector, at, state, reason, attempt_id, debtor_code)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (collector, instant_to_db(at), state.value, reason, attempt_id, code),
        )

    def states_between(self, start: datetime, end: datetime) -> list[StateChange]:
        rows = self._store.conn.execute(
            "SELECT collector, at, state, reason, debtor_code, id FROM agent_states"
            " INDEXED BY agent_states_at WHERE at >= :lo AND at < :hi"
            " UNION ALL"
            " SELECT collector, at, state, reason, debtor_code, id FROM agent_states"
            " WHERE id IN (SELECT max(id) FROM agent_states INDEXED BY agent_states_collector"
            "              WHERE at < :lo GROUP BY collector)"
            " ORDER BY 1, 2, 6",
            {"lo": instant_to_db(start), "hi": instant_to_db(end)},
        ).fetchall()
        return [state_change(*row[:5]) for row in rows]

    def times_between(self, start: datetime, end: datetime) -> list[tuple[str, CallTimes]]:
        rows = self._store.conn.execute(
            "SELECT a.collector, a.id, e.event, e.at, e.cause, e.call_id"
            " FROM call_attempts a INDEXED BY call_attempts_collector"
            " JOIN call_events e ON e.attempt_id = a.id"
            " WHERE a.created_at >= ? AND a.created_at < ? ORDER BY a.collector, a.id",
            (instant_to_db(start), instant_to_db(end)),
        ).fetchall()
        collectors = {row[1]: row[0] for row in rows}
        times = times_from_events(row[1:] for row in rows)
        return [(collectors[attempt_id], t) for attempt_id, t in times.items()]

    # -- do not call --------------------------------------------------------------

    def flag_do_not_call(
        self,
        *,
        number: str,
        contact_id: int | None,
        flagged: bool,
        by: str,
        at: datetime,
        reason: str,
    ) -> None:
        self._store.conn.execute(
            "INSERT INTO do_not_call (number, contact_id, flagged, set_by, set_at, reason)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (number, contact_id, int(flagged), by, instant_to_db(at), reason),
        )

    def do_not_call(self, number: str, contact_id: int | None) -> DoNotCall | None:
        for column, value in (("number", number), ("contact_id", contact_id)):
            if value in (None, ""):
                continue
            row = self._store.conn.execute(
                f"SELECT flagged, set_by, reason FROM do_not_call WHERE {column} = ?"  # noqa: S608
                " ORDER BY id DESC LIMIT 1",
                (value,),
            ).fetchone()
            if row and row[0]:
                return DoNotCall(row[1], row[2])
        return None

    # -- the agenda ---------------------------------------------------------------

    def callbacks_due(self, collector: str, start: datetime, end: datetime) -> list[AgendaEntry]:
        # The debtor's last effective call (queue_state.last_call_at) is the callback:
        # one undone or followed by another call no longer counts.
        rows = self._store.conn.execute(
            "SELECT q.debtor_code, d.name, coalesce(k.name, ''), c.callback_at"
            " FROM queue_state q INDEXED BY queue_state_state JOIN debtors d ON d.code = q.debtor_code"
            " JOIN calls c ON c.debtor_code = q.debtor_code AND c.started_at = q.last_call_at"
            " LEFT JOIN contacts k ON k.id = c.contact_id"
            " WHERE q.state = 'callback' AND c.outcome = 'callback' AND c.collector = ?"
            " AND c.callback_at >= ? AND c.callback_at < ?"
            " ORDER BY c.callback_at, q.debtor_code",
            (collector, instant_to_db(start), instant_to_db(end)),
        ).fetchall()
        return [
            AgendaEntry(code, name, contact, at=instant_from_db(at))
            for code, name, contact, at in rows
        ]

    def promises_due(self, collector: str, first: date, last: date) -> list[AgendaEntry]:
        rows = self._store.conn.execute(
            "SELECT p.debtor_code, d.name, coalesce(k.name, ''), p.promised_on, p.amount_cents"
            " FROM promises p INDEXED BY promises_pending JOIN debtors d ON d.code = p.debtor_code"
            " LEFT JOIN calls c ON c.id = p.call_id LEFT JOIN contacts k ON k.id = c.contact_id"
            " WHERE p.status = 'pending' AND p.promised_on >= ? AND p.promised_on <= ?"
            " AND (p.collector = ? OR d.collector = ?)"
            " ORDER BY p.promised_on, d.name, p.id",
            (date_to_db(first), date_to_db(last), collector, collector),
        ).fetchall()
        return [
            AgendaEntry(code, name, contact, on=date_from_db(day), amount_cents=cents)
            for code, name, contact, day, cents in rows
        ]

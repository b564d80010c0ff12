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
from callcenter.domain.dial_rules import DialLine
from callcenter.domain.phones import dial_number
from callcenter.store.call_rows import state_change, times_from_events
from callcenter.store.codec import date_from_db, date_to_db, instant_from_db, instant_to_db
from callcenter.store.statements import SqlStore

#: Values per IN list: well under the 999 parameters old SQLite builds allow.
_PART = 500


def _parts(values: Sequence) -> list[Sequence]:
    return [values[start : start + _PART] for start in range(0, len(values), _PART)]


#: Up to this many debtors, their contacts are read directly rather than sifted.
_DIRECT = 20


def _touched(
    lines: dict[str, tuple[DialLine, ...]], at_least: int
) -> dict[str, tuple[DialLine, ...]]:
    """The debtors with a flagged line or one dialled ``at_least`` times (as the sifting keeps)."""
    return {
        code: found
        for code, found in lines.items()
        if any(line.do_not_call or len(line.dialled) >= at_least for line in found)
    }


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

    def dial_times(self, number: str, since: datetime) -> list[datetime]:
        rows = self._store.conn.execute(
            "SELECT created_at FROM call_attempts INDEXED BY call_attempts_number"
            " WHERE number = ? AND created_at >= ?",
            (number, instant_to_db(since)),
        ).fetchall()
        return [instant_from_db(at) for (at,) in rows]

    def dial_lines(
        self, codes: Sequence[str] | None, since: datetime, *, at_least: int
    ) -> dict[str, tuple[DialLine, ...]]:
        # Only debtors a flag or a busy number touches can have every number out: the
        # rest (nearly all of a ledger) cost one pass over indexed, small sets, and no
        # number parsing. A few debtors (an outcome's rescore) are read directly, so the
        # cost does not grow with the week's attempts.
        wanted = None if codes is None else sorted(set(codes))
        if wanted is not None and len(wanted) <= _DIRECT:
            return _touched(self._lines(self._contacts_of(wanted), since), at_least)
        if wanted is None:
            contacts = self._candidate_contacts(None, since, at_least)
        else:
            contacts = []
            for part in _parts(wanted):
                contacts += self._candidate_contacts(part, since, at_least)
        return self._lines(contacts, since)

    def _lines(
        self, contacts: list[tuple[str, int, str, str]], since: datetime
    ) -> dict[str, tuple[DialLine, ...]]:
        """The contacts' numbers as the dialer would dial them, with their flags and calls."""
        numbered = [
            (code, contact, number)
            for code, contact, phone, phone2 in contacts
            if (number := dial_number(phone) or dial_number(phone2))
        ]
        if not numbered:
            return {}
        flagged = self._flagged({n for _, _, n in numbered}, {c for _, c, _ in numbered})
        dialled = self._dialled({n for _, _, n in numbered}, since)
        lines: dict[str, list[DialLine]] = {}
        for code, contact, number in numbered:
            out = number in flagged or contact in flagged
            lines.setdefault(code, []).append(DialLine(number, out, dialled.get(number, ())))
        return {code: tuple(found) for code, found in lines.items()}

    def _contacts_of(self, codes: Sequence[str]) -> list[tuple[str, int, str, str]]:
        marks = ", ".join("?" for _ in codes)
        sql = (
            "SELECT debtor_code, id, phone, phone2 FROM contacts"  # noqa: S608
            f" WHERE wrong_number = 0 AND debtor_code IN ({marks}) ORDER BY debtor_code, id"
        )
        return [tuple(row) for row in self._store.conn.execute(sql, list(codes)).fetchall()]

    def _candidate_contacts(
        self, codes: Sequence[str] | None, since: datetime, at_least: int
    ) -> list[tuple[str, int, str, str]]:
        """The callable contacts of the debtors (of ``codes``) a busy number or a flag touches."""
        params: dict = {"since": instant_to_db(since), "least": at_least}
        only = ""
        if codes is not None:
            names = {f"c{n}": code for n, code in enumerate(codes)}
            only = f" AND c.debtor_code IN ({', '.join(':' + k for k in names)})"
            params.update(names)
        sql = (
            "WITH recent AS (SELECT debtor_code, number FROM call_attempts"  # noqa: S608
            "   INDEXED BY call_attempts_at WHERE created_at >= :since),"
            " busy AS (SELECT number FROM recent GROUP BY number HAVING count(*) >= :least),"
            " out AS (SELECT number FROM busy UNION SELECT number FROM do_not_call)"
            " SELECT k.debtor_code, k.id, k.phone, k.phone2 FROM contacts k"
            " WHERE k.wrong_number = 0 AND k.debtor_code IN ("
            "  SELECT c.debtor_code FROM contacts c WHERE (c.debtor_code IN"
            "   (SELECT debtor_code FROM recent WHERE number IN (SELECT number FROM busy))"
            "   OR c.id IN (SELECT contact_id FROM do_not_call WHERE contact_id IS NOT NULL)"
            f"   OR c.phone IN (SELECT number FROM out) OR c.phone2 IN (SELECT number FROM out)){only})"
            " ORDER BY k.debtor_code, k.id"
        )
        return [tuple(row) for row in self._store.conn.execute(sql, params).fetchall()]

    def _flagged(self, numbers: set[str], contacts: set[int]) -> set[str | int]:
        """Which of ``numbers`` and ``contacts`` are do-not-call now (their latest row says)."""
        found: set[str | int] = set()
        for column, values in (("number", sorted(numbers)), ("contact_id", sorted(contacts))):
            for part in _parts(values):
                marks = ", ".join("?" for _ in part)
                sql = (
                    f"SELECT {column}, flagged FROM do_not_call WHERE id IN"  # noqa: S608
                    f" (SELECT max(id) FROM do_not_call WHERE {column} IN ({marks})"
                    f" GROUP BY {column})"
                )
                found.update(v for v, flagged in self._store.conn.execute(sql, part) if flagged)
        return found

    def _dialled(self, numbers: set[str], since: datetime) -> dict[str, tuple[datetime, ...]]:
        found: dict[str, list[datetime]] = {}
        for part in _parts(sorted(numbers)):
            marks = ", ".join("?" for _ in part)
            sql = (
                "SELECT number, created_at FROM call_attempts"  # noqa: S608
                f" WHERE number IN ({marks}) AND created_at >= ?"
            )
            for number, at in self._store.conn.execute(sql, [*part, instant_to_db(since)]):
                found.setdefault(number, []).append(instant_from_db(at))
        return {number: tuple(ats) for number, ats in found.items()}

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

    def debtors_carrying(self, number: str, contact_id: int | None) -> list[str]:
        # An extension (';ext=') dials the same number: it is reached too.
        rows = self._store.conn.execute(
            "SELECT DISTINCT debtor_code FROM contacts WHERE id = ? OR (? <> '' AND ("
            " phone = ? OR phone2 = ? OR phone LIKE ? OR phone2 LIKE ?)) ORDER BY 1",
            (contact_id, number, number, number, f"{number};%", f"{number};%"),
        ).fetchall()
        return [code for (code,) in rows]

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
        # one undone or followed by another call no longer counts. A colleague's callback
        # for anyone counts on a debtor the collector may work (theirs or unassigned).
        rows = self._store.conn.execute(
            "SELECT q.debtor_code, d.name, coalesce(k.name, ''), c.callback_at, c.collector"
            " FROM queue_state q INDEXED BY queue_state_state JOIN debtors d ON d.code = q.debtor_code"
            " JOIN calls c ON c.debtor_code = q.debtor_code AND c.started_at = q.last_call_at"
            " LEFT JOIN contacts k ON k.id = c.contact_id"
            " WHERE q.state = 'callback' AND c.outcome = 'callback'"
            " AND (c.collector = :me OR (c.callback_owner IS NULL"
            "      AND (d.collector = :me OR coalesce(d.collector, '') = '')))"
            " AND c.callback_at >= :lo AND c.callback_at < :hi"
            " ORDER BY c.callback_at, q.debtor_code",
            {"me": collector, "lo": instant_to_db(start), "hi": instant_to_db(end)},
        ).fetchall()
        return [
            AgendaEntry(
                code, name, contact, at=instant_from_db(at), set_by="" if by == collector else by
            )
            for code, name, contact, at, by in rows
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

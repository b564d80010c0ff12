"""Call attempts, their events, collectors' states and do-not-call flags (migration 7).

Every table here is append-only (triggers refuse UPDATE and DELETE): a time
is written once, a state lasts until the next row, a do-not-call flag is
lifted by a later row. Reads go through the indexes the migration creates.
"""

from __future__ import annotations

from datetime import datetime

from callcenter.domain.calling import AgentState, CallEvent, CallTimes
from callcenter.store.codec import instant_from_db, instant_to_db
from callcenter.store.sqlite.db import SqliteStore as Store


def dial_contact(store: Store, contact_id: int) -> dict | None:
    """What dialling a contact needs: its debtor, numbers and the debtor's timezone."""
    row = store.conn.execute(
        "SELECT c.debtor_code, c.name, c.phone, c.phone2, c.wrong_number, d.timezone"
        " FROM contacts c JOIN debtors d ON d.code = c.debtor_code WHERE c.id = ?",
        (contact_id,),
    ).fetchone()
    keys = ("debtor_code", "name", "phone", "phone2", "wrong_number", "timezone")
    return dict(zip(keys, row, strict=True)) if row else None


def insert_attempt(
    store: Store,
    *,
    attempt_id: str,
    code: str,
    contact_id: int | None,
    number: str,
    collector: str,
    dialer: str,
    at: datetime,
) -> None:
    store.conn.execute(
        "INSERT INTO call_attempts (id, debtor_code, contact_id, number, collector, dialer,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (attempt_id, code, contact_id, number, collector, dialer, instant_to_db(at)),
    )


def attempt_owner(store: Store, attempt_id: str) -> tuple[str, str] | None:
    """(debtor code, collector) of an attempt, or None when there is no such attempt."""
    row = store.conn.execute(
        "SELECT debtor_code, collector FROM call_attempts WHERE id = ?", (attempt_id,)
    ).fetchone()
    return (row[0], row[1]) if row else None


def append_event(
    store: Store,
    attempt_id: str,
    event: CallEvent,
    at: datetime,
    *,
    cause: str = "",
    call_id: int | None = None,
) -> bool:
    """Record ``event`` once; False when the attempt already had it (the first one stands)."""
    cursor = store.conn.execute(
        "INSERT INTO call_events (attempt_id, event, at, cause, call_id) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (attempt_id, event) DO NOTHING",
        (attempt_id, event.value, instant_to_db(at), cause, call_id),
    )
    return cursor.rowcount == 1


def call_times(store: Store, attempt_id: str) -> CallTimes | None:
    rows = store.conn.execute(
        "SELECT event, at, cause, call_id FROM call_events WHERE attempt_id = ?", (attempt_id,)
    ).fetchall()
    events = {event: (instant_from_db(at), cause, call_id) for event, at, cause, call_id in rows}
    return _times(attempt_id, events) if CallEvent.DIALLED.value in events else None


def _times(attempt_id: str, events: dict[str, tuple]) -> CallTimes:
    def at(event: CallEvent) -> datetime | None:
        found = events.get(event.value)
        return found[0] if found else None

    ended = events.get(CallEvent.ENDED.value)
    outcome = events.get(CallEvent.OUTCOME.value)
    return CallTimes(
        attempt_id=attempt_id,
        dialled_at=events[CallEvent.DIALLED.value][0],  # there: checked above
        answered_at=at(CallEvent.ANSWERED),
        ended_at=at(CallEvent.ENDED),
        outcome_at=at(CallEvent.OUTCOME),
        hangup_cause=ended[1] if ended else "",
        call_id=outcome[2] if outcome else None,
    )


def calls_to_number(store: Store, number: str, since: datetime) -> int:
    """Attempts to ``number`` from ``since`` on (every collector's)."""
    return store.conn.execute(
        "SELECT count(*) FROM call_attempts WHERE number = ? AND created_at >= ?",
        (number, instant_to_db(since)),
    ).fetchone()[0]


# -- agent states ---------------------------------------------------------------


def append_state(
    store: Store,
    collector: str,
    state: AgentState,
    at: datetime,
    *,
    reason: str = "",
    attempt_id: str | None = None,
    code: str | None = None,
) -> None:
    store.conn.execute(
        "INSERT INTO agent_states (collector, at, state, reason, attempt_id, debtor_code)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (collector, instant_to_db(at), state.value, reason, attempt_id, code),
    )


def states_between(store: Store, start: datetime, end: datetime) -> list[tuple]:
    """(collector, at, state, reason, debtor_code) from ``start`` to ``end``, each
    collector's last state before ``start`` included (it was still running then)."""
    lo, hi = instant_to_db(start), instant_to_db(end)
    rows = store.conn.execute(
        "SELECT collector, at, state, reason, debtor_code, id FROM agent_states"
        " INDEXED BY agent_states_at WHERE at >= :lo AND at < :hi"
        " UNION ALL"
        " SELECT collector, at, state, reason, debtor_code, id FROM agent_states"
        " WHERE id IN (SELECT max(id) FROM agent_states INDEXED BY agent_states_collector"
        "              WHERE at < :lo GROUP BY collector)"
        " ORDER BY 1, 2, 6",
        {"lo": lo, "hi": hi},
    ).fetchall()
    return [(c, instant_from_db(at), s, r, d) for c, at, s, r, d, _ in rows]


def times_between(store: Store, start: datetime, end: datetime) -> list[tuple[str, CallTimes]]:
    """(collector, times) of every attempt dialled from ``start`` to ``end``, in one query."""
    rows = store.conn.execute(
        "SELECT a.collector, a.id, e.event, e.at, e.cause, e.call_id"
        " FROM call_attempts a INDEXED BY call_attempts_collector"
        " JOIN call_events e ON e.attempt_id = a.id"
        " WHERE a.created_at >= ? AND a.created_at < ? ORDER BY a.collector, a.id",
        (instant_to_db(start), instant_to_db(end)),
    ).fetchall()
    found: dict[str, tuple[str, dict]] = {}
    for collector, attempt_id, event, at, cause, call_id in rows:
        found.setdefault(attempt_id, (collector, {}))[1][event] = (
            instant_from_db(at),
            cause,
            call_id,
        )
    return [
        (collector, _times(attempt_id, events))
        for attempt_id, (collector, events) in found.items()
        if CallEvent.DIALLED.value in events
    ]


# -- do not call ---------------------------------------------------------------------


def flag_do_not_call(
    store: Store,
    *,
    number: str,
    contact_id: int | None,
    flagged: bool,
    by: str,
    at: datetime,
    reason: str,
) -> None:
    store.conn.execute(
        "INSERT INTO do_not_call (number, contact_id, flagged, set_by, set_at, reason)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (number, contact_id, int(flagged), by, instant_to_db(at), reason),
    )


def do_not_call(store: Store, number: str, contact_id: int | None) -> tuple[str, str] | None:
    """(who, why) when ``number`` or ``contact_id`` is flagged now (last row says), else None."""
    for column, value in (("number", number), ("contact_id", contact_id)):
        if value in (None, ""):
            continue
        row = store.conn.execute(
            f"SELECT flagged, set_by, reason FROM do_not_call WHERE {column} = ?"  # noqa: S608
            " ORDER BY id DESC LIMIT 1",
            (value,),
        ).fetchone()
        if row and row[0]:
            return row[1], row[2]
    return None

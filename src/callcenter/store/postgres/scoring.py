"""The queue's facts and scores on PostgreSQL: the same bulk reads as SQLite's ``scoring.py``.

Rescoring is a handful of GROUP BY queries whatever the number of debtors;
a set of codes is one array parameter (``= ANY(%s)``), so no chunking is
needed. The facts and the rows written are those of the SQLite backend, value
for value: the domain scores them the same way.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from psycopg.rows import dict_row

from callcenter.domain.models import REACHED, Outcome, PromiseStatus, QueueEntry
from callcenter.domain.scoring import (
    ATTEMPTS,
    WRITTEN_MEMORY_DAYS,
    DebtorFacts,
    LastCall,
    Scored,
    callback_owner,
    unanswered,
)
from callcenter.store.codec import date_from_db, date_to_db, instant_from_db, instant_to_db
from callcenter.store.rows import queue_entry_from_row

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore

_REACHED = sorted(o.value for o in REACHED)
_ATTEMPTS = sorted(o.value for o in ATTEMPTS)
#: Calls that count: not an undo entry, and not undone by one.
_EFFECTIVE = "outcome <> 'undo' AND id NOT IN (SELECT undoes FROM calls WHERE undoes IS NOT NULL)"


def _codes(column: str, codes: Sequence[str] | None) -> tuple[str, dict]:
    """An ``AND column = ANY(...)`` filter, or nothing when every debtor is wanted."""
    if codes is None:
        return "", {}
    return f" AND {column} = ANY(%(codes)s::text[])", {"codes": list(codes)}


def _dicts(store: PostgresStore, sql: str, params: dict) -> list[dict]:
    with store.conn.cursor(row_factory=dict_row) as cursor:
        return cursor.execute(sql, params).fetchall()


def gather_facts(
    store: PostgresStore,
    *,
    today: date,
    now: datetime,
    codes: Sequence[str] | None = None,
    broken_memory_days: int = 180,
) -> list[DebtorFacts]:
    """Facts for every debtor (``codes`` None) or the given ones, in code order."""
    wanted = None if codes is None else sorted(set(codes))
    where, params = _codes("code", wanted)
    base = {
        r["code"]: r
        for r in _dicts(
            store,
            "SELECT code, status, segment, timezone, dunning_step, tags FROM debtors"  # noqa: S608
            f" WHERE true{where}",
            params,
        )
    }
    money = _invoice_totals(store, today, wanted)
    pending, broken = _promise_facts(store, today, wanted, broken_memory_days)
    last_calls = _last_calls(store, wanted)
    attempts = _recent_attempts(store, now, wanted)
    written = _written_sends(store, now, wanted)
    where, params = _codes("debtor_code", wanted)
    phones = {
        r["debtor_code"]: r
        for r in _dicts(
            store,
            "SELECT debtor_code, count(*) AS total, sum(wrong_number) AS wrong FROM contacts"  # noqa: S608
            f" WHERE true{where} GROUP BY debtor_code",
            params,
        )
    }
    facts = []
    for code in sorted(base):
        row = base[code]
        totals = money.get(code, {})
        last = last_calls.get(code)
        contacts = phones.get(code, {})
        facts.append(
            DebtorFacts(
                code=code,
                status=row["status"],
                segment=row["segment"],
                timezone=row["timezone"],
                dunning_step=row["dunning_step"],
                overdue_cents=int(totals.get("overdue") or 0),
                disputed_cents=int(totals.get("disputed") or 0),
                excluded_cents=int(totals.get("excluded") or 0),
                oldest_due=date_from_db(totals.get("oldest_due")),
                pending_promises=tuple(pending.get(code, ())),
                broken_promises=tuple(broken.get(code, ())),
                last_call=last[0] if last else None,
                last_contact_at=last[1] if last else None,
                recent_attempts=tuple(attempts.get(code, ())),
                contacts=int(contacts.get("total") or 0),
                wrong_numbers=int(contacts.get("wrong") or 0),
                tags=tuple(t for t in row["tags"].split(",") if t),
                written_unanswered=unanswered(written.get(code, ()), last[1] if last else None),
            )
        )
    return facts


def _written_sends(store: PostgresStore, now: datetime, codes: list[str] | None) -> dict:
    """Delivered written reminders of the last months, per debtor (SQLite's twin)."""
    where, params = _codes("debtor_code", codes)
    params.update(since=instant_to_db(now - timedelta(days=WRITTEN_MEMORY_DAYS)))
    sql = (
        "SELECT debtor_code, at FROM communications WHERE at >= %(since)s"  # noqa: S608
        " AND result IN ('sent', 'written')"
        f" AND channel IN ('email', 'letter', 'formal_notice'){where}"
    )
    found: dict[str, list[datetime]] = defaultdict(list)
    for code, at in store.conn.execute(sql, params):
        found[code].append(instant_from_db(at))
    return found


def _invoice_totals(store: PostgresStore, today: date, codes: list[str] | None) -> dict:
    """Overdue (minus credit notes), disputed and excluded amounts, and the oldest due date."""
    where, params = _codes("i.debtor_code", codes)
    params["today"] = date_to_db(today)
    sql = (
        "SELECT code,"  # noqa: S608 - placeholders only
        " sum(CASE WHEN excluded = 0 AND NOT disputed"
        "      AND (kind = 'credit_note' OR open_cents < 0 OR due_date < %(today)s)"
        "      THEN open_cents ELSE 0 END) AS overdue,"
        " sum(CASE WHEN excluded = 0 AND disputed AND open_cents > 0"
        "      AND due_date < %(today)s THEN open_cents ELSE 0 END) AS disputed,"
        " sum(CASE WHEN excluded = 1 AND open_cents > 0 AND due_date < %(today)s"
        "      THEN open_cents ELSE 0 END) AS excluded,"
        " min(CASE WHEN excluded = 0 AND NOT disputed AND open_cents > 0"
        "      AND kind = 'invoice' AND due_date < %(today)s THEN due_date END) AS oldest_due"
        " FROM (SELECT i.debtor_code AS code, i.excluded, i.kind, i.open_cents, i.due_date,"
        "   EXISTS (SELECT 1 FROM dispute_invoices di JOIN disputes x ON x.id = di.dispute_id"
        "     WHERE di.invoice_id = i.id AND (x.status = 'open' OR x.resolution = 'credit_note'))"
        "   AS disputed"
        f"   FROM invoices i WHERE i.open_cents <> 0{where}) open_lines GROUP BY code"
    )
    return {r["code"]: r for r in _dicts(store, sql, params)}


def _promise_facts(
    store: PostgresStore, today: date, codes: list[str] | None, memory_days: int
) -> tuple[dict[str, list], dict[str, list]]:
    where, params = _codes("debtor_code", codes)
    params["since"] = date_to_db(today - timedelta(days=memory_days))
    pending: dict[str, list] = defaultdict(list)
    broken: dict[str, list] = defaultdict(list)
    rows = _dicts(
        store,
        "SELECT debtor_code, status, promised_on, amount_cents FROM promises"  # noqa: S608
        " WHERE (status = 'pending' OR (status IN ('broken', 'partly_kept')"
        f" AND promised_on >= %(since)s)){where}",
        params,
    )
    for r in rows:
        day = date_from_db(r["promised_on"])
        if r["status"] == "pending":
            pending[r["debtor_code"]].append((day, int(r["amount_cents"])))
        else:
            broken[r["debtor_code"]].append((day, PromiseStatus(r["status"])))
    for values in pending.values():
        values.sort()
    for days in broken.values():
        days.sort()
    return pending, broken


def _last_calls(store: PostgresStore, codes: list[str] | None) -> dict:
    """The last effective call and the last time somebody was reached, per debtor."""
    where, params = _codes("debtor_code", codes)
    params["reached"] = _REACHED
    sql = (
        "SELECT c.debtor_code, c.outcome, c.started_at, c.callback_at, c.callback_owner,"  # noqa: S608
        " agg.last_contact_at"
        " FROM (SELECT debtor_code, max(id) AS last_id,"
        "   max(CASE WHEN outcome = ANY(%(reached)s::text[]) THEN started_at END)"
        "   AS last_contact_at"
        f"   FROM calls WHERE {_EFFECTIVE}{where} GROUP BY debtor_code) agg"
        " JOIN calls c ON c.id = agg.last_id"
    )
    found = {}
    for r in _dicts(store, sql, params):
        last = LastCall(
            outcome=Outcome(r["outcome"]),
            at=instant_from_db(r["started_at"]),
            callback_at=instant_from_db(r["callback_at"]),
            callback_owner=r["callback_owner"],
        )
        found[r["debtor_code"]] = (last, instant_from_db(r["last_contact_at"]))
    return found


def _recent_attempts(store: PostgresStore, now: datetime, codes: list[str] | None) -> dict:
    where, params = _codes("debtor_code", codes)
    params.update(
        since=instant_to_db(now - timedelta(hours=36)),
        now=instant_to_db(now),
        attempts=_ATTEMPTS,
    )
    sql = (
        "SELECT debtor_code, started_at FROM calls"  # noqa: S608
        " WHERE started_at >= %(since)s AND started_at <= %(now)s"
        f" AND outcome = ANY(%(attempts)s::text[]) AND {_EFFECTIVE}{where}"
    )
    found: dict[str, list[datetime]] = defaultdict(list)
    for code, at in store.conn.execute(sql, params):
        found[code].append(instant_from_db(at))
    return found


def write_scores(
    store: PostgresStore,
    scored: Iterable[tuple[DebtorFacts, Scored]],
    now: datetime,
    today: date | None = None,
) -> int:
    """Upsert queue_state rows; claims are left as they are."""
    stamp = instant_to_db(now)
    day = date_to_db(today or now.date())
    rows = [
        (
            f.code,
            s.state.value,
            s.score,
            json.dumps([r.to_json() for r in s.reasons], ensure_ascii=False),
            s.overdue_cents,
            s.oldest_days,
            instant_to_db(s.next_action_at),
            s.attempts_today,
            day,
            instant_to_db(f.last_call.at) if f.last_call else None,
            instant_to_db(f.last_contact_at),
            stamp,
            callback_owner(f, s),
        )
        for f, s in scored
    ]
    with store.conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO queue_state (debtor_code, state, score, reasons, overdue_cents,"
            " oldest_days, next_action_at, attempts_today, attempts_on, last_call_at,"
            " last_contact_at, scored_at, callback_owner)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (debtor_code) DO UPDATE SET state = EXCLUDED.state,"
            " score = EXCLUDED.score, reasons = EXCLUDED.reasons,"
            " overdue_cents = EXCLUDED.overdue_cents, oldest_days = EXCLUDED.oldest_days,"
            " next_action_at = EXCLUDED.next_action_at,"
            " attempts_today = EXCLUDED.attempts_today, attempts_on = EXCLUDED.attempts_on,"
            " last_call_at = EXCLUDED.last_call_at, last_contact_at = EXCLUDED.last_contact_at,"
            " scored_at = EXCLUDED.scored_at, callback_owner = EXCLUDED.callback_owner",
            rows,
        )
    return len(rows)


def upkeep_state(store: PostgresStore, scored_key: str, cutoff: date) -> tuple[str | None, bool]:
    """(day the queue was last scored, any pending promise dated before ``cutoff``)."""
    row = store.conn.execute(
        "SELECT (SELECT value FROM meta WHERE key = %s), EXISTS (SELECT 1 FROM promises"
        " WHERE status = 'pending' AND promised_on < %s)",
        (scored_key, date_to_db(cutoff)),
    ).fetchone()
    return row[0], bool(row[1])


def pending_due_promise_exists(store: PostgresStore, cutoff: date) -> bool:
    """Any pending promise dated before ``cutoff`` (partial index promises_pending)."""
    row = store.conn.execute(
        "SELECT 1 FROM promises WHERE status = 'pending' AND promised_on < %s LIMIT 1",
        (date_to_db(cutoff),),
    ).fetchone()
    return row is not None


def _scope(collector: str | None, campaign_id: int | None) -> tuple[str, dict]:
    """SQL filter (on aliases q and d) for one collector's portfolio or one campaign."""
    sql, params = "", {}
    if collector is not None:
        sql += " AND (d.collector IS NULL OR d.collector = '' OR d.collector = %(collector)s)"
        params["collector"] = collector
    if campaign_id is not None:
        sql += (
            " AND EXISTS (SELECT 1 FROM campaign_debtors cd"
            " WHERE cd.campaign_id = %(campaign)s AND cd.debtor_code = q.debtor_code)"
        )
        params["campaign"] = campaign_id
    return sql, params


def queue_rows(
    store: PostgresStore,
    *,
    now: datetime,
    limit: int | None,
    collector: str | None = None,
    campaign_id: int | None = None,
    include_waiting: bool = False,
) -> list[QueueEntry]:
    """Callable debtors (or, with ``include_waiting``, every due/callback one), best first."""
    scope, params = _scope(collector, campaign_id)
    sql = (
        "SELECT q.*, d.code, d.name, d.collector FROM queue_state q"
        " JOIN debtors d ON d.code = q.debtor_code WHERE q.state IN ('due', 'callback')"
    )
    if not include_waiting:
        sql += " AND q.next_action_at <= %(now)s"
        params["now"] = instant_to_db(now)
    sql += scope + " ORDER BY q.score DESC, q.debtor_code"
    if limit is not None:
        sql += " LIMIT %(limit)s"
        params["limit"] = limit
    return [queue_entry_from_row(row) for row in _dicts(store, sql, params)]


def entry(store: PostgresStore, code: str) -> QueueEntry | None:
    rows = _dicts(
        store,
        "SELECT q.*, d.code, d.name, d.collector FROM queue_state q"
        " JOIN debtors d ON d.code = q.debtor_code WHERE q.debtor_code = %(code)s",
        {"code": code},
    )
    return queue_entry_from_row(rows[0]) if rows else None


def rank_of(
    store: PostgresStore,
    code: str,
    now: datetime,
    collector: str | None = None,
    campaign_id: int | None = None,
) -> tuple[int, int]:
    """(1-based rank, number of debtors callable now); rank 0 when ``code`` is not callable."""
    scope, params = _scope(collector, campaign_id)
    params.update(now=instant_to_db(now), code=code)
    row = store.conn.execute(
        "SELECT count(*),"  # noqa: S608 - fixed fragments
        " count(*) FILTER (WHERE q.debtor_code = %(code)s)"
        " FROM queue_state q JOIN debtors d ON d.code = q.debtor_code"
        " WHERE q.state IN ('due', 'callback') AND q.next_action_at <= %(now)s" + scope,
        params,
    ).fetchone()
    total, present = int(row[0]), int(row[1])
    if not present:
        return 0, total
    ahead = store.conn.execute(
        "SELECT count(*) FROM queue_state q JOIN debtors d ON d.code = q.debtor_code"  # noqa: S608
        " JOIN queue_state me ON me.debtor_code = %(code)s"
        " WHERE q.state IN ('due', 'callback') AND q.next_action_at <= %(now)s"
        " AND (q.score > me.score OR (q.score = me.score AND q.debtor_code < %(code)s))" + scope,
        params,
    ).fetchone()[0]
    return int(ahead) + 1, total


def next_return(
    store: PostgresStore, *, collector: str, now: datetime, campaign_id: int | None
) -> tuple[str, str, str, datetime] | None:
    """(code, name, state, next_action_at) of the first debtor coming back after ``now``."""
    if campaign_id is not None:
        scope, params = _scope(None, campaign_id)
    else:
        scope, params = _scope(collector, None)
    params["now"] = instant_to_db(now)
    row = store.conn.execute(
        "SELECT q.debtor_code, d.name, q.state, q.next_action_at FROM queue_state q"  # noqa: S608
        " JOIN debtors d ON d.code = q.debtor_code"
        " WHERE q.state IN ('due', 'callback', 'promise') AND q.next_action_at > %(now)s"
        + scope
        + " ORDER BY q.next_action_at LIMIT 1",
        params,
    ).fetchone()
    return None if row is None else (row[0], row[1], row[2], instant_from_db(row[3]))


def pick_candidates(
    store: PostgresStore,
    *,
    collector: str,
    now: datetime,
    campaign_id: int | None,
    skip: Sequence[str],
    session: str | None = None,
) -> Iterator[tuple[str, str]]:
    """(code, timezone) of callable debtors, best first (SQLite's pick, for the port).

    The claim itself does not use it on PostgreSQL: ``queue.claim_next`` picks and
    locks in one statement.
    """
    if campaign_id is not None:
        scope, params = _scope(None, campaign_id)
    else:
        scope, params = _scope(collector, None)
    params.update(now=instant_to_db(now), me=collector, session=session, skip=list(skip))
    rows = store.conn.execute(
        "SELECT q.debtor_code, d.timezone FROM queue_state q"  # noqa: S608
        " JOIN debtors d ON d.code = q.debtor_code"
        " WHERE q.state IN ('due', 'callback') AND q.next_action_at <= %(now)s"
        " AND (q.claimed_by IS NULL OR q.claim_expires_at < %(now)s"
        "   OR (q.claimed_by = %(me)s AND (q.claim_session IS NULL"
        "       OR q.claim_session = %(session)s)))"
        " AND (q.callback_owner IS NULL OR q.callback_owner = %(me)s)"
        " AND NOT (q.debtor_code = ANY(%(skip)s::text[]))"
        + scope
        + " ORDER BY q.score DESC, q.debtor_code",
        params,
    )
    return ((row[0], row[1]) for row in rows)

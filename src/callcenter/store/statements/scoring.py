"""Scoring: the facts of every debtor gathered in bulk, the scores written back.

Rescoring every debtor is a handful of GROUP BY queries whatever the number
of debtors (never one query per debtor). Written once for both backends
(standard SQL, SQLite's spelling; PostgreSQL runs it through ``Spelled``):
a set of codes is bound as ``IN (?, ...)`` in chunks, which SQLite's
parameter limit needs and PostgreSQL takes as well.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta

from callcenter.domain.models import (
    REACHED,
    Outcome,
    PromiseStatus,
)
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
from callcenter.store.statements import SqlStore, dict_query

#: SQLite allows 999 parameters in old builds; stay well under it.
CHUNK = 500


#: Past this many codes, one pass over every debtor is cheaper than chunks.
WHOLE_PASS_ABOVE = 5000


_REACHED_SQL = ", ".join(f"'{o.value}'" for o in sorted(REACHED))


_ATTEMPTS_SQL = ", ".join(f"'{o.value}'" for o in sorted(ATTEMPTS))


def _effective(codes: Sequence[str] | None) -> str:
    """Calls that count (on the unaliased ``calls``): not an undo entry, and not undone by one.

    For a whole pass, the ledger's undo entries are listed once (the partial
    index ``calls_undoes``) and every call is checked against the list. For a
    few debtors (after an outcome) that list would cost more than the calls
    themselves, and it grows with the ledger (~78 000 undo entries, ~12 ms per
    query, at a million debtors): each of their calls probes the index instead.
    """
    if codes is None:
        return "outcome <> 'undo' AND id NOT IN (SELECT undoes FROM calls WHERE undoes IS NOT NULL)"
    return "outcome <> 'undo' AND NOT EXISTS (SELECT 1 FROM calls u WHERE u.undoes = calls.id)"


def chunks(codes: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(codes), CHUNK):
        yield codes[start : start + CHUNK]


def _in(column: str, codes: Sequence[str] | None) -> tuple[str, tuple]:
    """An ``AND column IN (?, ...)`` filter, or nothing when all debtors are wanted."""
    if codes is None:
        return "", ()
    return f" AND {column} IN ({', '.join('?' for _ in codes)})", tuple(codes)


def gather_facts(
    store: SqlStore,
    *,
    today: date,
    now: datetime,
    codes: Sequence[str] | None = None,
    broken_memory_days: int = 180,
) -> list[DebtorFacts]:
    """Facts for every debtor (``codes`` None) or the given ones, in code order."""
    if codes is not None and len(set(codes)) > WHOLE_PASS_ABOVE:
        wanted = set(codes)
        everyone = _gather(store, today, now, None, broken_memory_days)
        return [f for f in everyone if f.code in wanted]
    if codes is not None:
        codes = sorted(set(codes))
        found: list[DebtorFacts] = []
        for part in chunks(codes):
            found.extend(_gather(store, today, now, list(part), broken_memory_days))
        return found
    return _gather(store, today, now, None, broken_memory_days)


def _gather(
    store: SqlStore,
    today: date,
    now: datetime,
    codes: list[str] | None,
    memory_days: int,
) -> list[DebtorFacts]:
    base = {
        r["code"]: r
        for r in _rows(
            store,
            "SELECT code, status, segment, timezone, dunning_step, tags FROM debtors WHERE 1 = 1",
            "code",
            codes,
        )
    }
    money = _invoice_totals(store, today, codes)
    pending, broken = _promise_facts(store, today, codes, memory_days)
    last_calls = _last_calls(store, codes)
    attempts = _recent_attempts(store, now, codes)
    written = _written_sends(store, now, codes)
    phones = {
        r["debtor_code"]: r
        for r in _rows(
            store,
            "SELECT debtor_code, count(*) AS total, sum(wrong_number) AS wrong FROM contacts"
            " WHERE 1 = 1",
            "debtor_code",
            codes,
            tail=" GROUP BY debtor_code",
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
                overdue_cents=totals.get("overdue") or 0,
                disputed_cents=totals.get("disputed") or 0,
                excluded_cents=totals.get("excluded") or 0,
                oldest_due=date_from_db(totals.get("oldest_due")),
                pending_promises=tuple(pending.get(code, ())),
                broken_promises=tuple(broken.get(code, ())),
                last_call=last[0] if last else None,
                last_contact_at=last[1] if last else None,
                recent_attempts=tuple(attempts.get(code, ())),
                contacts=contacts.get("total") or 0,
                wrong_numbers=contacts.get("wrong") or 0,
                tags=tuple(t for t in row["tags"].split(",") if t),
                written_unanswered=unanswered(written.get(code, ()), last[1] if last else None),
            )
        )
    return facts


def _written_sends(
    store: SqlStore, now: datetime, codes: list[str] | None
) -> dict[str, list[datetime]]:
    """Delivered written reminders (e-mail, letter, notice) of the last months, per debtor."""
    where, params = _in("debtor_code", codes)
    since = instant_to_db(now - timedelta(days=WRITTEN_MEMORY_DAYS))
    sql = (
        "SELECT debtor_code, at FROM communications WHERE at >= ?"  # noqa: S608
        " AND result IN ('sent', 'written')"
        f" AND channel IN ('email', 'letter', 'formal_notice'){where}"
    )
    found: dict[str, list[datetime]] = defaultdict(list)
    for code, at in store.conn.execute(sql, (since, *params)):
        found[code].append(instant_from_db(at))
    return found


def _rows(
    store: SqlStore,
    sql: str,
    column: str,
    codes: list[str] | None,
    params: tuple = (),
    tail: str = "",
):
    """Run ``sql`` (ending in a WHERE clause) for ``codes``, then ``tail`` (GROUP BY...)."""
    where, extra = _in(column, codes)
    return dict_query(store, sql + where + tail, params + extra).fetchall()


def _invoice_totals(store: SqlStore, today: date, codes: list[str] | None) -> dict[str, dict]:
    """Overdue (minus credit notes), disputed and excluded amounts, and the oldest due date.

    The dispute flag is a correlated EXISTS on ``dispute_invoices_invoice`` (as
    0 or 1: PostgreSQL's EXISTS is a boolean, which it will not compare with 0),
    as cheap for one debtor (after an outcome) as for the whole ledger. A dispute
    holds its invoices while open, and once settled in the client's favour until
    the credit note (which closes the invoice) arrives.
    """
    inner = (
        "SELECT i.debtor_code AS code, i.excluded, i.kind, i.open_cents, i.due_date,"
        " CASE WHEN EXISTS (SELECT 1 FROM dispute_invoices di JOIN disputes x"
        "   ON x.id = di.dispute_id WHERE di.invoice_id = i.id"
        "   AND (x.status = 'open' OR x.resolution = 'credit_note')) THEN 1 ELSE 0 END"
        " AS disputed"
        " FROM invoices i WHERE i.open_cents <> 0"
    )
    params: dict = {"today": date_to_db(today)}
    if codes is not None:
        names = {f"c{n}": code for n, code in enumerate(codes)}
        inner += f" AND i.debtor_code IN ({', '.join(':' + k for k in names)})"
        params.update(names)
    sql = (
        "SELECT code,"  # noqa: S608 - placeholders only
        " sum(CASE WHEN excluded = 0 AND disputed = 0"
        "      AND (kind = 'credit_note' OR open_cents < 0 OR due_date < :today)"
        "      THEN open_cents ELSE 0 END) AS overdue,"
        " sum(CASE WHEN excluded = 0 AND disputed = 1 AND open_cents > 0"
        "      AND due_date < :today THEN open_cents ELSE 0 END) AS disputed,"
        " sum(CASE WHEN excluded = 1 AND open_cents > 0 AND due_date < :today"
        "      THEN open_cents ELSE 0 END) AS excluded,"
        " min(CASE WHEN excluded = 0 AND disputed = 0 AND open_cents > 0"
        "      AND kind = 'invoice' AND due_date < :today THEN due_date END) AS oldest_due"
        f" FROM ({inner}) AS open_lines GROUP BY code"
    )
    return {r["code"]: r for r in dict_query(store, sql, params)}


def _promise_facts(
    store: SqlStore, today: date, codes: list[str] | None, memory_days: int
) -> tuple[dict[str, list], dict[str, list]]:
    since = date_to_db(today - timedelta(days=memory_days))
    pending: dict[str, list] = defaultdict(list)
    broken: dict[str, list] = defaultdict(list)
    rows = _rows(
        store,
        "SELECT debtor_code, status, promised_on, amount_cents FROM promises"
        " WHERE (status = 'pending' OR (status IN ('broken', 'partly_kept') AND promised_on >= ?))",
        "debtor_code",
        codes,
        (since,),
    )
    for r in rows:
        day = date_from_db(r["promised_on"])
        if r["status"] == "pending":
            pending[r["debtor_code"]].append((day, r["amount_cents"]))
        else:
            broken[r["debtor_code"]].append((day, PromiseStatus(r["status"])))
    for values in pending.values():
        values.sort()
    for days in broken.values():
        days.sort()
    return pending, broken


def _last_calls(
    store: SqlStore, codes: list[str] | None
) -> dict[str, tuple[LastCall, datetime | None]]:
    """The last effective call and the last time somebody was reached, per debtor."""
    where, params = _in("debtor_code", codes)
    sql = (
        "SELECT c.debtor_code, c.outcome, c.started_at, c.callback_at, c.callback_owner,"  # noqa: S608
        " agg.last_contact_at"
        " FROM (SELECT debtor_code, max(id) AS last_id,"
        f"   max(CASE WHEN outcome IN ({_REACHED_SQL}) THEN started_at END) AS last_contact_at"
        f"   FROM calls WHERE {_effective(codes)}{where} GROUP BY debtor_code) agg"
        " JOIN calls c ON c.id = agg.last_id"
    )
    found = {}
    for r in dict_query(store, sql, params):
        last = LastCall(
            outcome=Outcome(r["outcome"]),
            at=instant_from_db(r["started_at"]),
            callback_at=instant_from_db(r["callback_at"]),
            callback_owner=r["callback_owner"],
        )
        found[r["debtor_code"]] = (last, instant_from_db(r["last_contact_at"]))
    return found


def _recent_attempts(
    store: SqlStore, now: datetime, codes: list[str] | None
) -> dict[str, list[datetime]]:
    where, params = _in("debtor_code", codes)
    since = instant_to_db(now - timedelta(hours=36))
    sql = (
        "SELECT debtor_code, started_at FROM calls WHERE started_at >= ? AND started_at <= ?"  # noqa: S608
        f" AND outcome IN ({_ATTEMPTS_SQL}) AND {_effective(codes)}{where}"
    )
    found: dict[str, list[datetime]] = defaultdict(list)
    for code, at in store.conn.execute(sql, (since, instant_to_db(now), *params)):
        found[code].append(instant_from_db(at))
    return found


def write_scores(
    store: SqlStore,
    scored: Iterable[tuple[DebtorFacts, Scored]],
    now: datetime,
    today: date | None = None,
) -> int:
    """Upsert queue_state rows; claims are left as they are.

    ``today`` (the ledger's day) dates ``attempts_today``; default: ``now``'s date.
    """
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
    store.conn.executemany(
        "INSERT INTO queue_state (debtor_code, state, score, reasons, overdue_cents, oldest_days,"
        " next_action_at, attempts_today, attempts_on, last_call_at, last_contact_at, scored_at,"
        " callback_owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (debtor_code) DO UPDATE SET state = excluded.state,"
        " score = excluded.score, reasons = excluded.reasons,"
        " overdue_cents = excluded.overdue_cents, oldest_days = excluded.oldest_days,"
        " next_action_at = excluded.next_action_at, attempts_today = excluded.attempts_today,"
        " attempts_on = excluded.attempts_on, last_call_at = excluded.last_call_at,"
        " last_contact_at = excluded.last_contact_at, scored_at = excluded.scored_at,"
        " callback_owner = excluded.callback_owner",
        rows,
    )
    return len(rows)


def debtor_codes(store: SqlStore) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT code FROM debtors ORDER BY code")]

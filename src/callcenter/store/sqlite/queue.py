"""The queue's SQL: gathering facts in bulk, writing scores, claiming debtors.

Rescoring every debtor is a handful of GROUP BY queries whatever the number
of debtors (never one query per debtor), and the pick is one indexed read
(``queue_pick``: score order over callable states) inside the caller's
``BEGIN IMMEDIATE`` transaction, so two collectors can never take the same
debtor.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta

from callcenter.domain.models import (
    REACHED,
    FoundDebtor,
    Outcome,
    PromiseStatus,
    QueueEntry,
    QueueState,
)
from callcenter.domain.scoring import ATTEMPTS, DebtorFacts, LastCall, Scored, callback_owner
from callcenter.store.codec import date_from_db, date_to_db, instant_from_db, instant_to_db
from callcenter.store.rows import debtor_from_row, queue_entry_from_row
from callcenter.store.sqlite.db import SqliteStore
from callcenter.store.sqlite.dossier import dict_query

#: SQLite allows 999 parameters in old builds; stay well under it.
CHUNK = 500
#: Past this many codes, one pass over every debtor is cheaper than chunks.
WHOLE_PASS_ABOVE = 5000

_REACHED_SQL = ", ".join(f"'{o.value}'" for o in sorted(REACHED))
_ATTEMPTS_SQL = ", ".join(f"'{o.value}'" for o in sorted(ATTEMPTS))
#: Calls that count: not an undo entry, and not undone by one.
_EFFECTIVE = "outcome <> 'undo' AND id NOT IN (SELECT undoes FROM calls WHERE undoes IS NOT NULL)"


def chunks(codes: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(codes), CHUNK):
        yield codes[start : start + CHUNK]


def _in(column: str, codes: Sequence[str] | None) -> tuple[str, tuple]:
    """An ``AND column IN (?, ...)`` filter, or nothing when all debtors are wanted."""
    if codes is None:
        return "", ()
    return f" AND {column} IN ({', '.join('?' for _ in codes)})", tuple(codes)


# -- facts -------------------------------------------------------------------


def gather_facts(
    store: SqliteStore,
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
    store: SqliteStore,
    today: date,
    now: datetime,
    codes: list[str] | None,
    memory_days: int,
) -> list[DebtorFacts]:
    base = {
        r["code"]: r
        for r in _rows(
            store,
            "SELECT code, status, segment, timezone, dunning_step FROM debtors WHERE 1 = 1",
            "code",
            codes,
        )
    }
    money = _invoice_totals(store, today, codes)
    pending, broken = _promise_facts(store, today, codes, memory_days)
    last_calls = _last_calls(store, codes)
    attempts = _recent_attempts(store, now, codes)
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
            )
        )
    return facts


def _rows(
    store: SqliteStore,
    sql: str,
    column: str,
    codes: list[str] | None,
    params: tuple = (),
    tail: str = "",
):
    """Run ``sql`` (ending in a WHERE clause) for ``codes``, then ``tail`` (GROUP BY...)."""
    where, extra = _in(column, codes)
    return dict_query(store, sql + where + tail, params + extra).fetchall()


def _invoice_totals(store: SqliteStore, today: date, codes: list[str] | None) -> dict[str, dict]:
    """Overdue (minus credit notes), disputed and excluded amounts, and the oldest due date.

    The dispute flag is a correlated EXISTS on ``dispute_invoices_invoice``:
    as cheap for one debtor (after an outcome) as for the whole ledger. A dispute
    holds its invoices while open, and once settled in the client's favour until
    the credit note (which closes the invoice) arrives.
    """
    inner = (
        "SELECT i.debtor_code AS code, i.excluded, i.kind, i.open_cents, i.due_date,"
        " EXISTS (SELECT 1 FROM dispute_invoices di JOIN disputes x ON x.id = di.dispute_id"
        "   WHERE di.invoice_id = i.id AND (x.status = 'open' OR x.resolution = 'credit_note'))"
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
        f" FROM ({inner}) GROUP BY code"
    )
    return {r["code"]: r for r in dict_query(store, sql, params)}


def _promise_facts(
    store: SqliteStore, today: date, codes: list[str] | None, memory_days: int
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
    store: SqliteStore, codes: list[str] | None
) -> dict[str, tuple[LastCall, datetime | None]]:
    """The last effective call and the last time somebody was reached, per debtor."""
    where, params = _in("debtor_code", codes)
    sql = (
        "SELECT c.debtor_code, c.outcome, c.started_at, c.callback_at, c.callback_owner,"  # noqa: S608
        " agg.last_contact_at"
        " FROM (SELECT debtor_code, max(id) AS last_id,"
        f"   max(CASE WHEN outcome IN ({_REACHED_SQL}) THEN started_at END) AS last_contact_at"
        f"   FROM calls WHERE {_EFFECTIVE}{where} GROUP BY debtor_code) agg"
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
    store: SqliteStore, now: datetime, codes: list[str] | None
) -> dict[str, list[datetime]]:
    where, params = _in("debtor_code", codes)
    since = instant_to_db(now - timedelta(hours=36))
    sql = (
        "SELECT debtor_code, started_at FROM calls WHERE started_at >= ? AND started_at <= ?"  # noqa: S608
        f" AND outcome IN ({_ATTEMPTS_SQL}) AND {_EFFECTIVE}{where}"
    )
    found: dict[str, list[datetime]] = defaultdict(list)
    for code, at in store.conn.execute(sql, (since, instant_to_db(now), *params)):
        found[code].append(instant_from_db(at))
    return found


# -- writing scores ----------------------------------------------------------


def write_scores(
    store: SqliteStore,
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


def get_meta(store: SqliteStore, key: str) -> str | None:
    row = store.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(store: SqliteStore, key: str, value: str) -> None:
    store.conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def delete_meta(store: SqliteStore, key: str) -> None:
    store.conn.execute("DELETE FROM meta WHERE key = ?", (key,))


def debtor_codes(store: SqliteStore) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT code FROM debtors ORDER BY code")]


def pick_candidates(
    store: SqliteStore,
    *,
    collector: str,
    now: datetime,
    campaign_id: int | None,
    skip: Sequence[str],
    session: str | None = None,
) -> Iterator[tuple[str, str]]:
    """(code, timezone) of callable debtors, best first, lazily.

    Free debtors, lapsed claims, and the collector's own claims from the same
    session (or from no session): a debtor the same collector holds in another
    window is not offered twice.

    Portfolio rule: outside a campaign a collector gets the debtors assigned
    to them and the unassigned ones, never another collector's; inside a
    campaign, the campaign's debtors whoever they are assigned to (the
    supervisor chose them for this campaign).
    """
    stamp = instant_to_db(now)
    sql = (
        "SELECT q.debtor_code, d.timezone FROM queue_state q INDEXED BY queue_pick"
        " JOIN debtors d ON d.code = q.debtor_code"
        " WHERE q.state IN ('due', 'callback') AND q.next_action_at <= ?"
        " AND (q.claimed_by IS NULL OR q.claim_expires_at < ?"
        "   OR (q.claimed_by = ? AND (q.claim_session IS NULL OR q.claim_session IS ?)))"
        " AND (q.callback_owner IS NULL OR q.callback_owner = ?)"
    )
    params: list = [stamp, stamp, collector, session, collector]
    portfolio, portfolio_params = _portfolio(collector, campaign_id)
    sql += portfolio
    params.extend(portfolio_params)
    if skip:
        sql += f" AND q.debtor_code NOT IN ({', '.join('?' for _ in skip)})"
        params.extend(skip)
    sql += " ORDER BY q.score DESC, q.debtor_code"
    cursor = store.conn.execute(sql, params)
    # One row at a time: the first candidate is nearly always the one taken.
    while (row := cursor.fetchone()) is not None:
        yield row


def _portfolio(collector: str, campaign_id: int | None) -> tuple[str, list]:
    """The WHERE clause (on ``q`` and ``d``) of the debtors a collector may be handed."""
    if campaign_id is not None:
        return (
            " AND EXISTS (SELECT 1 FROM campaign_debtors cd"
            " WHERE cd.campaign_id = ? AND cd.debtor_code = q.debtor_code)",
            [campaign_id],
        )
    return " AND (d.collector IS NULL OR d.collector = '' OR d.collector = ?)", [collector]


def next_return(
    store: SqliteStore, *, collector: str, now: datetime, campaign_id: int | None
) -> tuple[str, str, str, datetime] | None:
    """(code, name, state, next_action_at) of the first debtor coming back after ``now``."""
    portfolio, params = _portfolio(collector, campaign_id)
    sql = (
        "SELECT q.debtor_code, d.name, q.state, q.next_action_at FROM queue_state q"  # noqa: S608
        " INDEXED BY queue_state_state JOIN debtors d ON d.code = q.debtor_code"
        " WHERE q.state IN ('due', 'callback', 'promise') AND q.next_action_at > ?"
        + portfolio
        + " ORDER BY q.next_action_at LIMIT 1"
    )
    row = store.conn.execute(sql, [instant_to_db(now), *params]).fetchone()
    return None if row is None else (row[0], row[1], row[2], instant_from_db(row[3]))


def first_callable(
    candidates: Iterator[tuple[str, str]], callable_in: Callable[[str], bool], limit: int = 5000
) -> str | None:
    """The first candidate whose timezone is in calling hours (checked once per zone)."""
    verdicts: dict[str, bool] = {}
    for seen, (code, zone) in enumerate(candidates):
        if seen >= limit:
            return None
        if zone not in verdicts:
            verdicts[zone] = callable_in(zone)
        if verdicts[zone]:
            return code
    return None


def claim_best(
    store: SqliteStore,
    *,
    collector: str,
    now: datetime,
    expires: datetime,
    campaign_id: int | None,
    skip: Sequence[str],
    session: str | None,
    callable_in: Callable[[str], bool],
) -> str | None:
    """Give back this session's claim, take the best free callable debtor (under the
    caller's ``BEGIN IMMEDIATE``, so nobody else picks between the read and the write)."""
    release_claims_of(store, collector, session)
    candidates = pick_candidates(
        store, collector=collector, now=now, campaign_id=campaign_id, skip=skip, session=session
    )
    code = first_callable(candidates, callable_in)
    if code is not None:
        set_claim(store, code, collector, expires, session)
    return code


#: A claim belongs to ``session`` when it was taken without one or by that session;
#: with no session given, every claim of the collector matches.
_MINE = "claimed_by = ? AND (? IS NULL OR claim_session IS NULL OR claim_session = ?)"
_UNCLAIM = "claimed_by = NULL, claim_expires_at = NULL, claim_session = NULL"


def release_claims_of(store: SqliteStore, collector: str, session: str | None = None) -> None:
    """Release the collector's claims (only this session's when ``session`` is given)."""
    store.conn.execute(
        f"UPDATE queue_state SET {_UNCLAIM} WHERE {_MINE}",  # noqa: S608 - constants
        (collector, session, session),
    )


def held_claims(store: SqliteStore, collector: str, now: datetime) -> list[tuple[str, str]]:
    """(code, session) of the collector's session claims on debtors still to call, best first.

    Lapsed leases count too: nobody else took the debtor since, so it is still theirs.
    """
    rows = store.conn.execute(
        "SELECT debtor_code, claim_session FROM queue_state INDEXED BY queue_claims"
        " WHERE claimed_by = ? AND claim_session IS NOT NULL"
        " AND state IN ('due', 'callback') AND next_action_at <= ?"
        " ORDER BY score DESC, debtor_code",
        (collector, instant_to_db(now)),
    )
    return [(row[0], row[1]) for row in rows]


def set_claim(
    store: SqliteStore, code: str, collector: str, expires_at: datetime, session: str | None = None
) -> None:
    store.conn.execute(
        "UPDATE queue_state SET claimed_by = ?, claim_expires_at = ?, claim_session = ?"
        " WHERE debtor_code = ?",
        (collector, instant_to_db(expires_at), session, code),
    )


def renew_claim(
    store: SqliteStore,
    code: str,
    collector: str,
    now: datetime,
    expires: datetime,
    session: str | None = None,
) -> bool:
    """Extend my claim if I still hold it, or take it back if nobody else took it meanwhile."""
    cursor = store.conn.execute(
        "UPDATE queue_state SET claimed_by = ?, claim_expires_at = ?,"  # noqa: S608 - constants
        " claim_session = coalesce(?, claim_session) WHERE debtor_code = ?"
        f" AND (({_MINE}) OR claimed_by IS NULL OR claim_expires_at < ?)",
        (
            collector,
            instant_to_db(expires),
            session,
            code,
            collector,
            session,
            session,
            instant_to_db(now),
        ),
    )
    return cursor.rowcount == 1


def release_claim(
    store: SqliteStore, code: str, collector: str, session: str | None = None
) -> bool:
    cursor = store.conn.execute(
        f"UPDATE queue_state SET {_UNCLAIM} WHERE debtor_code = ? AND {_MINE}",  # noqa: S608
        (code, collector, session, session),
    )
    return cursor.rowcount == 1


# -- reading the queue -------------------------------------------------------

_ENTRY_SELECT = (
    "SELECT q.*, d.code, d.name, d.collector FROM queue_state q"
    " JOIN debtors d ON d.code = q.debtor_code"
)


def queue_rows(
    store: SqliteStore,
    *,
    now: datetime,
    limit: int | None,
    collector: str | None = None,
    campaign_id: int | None = None,
    include_waiting: bool = False,
) -> list[QueueEntry]:
    """Callable debtors (or, with ``include_waiting``, every due/callback one), best first."""
    # Walk the pick index in score order: the LIMIT stops the scan early.
    sql = (
        "SELECT q.*, d.code, d.name, d.collector FROM queue_state q INDEXED BY queue_pick"
        " JOIN debtors d ON d.code = q.debtor_code WHERE q.state IN ('due', 'callback')"
    )
    params: list = []
    if not include_waiting:
        sql += " AND q.next_action_at <= ?"
        params.append(instant_to_db(now))
    scope, scope_params = _scope(collector, campaign_id)
    sql += scope
    params.extend(scope_params)
    sql += " ORDER BY q.score DESC, q.debtor_code"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [queue_entry_from_row(row) for row in dict_query(store, sql, params)]


def entry(store: SqliteStore, code: str) -> QueueEntry | None:
    row = dict_query(store, _ENTRY_SELECT + " WHERE q.debtor_code = ?", (code,)).fetchone()
    return queue_entry_from_row(row) if row else None


def rank_of(
    store: SqliteStore,
    code: str,
    now: datetime,
    collector: str | None = None,
    campaign_id: int | None = None,
) -> tuple[int, int]:
    """(1-based rank, number of debtors callable now); rank 0 when ``code`` is not callable.

    ``collector`` / ``campaign_id`` count within that portfolio or campaign,
    the queue as that collector sees it.
    """
    scope, scope_params = _scope(collector, campaign_id)
    base = (
        "SELECT count(*) FROM queue_state q JOIN debtors d ON d.code = q.debtor_code"  # noqa: S608 - fixed fragments
        " WHERE q.state IN ('due', 'callback') AND q.next_action_at <= ?" + scope
    )
    stamp = instant_to_db(now)
    total = store.conn.execute(base, (stamp, *scope_params)).fetchone()[0]
    row = store.conn.execute(
        base.replace("count(*)", "q.score", 1) + " AND q.debtor_code = ?",
        (stamp, *scope_params, code),
    ).fetchone()
    if row is None:
        return 0, total
    ahead = store.conn.execute(
        base + " AND (q.score > ? OR (q.score = ? AND q.debtor_code < ?))",
        (stamp, *scope_params, row[0], row[0], code),
    ).fetchone()[0]
    return ahead + 1, total


def _scope(collector: str | None, campaign_id: int | None) -> tuple[str, tuple]:
    """SQL filter (on aliases q and d) for one collector's portfolio or one campaign."""
    sql = ""
    params: list[object] = []
    if collector is not None:
        sql += " AND (d.collector IS NULL OR d.collector = '' OR d.collector = ?)"
        params.append(collector)
    if campaign_id is not None:
        sql += (
            " AND EXISTS (SELECT 1 FROM campaign_debtors cd"
            " WHERE cd.campaign_id = ? AND cd.debtor_code = q.debtor_code)"
        )
        params.append(campaign_id)
    return sql, tuple(params)


#: What a search returns besides the debtor: balance, queue state, who holds it now.
_FOUND_COLUMNS = (
    "SELECT d.*, q.state AS found_state, q.claimed_by AS found_claimed,"
    " (SELECT coalesce(sum(i.open_cents), 0) FROM invoices i"
    "  WHERE i.debtor_code = d.code AND i.open_cents <> 0) AS found_balance,"
)
#: The first contact whose phone (or second phone) holds the typed digits, and that number.
_MATCHED_CONTACT = (
    " (SELECT c.name || char(31) || CASE WHEN replace(replace(replace(replace(c.phone,"
    "  ' ', ''), '.', ''), '-', ''), '+', '') LIKE :fragment THEN c.phone ELSE c.phone2 END"
    "  FROM contacts c WHERE c.debtor_code = d.code AND (replace(replace(replace(replace("
    "  c.phone, ' ', ''), '.', ''), '-', ''), '+', '') LIKE :fragment"
    "  OR replace(replace(replace(replace(c.phone2, ' ', ''), '.', ''), '-', ''), '+', '')"
    "  LIKE :fragment) ORDER BY c.id LIMIT 1) AS found_contact"
)
_NAME_OR_CODE = (
    " FROM debtors d LEFT JOIN queue_state q ON q.debtor_code = d.code"
    " WHERE d.code = :needle COLLATE NOCASE OR d.code LIKE :like ESCAPE '\\'"
    " OR callcenter_fold(d.name) LIKE :folded ESCAPE '\\'"
)
_BY_PHONE = (
    " OR d.code IN (SELECT debtor_code FROM contacts WHERE"
    " replace(replace(replace(replace(phone, ' ', ''), '.', ''), '-', ''), '+', '')"
    " LIKE :fragment OR replace(replace(replace(replace(phone2, ' ', ''), '.', ''), '-', ''),"
    " '+', '') LIKE :fragment)"
)
_FOUND_ORDER = (
    " ORDER BY CASE WHEN d.code = :needle COLLATE NOCASE THEN 0 ELSE 1 END, d.name LIMIT :limit"
)


def search_debtors(store: SqliteStore, text: str, limit: int) -> list[FoundDebtor]:
    """Debtors whose code or name contains ``text``, or a contact phone contains its digits."""
    needle = text.strip()
    digits = "".join(c for c in needle if c.isdigit())
    like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    store.conn.create_function("callcenter_fold", 1, _fold, deterministic=True)
    # Names are compared without accents or case: "societe generale" finds "Société Générale".
    params = {"needle": needle, "like": like, "folded": _fold(like), "limit": limit}
    if len(digits) >= 4 and len(digits) >= len(needle.replace(" ", "").replace(".", "")) - 1:
        # Any run of the number's digits, typed with or without the national 0:
        # "05 36 49" finds "+33 5 36 49 19 99" as well as "05 36 49 19 99".
        params["fragment"] = "%" + (digits[1:] if digits.startswith("0") else digits)[-9:] + "%"
        sql = _FOUND_COLUMNS + _MATCHED_CONTACT + _NAME_OR_CODE + _BY_PHONE + _FOUND_ORDER
    else:
        sql = _FOUND_COLUMNS + " NULL AS found_contact" + _NAME_OR_CODE + _FOUND_ORDER
    return [_found(r) for r in dict_query(store, sql, params)]


def _found(row: dict) -> FoundDebtor:
    contact, _, phone = (row["found_contact"] or "").partition("\x1f")
    return FoundDebtor(
        debtor=debtor_from_row(row),
        balance_cents=row["found_balance"],
        state=QueueState(row["found_state"]) if row["found_state"] else None,
        claimed_by=row["found_claimed"],
        matched_contact=contact,
        matched_phone=phone,
    )


def _fold(text: str | None) -> str:
    """Lower case without accents, for searching names as people type them."""
    if not text:
        return ""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def upkeep_state(store: SqliteStore, scored_key: str, cutoff: date) -> tuple[str | None, bool]:
    """(day the queue was last scored, any pending promise dated before ``cutoff``).

    One statement for the check every pick makes before its claim.
    """
    return store.conn.execute(
        "SELECT (SELECT value FROM meta WHERE key = ?), EXISTS (SELECT 1 FROM promises"
        " WHERE status = 'pending' AND promised_on < ?)",
        (scored_key, date_to_db(cutoff)),
    ).fetchone()


def pending_due_promise_exists(store: SqliteStore, cutoff: date) -> bool:
    """Any pending promise dated before ``cutoff`` (cheap: partial index promises_pending)."""
    return (
        store.conn.execute(
            "SELECT 1 FROM promises WHERE status = 'pending' AND promised_on < ? LIMIT 1",
            (date_to_db(cutoff),),
        ).fetchone()
        is not None
    )

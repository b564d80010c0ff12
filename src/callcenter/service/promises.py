"""Promises settle themselves against the payments that arrive.

A promise is judged once its date plus the grace days has passed (transfers
take a day or two to reach the ledger), or as soon as enough money has come
in. Payments count from the day the promise was made; one payment is never
counted twice: they are shared out over a debtor's promises in date order,
after what already-settled promises took.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from callcenter.config import Config
from callcenter.domain.models import PromiseStatus
from callcenter.service.queue import resolve_config, score_and_write, today_of
from callcenter.store import promises as promise_store
from callcenter.store.codec import date_from_db, instant_from_db
from callcenter.store.db import Store


@dataclass
class _Money:
    """A payment with what is left of it after earlier promises took their share."""

    paid_on: date
    left: int


def settle_promises(
    store: Store,
    *,
    now: datetime,
    codes: Sequence[str] | None = None,
    config: Config | None = None,
) -> dict:
    """Judge pending promises and rescore the debtors concerned.

    With ``codes`` None: every debtor holding a promise whose date + grace has
    passed. With ``codes`` (after a payments import): all pending promises of
    those debtors, so one paid early is marked kept at once.
    Returns counts ``{"kept", "partly_kept", "broken", "settled"}`` and ``codes``.
    """
    config = resolve_config(config)
    with store.transaction():
        summary = settle_core(store, now=now, codes=codes, config=config)
        if summary["codes"]:
            score_and_write(store, now=now, codes=summary["codes"], config=config)
    return summary


def settle_core(
    store: Store, *, now: datetime, codes: Sequence[str] | None, config: Config
) -> dict:
    """Settlement without rescoring (the caller rescores); inside the caller's transaction."""
    today = today_of(now, config)
    grace = config.queue.promise_grace_days
    cutoff = today - timedelta(days=grace)
    if codes is None:
        targets = promise_store.debtors_with_due_promises(store, cutoff)
    else:
        targets = promise_store.debtors_with_pending(store, codes)
    summary: dict = {"kept": 0, "partly_kept": 0, "broken": 0, "settled": 0, "codes": []}
    if not targets:
        return summary
    by_debtor: dict[str, list[dict]] = defaultdict(list)
    for row in promise_store.promises_of(store, targets):
        by_debtor[row["debtor_code"]].append(row)
    starts = [_created_on(r, config) for rows in by_debtor.values() for r in rows if _pending(r)]
    money: dict[str, list[_Money]] = defaultdict(list)
    for row in promise_store.payments_of(store, targets, min(starts)):
        money[row["debtor_code"]].append(_Money(date_from_db(row["paid_on"]), row["amount_cents"]))
    verdicts = []
    for code, rows in by_debtor.items():
        found = _judge(rows, money.get(code, []), cutoff, grace, config)
        verdicts.extend(found)
        if found:
            summary["codes"].append(code)
    for _, status, _ in verdicts:
        summary[status] += 1
    summary["settled"] = len(verdicts)
    promise_store.record_verdicts(store, verdicts, now)
    return summary


def _pending(row: dict) -> bool:
    return row["status"] == PromiseStatus.PENDING.value


def _created_on(row: dict, config: Config) -> date:
    return instant_from_db(row["created_at"]).astimezone(config.tz).date()


def _judge(
    rows: list[dict], payments: list[_Money], cutoff: date, grace: int, config: Config
) -> list[tuple[int, str, int]]:
    """Verdicts (id, status, paid cents) for one debtor's promises that can be settled."""
    pending = [r for r in rows if _pending(r)]
    if not pending:
        return []
    start = min(_created_on(r, config) for r in pending)
    pool = [p for p in payments if p.paid_on >= start]
    already = sum(
        r["paid_cents"] for r in rows if not _pending(r) and _created_on(r, config) >= start
    )
    _consume(pool, already, start, date.max)
    verdicts = []
    for row in sorted(pending, key=lambda r: (r["promised_on"], r["id"])):
        promised_on = date_from_db(row["promised_on"])
        amount = row["amount_cents"]
        taken = _consume(
            pool, amount, _created_on(row, config), promised_on + timedelta(days=grace)
        )
        if taken >= amount:
            verdicts.append((row["id"], PromiseStatus.KEPT.value, taken))
        elif promised_on < cutoff:
            status = PromiseStatus.PARTLY_KEPT if taken > 0 else PromiseStatus.BROKEN
            verdicts.append((row["id"], status.value, taken))
        # else: still running; what it took stays reserved for it
    return verdicts


def _consume(pool: list[_Money], wanted: int, first: date, last: date) -> int:
    """Take up to ``wanted`` cents from payments dated within [first, last], oldest first."""
    taken = 0
    for payment in pool:
        if taken >= wanted:
            break
        if payment.left <= 0 or not first <= payment.paid_on <= last:
            continue
        share = min(payment.left, wanted - taken)
        payment.left -= share
        taken += share
    return taken

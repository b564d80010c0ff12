"""Promises settle themselves against the payments that arrive, on the money's own date.

A promise is judged once its date plus the grace days has passed (transfers
take a day or two to reach the ledger), or as soon as enough money has come
in. The rule itself is :func:`callcenter.domain.settlement.judge_promises`;
this module feeds it a debtor's promises and payments and writes what
changed. After an import every promise of the debtors concerned is judged
again, settled ones included, so a bank line that arrives late turns a
broken promise kept, whatever order the files came in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from callcenter.config import Config
from callcenter.domain.models import Promise, PromiseStatus
from callcenter.domain.settlement import PromiseTerms, judge_promises
from callcenter.service.queue import resolve_config, score_and_write, today_of
from callcenter.store import Store


def settle_promises(
    store: Store,
    *,
    now: datetime,
    codes: Sequence[str] | None = None,
    config: Config | None = None,
    import_id: int | None = None,
) -> dict:
    """Judge promises and rescore the debtors whose promises changed.

    With ``codes`` None: every debtor holding a pending promise whose date +
    grace has passed. With ``codes`` (after an import): every promise of those
    debtors, so one paid early is kept at once and one judged broken is kept
    when its late bank line arrives. ``import_id`` names the import in the
    promises' history. Returns counts of the promises whose status changed to
    ``{"kept", "partly_kept", "broken"}``, ``"settled"`` (their total),
    ``"revised"`` (those that had been judged already) and the ``codes``.
    """
    config = resolve_config(config)
    with store.transaction():
        summary = settle_core(store, now=now, codes=codes, config=config, import_id=import_id)
        if summary["codes"]:
            score_and_write(store, now=now, codes=summary["codes"], config=config)
    return summary


def settle_core(
    store: Store,
    *,
    now: datetime,
    codes: Sequence[str] | None,
    config: Config,
    import_id: int | None = None,
) -> dict:
    """Settlement without rescoring (the caller rescores); inside the caller's transaction."""
    today = today_of(now, config)
    grace = config.queue.promise_grace_days
    if codes is None:
        targets = store.promises.debtors_with_due_promises(today - timedelta(days=grace))
    else:
        targets = store.promises.debtors_with_promises(codes)
    summary: dict = {
        "kept": 0, "partly_kept": 0, "broken": 0, "settled": 0, "revised": 0, "codes": []
    }  # fmt: skip
    if not targets:
        return summary
    rows = store.promises.promises_of(targets)
    terms: dict[str, list[PromiseTerms]] = defaultdict(list)
    for promise in rows:
        terms[promise.debtor_code].append(_terms(promise, config))
    since = min(t.made_on for found in terms.values() for t in found)
    money: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for payment in store.promises.payments_of(targets, since):
        money[payment.debtor_code].append((payment.paid_on, payment.amount_cents))
    before = {p.id: (p.status.value, p.paid_cents) for p in rows}
    changes = []
    for code, found in terms.items():
        verdicts = judge_promises(found, money[code], today=today, grace_days=grace)
        changed = [(v, before[v.id]) for v in verdicts if before[v.id] != (v.status, v.paid_cents)]
        if changed:
            summary["codes"].append(code)
        for verdict, (old, old_paid) in changed:
            changes.append((verdict.id, old, old_paid, verdict.status.value, verdict.paid_cents))
            if verdict.status.value != old and verdict.status is not PromiseStatus.PENDING:
                summary[verdict.status.value] += 1
                summary["settled"] += 1
                summary["revised"] += old != PromiseStatus.PENDING.value
    store.promises.record_verdicts(changes, now, import_id)
    return summary


def _terms(promise: Promise, config: Config) -> PromiseTerms:
    assert promise.id is not None and promise.created_at is not None  # read from the store
    return PromiseTerms(
        id=promise.id,
        made_on=promise.created_at.astimezone(config.tz).date(),
        promised_on=promise.promised_on,
        amount_cents=promise.amount_cents,
        judged=promise.status is not PromiseStatus.PENDING,
    )

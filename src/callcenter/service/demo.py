"""A demo ledger ready to call: generated, written through the store, then scored.

The generator (:mod:`callcenter.importers.demo`) only builds the ledger (domain
objects, nothing written); this module writes it in one
transaction and scores the queue with the run's settings, as every other path.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time
from time import perf_counter

from callcenter.domain.settings import Config
from callcenter.importers.demo import (
    AGING_BUCKETS,
    TEAM,
    TEAM_USERS,
    DebtorLedger,
    DemoError,
    Ids,
    Summary,
    iter_debtors,
    ledger_day,
)
from callcenter.service.queue import rescore
from callcenter.store import Store


def build_demo(
    store: Store,
    *,
    debtors: int,
    seed: int,
    now: datetime,
    config: Config,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Fill an empty database with a demo ledger and score its queue; returns the summary."""
    summary = generate(store, debtors=debtors, seed=seed, now=now, progress=progress)
    summary["queued"] = rescore(store, now=now, config=config)
    return summary


def holds_ledger(store: Store) -> bool:
    """True when the database already has debtors: the generator only fills empty ones."""
    return not store.ledger.ledger_is_empty()


def generate(
    store: Store,
    *,
    debtors: int,
    seed: int,
    now: datetime,
    chunk: int = 1000,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Fill an empty database with a demo ledger; returns a summary of what was written.

    One transaction: either the whole ledger is there or nothing is. The queue
    is not scored: :func:`callcenter.service.demo.build_demo` does that, with
    the run's settings.
    """
    if debtors < 1:
        raise DemoError("the demo ledger needs at least one debtor")
    today = ledger_day(now)
    stamp = datetime.combine(today, time(6, 0), tzinfo=UTC)
    started = perf_counter()
    with store.ledger.bulk_mode(), store.transaction():
        if not store.ledger.ledger_is_empty():
            raise DemoError(f"{store.path}: the database already holds debtors")
        with store.ledger.deferred_indexes():
            summary = _fill(store, debtors, seed, today, stamp, chunk, progress)
    built_seconds = perf_counter() - started
    result = {
        "debtors": debtors,
        "seed": seed,
        "date": today.isoformat(),
        **{k: v for k, v in summary.counts.items() if k != "debtors"},
        "users": len(TEAM),
        "promises_by_status": dict(sorted(summary.promises.items())),
        "balance_cents": summary.balance_cents,
        "overdue_cents": summary.overdue_cents,
        "aging_cents": {b: summary.aging.get(b, 0) for b in AGING_BUCKETS},
        "build_seconds": round(built_seconds, 2),
    }
    return result


def _fill(
    store: Store,
    debtors: int,
    seed: int,
    today: date,
    stamp: datetime,
    chunk: int,
    progress: Callable[[int, int], None] | None,
) -> Summary:
    """Build and write the debtors chunk by chunk (inside the caller's transaction)."""
    summary = Summary()
    store.ledger.insert_users(TEAM_USERS, stamp)
    store.dossiers.mark_demo()  # its people are fictional: anyone may act as any of them
    ids = Ids(**store.ledger.last_ids())
    first_contact, first_invoice = ids.contacts, ids.invoices
    batch: list[DebtorLedger] = []
    for built in iter_debtors(seed, debtors, today, ids):
        batch.append(built)
        summary.add(built, today)
        if len(batch) >= chunk:
            _write(store, batch, stamp)
            batch = []
            if progress:
                progress(summary.counts["debtors"], debtors)
    _write(store, batch, stamp)
    _check_ids(store, ids, first_contact, first_invoice, summary)
    return summary


def _write(store: Store, batch: list[DebtorLedger], stamp: datetime) -> None:
    if not batch:
        return
    store.ledger.upsert_debtors((b.debtor for b in batch), stamp)
    store.ledger.upsert_contacts(c for b in batch for c in b.contacts)
    store.ledger.upsert_invoices(i for b in batch for i in b.invoices)
    store.ledger.upsert_payments(p for b in batch for p in b.payments)
    store.ledger.insert_past_calls(c for b in batch for c in b.calls)
    store.ledger.insert_past_promises(p for b in batch for p in b.promises)
    store.ledger.insert_past_disputes(d for b in batch for d in b.disputes)
    store.ledger.insert_past_tasks(t for b in batch for t in b.tasks)


def _check_ids(store: Store, ids: Ids, first_contact: int, first_invoice: int, summary) -> None:
    """The ids we handed out must be the ones SQLite gave (it numbers an empty table 1, 2, ...)."""
    last = store.ledger.last_ids()
    expected_contacts = first_contact + summary.counts["contacts"]
    expected_invoices = first_invoice + summary.counts["invoices"]
    if last["contacts"] != expected_contacts or last["invoices"] != expected_invoices:
        raise DemoError("row ids drifted while writing the demo ledger; nothing was written")

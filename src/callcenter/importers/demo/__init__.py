"""A deterministic, realistic French SME receivables ledger for demos, tests and the bench.

``generate(store, debtors=N, seed=S, now=...)`` fills an empty database with
N customers of a small French supplier: companies and public bodies with
contacts and phone numbers, twelve months of invoices, credit notes and
payments, a team of collectors, and the calls, promises, disputes and tasks
those collectors logged. ``write_fec`` writes the same ledger as an FEC
export, so the FEC importer can be tested and timed against it.

Why it is built this way:

* Each debtor draws from its own ``random.Random(seed, index)``, so debtor 7
  is the same whether 300 or 100 000 are generated, and the output depends
  only on (debtors, seed, the date of ``now``).
* Payment behaviour comes from a payer profile (good, slow, bad, stopped,
  credit balance); aging buckets, dunning steps, calls and promises follow
  from it rather than being drawn independently, so the figures agree.
* A promise's status is not drawn: it is worked out from the payments that
  arrived between the promise and its date plus grace, the same rule the
  settlement code applies, so the history is consistent by construction.
* History rows are plain tuples with ids chosen here (the database is empty
  and locked while we write), which keeps 2 000 000 calls to a few minutes.

Modules: ``model`` (segments, payer profiles, the team, one debtor's output),
``ledger`` (a debtor's name, contacts, invoices and payments), ``calls`` (its
calls, promises, disputes and tasks), ``days`` (business days and calling
hours), ``words`` (the word lists), ``fec`` (the FEC export); this module
writes it all to the store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from time import perf_counter

from callcenter.importers.demo.calls import PROMISE_GRACE_DAYS
from callcenter.importers.demo.days import PARIS
from callcenter.importers.demo.fec import FEC_COLUMNS, fec_amount, write_fec
from callcenter.importers.demo.ledger import build_debtor
from callcenter.importers.demo.model import TEAM, DebtorLedger, DemoError, Ids, debtor_code
from callcenter.store import Store

__all__ = [
    "holds_ledger",
    "AGING_BUCKETS",
    "FEC_COLUMNS",
    "PROMISE_GRACE_DAYS",
    "DebtorLedger",
    "DemoError",
    "Ids",
    "aging_bucket",
    "build_debtor",
    "debtor_code",
    "fec_amount",
    "generate",
    "iter_debtors",
    "ledger_day",
    "write_fec",
]


@dataclass
class _Summary:
    counts: Counter = field(default_factory=Counter)
    promises: Counter = field(default_factory=Counter)
    aging: Counter = field(default_factory=Counter)
    balance_cents: int = 0
    overdue_cents: int = 0

    def add(self, built: DebtorLedger, today: date) -> None:
        c = self.counts
        c["debtors"] += 1
        c["contacts"] += len(built.contacts)
        c["invoices"] += len(built.invoices)
        c["payments"] += len(built.payments)
        c["calls"] += len(built.calls)
        c["promises"] += len(built.promises)
        c["disputes"] += len(built.disputes)
        c["tasks"] += len(built.tasks)
        for row in built.promises:
            self.promises[row[9]] += 1
        for inv in built.invoices:
            if inv.open_cents == 0:
                continue
            c["open_invoices"] += 1
            self.balance_cents += inv.open_cents
            bucket = aging_bucket((today - inv.due_date).days)
            self.aging[bucket] += inv.open_cents
            if bucket != "not_due":
                self.overdue_cents += inv.open_cents


def aging_bucket(days_late: int) -> str:
    """The five buckets of an aged balance: not due, 1-30, 31-60, 61-90, over 90 days."""
    if days_late <= 0:
        return "not_due"
    if days_late <= 30:
        return "1_30"
    if days_late <= 60:
        return "31_60"
    if days_late <= 90:
        return "61_90"
    return "over_90"


def ledger_day(now: datetime) -> date:
    """The business date the ledger is built for: ``now`` seen from Paris."""
    if now.tzinfo is None:
        raise DemoError("now must be timezone-aware")
    return now.astimezone(PARIS).date()


def iter_debtors(seed: int, debtors: int, today: date, ids: Ids | None = None):
    """Yield each generated debtor in order (pure: nothing is written)."""
    ids = ids if ids is not None else Ids()
    for index in range(debtors):
        yield build_debtor(seed, index, today, ids)


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
    is scored afterwards when the queue service is available.
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
    queued = _rescore(store, now)
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
        "queued": queued,
    }
    return result


AGING_BUCKETS = ("not_due", "1_30", "31_60", "61_90", "over_90")


def _fill(
    store: Store,
    debtors: int,
    seed: int,
    today: date,
    stamp: datetime,
    chunk: int,
    progress: Callable[[int, int], None] | None,
) -> _Summary:
    """Build and write the debtors chunk by chunk (inside the caller's transaction)."""
    summary = _Summary()
    store.ledger.insert_user_rows(_team_rows(stamp))
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


def _team_rows(stamp: datetime) -> list[tuple[str, str, str, str]]:
    created = stamp.isoformat()
    return [(login, role, display, created) for login, display, role in TEAM]


def _write(store: Store, batch: list[DebtorLedger], stamp: datetime) -> None:
    if not batch:
        return
    store.ledger.upsert_debtors((b.debtor for b in batch), stamp)
    store.ledger.upsert_contacts(c for b in batch for c in b.contacts)
    store.ledger.upsert_invoices(i for b in batch for i in b.invoices)
    store.ledger.upsert_payments(p for b in batch for p in b.payments)
    store.ledger.insert_call_rows(row for b in batch for row in b.calls)
    store.ledger.insert_promise_rows(row for b in batch for row in b.promises)
    store.ledger.insert_dispute_rows(row for b in batch for row in b.disputes)
    store.ledger.insert_dispute_invoice_rows(row for b in batch for row in b.dispute_invoices)
    store.ledger.insert_task_rows(row for b in batch for row in b.tasks)


def _check_ids(store: Store, ids: Ids, first_contact: int, first_invoice: int, summary) -> None:
    """The ids we handed out must be the ones SQLite gave (it numbers an empty table 1, 2, ...)."""
    last = store.ledger.last_ids()
    expected_contacts = first_contact + summary.counts["contacts"]
    expected_invoices = first_invoice + summary.counts["invoices"]
    if last["contacts"] != expected_contacts or last["invoices"] != expected_invoices:
        raise DemoError("row ids drifted while writing the demo ledger; nothing was written")


def _rescore(store: Store, now: datetime) -> int | None:
    """Score the queue when the queue service exists (it is built alongside the generator)."""
    try:
        from callcenter.service.queue import rescore
    except ImportError:
        return None
    return rescore(store, now=now)

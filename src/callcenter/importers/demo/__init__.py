"""A deterministic, realistic French SME receivables ledger for demos, tests and the bench.

``iter_debtors(seed, N, today)`` yields N customers of a small French supplier
as domain objects (nothing is written here:
:func:`callcenter.service.demo.generate` writes them through the store): companies and public bodies with
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
* A promise's status is not drawn: it is judged by the settlement rule the
  service applies (:func:`callcenter.domain.settlement.judge_promises`) from
  the payments that arrived, so the history is consistent by construction.
* The history (``Call``, ``Promise``, ``Dispute``, ``Task``) carries ids chosen
  here (the database is empty and locked while we write), so promises and
  tasks point at their calls without reading anything back; a dispute names
  its invoices by number and the store finds their ids as it writes.

Modules: ``model`` (segments, payer profiles, the team, one debtor's output),
``ledger`` (a debtor's name, contacts, invoices and payments), ``calls`` (its
calls, promises, disputes and tasks), ``days`` (business days and calling
hours), ``words`` (the word lists), ``fec`` (the FEC export); this module
adds the summary of what was built.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from callcenter.importers.demo.calls import PROMISE_GRACE_DAYS
from callcenter.importers.demo.days import PARIS
from callcenter.importers.demo.fec import FEC_COLUMNS, fec_amount, write_fec
from callcenter.importers.demo.ledger import build_debtor
from callcenter.importers.demo.model import (
    TEAM,
    TEAM_USERS,
    DebtorLedger,
    DemoError,
    Ids,
    debtor_code,
)

__all__ = [
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
    "iter_debtors",
    "ledger_day",
    "Summary",
    "TEAM",
    "TEAM_USERS",
    "write_fec",
]


@dataclass
class Summary:
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
        for promise in built.promises:
            self.promises[promise.status.value] += 1
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


AGING_BUCKETS = ("not_due", "1_30", "31_60", "61_90", "over_90")

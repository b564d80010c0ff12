"""The database interface: what the service may ask of any backend.

One protocol per aggregate (``store.ledger``, ``store.queue``, ...) and
:class:`Store`, the open database, which is also the unit of work:
``with store.transaction():`` marks what commits (or rolls back) together,
``with store.snapshot():`` what reads one state. Everything taken and returned
is a domain type, a record of :mod:`callcenter.store.records` or a plain
value; no driver name and no storage encoding crosses this line. A backend
implements every protocol here; ``tests/store_contract/`` checks it does.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # annotations only: a workstation opening its store needs none of these
    from callcenter.domain.calling import (
        AgendaEntry,
        AgentState,
        CallEvent,
        CallTimes,
        DialTarget,
        DoNotCall,
        StateChange,
    )
    from callcenter.domain.campaigns import Campaign
    from callcenter.domain.communications import Communication
    from callcenter.domain.dial_rules import DialLine
    from callcenter.domain.figures import (
        AgingRow,
        CollectorDay,
        DailyFlow,
        DebtorAmount,
        LedgerSums,
        Period,
        PromisedCollected,
        QueueCounts,
        Scope,
        WrittenDay,
    )
    from callcenter.domain.models import (
        Call,
        Contact,
        Debtor,
        Dispute,
        Dossier,
        DossierChange,
        FoundDebtor,
        Invoice,
        Payment,
        Promise,
        QueueEntry,
        Task,
        User,
    )
    from callcenter.domain.scoring import DebtorFacts, Scored
    from callcenter.store.errors import Reason
    from callcenter.store.records import (
        ClaimAsk,
        CopyReport,
        Duplicate,
        InvoicePlan,
        OrphanResult,
        QueueUpkeep,
        SchemaGap,
        StagedSummary,
    )


class Staging(Protocol):
    """The scratch rows of one big import, copied into the ledger in one short write."""

    def add(self, items: list[tuple[int, object]]) -> None:
        """Stage (line, domain object) pairs read from the file."""
        ...

    def clear(self) -> None: ...

    def duplicates(self) -> Iterator[Duplicate]:
        """Rows whose key an earlier row of the same file already gave."""
        ...

    def drop(self, duplicates: Sequence[Duplicate]) -> None: ...

    def summary(self) -> StagedSummary: ...

    def codes(self) -> list[str]:
        """The debtors the staged rows touch."""
        ...

    def copy_in(self, now: datetime, update: Sequence[str]) -> None:
        """Upsert the staged rows into the ledger (inside the caller's transaction)."""
        ...


class Ledger(Protocol):
    """Debtors, contacts, invoices and payments as the imports write them, and bulk history."""

    def upsert_debtors(
        self, debtors: Iterable[Debtor], now: datetime, update: Sequence[str] = ...
    ) -> int:
        """Insert debtors; on an existing code update only the ``update`` columns."""
        ...

    def upsert_contacts(self, contacts: Iterable[Contact]) -> int:
        """Contacts are keyed by (debtor, name); a wrong-number flag set by a collector is kept."""
        ...

    def upsert_invoices(self, invoices: Iterable[Invoice]) -> int:
        """Invoices are keyed by (debtor, number); amounts and dates follow the latest export."""
        ...

    def upsert_payments(self, payments: Iterable[Payment]) -> int:
        """Payments are keyed by (debtor, reference); the settled invoice is kept once known."""
        ...

    def client_payment_terms(self) -> dict[str, int]:
        """Payment terms set per client; they win over the default of an import."""
        ...

    def known_debtor_codes(self) -> set[str]: ...

    def upsert_invoice_rows(
        self,
        invoices: Iterable[Invoice],
        *,
        update: Sequence[str] = ...,
        lettering: Mapping[tuple[str, str], str] | None = None,
    ) -> int:
        """Insert invoices; on an existing (debtor, number) update only the ``update`` columns."""
        ...

    def plan_ledger_invoices(
        self,
        invoices: Iterable[Invoice],
        identity: Mapping[tuple[str, str], tuple[str, str]],
        lettering: Mapping[tuple[str, str], str],
        *,
        debtors: Collection[str] | None = ...,
    ) -> InvoicePlan:
        """Match each invoice of a FEC to the row that already holds it, in one read.

        With ``debtors`` (a batch of whole customers) only their rows are read.
        """
        ...

    def plan_absent_invoices(self, debtors: Collection[str]) -> InvoicePlan:
        """A plan closing the open rows of every debtor not in ``debtors``."""
        ...

    def write_ledger_invoices(self, plan: InvoicePlan, *, close_absent: bool) -> int:
        """Apply a plan: renamed rows step aside first, so two invoices may swap numbers."""
        ...

    def open_invoice_keys(self) -> set[tuple[str, str]]:
        """(debtor, number) of every invoice with an open amount: what an import may close."""
        ...

    def close_invoices(self, keys: Iterable[tuple[str, str]]) -> int:
        """Set the open amount of these invoices to 0 (kept, with their history, never deleted)."""
        ...

    def record_import(
        self,
        *,
        kind: str,
        file: str,
        sha256: str,
        lines: int,
        now: datetime,
        summary: Mapping[str, object],
    ) -> int:
        """Keep a trace of every import: which file (and its hash), when, and what it did."""
        ...

    def ledger_is_empty(self) -> bool:
        """True when no debtor exists yet: the generator only fills empty databases."""
        ...

    def last_ids(self) -> dict[str, int]:
        """The largest id of each table the generator numbers itself (0 when empty)."""
        ...

    def insert_users(self, users: Iterable[User], created_at: datetime) -> None:
        """Users created at ``created_at``; an existing user is left as it is."""
        ...

    def insert_past_calls(self, calls: Iterable[Call]) -> None:
        """Calls with their own ids (``id`` set), ``right_party`` as given."""
        ...

    def insert_past_promises(self, promises: Iterable[Promise]) -> None:
        """Promises with their own ids, their verdicts and ``settled_at`` as given."""
        ...

    def insert_past_disputes(self, disputes: Iterable[Dispute]) -> None:
        """Disputes with their own ids; their invoice numbers must be written already."""
        ...

    def insert_past_tasks(self, tasks: Iterable[Task]) -> None:
        """Tasks with their own ids."""
        ...

    def count_rows(self, table: str) -> int: ...

    def bulk_mode(self) -> AbstractContextManager[None]:
        """Trade durability for speed while a fresh demo database is being built."""
        ...

    def deferred_indexes(self, tables: tuple[str, ...] = ...) -> AbstractContextManager[None]:
        """Drop the secondary indexes of ``tables`` while rows pour in, then build them again."""
        ...

    def deferred_sums(self) -> AbstractContextManager[None]:
        """Keep the figures' sums of new invoices and payments once, at the end (bulk loads)."""
        ...

    def staging(self, kind: str) -> AbstractContextManager[Staging]:
        """Scratch tables for one import, in a private temporary folder removed afterwards."""
        ...


class Dossiers(Protocol):
    """One debtor's dossier and what hangs on it: disputes, tasks, notes, changes, access."""

    def load_dossier(self, code: str, today: date | None = None) -> Dossier | None:
        """The dossier of ``code``, or None when there is no such debtor."""
        ...

    def funnel_dossiers(self, codes: Sequence[str]) -> list[tuple[Dossier, datetime | None]]:
        """Many debtors at once for the written funnel, each with when it was last called.

        A few statements per 500 debtors: the debtor, its contacts and open invoices
        (disputed ones marked); the other parts of the dossier are left empty.
        """
        ...

    def set_account_note(self, code: str, text: str) -> None: ...

    def account_note(self, code: str) -> str | None: ...

    def dispute(self, dispute_id: int) -> Dispute | None: ...

    def debtor_collector(self, code: str) -> tuple[bool, str | None]:
        """(exists, collector) of debtor ``code``."""
        ...

    def list_disputes(
        self, *, status: str | None, collector: str | None, code: str | None = None
    ) -> list[tuple[Dispute, str]]:
        """(dispute, debtor name) by status (None: any), for ``collector``'s debtors (None: all)."""
        ...

    def set_dispute_status(
        self, dispute_id: int, *, status: str, resolution: str | None, at: datetime | None, by: str
    ) -> None: ...

    def task(self, task_id: int) -> Task | None: ...

    def open_tasks(self, *, collector: str | None) -> list[Task]:
        """Open tasks for ``collector`` (None: everybody's), due soonest first."""
        ...

    def set_task_done(self, task_id: int, *, at: datetime | None, by: str) -> None:
        """Mark a task done (``at`` None: open again, as an undo does)."""
        ...

    def insert_change(
        self,
        *,
        code: str,
        actor: str,
        at: datetime,
        action: str,
        target_id: int | None = None,
        detail: str = "",
        before: dict | None = None,
        undoes: int | None = None,
    ) -> int: ...

    def change(self, change_id: int) -> DossierChange | None: ...

    def change_undone_by(self, change_id: int) -> int | None: ...

    def last_live_change(self, actions: tuple[str, ...], target_id: int) -> int | None:
        """The latest change of one of ``actions`` on ``target_id`` that no undo took back."""
        ...

    def last_live_change_of(self, code: str, actions: tuple[str, ...]) -> int | None:
        """Debtor ``code``'s latest change of one of ``actions`` that no undo took back."""
        ...

    def holder(self, code: str, now: datetime) -> str | None:
        """The collector whose claim on ``code`` is still running at ``now``, if any."""
        ...

    def portfolio_owner(self, code: str) -> str | None:
        """The collector ``code`` is assigned to (None or '' for the shared pool)."""
        ...

    def in_campaign_of(self, code: str, campaign_id: int, collector: str) -> bool:
        """True when ``code`` is one of the campaign's debtors and ``collector`` may work it."""
        ...

    def demo_marked(self) -> bool:
        """True for a database ``callcenter demo`` built (its people are fictional)."""
        ...

    def mark_demo(self) -> None: ...


class Outcomes(Protocol):
    """What a call records: the call, its promises, dispute, task, payment claim; undo."""

    def insert_call(
        self,
        *,
        code: str,
        collector: str,
        started_at: datetime,
        outcome: str,
        note: str = "",
        reason: str = "",
        contact_id: int | None = None,
        right_party: bool = False,
        undoes: int | None = None,
        campaign_id: int | None = None,
        callback_at: datetime | None = None,
        entered_by: str | None = None,
        callback_owner: str | None = None,
    ) -> int:
        """``callback_owner``: the one collector a callback is for (None: anyone)."""
        ...

    def insert_promises(
        self,
        *,
        code: str,
        call_id: int,
        collector: str,
        created_at: datetime,
        instalments: Sequence[tuple[date, int]],
        plan: bool = False,
    ) -> list[int]:
        """One promise row per instalment; a payment plan's rows share ``plan_id`` (its first id)."""
        ...

    def insert_dispute(
        self,
        *,
        code: str,
        call_id: int,
        reason: str,
        opened_at: datetime,
        opened_by: str,
        invoice_ids: Iterable[int],
    ) -> int: ...

    def insert_task(
        self,
        *,
        code: str,
        call_id: int | None,
        kind: str,
        note: str,
        created_at: datetime,
        created_by: str,
        due_on: date | None = None,
        done_at: datetime | None = None,
    ) -> int: ...

    def insert_payment_claim(
        self,
        *,
        call_id: int,
        code: str,
        paid_on: date,
        amount_cents: int | None,
        means: str,
        reference: str,
    ) -> None:
        """What a debtor who says "already paid" said it paid (kept with the call)."""
        ...

    def balance(self, code: str) -> int:
        """What the debtor owes now: open invoices minus open credit notes."""
        ...

    def contact(self, contact_id: int) -> Contact | None: ...

    def set_wrong_number(self, contact_id: int, flag: bool) -> None: ...

    def dunning_step(self, code: str) -> int: ...

    def set_dunning_step(self, code: str, step: int) -> None: ...

    def invoices_by_number(self, code: str, numbers: Sequence[str]) -> dict[str, Invoice]:
        """The debtor's invoices among ``numbers``, by number."""
        ...

    def open_overdue_invoice_numbers(self, code: str, today: date) -> list[str]:
        """Open, past-due, not excluded invoices not already in an open dispute."""
        ...

    def call(self, call_id: int) -> Call | None: ...

    def undone_by(self, call_id: int) -> int | None: ...

    def cancel_created_by(self, call_id: int, now: datetime) -> dict[str, int]:
        """Cancel the promises, disputes and tasks a call created; counts of rows touched."""
        ...

    def task_of(self, call_id: int, kind: str) -> Task | None: ...

    def debtor_exists(self, code: str) -> bool: ...


class Calling(Protocol):
    """Call attempts, their events, collectors' states and do-not-call flags.

    Every one is append-only: a time is written once, a state lasts until the
    collector's next one, a do-not-call flag is lifted by a later row.
    """

    def dial_target(self, contact_id: int) -> DialTarget | None:
        """The contact's debtor, numbers and the debtor's timezone (None: no such contact)."""
        ...

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
    ) -> None: ...

    def attempt_owner(self, attempt_id: str) -> tuple[str, str] | None:
        """(debtor code, collector) of an attempt, or None when there is no such attempt."""
        ...

    def append_event(
        self,
        attempt_id: str,
        event: CallEvent,
        at: datetime,
        *,
        cause: str = "",
        call_id: int | None = None,
    ) -> bool:
        """Record ``event`` once; False when the attempt already had it (the first one stands)."""
        ...

    def call_times(self, attempt_id: str) -> CallTimes | None:
        """The attempt's recorded moments (None: no such attempt)."""
        ...

    def times_of_calls(self, call_ids: Sequence[int]) -> dict[int, CallTimes]:
        """The times of the attempts the outcomes ``call_ids`` closed, by call id."""
        ...

    def dial_times(self, number: str, since: datetime) -> list[datetime]:
        """When ``number`` (E.164) was dialled from ``since`` on, by any collector."""
        ...

    def dial_lines(
        self, codes: Sequence[str] | None, since: datetime, *, at_least: int
    ) -> dict[str, tuple[DialLine, ...]]:
        """Each debtor's callable numbers with their do-not-call flag and attempts since
        ``since``, for the debtors (of ``codes``; None: all) that may have every number out:
        a number of theirs dialled ``at_least`` times since ``since``, or a do-not-call
        flag on one (the others are left out: none of their numbers can be at a cap)."""
        ...

    def append_state(
        self,
        collector: str,
        state: AgentState,
        at: datetime,
        *,
        reason: str = "",
        attempt_id: str | None = None,
        code: str | None = None,
    ) -> None: ...

    def states_between(self, start: datetime, end: datetime) -> list[StateChange]:
        """States from ``start`` to ``end`` by collector then time, each collector's last
        state before ``start`` included (it was still running then)."""
        ...

    def times_between(self, start: datetime, end: datetime) -> list[tuple[str, CallTimes]]:
        """(collector, times) of every attempt dialled from ``start`` to ``end``."""
        ...

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
        """Flag (or, ``flagged`` False, lift) a number (E.164, '' for none) and/or a contact."""
        ...

    def debtors_carrying(self, number: str, contact_id: int | None) -> list[str]:
        """The debtors whose contacts carry ``number`` (E.164; '' for none) or are ``contact_id``."""
        ...

    def do_not_call(self, number: str, contact_id: int | None) -> DoNotCall | None:
        """The flag in force on ``number`` or ``contact_id`` (the latest row says), else None."""
        ...

    def callbacks_due(self, collector: str, start: datetime, end: datetime) -> list[AgendaEntry]:
        """The callbacks ``collector`` set that the queue still waits on, due in [start, end),
        soonest first (a callback undone, or overtaken by a later call, is gone), and the
        colleagues' callbacks for anyone on debtors assigned to ``collector`` or to nobody
        (``set_by`` names the colleague)."""
        ...

    def promises_due(self, collector: str, first: date, last: date) -> list[AgendaEntry]:
        """Pending promises due from ``first`` to ``last`` that ``collector`` took or whose
        debtor is theirs, by day then debtor."""
        ...


class Queue(Protocol):
    """The queue: scoring facts in, scores out, claims, ranks, search and upkeep markers."""

    def gather_facts(
        self,
        *,
        today: date,
        now: datetime,
        codes: Sequence[str] | None = None,
        broken_memory_days: int = 180,
    ) -> list[DebtorFacts]:
        """Facts for every debtor (``codes`` None) or the given ones, in code order."""
        ...

    def write_scores(
        self, scored: Iterable[tuple[DebtorFacts, Scored]], now: datetime, today: date | None = None
    ) -> int:
        """Upsert queue_state rows; claims are left as they are."""
        ...

    def get_meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str) -> None: ...

    def delete_meta(self, key: str) -> None: ...

    def debtor_codes(self) -> list[str]: ...

    def pick_candidates(
        self,
        *,
        collector: str,
        now: datetime,
        campaign_id: int | None,
        skip: Sequence[str],
        session: str | None = None,
        limit: int | None = None,
    ) -> Iterator[tuple[str, str]]:
        """(code, timezone) of callable debtors, best first, lazily; at most ``limit``."""
        ...

    def next_return(
        self, *, collector: str, now: datetime, campaign_id: int | None
    ) -> tuple[str, str, str, datetime] | None:
        """(code, name, state, next_action_at) of the first debtor coming back after ``now``."""
        ...

    def claim_best(self, ask: ClaimAsk) -> str | None:
        """Give back this session's claim and take the best free debtor of the portfolio
        whose timezone ``ask.callable_in`` accepts, until ``ask.expires``; its code, or None.

        Atomic: two sessions claiming at once never get the same debtor (SQLite under
        its write lock, PostgreSQL in one statement with ``FOR UPDATE SKIP LOCKED``).
        """
        ...

    def claim_if_upkept(self, ask: ClaimAsk, upkeep: QueueUpkeep) -> tuple[bool, str | None]:
        """:meth:`claim_best` as one statement of its own, only if ``upkeep`` holds.

        (True, code or None) when it decided; (False, None) when it wrote nothing
        (the queue may need its upkeep, or there was nothing to take and nothing
        to give back): the caller then brings the queue up to date and calls
        :meth:`claim_best`.
        """
        ...

    def pick_if_upkept(self, ask: ClaimAsk, upkeep: QueueUpkeep) -> tuple[bool, str | None]:
        """:meth:`claim_if_upkept`, where the claim may be left to :meth:`hold_pick`.

        A backend that can reserve the debtor without writing (SQLite, with its lock
        file) does so, and the claim is written by :meth:`hold_pick`, after the dossier is
        painted; until then no other session can take that debtor. (False, None): no
        debtor reserved or claimed; bring the queue up to date and call :meth:`pick_best`.
        """
        ...

    def pick_best(self, ask: ClaimAsk) -> str | None:
        """:meth:`claim_best` in its own transaction, the claim maybe left to :meth:`hold_pick`."""
        ...

    def hold_pick(self) -> bool:
        """Write the claim of this connection's last pick (and give back the session's
        other claims) if it was left unwritten; False when that debtor had been taken."""
        ...

    def release_claims_of(self, collector: str, session: str | None = None) -> None:
        """Release the collector's claims (only this session's when ``session`` is given)."""
        ...

    def held_claims(self, collector: str, now: datetime) -> list[tuple[str, str]]:
        """(code, session) of the collector's session claims on debtors still to call, best first."""
        ...

    def set_claim(
        self, code: str, collector: str, expires_at: datetime, session: str | None = None
    ) -> bool:
        """Give ``code`` to ``collector``; False when another session is picking it now."""
        ...

    def renew_claim(
        self,
        code: str,
        collector: str,
        now: datetime,
        expires: datetime,
        session: str | None = None,
    ) -> bool:
        """Extend my claim if I still hold it, or take it back if nobody else took it meanwhile."""
        ...

    def release_claim(self, code: str, collector: str, session: str | None = None) -> bool: ...

    def queue_rows(
        self,
        *,
        now: datetime,
        limit: int | None,
        collector: str | None = None,
        campaign_id: int | None = None,
        include_waiting: bool = False,
    ) -> list[QueueEntry]:
        """Callable debtors (or, with ``include_waiting``, every due/callback one), best first."""
        ...

    def entry(self, code: str) -> QueueEntry | None: ...

    def rank_of(
        self, code: str, now: datetime, collector: str | None = None, campaign_id: int | None = None
    ) -> tuple[int, int]:
        """(1-based rank, number of debtors callable now); rank 0 when ``code`` is not callable."""
        ...

    def search_debtors(self, text: str, limit: int) -> list[FoundDebtor]:
        """Debtors whose code or name contains ``text``, or a contact phone contains its digits."""
        ...

    def upkeep_state(self, scored_key: str, cutoff: date) -> tuple[str | None, bool]:
        """(day the queue was last scored, any pending promise dated before ``cutoff``)."""
        ...

    def pending_due_promise_exists(self, cutoff: date) -> bool:
        """Any pending promise dated before ``cutoff`` (cheap: partial index promises_pending)."""
        ...


class Promises(Protocol):
    """Promises and the payments that settle them, and the verdicts on them."""

    def debtors_with_due_promises(self, cutoff: date) -> list[str]:
        """Debtors holding a pending promise dated before ``cutoff`` (date + grace passed)."""
        ...

    def debtors_with_promises(self, codes: Sequence[str]) -> list[str]:
        """Those of ``codes`` holding a promise that is not cancelled (pending or judged)."""
        ...

    def promises_of(self, codes: Sequence[str]) -> list[Promise]:
        """Pending and settled (not cancelled) promises of ``codes``, oldest date first."""
        ...

    def payments_of(self, codes: Sequence[str], since: date) -> list[Payment]:
        """Payments of ``codes`` received on or after ``since``, oldest first."""
        ...

    def record_verdicts(
        self,
        changes: Sequence[tuple[int, str, int, str, int]],
        now: datetime,
        import_id: int | None = None,
    ) -> int:
        """Write (promise id, old status, old paid, new status, new paid) and keep each in history."""
        ...


class Figures(Protocol):
    """The supervisor's figures, from the raw rows or from the per-day sum tables."""

    def ledger_stamp(self) -> tuple:
        """A cheap sign that the ledger changed: the latest import, invoice, payment, membership."""
        ...

    def queue_counts(self, now: datetime, scope: Scope) -> dict[str, QueueCounts]:
        """Queue states per collector ('' for unassigned debtors), 'done' left out."""
        ...

    def done_count(self, scope: Scope) -> int:
        """Debtors with nothing overdue: a total only, cheap without the join to debtors."""
        ...

    def collector_days(
        self, start: datetime, end: datetime, today: date, scope: Scope
    ) -> list[CollectorDay]:
        """Calls, right-party contacts and promises per collector between two instants."""
        ...

    def calls_made(self, start: datetime, end: datetime, scope: Scope) -> tuple[int, int]:
        """(calls made, of which right-party contacts) between two instants."""
        ...

    def promises_fell_due(self, period: Period, scope: Scope) -> tuple[int, int]:
        """(promises kept, promises that fell due) among those promised within the period."""
        ...

    def ledger_sums(self, period: Period, scope: Scope) -> LedgerSums:
        """Opening/closing receivables and credit sales from invoices and payments."""
        ...

    def aging(self, today: date, scope: Scope) -> list[AgingRow]:
        """Open amounts and open lines per aging bucket (credit notes reduce their bucket)."""
        ...

    def flows(
        self, period: Period, scope: Scope
    ) -> tuple[list[DailyFlow], list[PromisedCollected]]:
        """Promised vs collected per day and per collector, from two grouped scans."""
        ...

    def promised_collected_by_campaign(
        self, period: Period, scope: Scope
    ) -> list[PromisedCollected]:
        """Promised vs collected over the period for the debtors of each campaign."""
        ...

    def largest_in_queue(self, scope: Scope, limit: int = 20) -> list[DebtorAmount]:
        """Debtors with the largest overdue amount as of the last rescore (indexed: instant)."""
        ...

    def written_day(self, start: datetime, end: datetime, scope: Scope) -> WrittenDay:
        """The funnel's messages in [start, end) by kind, and the approvals still awaited."""
        ...

    def largest_overdue(
        self, today: date, scope: Scope, limit: int = 20, bucket: str | None = None
    ) -> list[DebtorAmount]:
        """Debtors with the largest open amount past due (or in one aging bucket)."""
        ...

    def debtors_in_state(
        self, now: datetime, state: str, scope: Scope, limit: int = 500
    ) -> list[DebtorAmount]:
        """Debtors in a queue state ('due_now' = due with its next action time passed)."""
        ...

    def debtors_with_promises(
        self, which: str, bounds: Sequence[date | datetime], scope: Scope, limit: int = 500
    ) -> list[DebtorAmount]:
        """Debtors whose promises match the filter ``which`` between ``bounds`` (instants or days).

        ``which``: made_between, due_on, broken_between, fell_due_between, kept_between.
        """
        ...

    def debtors_called(
        self,
        start: datetime,
        end: datetime,
        scope: Scope,
        right_party_only: bool = False,
        limit: int = 500,
    ) -> list[DebtorAmount]:
        """Debtors called between two instants, with the number of calls as the detail."""
        ...

    def debtors_who_paid(
        self, period: Period, scope: Scope, limit: int = 500
    ) -> list[DebtorAmount]:
        """Debtors who paid within the period, with the amount paid and the last payment date."""
        ...

    def sums_available(self) -> bool:
        """True when the file has the sum tables in their present shape."""
        ...

    def summed_ledger_sums(self, period: Period, collector: str | None) -> LedgerSums:
        """Receivables at both ends of the period and the credit sales within it."""
        ...

    def summed_aging(self, today: date, collector: str | None) -> list[AgingRow]:
        """Open amounts and open lines per aging bucket, from the per-due-date sums."""
        ...

    def summed_calls_made(
        self, first: datetime, last: datetime, collector: str | None
    ) -> tuple[int, int]:
        """(calls made, right-party contacts) in the whole hours [first, last)."""
        ...

    def promised_per_day(self, period: Period, collector: str | None) -> list[tuple]:
        """(UTC day made, collector, promised, arrived on them) for promises not cancelled."""
        ...

    def collected_per_day(self, period: Period, collector: str | None) -> list[tuple]:
        """(day paid, collector owning the debtor, amount) for the payments of the period."""
        ...

    def queue_states(self, collector: str | None) -> list[tuple[str, str, int]]:
        """(collector, state, debtors) for every state that holds somebody, 'done' included."""
        ...

    def due_later(self, stamp: str, collector: str | None) -> list[tuple[str, int]]:
        """(collector, debtors) due whose next action lies after ``stamp``: the few not callable yet."""
        ...

    def rebuild_sums(self) -> None:
        """Recompute every sum table from the raw rows (a repair; triggers keep them otherwise)."""
        ...

    def fold_sums(self) -> None:
        """Bring each sum key back to one row, where a backend's triggers append deltas
        (PostgreSQL); the daily rescore does it. Nothing to do where they keep one row."""
        ...

    def sum_differences(self) -> dict[str, list[tuple]]:
        """Rows where a sum table and a recomputation from the raw rows disagree (empty: exact)."""
        ...


class Campaigns(Protocol):
    """Campaigns: their definition, collectors and members."""

    def insert_campaign(self, campaign: Campaign, now: datetime) -> int: ...

    def delete_campaign(self, campaign_id: int) -> None: ...

    def add_collectors(self, campaign_id: int, names: list[str]) -> None: ...

    def remove_collectors(self, campaign_id: int, names: list[str]) -> None: ...

    def select_members(self, campaign: Campaign, today: date) -> int:
        """Replace the campaign's debtors with the active debtors matching its rule today."""
        ...

    def add_members(self, campaign_id: int, codes: list[str]) -> int: ...

    def remove_members(self, campaign_id: int, codes: list[str]) -> int: ...

    def load_campaigns(self, name: str | None = None) -> list[Campaign]:
        """All campaigns (or the one named), with collectors and member counts."""
        ...

    def members(self, campaign_id: int) -> list[DebtorAmount]:
        """The campaign's debtors with their collector and overdue amount (as last scored)."""
        ...

    def member_codes(self, campaign_id: int) -> list[str]: ...


class Users(Protocol):
    """Who may use the database, and as what."""

    def role_of(self, name: str) -> str | None:
        """The stored role of ``name``, or None for a name the table does not know."""
        ...

    def count_supervisors(self) -> int: ...

    def upsert_user(self, name: str, role: str, display_name: str, now: datetime) -> None:
        """Add a user or change the role and display name of an existing one."""
        ...

    def delete_user(self, name: str) -> bool: ...

    def list_users(self) -> list[User]:
        """Users with the size of their portfolio (debtors assigned to them)."""
        ...

    def grant_role(self, name: str, role: str, *, run: bool = True) -> list[str]:
        """Give ``name`` the database's own rights of ``role`` (a server's role, grants and row
        policies) and return the statements, only returned when not ``run``; a SQLite file has
        none (its permissions are the operating system's): an empty list."""
        ...

    def connected_as_supervisor(self) -> bool | None:
        """Whether the connected session holds the supervisors' rights, as the database's own
        roles say; None where the database keeps no roles (a SQLite file, or a server whose
        roles were never set up)."""
        ...

    def owner_connected(self) -> bool:
        """True when this session is the database's owner (who may name the first supervisor):
        the OS user owning the SQLite file, the role owning the PostgreSQL database."""
        ...

    def password_hash(self, name: str) -> str | None:
        """The stored hash of ``name``'s password (None: unknown user, or no password yet)."""
        ...

    def set_password_hash(self, name: str, hashed: str | None, now: datetime) -> bool:
        """Store (or, with None, remove) ``name``'s password hash; False for an unknown user."""
        ...


class Portfolios(Protocol):
    """Which collector holds which debtors."""

    def known_codes(self, codes: Sequence[str]) -> set[str]:
        """The subset of ``codes`` that name existing debtors."""
        ...

    def assign_debtors(self, codes: Sequence[str], collector: str | None, now: datetime) -> int:
        """Give ``codes`` to ``collector`` (None: unassigned); returns rows changed."""
        ...

    def move_portfolio(self, source: str, target: str | None, now: datetime) -> int:
        """Hand every debtor of ``source`` to ``target``; returns how many moved."""
        ...


class Exports(Protocol):
    """Row streams for ``callcenter export``."""

    def iter_calls(self, start: datetime, end: datetime, collector: str | None) -> Iterator[dict]:
        """Calls started in [start, end), oldest first (values: see :data:`EXPORT_COLUMNS`)."""
        ...

    def iter_promises(
        self, start: datetime, end: datetime, collector: str | None
    ) -> Iterator[dict]:
        """Promises made in [start, end), oldest first."""
        ...

    def iter_queue(self, collector: str | None) -> Iterator[dict]:
        """The queue now, best score first."""
        ...


class Communications(Protocol):
    """The append-only log of written messages (reminders, letters, confirmations)."""

    def record(self, entry: Communication) -> int:
        """Append ``entry``; a second delivered entry for one send key is refused (raises)."""
        ...

    def delivered_keys(self, keys: Sequence[str]) -> set[str]:
        """Those of ``keys`` already delivered (sent or written): never send them again."""
        ...

    def awaiting_keys(self, keys: Sequence[str]) -> set[str]:
        """Those of ``keys`` already logged as awaiting approval (logged once, not per run)."""
        ...

    def steps_sent(self, codes: Sequence[str]) -> dict[str, dict[str, datetime]]:
        """``{debtor: {step key: latest delivery}}`` for the given debtors."""
        ...

    def of_debtor(self, code: str, limit: int = 50) -> list[Communication]:
        """The debtor's latest entries, newest first (the dossier's history)."""
        ...

    def undelivered(self, since: datetime) -> list[Communication]:
        """Failed or refused entries since ``since`` whose key was never delivered after."""
        ...

    def mark_email_doubtful(self, code: str, address: str, why: str) -> int:
        """Mark the debtor's contacts with that address doubtful; returns how many."""
        ...


class Admin(Protocol):
    """Keeping the database healthy: checks, counts, backups, damaged text."""

    def integrity_problems(self, *, quick: bool = False) -> list[str]:
        """SQLite's own page-level check; an empty list means the file is sound."""
        ...

    def foreign_key_problems(self) -> list[tuple[str, int | None, str]]:
        """Rows whose declared foreign key points nowhere: (table, rowid, parent table)."""
        ...

    def recorded_version(self) -> int | None:
        """The schema version written in the ``meta`` table (None when absent or unreadable)."""
        ...

    def orphan_results(self, now: datetime, horizon: datetime) -> list[OrphanResult]:
        """Run every consistency rule; each result says how many rows break it."""
        ...

    def call_rows(self, ids: list[int]) -> dict[int, tuple[str, str, str]]:
        """``{call id: (debtor, collector, outcome)}`` for the ids that exist (stress verification)."""
        ...

    def any_supervisor(self) -> str:
        """A supervisor's name (the stress tool reassigns portfolios as them)."""
        ...

    def assigned_collectors(self) -> list[str]:
        """Collectors that own a portfolio."""
        ...

    def table_counts(self) -> dict[str, int]:
        """Rows per table, for the report's header."""
        ...

    def schema_gaps(self) -> list[SchemaGap] | None:
        """Tables, columns, indexes, triggers and views the schema should have and the
        database lacks (empty: all there; None: this backend does not compare yet)."""
        ...

    def backup_to(self, target: Path, *, force: bool = False) -> int:
        """Copy the live database to ``target`` with SQLite's online backup API; return bytes."""
        ...

    def verify_backup(self, target: Path) -> list[str]:
        """Problems reading back a backup just written (empty: it is sound)."""
        ...

    def copy_in(self, source: Store) -> CopyReport:
        """Copy the SQLite store ``source`` into this empty server database, then compare.

        ``callcenter migrate``; a SQLite file refuses (a team moves up, not down).
        """
        ...

    def reported_as_damage(self) -> AbstractContextManager[None]:
        """Turn SQLite's read failures inside the block into :class:`Damaged`."""
        ...

    def read_text_leniently(self) -> None:
        """Decode stored text with replacement characters, so bad UTF-8 is reported, not fatal."""
        ...

    def bad_text_rows(self) -> dict[str, list[str]]:
        """``{table: [rowid, ...]}`` of rows holding text that is not valid UTF-8."""
        ...


class Store(Protocol):
    """One open database: the unit of work and the aggregates behind it."""

    readonly: bool
    read_only_reason: Reason | None
    dossiers: Dossiers
    outcomes: Outcomes
    calling: Calling
    queue: Queue
    promises: Promises
    communications: Communications

    # The back office's aggregates: read-only, so that a backend may build them on
    # first use (a workstation's start never imports their statements).
    @property
    def ledger(self) -> Ledger: ...

    @property
    def figures(self) -> Figures: ...

    @property
    def campaigns(self) -> Campaigns: ...

    @property
    def users(self) -> Users: ...

    @property
    def portfolios(self) -> Portfolios: ...

    @property
    def exports(self) -> Exports: ...

    @property
    def admin(self) -> Admin: ...

    @property
    def path(self) -> Path | str:
        """What messages name: the SQLite file, or a server's URL without its password."""
        ...

    def transaction(self, *, durable: bool = True) -> AbstractContextManager[object]:
        """A write transaction; nested calls join the outer one. ``durable=False``
        may skip the flush to disk at commit (for writes whose loss is harmless)."""
        ...

    def snapshot(self) -> AbstractContextManager[object]:
        """A read transaction: every query inside sees one state of the database."""
        ...

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction or snapshot is open on this connection now."""
        ...

    @property
    def schema_version(self) -> int:
        """The version of the schema the database holds (``check`` reports it)."""
        ...

    def large_cache(self, mib: int = 128) -> AbstractContextManager[None]:
        """More memory for one bulk job (an import), then back to the default."""
        ...

    def sorts_on_disk(self) -> AbstractContextManager[None]:
        """Big sorts (indexes built after a bulk load) spill to temporary files, not memory.

        For one job, entered outside any transaction; memory then stays flat
        whatever the size of what is sorted.
        """
        ...

    def optimize(self) -> None:
        """Compact and refresh the planner's statistics after a bulk build."""
        ...

    def close(self) -> None: ...

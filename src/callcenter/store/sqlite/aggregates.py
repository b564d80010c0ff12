"""The SQLite backend seen through the ports: one object per aggregate, bound to a store.

Each method hands its call to the module holding the SQL (``claims.py``,
``ledger.py``, ...), so the SQL stays where it was written and this file is
only the map from the interface to it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from callcenter.domain.campaigns import Campaign
from callcenter.domain.communications import Communication
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
from callcenter.store import ports
from callcenter.store.records import InvoicePlan, OrphanResult, SchemaGap
from callcenter.store.sqlite import (
    access,
    admin,
    claims,
    communications,
    damage,
    dossier,
    figure_sums,
    history,
    meta,
    outcomes,
    portfolios,
    promises,
    ranks,
    schema_shape,
    scoring,
    search,
    staging,
    users,
)
from callcenter.store.statements import (
    campaigns,
    changes,
    disputes,
    exports,
    figures,
    imports,
    ledger,
    tasks,
)
from callcenter.store.statements import figure_sums as sum_reads
from callcenter.store.statements import history as history_rows

if TYPE_CHECKING:
    from callcenter.store.sqlite.db import SqliteStore


class SqliteLedger(ports.Ledger):
    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def upsert_debtors(
        self,
        debtors: Iterable[Debtor],
        now: datetime,
        update: Sequence[str] = ledger.DEBTOR_COLUMNS,
    ) -> int:
        return ledger.upsert_debtors(self._store, debtors, now, update)

    def upsert_contacts(self, contacts: Iterable[Contact]) -> int:
        return ledger.upsert_contacts(self._store, contacts)

    def upsert_invoices(self, invoices: Iterable[Invoice]) -> int:
        return ledger.upsert_invoices(self._store, invoices)

    def upsert_payments(self, payments: Iterable[Payment]) -> int:
        return ledger.upsert_payments(self._store, payments)

    def client_payment_terms(self) -> dict[str, int]:
        return imports.client_payment_terms(self._store)

    def known_debtor_codes(self) -> set[str]:
        return imports.known_debtor_codes(self._store)

    def upsert_invoice_rows(
        self,
        invoices: Iterable[Invoice],
        *,
        update: Sequence[str] = imports.INVOICE_COLUMNS,
        lettering: Mapping[tuple[str, str], str] | None = None,
    ) -> int:
        return imports.upsert_invoice_rows(
            self._store, invoices, update=update, lettering=lettering
        )

    def plan_ledger_invoices(
        self,
        invoices: Iterable[Invoice],
        identity: Mapping[tuple[str, str], tuple[str, str]],
        lettering: Mapping[tuple[str, str], str],
        *,
        debtors: Collection[str] | None = None,
    ) -> InvoicePlan:
        return imports.plan_ledger_invoices(
            self._store, invoices, identity, lettering, debtors=debtors
        )

    def plan_absent_invoices(self, debtors: Collection[str]) -> InvoicePlan:
        return imports.plan_absent_invoices(self._store, debtors)

    def write_ledger_invoices(self, plan: InvoicePlan, *, close_absent: bool) -> int:
        return imports.write_ledger_invoices(self._store, plan, close_absent=close_absent)

    def open_invoice_keys(self) -> set[tuple[str, str]]:
        return imports.open_invoice_keys(self._store)

    def close_invoices(self, keys: Iterable[tuple[str, str]]) -> int:
        return imports.close_invoices(self._store, keys)

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
        return imports.record_import(
            self._store, kind=kind, file=file, sha256=sha256, lines=lines, now=now, summary=summary
        )

    def ledger_is_empty(self) -> bool:
        return history_rows.ledger_is_empty(self._store)

    def last_ids(self) -> dict[str, int]:
        return history_rows.last_ids(self._store)

    def insert_user_rows(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        return history_rows.insert_users(self._store, rows)

    def insert_call_rows(self, rows: Iterable[tuple]) -> None:
        return history_rows.insert_calls(self._store, rows)

    def insert_promise_rows(self, rows: Iterable[tuple]) -> None:
        return history_rows.insert_promises(self._store, rows)

    def insert_dispute_rows(self, rows: Iterable[tuple]) -> None:
        return history_rows.insert_disputes(self._store, rows)

    def insert_dispute_invoice_rows(self, rows: Iterable[tuple[int, int]]) -> None:
        return history_rows.insert_dispute_invoices(self._store, rows)

    def insert_task_rows(self, rows: Iterable[tuple]) -> None:
        return history_rows.insert_tasks(self._store, rows)

    def count_rows(self, table: str) -> int:
        return history_rows.count_rows(self._store, table)

    def bulk_mode(self) -> AbstractContextManager[None]:
        return history.bulk_mode(self._store)

    def deferred_indexes(
        self, tables: tuple[str, ...] = history_rows.BULK_TABLES
    ) -> AbstractContextManager[None]:
        return history.deferred_indexes(self._store, tables)

    def staging(self, kind: str) -> AbstractContextManager[ports.Staging]:
        return staging.staging(self._store, kind)


class SqliteDossiers(ports.Dossiers):
    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def load_dossier(self, code: str, today: date | None = None) -> Dossier | None:
        return dossier.load_dossier(self._store, code, today)

    def funnel_dossiers(self, codes: Sequence[str]) -> list[tuple[Dossier, datetime | None]]:
        return dossier.funnel_dossiers(self._store, codes)

    def set_account_note(self, code: str, text: str) -> None:
        return dossier.set_account_note(self._store, code, text)

    def account_note(self, code: str) -> str | None:
        return dossier.account_note(self._store, code)

    def dispute(self, dispute_id: int) -> Dispute | None:
        return disputes.dispute(self._store, dispute_id)

    def debtor_collector(self, code: str) -> tuple[bool, str | None]:
        return disputes.debtor_collector(self._store, code)

    def list_disputes(
        self, *, status: str | None, collector: str | None, code: str | None = None
    ) -> list[tuple[Dispute, str]]:
        return disputes.list_disputes(self._store, status=status, collector=collector, code=code)

    def set_dispute_status(
        self, dispute_id: int, *, status: str, resolution: str | None, at: datetime | None, by: str
    ) -> None:
        return disputes.set_status(
            self._store, dispute_id, status=status, resolution=resolution, at=at, by=by
        )

    def task(self, task_id: int) -> Task | None:
        return tasks.task(self._store, task_id)

    def open_tasks(self, *, collector: str | None) -> list[Task]:
        return tasks.open_tasks(self._store, collector=collector)

    def set_task_done(self, task_id: int, *, at: datetime | None, by: str) -> None:
        return tasks.set_done(self._store, task_id, at=at, by=by)

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
    ) -> int:
        return changes.insert_change(
            self._store,
            code=code,
            actor=actor,
            at=at,
            action=action,
            target_id=target_id,
            detail=detail,
            before=before,
            undoes=undoes,
        )

    def change(self, change_id: int) -> DossierChange | None:
        return changes.change(self._store, change_id)

    def change_undone_by(self, change_id: int) -> int | None:
        return changes.undone_by(self._store, change_id)

    def last_live_change(self, actions: tuple[str, ...], target_id: int) -> int | None:
        return changes.last_live_change(self._store, actions, target_id)

    def last_live_change_of(self, code: str, actions: tuple[str, ...]) -> int | None:
        return changes.last_live_change_of(self._store, code, actions)

    def holder(self, code: str, now: datetime) -> str | None:
        return access.holder(self._store, code, now)

    def portfolio_owner(self, code: str) -> str | None:
        return access.portfolio_owner(self._store, code)

    def in_campaign_of(self, code: str, campaign_id: int, collector: str) -> bool:
        return access.in_campaign_of(self._store, code, campaign_id, collector)

    def demo_marked(self) -> bool:
        return access.demo_marked(self._store)

    def mark_demo(self) -> None:
        return access.mark_demo(self._store)


class SqliteOutcomes(ports.Outcomes):
    def __init__(self, store: SqliteStore) -> None:
        self._store = store

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
        return outcomes.insert_call(
            self._store,
            code=code,
            collector=collector,
            started_at=started_at,
            outcome=outcome,
            note=note,
            reason=reason,
            contact_id=contact_id,
            right_party=right_party,
            undoes=undoes,
            campaign_id=campaign_id,
            callback_at=callback_at,
            entered_by=entered_by,
            callback_owner=callback_owner,
        )

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
        return outcomes.insert_promises(
            self._store,
            code=code,
            call_id=call_id,
            collector=collector,
            created_at=created_at,
            instalments=instalments,
            plan=plan,
        )

    def insert_dispute(
        self,
        *,
        code: str,
        call_id: int,
        reason: str,
        opened_at: datetime,
        opened_by: str,
        invoice_ids: Iterable[int],
    ) -> int:
        return outcomes.insert_dispute(
            self._store,
            code=code,
            call_id=call_id,
            reason=reason,
            opened_at=opened_at,
            opened_by=opened_by,
            invoice_ids=invoice_ids,
        )

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
    ) -> int:
        return outcomes.insert_task(
            self._store,
            code=code,
            call_id=call_id,
            kind=kind,
            note=note,
            created_at=created_at,
            created_by=created_by,
            due_on=due_on,
            done_at=done_at,
        )

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
        return outcomes.insert_payment_claim(
            self._store,
            call_id=call_id,
            code=code,
            paid_on=paid_on,
            amount_cents=amount_cents,
            means=means,
            reference=reference,
        )

    def balance(self, code: str) -> int:
        return outcomes.balance(self._store, code)

    def contact(self, contact_id: int) -> Contact | None:
        return outcomes.contact(self._store, contact_id)

    def set_wrong_number(self, contact_id: int, flag: bool) -> None:
        return outcomes.set_wrong_number(self._store, contact_id, flag)

    def dunning_step(self, code: str) -> int:
        return outcomes.dunning_step(self._store, code)

    def set_dunning_step(self, code: str, step: int) -> None:
        return outcomes.set_dunning_step(self._store, code, step)

    def invoices_by_number(self, code: str, numbers: Sequence[str]) -> dict[str, Invoice]:
        return outcomes.invoices_by_number(self._store, code, numbers)

    def open_overdue_invoice_numbers(self, code: str, today: date) -> list[str]:
        return outcomes.open_overdue_invoice_numbers(self._store, code, today)

    def call(self, call_id: int) -> Call | None:
        return outcomes.call(self._store, call_id)

    def undone_by(self, call_id: int) -> int | None:
        return outcomes.undone_by(self._store, call_id)

    def cancel_created_by(self, call_id: int, now: datetime) -> dict[str, int]:
        return outcomes.cancel_created_by(self._store, call_id, now)

    def task_of(self, call_id: int, kind: str) -> Task | None:
        return outcomes.task_of(self._store, call_id, kind)

    def debtor_exists(self, code: str) -> bool:
        return outcomes.debtor_exists(self._store, code)


class SqliteQueue(ports.Queue):
    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def gather_facts(
        self,
        *,
        today: date,
        now: datetime,
        codes: Sequence[str] | None = None,
        broken_memory_days: int = 180,
    ) -> list[DebtorFacts]:
        return scoring.gather_facts(
            self._store, today=today, now=now, codes=codes, broken_memory_days=broken_memory_days
        )

    def write_scores(
        self, scored: Iterable[tuple[DebtorFacts, Scored]], now: datetime, today: date | None = None
    ) -> int:
        return scoring.write_scores(self._store, scored, now, today)

    def get_meta(self, key: str) -> str | None:
        return meta.get_meta(self._store, key)

    def set_meta(self, key: str, value: str) -> None:
        return meta.set_meta(self._store, key, value)

    def delete_meta(self, key: str) -> None:
        return meta.delete_meta(self._store, key)

    def debtor_codes(self) -> list[str]:
        return scoring.debtor_codes(self._store)

    def pick_candidates(
        self,
        *,
        collector: str,
        now: datetime,
        campaign_id: int | None,
        skip: Sequence[str],
        session: str | None = None,
    ) -> Iterator[tuple[str, str]]:
        return claims.pick_candidates(
            self._store,
            collector=collector,
            now=now,
            campaign_id=campaign_id,
            skip=skip,
            session=session,
        )

    def next_return(
        self, *, collector: str, now: datetime, campaign_id: int | None
    ) -> tuple[str, str, str, datetime] | None:
        return claims.next_return(
            self._store, collector=collector, now=now, campaign_id=campaign_id
        )

    def release_claims_of(self, collector: str, session: str | None = None) -> None:
        return claims.release_claims_of(self._store, collector, session)

    def held_claims(self, collector: str, now: datetime) -> list[tuple[str, str]]:
        return claims.held_claims(self._store, collector, now)

    def claim_best(
        self,
        *,
        collector: str,
        now: datetime,
        expires: datetime,
        campaign_id: int | None,
        skip: Sequence[str],
        session: str | None,
        callable_in: Callable[[str], bool],
    ) -> str | None:
        return claims.claim_best(
            self._store,
            collector=collector,
            now=now,
            expires=expires,
            campaign_id=campaign_id,
            skip=skip,
            session=session,
            callable_in=callable_in,
        )

    def set_claim(
        self, code: str, collector: str, expires_at: datetime, session: str | None = None
    ) -> None:
        return claims.set_claim(self._store, code, collector, expires_at, session)

    def renew_claim(
        self,
        code: str,
        collector: str,
        now: datetime,
        expires: datetime,
        session: str | None = None,
    ) -> bool:
        return claims.renew_claim(self._store, code, collector, now, expires, session)

    def release_claim(self, code: str, collector: str, session: str | None = None) -> bool:
        return claims.release_claim(self._store, code, collector, session)

    def queue_rows(
        self,
        *,
        now: datetime,
        limit: int | None,
        collector: str | None = None,
        campaign_id: int | None = None,
        include_waiting: bool = False,
    ) -> list[QueueEntry]:
        return ranks.queue_rows(
            self._store,
            now=now,
            limit=limit,
            collector=collector,
            campaign_id=campaign_id,
            include_waiting=include_waiting,
        )

    def entry(self, code: str) -> QueueEntry | None:
        return ranks.entry(self._store, code)

    def rank_of(
        self, code: str, now: datetime, collector: str | None = None, campaign_id: int | None = None
    ) -> tuple[int, int]:
        return ranks.rank_of(self._store, code, now, collector, campaign_id)

    def search_debtors(self, text: str, limit: int) -> list[FoundDebtor]:
        return search.search_debtors(self._store, text, limit)

    def upkeep_state(self, scored_key: str, cutoff: date) -> tuple[str | None, bool]:
        return meta.upkeep_state(self._store, scored_key, cutoff)

    def pending_due_promise_exists(self, cutoff: date) -> bool:
        return meta.pending_due_promise_exists(self._store, cutoff)


class SqlitePromises(ports.Promises):
    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def debtors_with_due_promises(self, cutoff: date) -> list[str]:
        return promises.debtors_with_due_promises(self._store, cutoff)

    def debtors_with_promises(self, codes: Sequence[str]) -> list[str]:
        return promises.debtors_with_promises(self._store, codes)

    def promises_of(self, codes: Sequence[str]) -> list[Promise]:
        return promises.promises_of(self._store, codes)

    def payments_of(self, codes: Sequence[str], since: date) -> list[Payment]:
        return promises.payments_of(self._store, codes, since)

    def record_verdicts(
        self,
        changes: Sequence[tuple[int, str, int, str, int]],
        now: datetime,
        import_id: int | None = None,
    ) -> int:
        return promises.record_verdicts(self._store, changes, now, import_id)


class SqliteFigures(ports.Figures):
    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def ledger_stamp(self) -> tuple:
        return figures.ledger_stamp(self._store)

    def queue_counts(self, now: datetime, scope: Scope) -> dict[str, QueueCounts]:
        return figures.queue_counts(self._store, now, scope)

    def done_count(self, scope: Scope) -> int:
        return figures.done_count(self._store, scope)

    def collector_days(
        self, start: datetime, end: datetime, today: date, scope: Scope
    ) -> list[CollectorDay]:
        return figures.collector_days(self._store, start, end, today, scope)

    def calls_made(self, start: datetime, end: datetime, scope: Scope) -> tuple[int, int]:
        return figures.calls_made(self._store, start, end, scope)

    def promises_fell_due(self, period: Period, scope: Scope) -> tuple[int, int]:
        return figures.promises_fell_due(self._store, period, scope)

    def ledger_sums(self, period: Period, scope: Scope) -> LedgerSums:
        return figures.ledger_sums(self._store, period, scope)

    def aging(self, today: date, scope: Scope) -> list[AgingRow]:
        return figures.aging(self._store, today, scope)

    def flows(
        self, period: Period, scope: Scope
    ) -> tuple[list[DailyFlow], list[PromisedCollected]]:
        return figures.flows(self._store, period, scope)

    def promised_collected_by_campaign(
        self, period: Period, scope: Scope
    ) -> list[PromisedCollected]:
        return figures.promised_collected_by_campaign(self._store, period, scope)

    def largest_in_queue(self, scope: Scope, limit: int = 20) -> list[DebtorAmount]:
        return figures.largest_in_queue(self._store, scope, limit)

    def written_day(self, start: datetime, end: datetime, scope: Scope) -> WrittenDay:
        return figures.written_day(self._store, start, end, scope)

    def largest_overdue(
        self, today: date, scope: Scope, limit: int = 20, bucket: str | None = None
    ) -> list[DebtorAmount]:
        return figures.largest_overdue(self._store, today, scope, limit, bucket)

    def debtors_in_state(
        self, now: datetime, state: str, scope: Scope, limit: int = 500
    ) -> list[DebtorAmount]:
        return figures.debtors_in_state(self._store, now, state, scope, limit)

    def debtors_with_promises(
        self, which: str, bounds: Sequence[date | datetime], scope: Scope, limit: int = 500
    ) -> list[DebtorAmount]:
        return figures.debtors_with_promises(self._store, which, bounds, scope, limit)

    def debtors_called(
        self,
        start: datetime,
        end: datetime,
        scope: Scope,
        right_party_only: bool = False,
        limit: int = 500,
    ) -> list[DebtorAmount]:
        return figures.debtors_called(self._store, start, end, scope, right_party_only, limit)

    def debtors_who_paid(
        self, period: Period, scope: Scope, limit: int = 500
    ) -> list[DebtorAmount]:
        return figures.debtors_who_paid(self._store, period, scope, limit)

    def sums_available(self) -> bool:
        return figure_sums.available(self._store)

    def summed_ledger_sums(self, period: Period, collector: str | None) -> LedgerSums:
        return sum_reads.ledger_sums(self._store, period, collector)

    def summed_aging(self, today: date, collector: str | None) -> list[AgingRow]:
        return sum_reads.aging(self._store, today, collector)

    def summed_calls_made(
        self, first: datetime, last: datetime, collector: str | None
    ) -> tuple[int, int]:
        return sum_reads.calls_made(self._store, first, last, collector)

    def promised_per_day(self, period: Period, collector: str | None) -> list[tuple]:
        return sum_reads.promised_per_day(self._store, period, collector)

    def collected_per_day(self, period: Period, collector: str | None) -> list[tuple]:
        return sum_reads.collected_per_day(self._store, period, collector)

    def queue_states(self, collector: str | None) -> list[tuple[str, str, int]]:
        return sum_reads.queue_states(self._store, collector)

    def due_later(self, stamp: str, collector: str | None) -> list[tuple[str, int]]:
        return sum_reads.due_later(self._store, stamp, collector)

    def rebuild_sums(self) -> None:
        return figure_sums.rebuild(self._store)

    def sum_differences(self) -> dict[str, list[tuple]]:
        return figure_sums.differences(self._store)


class SqliteCampaigns(ports.Campaigns):
    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def insert_campaign(self, campaign: Campaign, now: datetime) -> int:
        return campaigns.insert_campaign(self._store, campaign, now)

    def delete_campaign(self, campaign_id: int) -> None:
        return campaigns.delete_campaign(self._store, campaign_id)

    def add_collectors(self, campaign_id: int, names: list[str]) -> None:
        return campaigns.add_collectors(self._store, campaign_id, names)

    def remove_collectors(self, campaign_id: int, names: list[str]) -> None:
        return campaigns.remove_collectors(self._store, campaign_id, names)

    def select_members(self, campaign: Campaign, today: date) -> int:
        return campaigns.select_members(self._store, campaign, today)

    def add_members(self, campaign_id: int, codes: list[str]) -> int:
        return campaigns.add_members(self._store, campaign_id, codes)

    def remove_members(self, campaign_id: int, codes: list[str]) -> int:
        return campaigns.remove_members(self._store, campaign_id, codes)

    def load_campaigns(self, name: str | None = None) -> list[Campaign]:
        return campaigns.load_campaigns(self._store, name)

    def members(self, campaign_id: int) -> list[DebtorAmount]:
        return campaigns.members(self._store, campaign_id)

    def member_codes(self, campaign_id: int) -> list[str]:
        return campaigns.member_codes(self._store, campaign_id)


class SqliteUsers(ports.Users):
    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def role_of(self, name: str) -> str | None:
        return users.role_of(self._store, name)

    def count_supervisors(self) -> int:
        return users.count_supervisors(self._store)

    def upsert_user(self, name: str, role: str, display_name: str, now: datetime) -> None:
        return users.upsert_user(self._store, name, role, display_name, now)

    def delete_user(self, name: str) -> bool:
        return users.delete_user(self._store, name)

    def list_users(self) -> list[User]:
        return users.list_users(self._store)

    def grant_role(self, name: str, role: str, *, run: bool = True) -> list[str]:
        return []  # a file's rights are its folder's and its mode, not the database's

    def connected_as_supervisor(self) -> bool | None:
        return None  # a file has no roles: the users table says

    def owner_connected(self) -> bool:
        return users.owner_connected(self._store)

    def password_hash(self, name: str) -> str | None:
        return users.password_hash(self._store, name)

    def set_password_hash(self, name: str, hashed: str | None, now: datetime) -> bool:
        return users.set_password_hash(self._store, name, hashed, now)


class SqlitePortfolios(ports.Portfolios):
    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def known_codes(self, codes: Sequence[str]) -> set[str]:
        return portfolios.known_codes(self._store, codes)

    def assign_debtors(self, codes: Sequence[str], collector: str | None, now: datetime) -> int:
        return portfolios.assign_debtors(self._store, codes, collector, now)

    def move_portfolio(self, source: str, target: str | None, now: datetime) -> int:
        return portfolios.move_portfolio(self._store, source, target, now)


class SqliteExports(ports.Exports):
    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def iter_calls(self, start: datetime, end: datetime, collector: str | None) -> Iterator[dict]:
        return exports.iter_calls(self._store, start, end, collector)

    def iter_promises(
        self, start: datetime, end: datetime, collector: str | None
    ) -> Iterator[dict]:
        return exports.iter_promises(self._store, start, end, collector)

    def iter_queue(self, collector: str | None) -> Iterator[dict]:
        return exports.iter_queue(self._store, collector)


class SqliteCommunications(ports.Communications):
    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def record(self, entry: Communication) -> int:
        return communications.record(self._store, entry)

    def delivered_keys(self, keys: Sequence[str]) -> set[str]:
        return communications.delivered_keys(self._store, keys)

    def awaiting_keys(self, keys: Sequence[str]) -> set[str]:
        return communications.awaiting_keys(self._store, keys)

    def steps_sent(self, codes: Sequence[str]) -> dict[str, dict[str, datetime]]:
        return communications.steps_sent(self._store, codes)

    def of_debtor(self, code: str, limit: int = 50) -> list[Communication]:
        return communications.of_debtor(self._store, code, limit)

    def undelivered(self, since: datetime) -> list[Communication]:
        return communications.undelivered(self._store, since)

    def counts(self, start: datetime, end: datetime) -> dict[str, int]:
        return communications.counts(self._store, start, end)

    def mark_email_doubtful(self, code: str, address: str, why: str) -> int:
        return communications.mark_email_doubtful(self._store, code, address, why)


class SqliteAdmin(ports.Admin):
    def __init__(self, store: SqliteStore) -> None:
        self._store = store

    def integrity_problems(self, *, quick: bool = False) -> list[str]:
        return admin.integrity_problems(self._store, quick=quick)

    def foreign_key_problems(self) -> list[tuple[str, int | None, str]]:
        return admin.foreign_key_problems(self._store)

    def recorded_version(self) -> int | None:
        return admin.recorded_version(self._store)

    def orphan_results(self, now: datetime, horizon: datetime) -> list[OrphanResult]:
        return admin.orphan_results(self._store, now, horizon)

    def call_rows(self, ids: list[int]) -> dict[int, tuple[str, str, str]]:
        return admin.call_rows(self._store, ids)

    def any_supervisor(self) -> str:
        return admin.any_supervisor(self._store)

    def assigned_collectors(self) -> list[str]:
        return admin.assigned_collectors(self._store)

    def table_counts(self) -> dict[str, int]:
        return admin.table_counts(self._store)

    def schema_gaps(self) -> list[SchemaGap]:
        return schema_shape.schema_gaps(self._store)

    def verify_backup(self, target: Path) -> list[str]:
        return admin.verify_file(target)

    def backup_to(self, target: Path, *, force: bool = False) -> int:
        return admin.backup_to(self._store, target, force=force)

    def reported_as_damage(self) -> AbstractContextManager[None]:
        return damage.reported_as_damage(self._store)

    def read_text_leniently(self) -> None:
        return damage.read_text_leniently(self._store)

    def bad_text_rows(self) -> dict[str, list[str]]:
        return damage.bad_text_rows(self._store)

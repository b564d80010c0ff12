"""The PostgreSQL backend seen through the ports: one object per aggregate, bound to a store.

Each method hands its call to the module holding the SQL, as the SQLite
backend's ``aggregates.py`` does; every port is whole on this backend
(``tests/test_postgres_admin.py`` checks that each port method is here).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from callcenter.domain.models import FoundDebtor, QueueEntry
from callcenter.domain.scoring import DebtorFacts, Scored
from callcenter.store.postgres import admin, copy_in, damage, queue, scoring, search
from callcenter.store.postgres.access import PostgresDossiers
from callcenter.store.postgres.campaigns import PostgresCampaigns
from callcenter.store.postgres.communications import PostgresCommunications
from callcenter.store.postgres.exports import PostgresExports
from callcenter.store.postgres.figures import PostgresFigures
from callcenter.store.postgres.ledger import PostgresLedger
from callcenter.store.postgres.outcomes import PostgresOutcomes
from callcenter.store.postgres.portfolios import PostgresPortfolios
from callcenter.store.postgres.promises import PostgresPromises
from callcenter.store.postgres.spelling import Spelled
from callcenter.store.postgres.users import PostgresUsers
from callcenter.store.statements.calling import SqlCalling

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore


class PostgresQueue:
    def __init__(self, store: PostgresStore) -> None:
        self._store = store

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
        return queue.claim_next(
            self._store,
            collector=collector,
            now=now,
            expires=expires,
            campaign_id=campaign_id,
            skip=skip,
            session=session,
            callable_in=callable_in,
        )

    def release_claims_of(self, collector: str, session: str | None = None) -> None:
        queue.release_claims_of(self._store, collector, session)

    def held_claims(self, collector: str, now: datetime) -> list[tuple[str, str]]:
        return queue.held_claims(self._store, collector, now)

    def set_claim(
        self, code: str, collector: str, expires_at: datetime, session: str | None = None
    ) -> None:
        queue.set_claim(self._store, code, collector, expires_at, session)

    def renew_claim(
        self,
        code: str,
        collector: str,
        now: datetime,
        expires: datetime,
        session: str | None = None,
    ) -> bool:
        return queue.renew_claim(self._store, code, collector, now, expires, session)

    def release_claim(self, code: str, collector: str, session: str | None = None) -> bool:
        return queue.release_claim(self._store, code, collector, session)

    def get_meta(self, key: str) -> str | None:
        return queue.get_meta(self._store, key)

    def set_meta(self, key: str, value: str) -> None:
        queue.set_meta(self._store, key, value)

    def delete_meta(self, key: str) -> None:
        queue.delete_meta(self._store, key)

    def debtor_codes(self) -> list[str]:
        return queue.debtor_codes(self._store)

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

    def upkeep_state(self, scored_key: str, cutoff: date) -> tuple[str | None, bool]:
        return scoring.upkeep_state(self._store, scored_key, cutoff)

    def pending_due_promise_exists(self, cutoff: date) -> bool:
        return scoring.pending_due_promise_exists(self._store, cutoff)

    def queue_rows(
        self,
        *,
        now: datetime,
        limit: int | None,
        collector: str | None = None,
        campaign_id: int | None = None,
        include_waiting: bool = False,
    ) -> list[QueueEntry]:
        return scoring.queue_rows(
            self._store,
            now=now,
            limit=limit,
            collector=collector,
            campaign_id=campaign_id,
            include_waiting=include_waiting,
        )

    def entry(self, code: str) -> QueueEntry | None:
        return scoring.entry(self._store, code)

    def rank_of(
        self, code: str, now: datetime, collector: str | None = None, campaign_id: int | None = None
    ) -> tuple[int, int]:
        return scoring.rank_of(self._store, code, now, collector, campaign_id)

    def next_return(
        self, *, collector: str, now: datetime, campaign_id: int | None
    ) -> tuple[str, str, str, datetime] | None:
        return scoring.next_return(
            self._store, collector=collector, now=now, campaign_id=campaign_id
        )

    def pick_candidates(
        self,
        *,
        collector: str,
        now: datetime,
        campaign_id: int | None,
        skip: Sequence[str],
        session: str | None = None,
    ) -> Iterator[tuple[str, str]]:
        return scoring.pick_candidates(
            self._store,
            collector=collector,
            now=now,
            campaign_id=campaign_id,
            skip=skip,
            session=session,
        )

    def search_debtors(self, text: str, limit: int) -> list[FoundDebtor]:
        return search.search_debtors(self._store, text, limit)


class PostgresAdmin:
    def __init__(self, store: PostgresStore) -> None:
        self._store = store

    def integrity_problems(self, *, quick: bool = False) -> list[str]:
        return admin.integrity_problems(self._store, quick=quick)

    def foreign_key_problems(self) -> list[tuple[str, int | None, str]]:
        return admin.foreign_key_problems(self._store)

    def recorded_version(self) -> int | None:
        return admin.recorded_version(self._store)

    def orphan_results(self, now: datetime, horizon: datetime) -> list:
        return admin.orphan_results(self._store, now, horizon)

    def table_counts(self) -> dict[str, int]:
        return admin.table_counts(self._store)

    def schema_gaps(self) -> None:
        """Not compared on PostgreSQL yet: ``check`` says nothing about the schema's objects."""
        return None

    def call_rows(self, ids: list[int]) -> dict[int, tuple[str, str, str]]:
        return admin.call_rows(self._store, ids)

    def any_supervisor(self) -> str:
        return admin.any_supervisor(self._store)

    def assigned_collectors(self) -> list[str]:
        return admin.assigned_collectors(self._store)

    def backup_to(self, target: Path, *, force: bool = False) -> int:
        return admin.backup_to(self._store, target, force=force)

    def verify_backup(self, target: Path) -> list[str]:
        return admin.verify_file(target)

    def copy_in(self, source) -> copy_in.CopyReport:
        """Copy the SQLite store ``source`` into this empty database, then compare."""
        return copy_in.copy_from_sqlite(source, self._store)

    def reported_as_damage(self) -> AbstractContextManager[None]:
        return damage.reported_as_damage(self._store)

    def read_text_leniently(self) -> None:
        damage.read_text_leniently(self._store)

    def bad_text_rows(self) -> dict[str, list[str]]:
        return damage.bad_text_rows(self._store)


def bind(store: PostgresStore) -> None:
    """Give ``store`` its aggregates (``store.queue``, ``store.admin``...)."""
    store.queue = PostgresQueue(store)
    store.figures = PostgresFigures(store)
    store.admin = PostgresAdmin(store)
    store.outcomes = PostgresOutcomes(store)
    store.calling = SqlCalling(Spelled(store))
    store.users = PostgresUsers(store)
    store.promises = PostgresPromises(store)
    store.dossiers = PostgresDossiers(store)
    store.portfolios = PostgresPortfolios(store)
    store.ledger = PostgresLedger(store)
    store.campaigns = PostgresCampaigns(store)
    store.exports = PostgresExports(store)
    store.communications = PostgresCommunications(store)

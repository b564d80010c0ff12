"""The PostgreSQL backend seen through the ports: one object per aggregate, bound to a store.

As on SQLite, each port method is the function holding its SQL, bound by
:class:`~callcenter.store.binding.forward` (the store handed first) or
:func:`~callcenter.store.postgres.spelling.spelled` (a shared statement of
``store/statements/``, handed the ``Spelled`` store); a method with a body
is this backend's own difference. ``tests/test_port_signatures.py`` holds
every method to its port's signature.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from callcenter.store.binding import Aggregate, forward
from callcenter.store.postgres import admin, copy_in, damage, queue, ranks, search
from callcenter.store.postgres.access import PostgresDossiers
from callcenter.store.postgres.communications import PostgresCommunications
from callcenter.store.postgres.figures import PostgresFigures
from callcenter.store.postgres.ledger import PostgresLedger
from callcenter.store.postgres.outcomes import PostgresOutcomes
from callcenter.store.postgres.portfolios import PostgresPortfolios
from callcenter.store.postgres.promises import PostgresPromises
from callcenter.store.postgres.spelling import Spelled, SpelledAggregate, spelled
from callcenter.store.postgres.users import PostgresUsers
from callcenter.store.records import CopyReport
from callcenter.store.statements import campaigns, exports, meta, scoring
from callcenter.store.statements import ranks as queue_reads
from callcenter.store.statements.calling import SqlCalling

if TYPE_CHECKING:
    from callcenter.store.ports import Store
    from callcenter.store.postgres.db import PostgresStore


class PostgresQueue(SpelledAggregate):
    claim_best = forward(queue.claim_next)
    claim_if_upkept = forward(queue.claim_if_upkept)
    pick_if_upkept = forward(queue.claim_if_upkept)
    pick_best = forward(queue.pick_best)
    hold_pick = forward(queue.hold_pick)
    release_claims_of = forward(queue.release_claims_of)
    held_claims = forward(queue.held_claims)
    set_claim = forward(queue.set_claim)
    renew_claim = forward(queue.renew_claim)
    release_claim = forward(queue.release_claim)
    get_meta = spelled(meta.get_meta)
    set_meta = spelled(meta.set_meta)
    delete_meta = spelled(meta.delete_meta)
    debtor_codes = spelled(scoring.debtor_codes)
    gather_facts = spelled(scoring.gather_facts)
    write_scores = spelled(scoring.write_scores)
    upkeep_state = spelled(meta.upkeep_state)
    pending_due_promise_exists = spelled(meta.pending_due_promise_exists)
    queue_rows = spelled(queue_reads.queue_rows)
    entry = spelled(queue_reads.entry)
    rank_of = spelled(queue_reads.rank_of)
    next_return = forward(ranks.next_return)
    pick_candidates = forward(ranks.pick_candidates)
    search_debtors = forward(search.search_debtors)


class PostgresAdmin(Aggregate):
    integrity_problems = forward(admin.integrity_problems)
    foreign_key_problems = forward(admin.foreign_key_problems)
    recorded_version = forward(admin.recorded_version)
    orphan_results = forward(admin.orphan_results)
    table_counts = forward(admin.table_counts)

    def schema_gaps(self) -> None:
        """Not compared on PostgreSQL yet: ``check`` says nothing about the schema's objects."""
        return None

    call_rows = forward(admin.call_rows)
    any_supervisor = forward(admin.any_supervisor)
    assigned_collectors = forward(admin.assigned_collectors)
    backup_to = forward(admin.backup_to)

    def verify_backup(self, target: Path) -> list[str]:
        return admin.verify_file(target)

    def copy_in(self, source: Store) -> CopyReport:
        """Copy the SQLite store ``source`` into this empty database, then compare."""
        return copy_in.copy_from_sqlite(source, self._store)

    reported_as_damage = forward(damage.reported_as_damage)
    read_text_leniently = forward(damage.read_text_leniently)
    bad_text_rows = forward(damage.bad_text_rows)


class PostgresCampaigns(SpelledAggregate):
    """SQLite's statements, ``INSERT OR IGNORE``, ``instr`` and ``group_concat`` spelt."""

    insert_campaign = spelled(campaigns.insert_campaign)
    delete_campaign = spelled(campaigns.delete_campaign)
    add_collectors = spelled(campaigns.add_collectors)
    remove_collectors = spelled(campaigns.remove_collectors)
    select_members = spelled(campaigns.select_members)
    add_members = spelled(campaigns.add_members)
    remove_members = spelled(campaigns.remove_members)
    load_campaigns = spelled(campaigns.load_campaigns)
    members = spelled(campaigns.members)
    member_codes = spelled(campaigns.member_codes)


class PostgresExports(SpelledAggregate):
    """The row streams of ``callcenter export``: SQLite's statements (standard SQL)."""

    iter_calls = spelled(exports.iter_calls)
    iter_promises = spelled(exports.iter_promises)
    iter_queue = spelled(exports.iter_queue)


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

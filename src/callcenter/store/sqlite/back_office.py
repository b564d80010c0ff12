"""The back office's aggregates of the SQLite backend: ledger, figures, campaigns, users...

The same map from port methods to statement functions as
:mod:`callcenter.store.sqlite.aggregates`, for the aggregates a collector's
session does not need to show its first dossier: ``SqliteStore`` builds each
of them on first use, so their statement modules (and the domain types they
import) stay out of the workstation's start.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from callcenter.store.binding import Aggregate, forward
from callcenter.store.errors import StoreError
from callcenter.store.records import CopyReport
from callcenter.store.sqlite import (
    admin,
    damage,
    figure_sums,
    history,
    portfolios,
    schema_shape,
    staging,
    users,
)
from callcenter.store.statements import (
    campaigns,
    exports,
    figures,
    imports,
    ledger,
)
from callcenter.store.statements import figure_sums as sum_reads
from callcenter.store.statements import history as history_rows

if TYPE_CHECKING:
    from callcenter.store.ports import Store


class SqliteLedger(Aggregate):
    upsert_debtors = forward(ledger.upsert_debtors)
    upsert_contacts = forward(ledger.upsert_contacts)
    upsert_invoices = forward(ledger.upsert_invoices)
    upsert_payments = forward(ledger.upsert_payments)
    client_payment_terms = forward(imports.client_payment_terms)
    known_debtor_codes = forward(imports.known_debtor_codes)
    upsert_invoice_rows = forward(imports.upsert_invoice_rows)
    plan_ledger_invoices = forward(imports.plan_ledger_invoices)
    plan_absent_invoices = forward(imports.plan_absent_invoices)
    write_ledger_invoices = forward(imports.write_ledger_invoices)
    open_invoice_keys = forward(imports.open_invoice_keys)
    close_invoices = forward(imports.close_invoices)
    record_import = forward(imports.record_import)
    ledger_is_empty = forward(history_rows.ledger_is_empty)
    last_ids = forward(history_rows.last_ids)
    insert_users = forward(history_rows.insert_users)
    insert_past_calls = forward(history_rows.insert_past_calls)
    insert_past_promises = forward(history_rows.insert_past_promises)
    insert_past_disputes = forward(history_rows.insert_past_disputes)
    insert_past_tasks = forward(history_rows.insert_past_tasks)
    count_rows = forward(history_rows.count_rows)
    bulk_mode = forward(history.bulk_mode)
    deferred_indexes = forward(history.deferred_indexes)
    deferred_sums = forward(figure_sums.deferred_sums)
    staging = forward(staging.staging)


class SqliteFigures(Aggregate):
    ledger_stamp = forward(figures.ledger_stamp)
    queue_counts = forward(figures.queue_counts)
    done_count = forward(figures.done_count)
    collector_days = forward(figures.collector_days)
    calls_made = forward(figures.calls_made)
    promises_fell_due = forward(figures.promises_fell_due)
    ledger_sums = forward(figures.ledger_sums)
    aging = forward(figures.aging)
    flows = forward(figures.flows)
    promised_collected_by_campaign = forward(figures.promised_collected_by_campaign)
    largest_in_queue = forward(figures.largest_in_queue)
    written_day = forward(figures.written_day)
    largest_overdue = forward(figures.largest_overdue)
    debtors_in_state = forward(figures.debtors_in_state)
    debtors_with_promises = forward(figures.debtors_with_promises)
    debtors_called = forward(figures.debtors_called)
    debtors_who_paid = forward(figures.debtors_who_paid)
    sums_available = forward(figure_sums.available)
    summed_ledger_sums = forward(sum_reads.ledger_sums)
    summed_aging = forward(sum_reads.aging)
    summed_calls_made = forward(sum_reads.calls_made)
    promised_per_day = forward(sum_reads.promised_per_day)
    collected_per_day = forward(sum_reads.collected_per_day)
    queue_states = forward(sum_reads.queue_states)
    due_later = forward(sum_reads.due_later)
    rebuild_sums = forward(figure_sums.rebuild)
    fold_sums = forward(figure_sums.fold)
    sum_differences = forward(figure_sums.differences)


class SqliteCampaigns(Aggregate):
    insert_campaign = forward(campaigns.insert_campaign)
    delete_campaign = forward(campaigns.delete_campaign)
    add_collectors = forward(campaigns.add_collectors)
    remove_collectors = forward(campaigns.remove_collectors)
    select_members = forward(campaigns.select_members)
    add_members = forward(campaigns.add_members)
    remove_members = forward(campaigns.remove_members)
    load_campaigns = forward(campaigns.load_campaigns)
    members = forward(campaigns.members)
    member_codes = forward(campaigns.member_codes)


class SqliteUsers(Aggregate):
    role_of = forward(users.role_of)
    count_supervisors = forward(users.count_supervisors)
    upsert_user = forward(users.upsert_user)
    delete_user = forward(users.delete_user)
    list_users = forward(users.list_users)

    def grant_role(self, name: str, role: str, *, run: bool = True) -> list[str]:
        return []  # a file's rights are its folder's and its mode, not the database's

    def connected_as_supervisor(self) -> bool | None:
        return None  # a file has no roles: the users table says

    owner_connected = forward(users.owner_connected)
    password_hash = forward(users.password_hash)
    set_password_hash = forward(users.set_password_hash)


class SqlitePortfolios(Aggregate):
    known_codes = forward(portfolios.known_codes)
    assign_debtors = forward(portfolios.assign_debtors)
    move_portfolio = forward(portfolios.move_portfolio)


class SqliteExports(Aggregate):
    iter_calls = forward(exports.iter_calls)
    iter_promises = forward(exports.iter_promises)
    iter_queue = forward(exports.iter_queue)


class SqliteAdmin(Aggregate):
    integrity_problems = forward(admin.integrity_problems)
    foreign_key_problems = forward(admin.foreign_key_problems)
    recorded_version = forward(admin.recorded_version)
    orphan_results = forward(admin.orphan_results)
    call_rows = forward(admin.call_rows)
    any_supervisor = forward(admin.any_supervisor)
    assigned_collectors = forward(admin.assigned_collectors)
    table_counts = forward(admin.table_counts)
    schema_gaps = forward(schema_shape.schema_gaps)

    def verify_backup(self, target: Path) -> list[str]:
        return admin.verify_file(target)

    backup_to = forward(admin.backup_to)

    def copy_in(self, source: Store) -> CopyReport:
        """A copy goes into a server (``callcenter migrate --to postgresql://...``)."""
        raise StoreError("store.copy_needs_server", path=self._store.path)

    reported_as_damage = forward(damage.reported_as_damage)
    read_text_leniently = forward(damage.read_text_leniently)
    bad_text_rows = forward(damage.bad_text_rows)

"""The SQLite backend seen through the ports: one object per aggregate, bound to a store.

Each port method is the module function holding its SQL (``claims.py``,
``statements/ledger.py``, ...), bound to the store by
:class:`~callcenter.store.binding.forward`: this file is only the map from the
interface to the SQL, and the signatures are the functions' own (mypy checks
them against ``ports.py`` where ``SqliteStore`` binds these).

Here are the aggregates a collector's session uses (dossiers, outcomes, the
queue, promises, communications); the back office's (ledger, figures,
campaigns, users, portfolios, exports, admin) are in :mod:`.back_office`,
imported the first time a store is asked for one of them, so that opening a
workstation does not load the figures', imports' and checks' statement modules
and the domain types they bring (start-up time, README "Performance").
"""

from __future__ import annotations

from callcenter.store.binding import Aggregate, forward
from callcenter.store.sqlite import (
    access,
    claims,
    communications,
    dossier,
    outcomes,
    promises,
    search,
)
from callcenter.store.statements import (
    changes,
    disputes,
    meta,
    ranks,
    scoring,
    tasks,
)


class SqliteDossiers(Aggregate):
    load_dossier = forward(dossier.load_dossier)
    funnel_dossiers = forward(dossier.funnel_dossiers)
    set_account_note = forward(dossier.set_account_note)
    account_note = forward(dossier.account_note)
    dispute = forward(disputes.dispute)
    debtor_collector = forward(disputes.debtor_collector)
    list_disputes = forward(disputes.list_disputes)
    set_dispute_status = forward(disputes.set_status)
    task = forward(tasks.task)
    open_tasks = forward(tasks.open_tasks)
    set_task_done = forward(tasks.set_done)
    insert_change = forward(changes.insert_change)
    change = forward(changes.change)
    change_undone_by = forward(changes.undone_by)
    last_live_change = forward(changes.last_live_change)
    last_live_change_of = forward(changes.last_live_change_of)
    holder = forward(access.holder)
    portfolio_owner = forward(access.portfolio_owner)
    in_campaign_of = forward(access.in_campaign_of)
    demo_marked = forward(access.demo_marked)
    mark_demo = forward(access.mark_demo)


class SqliteOutcomes(Aggregate):
    insert_call = forward(outcomes.insert_call)
    insert_promises = forward(outcomes.insert_promises)
    insert_dispute = forward(outcomes.insert_dispute)
    insert_task = forward(outcomes.insert_task)
    insert_payment_claim = forward(outcomes.insert_payment_claim)
    balance = forward(outcomes.balance)
    contact = forward(outcomes.contact)
    set_wrong_number = forward(outcomes.set_wrong_number)
    dunning_step = forward(outcomes.dunning_step)
    set_dunning_step = forward(outcomes.set_dunning_step)
    invoices_by_number = forward(outcomes.invoices_by_number)
    open_overdue_invoice_numbers = forward(outcomes.open_overdue_invoice_numbers)
    call = forward(outcomes.call)
    undone_by = forward(outcomes.undone_by)
    cancel_created_by = forward(outcomes.cancel_created_by)
    task_of = forward(outcomes.task_of)
    debtor_exists = forward(outcomes.debtor_exists)


class SqliteQueue(Aggregate):
    gather_facts = forward(scoring.gather_facts)
    write_scores = forward(scoring.write_scores)
    get_meta = forward(meta.get_meta)
    set_meta = forward(meta.set_meta)
    delete_meta = forward(meta.delete_meta)
    debtor_codes = forward(scoring.debtor_codes)
    pick_candidates = forward(claims.pick_candidates)
    next_return = forward(claims.next_return)
    release_claims_of = forward(claims.release_claims_of)
    held_claims = forward(claims.held_claims)
    claim_best = forward(claims.claim_best)
    claim_if_upkept = forward(claims.claim_if_upkept)
    pick_if_upkept = forward(claims.pick_if_upkept)
    pick_best = forward(claims.pick_best)
    hold_pick = forward(claims.hold_pick)
    set_claim = forward(claims.set_claim)
    renew_claim = forward(claims.renew_claim)
    release_claim = forward(claims.release_claim)
    queue_rows = forward(ranks.queue_rows)
    entry = forward(ranks.entry)
    rank_of = forward(ranks.rank_of)
    search_debtors = forward(search.search_debtors)
    upkeep_state = forward(meta.upkeep_state)
    pending_due_promise_exists = forward(meta.pending_due_promise_exists)


class SqlitePromises(Aggregate):
    debtors_with_due_promises = forward(promises.debtors_with_due_promises)
    debtors_with_promises = forward(promises.debtors_with_promises)
    promises_of = forward(promises.promises_of)
    payments_of = forward(promises.payments_of)
    record_verdicts = forward(promises.record_verdicts)


class SqliteCommunications(Aggregate):
    record = forward(communications.record)
    delivered_keys = forward(communications.delivered_keys)
    awaiting_keys = forward(communications.awaiting_keys)
    steps_sent = forward(communications.steps_sent)
    of_debtor = forward(communications.of_debtor)
    undelivered = forward(communications.undelivered)
    mark_email_doubtful = forward(communications.mark_email_doubtful)

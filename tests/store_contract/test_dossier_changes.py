"""Disputes, tasks, account notes and campaigns through the interface, with their change log."""

from __future__ import annotations

import io
import json

from builtin_settings import SETTINGS

from callcenter.domain.campaigns import Campaign
from callcenter.domain.models import Outcome
from callcenter.service import campaigns
from callcenter.service.changes import undo_change
from callcenter.service.disputes import list_disputes, resolve_dispute, undo_last
from callcenter.service.dossier import set_account_note
from callcenter.service.exports import export_rows, write_export
from callcenter.service.outcomes import log_outcome
from callcenter.service.tasks import complete_task, my_tasks, reopen_task
from callcenter.service.users import add_user

from .conftest import seed


def test_a_dispute_is_resolved_then_undone(store, now):
    seed(store, now, 2)
    add_user(store, "sam", role="supervisor", actor="sam", now=now)
    log_outcome(
        store,
        "D00",
        Outcome.DISPUTE,
        collector="alice",
        now=now,
        reason="livraison incomplète",
        invoice_numbers=["F1"],
        config=SETTINGS,
    )
    ((dispute, name),) = list_disputes(store, actor="sam", everyone=True)
    assert (dispute.debtor_code, dispute.invoice_numbers, name) == ("D00", ("F1",), "Client D00")
    resolve_dispute(store, dispute.id, in_favour=False, actor="sam", now=now, config=SETTINGS)
    assert store.dossiers.dispute(dispute.id).status == "resolved"
    assert list_disputes(store, actor="sam", everyone=True) == []
    undo_last(store, dispute.id, actor="sam", now=now, config=SETTINGS)
    assert store.dossiers.dispute(dispute.id).status == "open"
    assert store.dossiers.last_live_change(("dispute_resolved",), dispute.id) is None


def test_a_task_is_done_then_reopened(store, now):
    seed(store, now, 1)
    with store.transaction():
        task_id = store.outcomes.insert_task(
            code="D00", call_id=None, kind="send_copy", note="F1", created_at=now,
            created_by="alice",
        )  # fmt: skip
    assert [t.id for t in my_tasks(store, actor="alice")] == [task_id]
    change_id = complete_task(store, task_id, actor="alice", now=now)
    assert my_tasks(store, actor="alice") == []
    assert store.dossiers.change(change_id).action == "task_done"
    undo_id = reopen_task(store, task_id, actor="alice", now=now, config=SETTINGS)
    assert store.dossiers.change_undone_by(change_id) == undo_id
    assert [t.id for t in my_tasks(store, actor="alice")] == [task_id]


def test_an_account_note_change_is_undone(store, now):
    seed(store, now, 1)
    set_account_note(store, "D00", "appeler le matin", actor="alice", now=now)
    change_id = set_account_note(store, "D00", "l'après-midi", actor="alice", now=now)
    assert store.dossiers.change(change_id).before == {"note": "appeler le matin"}
    undo_change(store, change_id, actor="alice", now=now, config=SETTINGS)
    assert store.dossiers.account_note("D00") == "appeler le matin"


def test_a_campaign_selects_by_rule_and_is_staffed(store, now):
    seed(store, now, 3)  # D00 owes 9 000, D01 8 900, D02 8 800
    add_user(store, "sam", role="supervisor", actor="sam", now=now)
    rule = Campaign("big", min_overdue_cents=890_000)
    created = campaigns.create_campaign(store, rule, actor="sam", now=now)
    assert created.debtors == 2
    assert store.campaigns.member_codes(created.id) == ["D00", "D01"]
    staffed = campaigns.set_collectors(store, "big", actor="sam", add=["bob", "alice"])
    assert staffed.collectors == ("alice", "bob")
    grown = campaigns.set_debtors(store, "big", actor="sam", add=["D02", "D00"])
    assert grown.debtors == 3
    assert [m.code for m in store.campaigns.members(created.id)] == ["D00", "D01", "D02"]
    assert store.dossiers.in_campaign_of("D02", created.id, "bob")
    campaigns.delete_campaign(store, "big", actor="sam")
    assert store.campaigns.load_campaigns() == []


def test_exports_stream_the_calls_and_the_queue(store, now):
    seed(store, now, 2)
    add_user(store, "sam", role="supervisor", actor="sam", now=now)
    log_outcome(store, "D01", Outcome.NO_ANSWER, collector="alice", now=now, config=SETTINGS)
    out = io.StringIO()
    rows = export_rows(store, "calls", actor="sam", now=now)
    assert write_export(rows, "calls", "json", out) == 1
    (call,) = json.loads(out.getvalue())
    assert (call["debtor_code"], call["collector"], call["outcome"]) == (
        "D01",
        "alice",
        "no_answer",
    )
    queue = list(export_rows(store, "queue", actor="sam", now=now))
    assert [row["debtor_code"] for row in queue] == ["D00", "D01"]

"""Campaigns select debtors by rule, are staffed by supervisors and worked by collectors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from builtin_settings import SETTINGS
from sqlfile import raw_value
from supervisor_ledger import build

from callcenter.domain.campaigns import Campaign
from callcenter.domain.models import Debtor, Invoice
from callcenter.service import campaigns, queue, users
from callcenter.service.campaigns import CampaignError, UnknownCampaign
from callcenter.service.users import PermissionDenied
from callcenter.store.statements import ledger
from callcenter.store.statements.campaigns import member_codes


@pytest.fixture
def books(store, now):
    build(store, now)  # A: 500 overdue (10 d), B: 1 900 (oldest 116 d), C: 600 (66 d), D: none
    return store


def _members(store, name):
    return member_codes(store, campaigns.campaign_by_name(store, name).id)


@pytest.mark.parametrize(
    ("rule", "codes"),
    [
        (Campaign("all"), ["A", "B", "C"]),  # D owes nothing
        (Campaign("big", min_overdue_cents=60_000), ["B", "C"]),  # C's 600 is exactly enough
        (Campaign("pme", segment="pme"), ["A", "C"]),
        (Campaign("btp", tag="btp"), ["A"]),
        (Campaign("bt", tag="bt"), []),  # tags match whole, not by prefix
        (Campaign("step3", dunning_step=3), ["B"]),
        (Campaign("old", aging_bucket="over_90"), ["B"]),  # by the oldest overdue invoice
        (Campaign("mid", aging_bucket="61-90"), ["C"]),
        (Campaign("mix", segment="pme", min_overdue_cents=55_000), ["C"]),
    ],
)
def test_rules_select_debtors(books, now, rule, codes):
    created = campaigns.create_campaign(books, rule, actor="sam", now=now)
    assert created.debtors == len(codes)
    assert _members(books, rule.name) == codes


def test_only_supervisors_manage_campaigns(books, now):
    with pytest.raises(PermissionDenied):
        campaigns.create_campaign(books, Campaign("x"), actor="alice", now=now)
    campaigns.create_campaign(books, Campaign("x"), actor="sam", now=now)
    for action in (
        lambda: campaigns.refresh_campaign(books, "x", actor="alice", now=now),
        lambda: campaigns.delete_campaign(books, "x", actor="alice"),
        lambda: campaigns.set_collectors(books, "x", actor="alice", add=["alice"]),
        lambda: campaigns.set_debtors(books, "x", actor="alice", remove=["B"]),
    ):
        with pytest.raises(PermissionDenied):
            action()
    assert _members(books, "x") == ["A", "B", "C"]


def test_bad_rules_are_refused(books, now):
    for rule in (
        Campaign(""),
        Campaign("x", aging_bucket="not_due"),
        Campaign("x", min_overdue_cents=-1),
        Campaign("x", starts_on=date(2026, 12, 2), ends_on=date(2026, 12, 1)),
        Campaign("bad\x1b]0;title\x07"),
    ):
        with pytest.raises(CampaignError):
            campaigns.create_campaign(books, rule, actor="sam", now=now)
    campaigns.create_campaign(books, Campaign("x"), actor="sam", now=now)
    with pytest.raises(CampaignError, match="already exists"):
        campaigns.create_campaign(books, Campaign("x"), actor="sam", now=now)
    with pytest.raises(UnknownCampaign):
        campaigns.campaign_by_name(books, "nope")


def test_refresh_follows_the_ledger(books, now):
    campaigns.create_campaign(
        books, Campaign("big", min_overdue_cents=60_000), actor="sam", now=now
    )
    with books.transaction():  # A gets a new 2 000 invoice, late by 20 days; C pays everything
        ledger.upsert_invoices(
            books,
            [
                Invoice("A", "A3", date(2026, 10, 5), date(2026, 11, 4), 200_000, 200_000),
                Invoice("C", "C1", date(2026, 8, 20), date(2026, 9, 19), 80_000, 0),
            ],
        )
    assert _members(books, "big") == ["B", "C"]  # membership is a snapshot...
    refreshed = campaigns.refresh_campaign(books, "big", actor="sam", now=now)
    assert _members(books, "big") == ["A", "B"]  # ...until the rule is run again
    assert refreshed.debtors == 2


def test_hand_picked_debtors_and_staff(books, now):
    campaigns.create_campaign(books, Campaign("x", tag="btp"), actor="sam", now=now)
    campaigns.set_debtors(books, "x", actor="sam", add=["D"], remove=["A"])
    assert _members(books, "x") == ["D"]
    with pytest.raises(CampaignError, match="NOPE"):
        campaigns.set_debtors(books, "x", actor="sam", add=["NOPE"])
    staffed = campaigns.set_collectors(books, "x", actor="sam", add=["bob", "alice"])
    assert staffed.collectors == ("alice", "bob")
    assert campaigns.set_collectors(books, "x", actor="sam", remove=["bob"]).collectors == (
        "alice",
    )


def test_a_session_needs_an_open_campaign_the_collector_is_on(books, now):
    today = date(2026, 11, 24)
    rule = Campaign("dec", starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 31))
    campaigns.create_campaign(books, replace(rule, collectors=("alice",)), actor="sam", now=now)
    with pytest.raises(CampaignError, match="runs from 2026-12-01"):
        campaigns.start_session(books, "dec", collector="alice", today=today)
    december = date(2026, 12, 2)
    assert campaigns.start_session(books, "dec", collector="alice", today=december).name == "dec"
    with pytest.raises(PermissionDenied, match="bob is not on campaign"):
        campaigns.start_session(books, "dec", collector="bob", today=december)
    # A supervisor may sit in any campaign; an unstaffed campaign is open to all.
    assert campaigns.start_session(books, "dec", collector="sam", today=december)
    campaigns.create_campaign(books, Campaign("open"), actor="sam", now=now)
    assert campaigns.start_session(books, "open", collector="bob", today=today).debtors == 3


def test_deleting_a_campaign_drops_its_members(books, now):
    campaigns.create_campaign(books, Campaign("x"), actor="sam", now=now)
    campaigns.delete_campaign(books, "x", actor="sam")
    assert campaigns.list_campaigns(books) == []
    assert raw_value(books, "SELECT count(*) FROM campaign_debtors") == 0


def test_claim_next_inside_a_campaign_only_gives_its_debtors(store, now):
    users.add_user(store, "sam", role="supervisor", actor="sam", now=now)  # bootstrap
    with store.transaction():
        ledger.upsert_debtors(
            store,
            [Debtor("BIG", "Gros", collector="ann"), Debtor("SMALL", "Petit", collector="ann")],
            now,
        )
        ledger.upsert_invoices(
            store,
            [
                Invoice("BIG", "F1", date(2026, 8, 1), date(2026, 9, 1), 500_000, 500_000),
                Invoice("SMALL", "F2", date(2026, 8, 1), date(2026, 9, 1), 10_000, 10_000),
            ],
        )
    queue.rescore(store, now=now, config=SETTINGS)
    rule = Campaign("petits", segment="standard", collectors=("bob",))
    campaigns.create_campaign(store, rule, actor="sam", now=now)
    campaigns.set_debtors(store, "petits", actor="sam", remove=["BIG"])
    session = campaigns.start_session(store, "petits", collector="bob", today=now.date())
    # bob owns neither debtor, but the campaign hands him its own, and only those.
    assert (
        queue.claim_next(store, collector="bob", now=now, campaign_id=session.id, config=SETTINGS)
        == "SMALL"
    )
    # Skipping it leaves nothing: BIG is out of the campaign (and not bob's).
    nothing = queue.claim_next(
        store, collector="bob", now=now, campaign_id=session.id, skip=("SMALL",), config=SETTINGS
    )
    assert nothing is None


def test_collector_names_are_checked(books, now):
    with pytest.raises(CampaignError, match="collector name"):
        campaigns.create_campaign(
            books, Campaign("x", collectors=("bob\x1b[31m",)), actor="sam", now=now
        )
    campaigns.create_campaign(books, Campaign("x"), actor="sam", now=now)
    with pytest.raises(CampaignError, match="collector name"):
        campaigns.set_collectors(books, "x", actor="sam", add=["a b"])

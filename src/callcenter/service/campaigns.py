"""Calling campaigns: supervisors define them, collectors work them.

A campaign is a rule (segment, minimum overdue amount, aging bucket, tag,
dunning step) evaluated into ``campaign_debtors`` when it is created or
refreshed, so that ``claim_next(..., campaign_id=)`` filters on a plain
indexed table instead of re-evaluating the rule for every pick.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime

from callcenter.domain.campaigns import Campaign
from callcenter.domain.figures import OVERDUE_BUCKETS, DebtorAmount
from callcenter.domain.text import clean
from callcenter.service.identity import NAME_RULE
from callcenter.service.users import PermissionDenied, is_supervisor, require_supervisor
from callcenter.store import Store


class UnknownCampaign(LookupError):
    """No campaign has this name."""


class CampaignError(ValueError):
    """A campaign that cannot be created or worked as asked."""


def campaign_by_name(store: Store, name: str) -> Campaign:
    found = store.campaigns.load_campaigns(name)
    if not found:
        raise UnknownCampaign(f"no campaign named {name!r} (see: callcenter campaign list)")
    return found[0]


def list_campaigns(store: Store) -> list[Campaign]:
    return store.campaigns.load_campaigns()


def campaign_debtors(store: Store, name: str) -> list[DebtorAmount]:
    """The debtors of a campaign, largest overdue first (detail: their queue state)."""
    campaign = campaign_by_name(store, name)
    return store.campaigns.members(campaign.id)


def create_campaign(store: Store, campaign: Campaign, *, actor: str, now: datetime) -> Campaign:
    """Create ``campaign`` and select its debtors as of ``now``; supervisors only."""
    _check_rule(campaign)
    with store.transaction():
        require_supervisor(store, actor, "create campaigns")
        if store.campaigns.load_campaigns(campaign.name):
            raise CampaignError(f"a campaign named {campaign.name!r} already exists")
        created = replace(campaign, created_by=actor, id=None)
        created = replace(created, id=store.campaigns.insert_campaign(created, now))
        store.campaigns.add_collectors(created.id, list(campaign.collectors))
        store.campaigns.select_members(created, now.date())
    return campaign_by_name(store, campaign.name)


def refresh_campaign(store: Store, name: str, *, actor: str, now: datetime) -> Campaign:
    """Re-run the rule: debtors who paid leave, newly overdue debtors join."""

    def change(campaign: Campaign) -> None:
        store.campaigns.select_members(campaign, now.date())

    return _supervised_change(store, name, actor, "refresh campaigns", change)


def delete_campaign(store: Store, name: str, *, actor: str) -> None:
    with store.transaction():
        require_supervisor(store, actor, "delete campaigns")
        store.campaigns.delete_campaign(campaign_by_name(store, name).id)


def set_collectors(
    store: Store,
    name: str,
    *,
    actor: str,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
) -> Campaign:
    """Put collectors on, or take them off, a campaign."""

    def change(campaign: Campaign) -> None:
        _check_collectors(add)
        store.campaigns.add_collectors(campaign.id, list(add))
        store.campaigns.remove_collectors(campaign.id, list(remove))

    return _supervised_change(store, name, actor, "staff campaigns", change)


def set_debtors(
    store: Store,
    name: str,
    *,
    actor: str,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
) -> Campaign:
    """Add or remove debtors by hand (a later refresh re-applies the rule)."""

    def change(campaign: Campaign) -> None:
        unknown = sorted(set(add) - store.portfolios.known_codes(list(add)))
        if unknown:
            raise CampaignError(f"no such debtor: {', '.join(unknown)}")
        store.campaigns.add_members(campaign.id, list(add))
        store.campaigns.remove_members(campaign.id, list(remove))

    return _supervised_change(store, name, actor, "change campaign debtors", change)


def _supervised_change(
    store: Store, name: str, actor: str, what: str, change: Callable[[Campaign], None]
) -> Campaign:
    """Check the role, find the campaign and change it in one transaction.

    Returns the campaign as it stands after the change, read anew.
    """
    with store.transaction():
        require_supervisor(store, actor, what)
        change(campaign_by_name(store, name))
    return campaign_by_name(store, name)


def start_session(store: Store, name: str, *, collector: str, today: date) -> Campaign:
    """The campaign ``collector`` may work today; refuses closed or foreign campaigns.

    The workstation calls this for ``callcenter --campaign NAME`` and then
    passes ``campaign.id`` to ``claim_next``.
    """
    campaign = campaign_by_name(store, name)
    if not campaign.is_open(today):
        raise CampaignError(
            f"campaign {name!r} runs from {campaign.starts_on or '…'} to {campaign.ends_on or '…'}"
        )
    if (
        campaign.collectors
        and collector not in campaign.collectors
        and not is_supervisor(store, collector)
    ):
        raise PermissionDenied(f"{collector} is not on campaign {name!r}; ask a supervisor")
    return campaign


def _check_collectors(names: Sequence[str]) -> None:
    for name in names:
        if not NAME_RULE.fullmatch(name):
            raise CampaignError(
                f"not a usable collector name: {name!r} (letters, digits, '.', '_' and '-' only)"
            )


def _check_rule(campaign: Campaign) -> None:
    _check_collectors(campaign.collectors)
    if not campaign.name or clean(campaign.name) != campaign.name or len(campaign.name) > 80:
        raise CampaignError(f"not a usable campaign name: {campaign.name!r}")
    if campaign.aging_bucket is not None and campaign.aging_bucket not in OVERDUE_BUCKETS:
        raise CampaignError(
            f"unknown aging bucket {campaign.aging_bucket!r}; choose {', '.join(OVERDUE_BUCKETS)}"
        )
    if campaign.min_overdue_cents < 0:
        raise CampaignError("the minimum overdue amount cannot be negative")
    if campaign.starts_on and campaign.ends_on and campaign.starts_on > campaign.ends_on:
        raise CampaignError("the campaign ends before it starts")

"""Campaigns on PostgreSQL (the ``Campaigns`` port): SQLite's statements, spelt for the server.

``sqlite/campaigns.py`` is standard SQL but for ``INSERT OR IGNORE``,
``instr`` and ``group_concat``, which :class:`Spelled` words for PostgreSQL.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from callcenter.domain.campaigns import Campaign
from callcenter.domain.figures import DebtorAmount
from callcenter.store.postgres.spelling import Spelled
from callcenter.store.statements import campaigns

if TYPE_CHECKING:
    from callcenter.store.postgres.db import PostgresStore


class PostgresCampaigns:
    def __init__(self, store: PostgresStore) -> None:
        self._sql = Spelled(store)

    def insert_campaign(self, campaign: Campaign, now: datetime) -> int:
        return campaigns.insert_campaign(self._sql, campaign, now)

    def delete_campaign(self, campaign_id: int) -> None:
        campaigns.delete_campaign(self._sql, campaign_id)

    def add_collectors(self, campaign_id: int, names: list[str]) -> None:
        campaigns.add_collectors(self._sql, campaign_id, names)

    def remove_collectors(self, campaign_id: int, names: list[str]) -> None:
        campaigns.remove_collectors(self._sql, campaign_id, names)

    def select_members(self, campaign: Campaign, today: date) -> int:
        return campaigns.select_members(self._sql, campaign, today)

    def add_members(self, campaign_id: int, codes: list[str]) -> int:
        return campaigns.add_members(self._sql, campaign_id, codes)

    def remove_members(self, campaign_id: int, codes: list[str]) -> int:
        return campaigns.remove_members(self._sql, campaign_id, codes)

    def load_campaigns(self, name: str | None = None) -> list[Campaign]:
        return campaigns.load_campaigns(self._sql, name)

    def members(self, campaign_id: int) -> list[DebtorAmount]:
        return campaigns.members(self._sql, campaign_id)

    def member_codes(self, campaign_id: int) -> list[str]:
        return campaigns.member_codes(self._sql, campaign_id)

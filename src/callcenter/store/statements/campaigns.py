"""Campaigns, their collectors and their member debtors."""

from __future__ import annotations

from datetime import date, datetime

from callcenter.domain.campaigns import Campaign
from callcenter.domain.figures import DebtorAmount, bucket_due_dates
from callcenter.store.codec import date_from_db, date_to_db, instant_to_db
from callcenter.store.statements import SqlStore, dict_query, inserted_id


def insert_campaign(store: SqlStore, campaign: Campaign, now: datetime) -> int:
    cursor = store.conn.execute(
        "INSERT INTO campaigns (name, segment, min_overdue_cents, aging_bucket, tag,"
        " dunning_step, starts_on, ends_on, created_by, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            campaign.name,
            campaign.segment,
            campaign.min_overdue_cents,
            campaign.aging_bucket,
            campaign.tag,
            campaign.dunning_step,
            date_to_db(campaign.starts_on),
            date_to_db(campaign.ends_on),
            campaign.created_by,
            instant_to_db(now),
        ),
    )
    return inserted_id(cursor)


def delete_campaign(store: SqlStore, campaign_id: int) -> None:
    store.conn.execute("DELETE FROM campaigns WHERE id = ?", (campaign_id,))


def add_collectors(store: SqlStore, campaign_id: int, names: list[str]) -> None:
    store.conn.executemany(
        "INSERT OR IGNORE INTO campaign_collectors (campaign_id, collector) VALUES (?, ?)",
        [(campaign_id, name) for name in names],
    )


def remove_collectors(store: SqlStore, campaign_id: int, names: list[str]) -> None:
    store.conn.executemany(
        "DELETE FROM campaign_collectors WHERE campaign_id = ? AND collector = ?",
        [(campaign_id, name) for name in names],
    )


def select_members(store: SqlStore, campaign: Campaign, today: date) -> int:
    """Replace the campaign's debtors with the active debtors matching its rule today.

    A debtor matches when it has something overdue, at least the minimum
    overdue amount, and its oldest overdue invoice falls in the aging bucket.
    """
    store.conn.execute("DELETE FROM campaign_debtors WHERE campaign_id = ?", (campaign.id,))
    low = high = None
    if campaign.aging_bucket:
        earliest, latest = bucket_due_dates(campaign.aging_bucket, today)
        low, high = date_to_db(earliest), date_to_db(latest)
    cursor = store.conn.execute(
        "INSERT INTO campaign_debtors (campaign_id, debtor_code)"
        " SELECT ?, d.code FROM debtors d JOIN ("
        "  SELECT debtor_code, sum(open_cents) AS overdue, min(due_date) AS oldest"
        "  FROM invoices WHERE open_cents <> 0 AND due_date < ? GROUP BY debtor_code"
        " ) o ON o.debtor_code = d.code"
        " WHERE d.status = 'active' AND o.overdue > 0 AND o.overdue >= ?"
        " AND (? IS NULL OR d.segment = ?)"
        " AND (? IS NULL OR d.dunning_step = ?)"
        " AND (? IS NULL OR instr(',' || d.tags || ',', ',' || ? || ',') > 0)"
        " AND (? IS NULL OR o.oldest >= ?) AND (? IS NULL OR o.oldest <= ?)",
        (
            campaign.id,
            today.isoformat(),
            campaign.min_overdue_cents,
            campaign.segment,
            campaign.segment,
            campaign.dunning_step,
            campaign.dunning_step,
            campaign.tag,
            campaign.tag,
            low,
            low,
            high,
            high,
        ),
    )
    return cursor.rowcount


def add_members(store: SqlStore, campaign_id: int, codes: list[str]) -> int:
    cursor = store.conn.executemany(
        "INSERT OR IGNORE INTO campaign_debtors (campaign_id, debtor_code) VALUES (?, ?)",
        [(campaign_id, code) for code in codes],
    )
    return cursor.rowcount


def remove_members(store: SqlStore, campaign_id: int, codes: list[str]) -> int:
    cursor = store.conn.executemany(
        "DELETE FROM campaign_debtors WHERE campaign_id = ? AND debtor_code = ?",
        [(campaign_id, code) for code in codes],
    )
    return cursor.rowcount


def load_campaigns(store: SqlStore, name: str | None = None) -> list[Campaign]:
    """All campaigns (or the one named), with collectors and member counts."""
    where, params = ("WHERE k.name = ?", [name]) if name is not None else ("", [])
    rows = dict_query(
        store,
        "SELECT k.*, (SELECT count(*) FROM campaign_debtors m WHERE m.campaign_id = k.id)"  # noqa: S608
        " AS members, (SELECT group_concat(collector, char(31)) FROM"
        " (SELECT collector FROM campaign_collectors c WHERE c.campaign_id = k.id"
        " ORDER BY collector) AS staff) AS collectors"
        f" FROM campaigns k {where} ORDER BY k.name",
        params,
    ).fetchall()
    return [_campaign_from_row(row) for row in rows]


def _campaign_from_row(row: dict) -> Campaign:
    return Campaign(
        id=row["id"],
        name=row["name"],
        segment=row["segment"],
        min_overdue_cents=row["min_overdue_cents"],
        aging_bucket=row["aging_bucket"],
        tag=row["tag"],
        dunning_step=row["dunning_step"],
        starts_on=date_from_db(row["starts_on"]),
        ends_on=date_from_db(row["ends_on"]),
        collectors=tuple(row["collectors"].split("\x1f")) if row["collectors"] else (),
        debtors=row["members"],
        created_by=row["created_by"],
    )


def members(store: SqlStore, campaign_id: int) -> list[DebtorAmount]:
    """The campaign's debtors with their collector and overdue amount (as last scored)."""
    return [
        DebtorAmount(r["code"], r["name"], r["collector"], r["overdue_cents"], r["state"])
        for r in dict_query(
            store,
            "SELECT d.code, d.name, d.collector, coalesce(qs.overdue_cents, 0) AS overdue_cents,"
            " coalesce(qs.state, '') AS state FROM campaign_debtors m"
            " JOIN debtors d ON d.code = m.debtor_code"
            " LEFT JOIN queue_state qs ON qs.debtor_code = d.code"
            " WHERE m.campaign_id = ? ORDER BY overdue_cents DESC, d.code",
            (campaign_id,),
        )
    ]


def member_codes(store: SqlStore, campaign_id: int) -> list[str]:
    return [
        row[0]
        for row in store.conn.execute(
            "SELECT debtor_code FROM campaign_debtors WHERE campaign_id = ? ORDER BY debtor_code",
            (campaign_id,),
        )
    ]

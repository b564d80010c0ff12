"""The communications log's columns and rows, shared by both backends (one encoding)."""

from __future__ import annotations

from collections.abc import Sequence

from callcenter.domain.communications import Communication, Result
from callcenter.store.codec import instant_from_db, instant_to_db

COLUMNS = (
    "id, debtor_code, at, actor, scenario, step, channel, recipients, subject, body,"
    " attachments, invoices, message_id, result, send_key, detail"
)
DELIVERED_SQL = "('sent', 'written')"


def values(entry: Communication) -> tuple:
    return (
        entry.debtor_code,
        instant_to_db(entry.at),
        entry.actor,
        entry.scenario,
        entry.step,
        entry.channel,
        "\n".join(entry.recipients),
        entry.subject,
        entry.body,
        "\n".join(entry.attachments),
        "\n".join(entry.invoices),
        entry.message_id,
        entry.result.value,
        entry.send_key,
        entry.detail,
    )


def from_row(row: Sequence) -> Communication:
    def lines(text: str) -> tuple[str, ...]:
        return tuple(text.split("\n")) if text else ()

    (id_, code, at, actor, scenario, step, channel, recipients, subject, body) = row[:10]
    attachments, invoices, message_id, result, send_key, detail = row[10:16]
    return Communication(
        debtor_code=code,
        at=instant_from_db(at),
        actor=actor,
        step=step,
        channel=channel,
        result=Result(result),
        send_key=send_key,
        scenario=scenario,
        recipients=lines(recipients),
        subject=subject,
        body=body,
        attachments=lines(attachments),
        invoices=lines(invoices),
        message_id=message_id,
        detail=detail,
        id=id_,
    )

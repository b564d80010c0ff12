"""A written message in the communications log: what went to whom, when, and how it ended.

The log is append-only, like the call log: a retry is a new entry, so the
history says every attempt. ``send_key`` (debtor + step + the invoices
named) is what makes a step go out once: a second entry marked sent for the
same key is refused by the store.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from callcenter.domain.record import record


class Result(StrEnum):
    SENT = "sent"  # accepted by the SMTP server
    WRITTEN = "written"  # written as a file (.eml in the outbox, a letter to print)
    FAILED = "failed"  # the server or the disk said no: retried on the next run
    REFUSED = "refused"  # every recipient refused by the server: the address is doubtful
    AWAITING = "awaiting_approval"  # a step needing a person, not sent until approved


#: Results that mean the message went out: the step is taken.
DELIVERED = frozenset({Result.SENT, Result.WRITTEN})


@record
class Communication:
    """One written reminder sent, written to a file or refused, as the funnel's history keeps it."""

    debtor_code: str
    at: datetime
    actor: str
    step: str
    channel: str
    result: Result
    send_key: str
    scenario: str = ""
    recipients: tuple[str, ...] = ()
    subject: str = ""
    body: str = ""
    attachments: tuple[str, ...] = ()
    invoices: tuple[str, ...] = ()
    message_id: str = ""
    #: Why it failed, or where the file went.
    detail: str = ""
    id: int | None = None


@record
class Document:
    """A file made for one message (a statement of account): attached, never left on disk."""

    name: str
    data: bytes
    #: Why it is HTML and not the PDF asked for ("" : it is what was asked).
    note: str = ""

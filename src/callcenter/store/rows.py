"""Domain objects from the rows both backends read (rows keyed by column name).

One encoding (:mod:`callcenter.store.codec`), one way to build each object,
whichever driver fetched the row: :func:`from_row` reads each field from the
column of its name, the field's type saying how (a flag, a day, an instant,
a code), and each builder adds only what a column does not hold as is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar, get_args, get_type_hints

from callcenter.domain.models import (
    Call,
    Contact,
    Debtor,
    Dispute,
    Invoice,
    Payment,
    PaymentClaim,
    Promise,
    QueueEntry,
    Reason,
    Task,
)
from callcenter.store.codec import date_from_db, instant_from_db

T = TypeVar("T")


def from_row(cls: type[T], row: Mapping[str, Any], **given: Any) -> T:
    """A ``cls`` from ``row``: each field read from the column of its name.

    The field's type says how (:func:`_readers`); ``given`` holds the fields
    the caller works out itself, and a column the query did not select leaves
    its field at the default.
    """
    values = {name: read(row[name]) for name, read in _readers(cls) if name in row}
    values.update(given)
    return cls(**values)


def _readers(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Each field of the dataclass ``cls`` and how its column becomes that field (worked
    out once per class)."""
    found = _READERS.get(cls)
    if found is None:
        hints = get_type_hints(cls)
        found = _READERS[cls] = tuple((f.name, _reader(hints[f.name])) for f in fields(cls))
    return found


_READERS: dict[type, tuple[tuple[str, Callable[[Any], Any]], ...]] = {}


def _reader(hint: Any) -> Callable[[Any], Any]:
    """The storage encoding read back (:mod:`callcenter.store.codec`), by the field's type."""
    members = [m for m in get_args(hint) if m is not type(None)] or [hint]
    kind, optional = members[0], len(members) < len(get_args(hint))
    if kind is bool:
        return bool
    if kind is datetime:
        return instant_from_db
    if kind is date:
        return date_from_db
    if isinstance(kind, type) and issubclass(kind, Enum):
        return (lambda v: kind(v) if v else None) if optional else kind
    return _as_stored


def _as_stored(value: Any) -> Any:
    return value


def debtor_from_row(row) -> Debtor:
    return from_row(Debtor, row, tags=tuple(t for t in row["tags"].split(",") if t))


def contact_from_row(row) -> Contact:
    return from_row(Contact, row)


def invoice_from_row(row, disputed: bool = False) -> Invoice:
    return from_row(Invoice, row, disputed=disputed)


def payment_from_row(row) -> Payment:
    return from_row(Payment, row)


def call_from_row(row) -> Call:
    """A call row; the payment-claim columns (``claim_*``) are optional."""
    return from_row(Call, row, claim=_claim(row))


def promise_from_row(row) -> Promise:
    """A promise row; ``revised_from`` and ``revised_at`` are optional."""
    return from_row(Promise, row)


def task_from_row(row) -> Task:
    return from_row(Task, row, debtor_name=row.get("debtor_name") or "")


def dispute_from_row(row) -> Dispute:
    """A dispute row with its invoice numbers joined by ``char(31)`` in ``numbers``."""
    numbers = tuple(row["numbers"].split("\x1f")) if row["numbers"] else ()
    return from_row(Dispute, row, invoice_numbers=numbers)


def queue_entry_from_row(row) -> QueueEntry:
    """A queue row with its stored reasons as codes (worded by the interface)."""
    reasons = tuple(Reason.from_json(r) for r in json.loads(row["reasons"]))
    return from_row(QueueEntry, row, reasons=reasons)


def _claim(row) -> PaymentClaim | None:
    """The "already paid" details kept with a call, when it has some."""
    if row.get("claim_paid_on") is None:
        return None
    return PaymentClaim(
        paid_on=date_from_db(row["claim_paid_on"]),
        amount_cents=row["claim_cents"],
        means=row["claim_means"],
        reference=row["claim_reference"],
    )

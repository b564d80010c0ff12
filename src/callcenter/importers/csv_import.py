"""Reading the four CSV files a firm without a FEC (or with extra data) can provide.

Clients, contacts, invoices and payments each have documented columns (see
``COLUMNS``); a file may name them differently and say so with a mapping
(``{"Raison sociale": "name"}``). Column names are compared without case,
accents, spaces or underscores, the separator (``,`` ``;`` or tab) and the
encoding are detected, dates are day first or ISO, amounts French or
English, yes/no cells in either language.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from callcenter.domain.models import Contact, Debtor, Invoice, Payment, Role
from callcenter.domain.money import parse_amount
from callcenter.domain.phones import is_flagged, normalise_phone
from callcenter.domain.text import clean
from callcenter.i18n import Message
from callcenter.importers.common import (
    FALLBACK_ENCODING,
    detect_encoding,
    detect_separator,
    header_key,
    parse_bool,
    parse_date,
)
from callcenter.importers.errors import BadInput, BadValue, Reject, said

CSV_KINDS = ("clients", "contacts", "invoices", "payments")
COLUMNS: dict[str, tuple[str, ...]] = {
    "clients": (
        "code",
        "name",
        "segment",
        "timezone",
        "collector",
        "credit_hold",
        "payment_terms_days",
        "dunning_step",
        "tags",
        "pending_orders",
        "credit_limit",
        "address",
        "siren",
    ),
    "contacts": (
        "client_code",
        "name",
        "role",
        "phone",
        "phone2",
        "email",
        "decision_maker",
        "best_hours",
    ),
    "invoices": (
        "client_code",
        "number",
        "issue_date",
        "due_date",
        "amount",
        "open_amount",
        "currency",
        "quote",
        "purchase_order",
        "delivery_note",
        "excluded",
    ),
    "payments": ("client_code", "reference", "date", "amount", "invoice"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "clients": ("code", "name"),
    "contacts": ("client_code", "name"),
    "invoices": ("client_code", "number", "issue_date", "amount"),
    "payments": ("client_code", "reference", "date", "amount"),
}
#: Client columns of the file -> debtor columns they update.
_DEBTOR_COLUMN = {
    "segment": "segment",
    "timezone": "timezone",
    "collector": "collector",
    "credit_hold": "credit_hold",
    "payment_terms_days": "payment_terms_days",
    "dunning_step": "dunning_step",
    "tags": "tags",
    "pending_orders": "pending_orders_cents",
    "credit_limit": "credit_limit_cents",
    "address": "address",
    "siren": "siren",
}
_INVOICE_FLAG_COLUMN = {
    "currency": "currency",
    "quote": "has_quote",
    "purchase_order": "has_po",
    "delivery_note": "has_delivery_note",
    "excluded": "excluded",
}
_ROLES = {
    **{role.value: role for role in Role},
    "": Role.OTHER,
    "autre": Role.OTHER,
    "dirigeant": Role.OWNER,
    "gerant": Role.OWNER,
    "patron": Role.OWNER,
    "boss": Role.OWNER,
    "manager": Role.OWNER,
    "comptable": Role.ACCOUNTANT,
    "comptabilite": Role.ACCOUNTANT,
    "compta": Role.ACCOUNTANT,
    "achats": Role.PURCHASING,
    "acheteur": Role.PURCHASING,
    "fournisseurs": Role.PURCHASING,
}


#: Rows handed to the sink at a time: memory stays flat whatever the file's size.
BATCH_ROWS = 10_000


class RowSink(Protocol):
    """Where the rows read go (a staging table): batches of (line, domain object)."""

    def add(self, items: list[tuple[int, object]]) -> None: ...

    def clear(self) -> None:
        """Forget every row added: the file is being read again in another encoding."""


@dataclass(slots=True)
class CsvTable:
    """What reading one CSV found besides its rows: layout, what to update, the rejects."""

    kind: str
    lines: int = 0
    encoding: str = ""
    separator: str = ","
    debtor_columns: tuple[str, ...] = ("name",)
    invoice_columns: tuple[str, ...] = ()
    rejects: list[Reject] = field(default_factory=list)
    #: Lines whose phone number was not a valid number, kept as typed (and never dialled).
    phones_as_typed: list[int] = field(default_factory=list)


class _CellError(ValueError):
    def __init__(self, column: str, message: str | Message):
        super().__init__(message)
        self.column = column
        self.message = message


@dataclass(slots=True)
class _Context:
    known_clients: set[str]
    client_terms: Mapping[str, int]
    terms_days: int
    present: set[str]


def read_csv(
    kind: str,
    path: str | os.PathLike,
    *,
    sink: RowSink,
    mapping: Mapping[str, str] | None = None,
    known_clients: set[str] | None = None,
    client_terms: Mapping[str, int] | None = None,
    terms_days: int = 30,
    skip_bad: bool = False,
) -> CsvTable:
    """Stream a CSV of ``kind`` into ``sink``; raise :class:`BadInput` on the first bad row.

    With ``skip_bad`` bad rows are left out and listed in the table's
    ``rejects``. Keys given twice are the sink's to find (it holds every row).
    """
    if kind not in COLUMNS:
        raise ValueError(f"unknown kind of CSV {kind!r}: expected one of {', '.join(CSV_KINDS)}")
    encoding = detect_encoding(path)
    while True:
        context = _Context(set(known_clients or ()), client_terms or {}, terms_days, set())
        try:
            return _read(kind, path, encoding, mapping or {}, context, skip_bad, sink)
        except UnicodeDecodeError:
            encoding = FALLBACK_ENCODING[encoding]
            sink.clear()


@dataclass(slots=True)
class _Ending:
    """Whether the last physical line of the file ended with a line break."""

    ended: bool = True


def _lines(handle, ending: _Ending) -> Iterator[str]:
    line = ""
    for line in handle:
        yield line
    ending.ended = not line or line.endswith(("\n", "\r"))


def _read(kind, path, encoding, mapping, context, skip_bad: bool, sink: RowSink) -> CsvTable:
    name = Path(path).name
    with open(path, encoding=encoding, newline="") as handle:
        separator = detect_separator(handle.readline(), ",;\t") or ","
        handle.seek(0)
        ending = _Ending()
        # strict: a quoted cell still open at the end of the file is an error, not a value.
        reader = csv.reader(_lines(handle, ending), delimiter=separator, strict=True)
        header = next(_rows(reader, name), None)
        if not header or not any(cell.strip() for cell in header):
            raise BadInput(name, 1, None, Message("import.empty_csv", {"kind": kind}))
        columns = _columns(kind, name, header, mapping)
        table = CsvTable(kind, encoding=encoding, separator=separator)
        context.present = set(columns.values())
        rows = _Rows(name, kind, columns, header, context, skip_bad, table, sink)
        pending = None  # the last row waits until we know whether the file was cut
        for cells in _rows(reader, name):
            if pending is not None:
                rows.take(*pending)
            pending = (reader.line_num, cells)
        if pending is not None:
            if ending.ended:
                rows.take(*pending)
            else:
                rows.refuse(pending[0], None, _CUT)
        rows.flush()
        table.lines = max(reader.line_num - 1, 0)
    _set_update_columns(table, context.present)
    return table


_CUT = Message("import.no_line_end")


class _Rows:
    """Parses data rows into domain objects and hands them to the sink in batches."""

    def __init__(self, name, kind, columns, header, context, skip_bad, table, sink):
        self.name, self.columns, self.context = name, columns, context
        self.skip_bad, self.table, self.sink = skip_bad, table, sink
        self.parse = _PARSERS[kind]
        self.header_keys = [header_key(cell) for cell in header]
        self.batch: list[tuple[int, object]] = []

    def take(self, lineno: int, cells: list[str]) -> None:
        if not any(cell.strip() for cell in cells):
            return
        if self._is_header(cells):
            self.refuse(lineno, None, Message("import.header_again"))
            return
        row = {col: cells[i] if i < len(cells) else "" for i, col in self.columns.items()}
        try:
            item = self.parse(row, self.context)
        except _CellError as exc:
            self.refuse(lineno, exc.column, exc.message)
            return
        self.batch.append((lineno, item))
        if isinstance(item, Contact) and (is_flagged(item.phone) or is_flagged(item.phone2)):
            self.table.phones_as_typed.append(lineno)
        if len(self.batch) >= BATCH_ROWS:
            self.flush()

    def _is_header(self, cells: list[str]) -> bool:
        keys = self.header_keys
        return header_key(cells[0]) == keys[0] and [header_key(c) for c in cells] == keys

    def refuse(self, lineno: int, column: str | None, message: str | Message) -> None:
        problem = BadInput(self.name, lineno, column, message)
        if not self.skip_bad:
            raise problem
        self.table.rejects.append(Reject(lineno, problem.reason))

    def flush(self) -> None:
        if self.batch:
            self.sink.add(self.batch)
            self.batch = []


def _rows(reader, name: str) -> Iterator[list[str]]:
    """The reader's rows; what the csv module cannot parse is a located :class:`BadInput`."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "unexpected end of data" in str(exc):
                message = Message("import.open_quote")
            else:  # a cell over the size limit, a stray quote: not a text table
                message = Message("import.not_csv", {"error": str(exc)})
            raise BadInput(name, reader.line_num, None, message) from None


def _columns(kind: str, name: str, header: list[str], mapping: Mapping[str, str]) -> dict[int, str]:
    """Column index -> documented column name, after the user's renaming."""
    wanted = {header_key(col): col for col in COLUMNS[kind]}
    renames = {}
    for source, target in mapping.items():
        if header_key(target) not in wanted:
            expected = ", ".join(COLUMNS[kind])
            raise BadInput(
                name, 1, target, Message("import.not_column", {"kind": kind, "expected": expected})
            )
        renames[header_key(source)] = wanted[header_key(target)]
    keys = [header_key(cell) for cell in header]
    for source in mapping:
        if header_key(source) not in keys:
            raise BadInput(name, 1, source, Message("import.no_such_column"))
    columns: dict[int, str] = {}
    for index, key in enumerate(keys):
        column = renames.get(key) or wanted.get(key)
        if column in columns.values():
            first = next(i for i, c in columns.items() if c == column)
            raise BadInput(
                name, 1, header[index].strip(),
                Message("import.column_twice", {"column": column, "first": first + 1, "second": index + 1}),
            )  # fmt: skip
        if column:
            columns[index] = column
    for column in REQUIRED[kind]:
        if column not in columns.values():
            raise BadInput(name, 1, column, Message("import.missing_column"))
    return columns


def _set_update_columns(table: CsvTable, present: set[str]) -> None:
    """Columns the file does not carry keep the values already in the database."""
    table.debtor_columns = ("name",) + tuple(
        target for source, target in _DEBTOR_COLUMN.items() if source in present
    )
    table.invoice_columns = (
        "kind",
        "issue_date",
        "due_date",
        "amount_cents",
        "open_cents",
    ) + tuple(target for source, target in _INVOICE_FLAG_COLUMN.items() if source in present)


# -- cells -------------------------------------------------------------------


def _text(row: dict[str, str], column: str, required: bool = False) -> str:
    value = clean(row.get(column, ""))
    if required and not value:
        raise _CellError(column, Message("import.required"))
    return value


def _cell(column: str, row: dict[str, str], parse: Callable, default=None, required=False):
    raw = row.get(column, "")
    if not raw.strip():
        if required:
            raise _CellError(column, Message("import.required"))
        return default
    try:
        return parse(raw)
    except ValueError as exc:
        raise _CellError(column, said(exc)) from None


def _bool(row, column) -> bool:
    return _cell(column, row, parse_bool, False)


def _int_between(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise BadValue("import.not_whole", text=repr(text)) from None
        if not low <= value <= high:
            raise BadValue("import.between", low=low, high=high, text=repr(text))
        return value

    return parse


def _timezone(text: str) -> str:
    try:
        ZoneInfo(text.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise BadValue("import.timezone", text=repr(text)) from None
    return text.strip()


def _role(text: str) -> Role:
    role = _ROLES.get(header_key(text))
    if role is None:
        raise BadValue("import.role", text=repr(text))
    return role


def _currency(text: str) -> str:
    code = text.strip().upper()
    if code == "€":
        return "EUR"
    if len(code) != 3 or not code.isalpha():
        raise BadValue("import.currency", text=repr(text))
    return code


def _client(row, context: _Context, column: str = "client_code") -> str:
    code = _text(row, column, required=True)
    if code not in context.known_clients:
        raise _CellError(column, Message("import.unknown_client", {"code": repr(code)}))
    return code


# -- rows --------------------------------------------------------------------


def _client_row(row, context: _Context) -> Debtor:
    return Debtor(
        code=_text(row, "code", required=True),
        name=_text(row, "name", required=True),
        segment=_text(row, "segment") or "standard",
        timezone=_cell("timezone", row, _timezone, "Europe/Paris"),
        collector=_text(row, "collector") or None,
        credit_hold=_bool(row, "credit_hold"),
        payment_terms_days=_cell("payment_terms_days", row, _int_between(0, 365)),
        dunning_step=_cell("dunning_step", row, _int_between(0, 9), 0),
        tags=tuple(_tags(_text(row, "tags"))),
        pending_orders_cents=_cell("pending_orders", row, parse_amount, 0),
        credit_limit_cents=_cell("credit_limit", row, parse_amount),
        address=_text(row, "address"),
        siren=_cell("siren", row, _siren, ""),
    )


def _siren(text: str) -> str:
    """Nine digits (spaces allowed); a SIRET's first nine are its SIREN."""
    digits = "".join(text.split())
    if not digits.isdigit() or len(digits) not in (9, 14):
        raise BadValue("import.siren", text=repr(text))
    return digits[:9]


def _tags(text: str) -> list[str]:
    return [
        tag.strip() for tag in text.replace(";", ",").replace("|", ",").split(",") if tag.strip()
    ]


def _contact_row(row, context: _Context) -> Contact:
    code = _client(row, context)
    email = _text(row, "email")
    if email and "@" not in email:
        raise _CellError("email", Message("import.email", {"text": repr(email)}))
    return Contact(
        debtor_code=code,
        name=_text(row, "name", required=True),
        role=_cell("role", row, _role, Role.OTHER),
        phone=normalise_phone(_text(row, "phone")),
        phone2=normalise_phone(_text(row, "phone2")),
        email=email,
        decision_maker=_bool(row, "decision_maker"),
        best_hours=_text(row, "best_hours"),
    )


def _invoice_row(row, context: _Context) -> Invoice:
    code = _client(row, context)
    number = _text(row, "number", required=True)
    issued: date = _cell("issue_date", row, parse_date, required=True)
    terms = context.client_terms.get(code, context.terms_days)
    due = _cell("due_date", row, parse_date) or issued + timedelta(days=terms)
    amount = _cell("amount", row, parse_amount, required=True)
    open_cents = _cell("open_amount", row, parse_amount, amount)
    if not min(0, amount) <= open_cents <= max(0, amount):
        raise _CellError("open_amount", Message("import.open_amount"))
    return Invoice(
        debtor_code=code,
        number=number,
        issue_date=issued,
        due_date=due,
        amount_cents=amount,
        open_cents=open_cents,
        currency=_cell("currency", row, _currency, "EUR"),
        has_quote=_bool(row, "quote"),
        has_po=_bool(row, "purchase_order"),
        has_delivery_note=_bool(row, "delivery_note"),
        excluded=_bool(row, "excluded"),
    )


def _payment_row(row, context: _Context) -> Payment:
    code = _client(row, context)
    reference = _text(row, "reference", required=True)
    amount = _cell("amount", row, parse_amount, required=True)
    if amount == 0:
        raise _CellError("amount", Message("import.zero_payment"))
    return Payment(
        code,
        reference,
        _cell("date", row, parse_date, required=True),
        amount_cents=amount,
        invoice_number=_text(row, "invoice"),
    )


#: Per kind: the column naming the second half of a row's key, and what a key is called
#: (for "invoice 'F1' already given on line 3").
KEY_COLUMN = {
    "clients": ("code", "client"),
    "contacts": ("name", "contact"),
    "invoices": ("number", "invoice"),
    "payments": ("reference", "payment"),
}
_PARSERS = {
    "clients": _client_row,
    "contacts": _contact_row,
    "invoices": _invoice_row,
    "payments": _payment_row,
}


def write_csv_rejects(
    source: str | os.PathLike,
    rejects: list[Reject],
    out: IO[str],
    encoding: str,
    separator: str,
) -> None:
    """Write to ``out`` the header and each rejected row as it was, plus a ``Motif`` column."""
    wanted = {r.line: r.reason for r in rejects}
    with open(source, encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=separator)
        writer = csv.writer(out, delimiter=separator)
        header = next(reader, [])
        writer.writerow([*header, "Motif"])
        for cells in reader:
            reason = wanted.get(reader.line_num)
            if reason is not None:
                writer.writerow([*cells, reason])

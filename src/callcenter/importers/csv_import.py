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
from typing import TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from callcenter.domain.models import Contact, Debtor, Invoice, Payment, Role
from callcenter.domain.money import parse_amount
from callcenter.domain.text import clean
from callcenter.importers.common import (
    FALLBACK_ENCODING,
    detect_encoding,
    detect_separator,
    header_key,
    parse_bool,
    parse_date,
)
from callcenter.importers.errors import BadInput, Reject

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


@dataclass(slots=True)
class CsvTable:
    """The rows of one CSV file, as domain objects, and what to update with them."""

    kind: str
    lines: int = 0
    encoding: str = ""
    separator: str = ","
    debtors: list[Debtor] = field(default_factory=list)
    debtor_columns: tuple[str, ...] = ("name",)
    contacts: list[Contact] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    invoice_columns: tuple[str, ...] = ()
    payments: list[Payment] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)


class _CellError(ValueError):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column


@dataclass(slots=True)
class _Context:
    known_clients: set[str]
    client_terms: Mapping[str, int]
    terms_days: int
    present: set[str]
    seen: dict[tuple[str, str], int] = field(default_factory=dict)


def read_csv(
    kind: str,
    path: str | os.PathLike,
    *,
    mapping: Mapping[str, str] | None = None,
    known_clients: set[str] | None = None,
    client_terms: Mapping[str, int] | None = None,
    terms_days: int = 30,
    skip_bad: bool = False,
) -> CsvTable:
    """Read a CSV of ``kind``; raise :class:`BadInput` on the first bad row unless ``skip_bad``."""
    if kind not in COLUMNS:
        raise ValueError(f"unknown kind of CSV {kind!r}: expected one of {', '.join(CSV_KINDS)}")
    context = _Context(set(known_clients or ()), client_terms or {}, terms_days, set())
    encoding = detect_encoding(path)
    while True:
        try:
            return _read(kind, path, encoding, mapping or {}, context, skip_bad)
        except UnicodeDecodeError:
            encoding = FALLBACK_ENCODING[encoding]
            context = _Context(set(known_clients or ()), client_terms or {}, terms_days, set())


def _read(kind, path, encoding, mapping, context: _Context, skip_bad: bool) -> CsvTable:
    name = Path(path).name
    with open(path, encoding=encoding, newline="") as handle:
        header_line = handle.readline()
        separator = detect_separator(header_line, ",;\t") or ","
        handle.seek(0)
        reader = csv.reader(handle, delimiter=separator)
        header = next(_rows(reader, name), None)
        if not header or not any(cell.strip() for cell in header):
            raise BadInput(name, 1, None, f"empty file: expected the {kind} header line")
        columns = _columns(kind, name, header, mapping)
        table = CsvTable(kind, encoding=encoding, separator=separator)
        context.present = set(columns.values())
        parse_row = _PARSERS[kind]
        for cells in _rows(reader, name):
            lineno = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            row = {col: cells[i] if i < len(cells) else "" for i, col in columns.items()}
            try:
                parse_row(table, row, context, lineno)
            except _CellError as exc:
                problem = BadInput(name, lineno, exc.column, str(exc))
                if not skip_bad:
                    raise problem from None
                table.rejects.append(Reject(lineno, problem.reason))
        table.lines = max(reader.line_num - 1, 0)
    _set_update_columns(table, context.present)
    return table


def _rows(reader, name: str) -> Iterator[list[str]]:
    """The reader's rows; what the csv module cannot parse is a located :class:`BadInput`."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a cell over the size limit: not a text table
            raise BadInput(
                name, reader.line_num, None, f"not a readable CSV file ({exc})"
            ) from None


def _columns(kind: str, name: str, header: list[str], mapping: Mapping[str, str]) -> dict[int, str]:
    """Column index -> documented column name, after the user's renaming."""
    wanted = {header_key(col): col for col in COLUMNS[kind]}
    renames = {}
    for source, target in mapping.items():
        if header_key(target) not in wanted:
            expected = ", ".join(COLUMNS[kind])
            raise BadInput(name, 1, target, f"not a {kind} column (expected one of {expected})")
        renames[header_key(source)] = wanted[header_key(target)]
    keys = [header_key(cell) for cell in header]
    for source in mapping:
        if header_key(source) not in keys:
            raise BadInput(name, 1, source, "no such column in the header line (see --map)")
    columns = {}
    for index, key in enumerate(keys):
        column = renames.get(key) or wanted.get(key)
        if column and column not in columns.values():
            columns[index] = column
    for column in REQUIRED[kind]:
        if column not in columns.values():
            raise BadInput(name, 1, column, "missing column in the header line")
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
        raise _CellError(column, "empty, but required")
    return value


def _cell(column: str, row: dict[str, str], parse: Callable, default=None, required=False):
    raw = row.get(column, "")
    if not raw.strip():
        if required:
            raise _CellError(column, "empty, but required")
        return default
    try:
        return parse(raw)
    except ValueError as exc:
        raise _CellError(column, str(exc)) from None


def _bool(row, column) -> bool:
    return _cell(column, row, parse_bool, False)


def _int_between(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise ValueError(f"not a whole number: {text!r}") from None
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}: {text!r}")
        return value

    return parse


def _timezone(text: str) -> str:
    try:
        ZoneInfo(text.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone (like Europe/Paris): {text!r}") from None
    return text.strip()


def _role(text: str) -> Role:
    role = _ROLES.get(header_key(text))
    if role is None:
        raise ValueError(f"unknown role {text!r}: owner, accountant, purchasing or other")
    return role


def _currency(text: str) -> str:
    code = text.strip().upper()
    if code == "€":
        return "EUR"
    if len(code) != 3 or not code.isalpha():
        raise ValueError(f"not a currency code like EUR: {text!r}")
    return code


def _client(row, context: _Context, column: str = "client_code") -> str:
    code = _text(row, column, required=True)
    if code not in context.known_clients:
        raise _CellError(column, f"unknown client {code!r}: import the clients file first")
    return code


def _once(context: _Context, key: tuple[str, str], lineno: int, column: str, what: str) -> None:
    first = context.seen.setdefault(key, lineno)
    if first != lineno:
        raise _CellError(column, f"{what} {key[1]!r} already given on line {first}")


# -- rows --------------------------------------------------------------------


def _client_row(table: CsvTable, row, context: _Context, lineno: int) -> None:
    code = _text(row, "code", required=True)
    _once(context, ("", code), lineno, "code", "client")
    debtor = Debtor(
        code=code,
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
    table.debtors.append(debtor)
    table.codes.add(code)
    context.known_clients.add(code)


def _siren(text: str) -> str:
    """Nine digits (spaces allowed); a SIRET's first nine are its SIREN."""
    digits = "".join(text.split())
    if not digits.isdigit() or len(digits) not in (9, 14):
        raise ValueError(f"not a SIREN (9 digits) or SIRET (14 digits): {text!r}")
    return digits[:9]


def _tags(text: str) -> list[str]:
    return [
        tag.strip() for tag in text.replace(";", ",").replace("|", ",").split(",") if tag.strip()
    ]


def _contact_row(table: CsvTable, row, context: _Context, lineno: int) -> None:
    code = _client(row, context)
    name = _text(row, "name", required=True)
    _once(context, (code, name), lineno, "name", f"contact of {code}:")
    email = _text(row, "email")
    if email and "@" not in email:
        raise _CellError("email", f"not an e-mail address: {email!r}")
    table.contacts.append(
        Contact(
            debtor_code=code,
            name=name,
            role=_cell("role", row, _role, Role.OTHER),
            phone=_text(row, "phone"),
            phone2=_text(row, "phone2"),
            email=email,
            decision_maker=_bool(row, "decision_maker"),
            best_hours=_text(row, "best_hours"),
        )
    )
    table.codes.add(code)


def _invoice_row(table: CsvTable, row, context: _Context, lineno: int) -> None:
    code = _client(row, context)
    number = _text(row, "number", required=True)
    _once(context, (code, number), lineno, "number", "invoice")
    issued: date = _cell("issue_date", row, parse_date, required=True)
    terms = context.client_terms.get(code, context.terms_days)
    due = _cell("due_date", row, parse_date) or issued + timedelta(days=terms)
    amount = _cell("amount", row, parse_amount, required=True)
    open_cents = _cell("open_amount", row, parse_amount, amount)
    if not min(0, amount) <= open_cents <= max(0, amount):
        raise _CellError("open_amount", "the open amount must lie between 0 and the amount")
    table.invoices.append(
        Invoice(
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
    )
    table.codes.add(code)


def _payment_row(table: CsvTable, row, context: _Context, lineno: int) -> None:
    code = _client(row, context)
    reference = _text(row, "reference", required=True)
    _once(context, (code, reference), lineno, "reference", "payment")
    amount = _cell("amount", row, parse_amount, required=True)
    if amount == 0:
        raise _CellError("amount", "a payment of 0 is not a payment")
    table.payments.append(
        Payment(
            code,
            reference,
            _cell("date", row, parse_date, required=True),
            amount_cents=amount,
            invoice_number=_text(row, "invoice"),
        )
    )
    table.codes.add(code)


_PARSERS = {
    "clients": _client_row,
    "contacts": _contact_row,
    "invoices": _invoice_row,
    "payments": _payment_row,
}


def write_csv_rejects(
    source: str | os.PathLike,
    rejects: list[Reject],
    out: TextIO,
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

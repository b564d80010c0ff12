"""Reading a FEC (Fichier des Écritures Comptables) into debtors, invoices and payments.

The FEC is the one export every French accounting package must produce, so
it is the natural way in for a firm's receivables. The file is read in one
streaming pass that keeps only what the receivables need: the customer
lines and which documents touch a sales account (70...) go to a scratch file
on disk (:func:`callcenter.store.backends.fec_scratch`), and only the entries not yet
balanced stay in memory, so memory does not grow with the file.
:mod:`callcenter.importers.fec_settle` then works out, customer by customer,
the invoices, credit notes and payments and what is still open, handing
them over in batches of whole customers (:meth:`FecScan.ledgers`).

Packages write the same norm in many ways (see the README's table): the
separator, the encoding (UTF-8, Windows-1252, ISO-8859-15), line ends
(CR CR LF too: line numbers are counted on LF), padded cells, quoted or
backslash-escaped cells (Tryton), extra columns, a due-date column
(``DateLimitReglmt``, ``DateEcheance``) and charts whose customers are not
on 411 (the refusal names the account to pass with ``--accounts``).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby, islice
from operator import itemgetter
from pathlib import Path
from typing import IO, Protocol

from callcenter.domain.models import Debtor
from callcenter.domain.money import MAX_CENTS, check_bound
from callcenter.domain.record import record
from callcenter.domain.text import clean
from callcenter.i18n import Message
from callcenter.importers.common import (
    FALLBACK_ENCODING,
    detect_encoding,
    detect_separator,
    header_key,
    no_cyclic_gc,
    parse_cents,
    parse_date,
)
from callcenter.importers.errors import BadInput, BadValue, Reject, said
from callcenter.importers.fec_settle import (
    UNAPPLIED,
    CustomerLine,
    FecLedger,
    ReferenceUses,
    debtor,
    is_placeholder_number,
    settle_customer,
)

__all__ = [
    "DEFAULT_PREFIXES",
    "UNAPPLIED",
    "FecLedger",
    "FecScan",
    "read_fec",
    "LineScratch",
    "scan_fec",
    "write_rejects",
]

#: The 18 columns of the norm (article A47 A-1 of the Livre des procédures fiscales).
FEC_COLUMNS = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
)
#: The variant of the norm with one amount column and its direction (D or C).
AMOUNT_AND_DIRECTION = ("Montant", "Sens")
#: Where a file gives the invoice's due date (read as the column ``due_date``).
DUE_DATE = "due_date"
DUE_DATE_COLUMNS = ("DateLimitReglmt", "DateEcheance", "DateEcheanceReglt", DUE_DATE)
REQUIRED = ("JournalCode", "EcritureNum", "EcritureDate", "CompteNum")
DEFAULT_PREFIXES = ("411",)
#: Sales accounts: a credit is a credit note only when its document has such a line.
SALES_PREFIX = "70"
PROGRESS_EVERY = 1 << 14
#: Rows the streaming pass hands to the scratch file at a time.
SPILL_EVERY = 8192
#: Customers settled and handed over together (their invoices are written as one batch).
CUSTOMERS_PER_BATCH = 1000
#: How packages write an empty amount, padded ones included: such cells are not parsed.
ZERO_SPELLINGS = frozenset(
    {"", "0", "0,00", "0.00"}
    | {"0" * n + ",00" for n in range(2, 16)}
    | {"0" * n + ".00" for n in range(2, 16)}
)
_KNOWN = {header_key(name): name for name in FEC_COLUMNS + AMOUNT_AND_DIRECTION}
_KNOWN.update({header_key(name): DUE_DATE for name in DUE_DATE_COLUMNS})
_DEBIT_WORDS = frozenset({"d", "debit", "+", "+1", "1"})
_CREDIT_WORDS = frozenset({"c", "credit", "-", "-1"})
#: Characters a backslash escapes in Tryton's export (besides the separator).
_ESCAPED = frozenset('"\\|\t;')

Progress = Callable[[int, int], None]


class LineScratch(Protocol):
    """Where the customer lines wait while the file is read (the store's scratch file).

    Handed in by the service (``callcenter.store.backends.fec_scratch``);
    rows go in as the streaming pass builds them (line, journal, number,
    date as written, dates as ordinals, customer, name, account, aux flag,
    reference, label, amount, lettering) and come back, customer by
    customer, without the name, account and aux flag, which have served by
    then (:class:`CustomerLine`'s fields with the customer after the dates
    and the credit-note mark last). It answers the questions that need the
    whole file.
    """

    def add_lines(self, rows: list[tuple]) -> None: ...
    def add_sales(self, documents: list[tuple[str, str, str]]) -> None: ...
    def count(self) -> int: ...
    def drop_entries(self, entries: Iterable[tuple[str, str]]) -> None: ...
    def any_number(self, is_placeholder: Callable[[str], bool]) -> bool: ...
    def take_unallocated(self) -> list[tuple[int, int]]: ...
    def mark_credit_notes(self) -> None: ...
    def shared_references(self, numbered: bool, credit_notes: bool) -> dict[str, int]: ...
    def customers(self) -> Iterator[tuple[str, str]]: ...
    def customer_count(self) -> int: ...
    def lines_by_customer(self) -> Iterator[tuple]: ...
    def close(self) -> None: ...


#: Makes a new, empty scratch (a file read again in another encoding starts over).
ScratchFactory = Callable[[], LineScratch]


@record
class _Layout:
    """Where the columns are in this file and how its amounts are written."""

    separator: str
    width: int
    index: dict[str, int]
    amounts: str  # "debit_credit", "direction" (Montant + Sens) or "signed" (Montant)


@dataclass(slots=True)
class FecScan:
    """A FEC read and checked, its customer lines waiting in a scratch file.

    ``head`` holds what the whole file says (debtors, lines, rejects,
    unallocated lines, encoding); :meth:`ledgers` settles the customers and
    hands over their invoices and payments a batch of customers at a time.
    """

    scratch: LineScratch
    head: FecLedger
    numbered: bool
    refs: tuple[ReferenceUses, ReferenceUses] = field(
        default_factory=lambda: (ReferenceUses(), ReferenceUses())
    )
    #: How many customers the file names (``head.debtors`` stays empty: see :meth:`debtors`).
    customers: int = 0

    def debtors(self, batch: int = CUSTOMERS_PER_BATCH) -> Iterator[list[Debtor]]:
        """The file's customers as debtors, ``batch`` at a time, in the order they first appear.

        Read back from the scratch file, so that memory does not grow with them.
        """
        rows = self.scratch.customers()
        while chunk := [debtor(code, name) for code, name in islice(rows, batch)]:
            yield chunk

    def ledgers(
        self,
        terms_days: int,
        client_terms: Mapping[str, int],
        batch: int = CUSTOMERS_PER_BATCH,
    ) -> Iterator[FecLedger]:
        """Invoices, payments and balances of ``batch`` whole customers at a time, by code."""
        default_terms = timedelta(days=terms_days)
        piece, count = FecLedger(), 0
        day = date.fromordinal
        for code, rows in groupby(self.scratch.lines_by_customer(), key=itemgetter(7)):
            lines, sales = [], set()
            for row in rows:
                due = row[6]
                lines.append(
                    CustomerLine(
                        row[0], row[1], row[2], row[3], day(row[4]), day(row[5]),
                        None if due is None else day(due), row[8], row[9], row[10], row[11],
                    )
                )  # fmt: skip
                if row[12]:
                    sales.add((row[1], row[2], row[3]))
            own = client_terms.get(code)
            terms = default_terms if own is None else timedelta(days=own)
            settle_customer(piece, code, lines, sales, self.numbered, self.refs, terms)
            count += 1
            if count == batch:
                yield piece
                piece, count = FecLedger(), 0
        if count:
            yield piece


def read_fec(
    path: str | os.PathLike,
    *,
    scratch: ScratchFactory,
    terms_days: int = 30,
    client_terms: Mapping[str, int] | None = None,
    prefixes: tuple[str, ...] = DEFAULT_PREFIXES,
    skip_bad: bool = False,
    progress: Progress | None = None,
    mapping: Mapping[str, str] | None = None,
) -> FecLedger:
    """Read the FEC at ``path`` into one ledger; raise :class:`BadInput` on the first bad line.

    With ``skip_bad`` a bad line is left out together with the rest of its
    entry (an entry imported in part would no longer balance) and listed in
    ``rejects``. ``client_terms`` holds payment terms set per client, which
    win over ``terms_days``; a due-date column wins over both. ``mapping``
    renames columns of the file (``{"Echeance": "due_date"}``). The import
    itself uses :func:`scan_fec`, which never holds the whole ledger.
    """
    with (
        no_cyclic_gc(),
        scan_fec(
            path,
            scratch=scratch,
            prefixes=prefixes,
            skip_bad=skip_bad,
            progress=progress,
            mapping=mapping,
        ) as scan,
    ):
        ledger = scan.head
        ledger.debtors = [one for chunk in scan.debtors() for one in chunk]
        for piece in scan.ledgers(terms_days, client_terms or {}):
            ledger.merge(piece)
        return ledger


@contextmanager
def scan_fec(
    path: str | os.PathLike,
    *,
    scratch: ScratchFactory,
    prefixes: tuple[str, ...] = DEFAULT_PREFIXES,
    skip_bad: bool = False,
    progress: Progress | None = None,
    mapping: Mapping[str, str] | None = None,
) -> Iterator[FecScan]:
    """Read and check the FEC at ``path`` (see :func:`read_fec`); the scratch file goes after."""
    encoding = detect_encoding(path)
    renames = {header_key(src): _mapped_column(dst) for src, dst in (mapping or {}).items()}
    with no_cyclic_gc():
        while True:
            sink = scratch()
            try:
                scan = _read(path, encoding, prefixes, skip_bad, progress, renames, sink)
                break
            except UnicodeDecodeError:
                # The sample looked like UTF-8 but a later byte is not: an 8-bit file.
                sink.close()
                encoding = FALLBACK_ENCODING[encoding]
            except BaseException:
                sink.close()
                raise
    try:
        yield scan
    finally:
        sink.close()


def _mapped_column(name: str) -> str:
    known = _KNOWN.get(header_key(name))
    if known is None:
        choices = ", ".join((*FEC_COLUMNS, DUE_DATE))
        raise ValueError(f"--map: {name!r} is not a FEC column (expected one of {choices})")
    return known


def open_lines(path: str | os.PathLike, encoding: str):
    """The file's lines as it ends them: LF (CR CR LF too), or CR alone in old Mac files.

    Python's universal newlines would take CR CR LF for two line ends and
    count every line twice in the error messages.
    """
    with open(path, "rb") as handle:
        sample = handle.read(1 << 16)
    newline = "\r" if b"\n" not in sample and b"\r" in sample else "\n"
    return open(path, encoding=encoding, newline=newline)


def _read(path, encoding, prefixes, skip_bad, progress, renames, scratch) -> FecScan:
    name = Path(path).name
    scan = _Scan(name, prefixes, skip_bad, scratch)
    with open_lines(path, encoding) as handle:
        layout = _layout(name, handle.readline(), renames)
        scan.run(layout, handle, os.path.getsize(path), progress)
    if not scan.customer_count and not scan.rejected:
        # Importing it would close every open invoice: surely the wrong file or prefix.
        raise BadInput(name, 1, "CompteNum", _no_customer_message(path, encoding, layout, prefixes))
    bad_entries = scan.finish(lambda keys: _first_lines(path, encoding, layout, keys))
    if bad_entries:
        scratch.drop_entries(bad_entries)
    numbered = scratch.any_number(is_placeholder_number)
    kept = scratch.count()
    unallocated = scratch.take_unallocated()
    scratch.mark_credit_notes()
    head = FecLedger(
        unallocated_lines=[number for number, _ in unallocated],
        unallocated_cents=sum(amount for _, amount in unallocated),
        lines=scan.lines,
        receivable_lines=kept - len(unallocated),
        encoding=encoding,
        separator=layout.separator,
    )
    if bad_entries or scan.rejected:
        head.rejects = _collect_rejects(path, encoding, layout, scan.rejected, bad_entries)
    refs = (
        ReferenceUses(scratch.shared_references(numbered, credit_notes=False)),
        ReferenceUses(scratch.shared_references(numbered, credit_notes=True)),
    )
    return FecScan(scratch, head, numbered, refs, scratch.customer_count())


def _layout(name: str, header: str, renames: Mapping[str, str] | None = None) -> _Layout:
    """Find the separator and the columns from the header line."""
    header = header.rstrip("\r\n")
    if not header.strip():
        raise BadInput(name, 1, None, Message("import.empty_fec"))
    separator = detect_separator(header, "\t|;")
    if separator is None:
        raise BadInput(name, 1, None, Message("import.no_separator"))
    names = [header_key(cell) for cell in _split(header, separator)]
    while names and not names[-1]:  # a trailing separator
        names.pop()
    known = {**_KNOWN, **(renames or {})}
    index: dict[str, int] = {}
    for i, key in enumerate(names):
        if key in known:
            index.setdefault(known[key], i)
    if "Debit" in index and "Credit" in index:
        amounts = "debit_credit"
    elif "Montant" in index:
        amounts = "direction" if "Sens" in index else "signed"
    else:
        raise BadInput(name, 1, None, Message("import.no_amounts"))
    for column in REQUIRED:
        if column not in index:
            raise BadInput(name, 1, column, Message("import.missing_column"))
    return _Layout(separator, len(names), index, amounts)


def _split(line: str, separator: str) -> list[str]:
    """Split one line: backslash escapes (Tryton) read as the character, quoted cells unquoted."""
    if "\\" in line:
        return _split_escaped(line, separator)
    if '"' in line:
        try:
            return next(csv.reader([line], delimiter=separator))
        except csv.Error as exc:  # a cell over 128 KiB: no accounting export has one
            raise ValueError(f"not a readable line ({exc})") from None
    return line.split(separator)


def _split_escaped(line: str, separator: str) -> list[str]:
    """``\\"``, ``\\\\``, ``\\|`` and an escaped separator stand for the character itself."""
    cells, cell, chars = [], [], iter(line)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            if following in _ESCAPED or following == separator:
                cell.append(following)
            else:
                cell.append(char + following)
        elif char == separator:
            cells.append("".join(cell))
            cell = []
        else:
            cell.append(char)
    cells.append("".join(cell))
    return cells


class _Scan:
    """The streaming pass: entry balances, revenue entries and customer lines.

    Customer lines and sales documents go to the scratch file in batches. An
    entry's running balance is kept only while its lines do not add up: once
    they do, it is forgotten (should the entry come back further down, its
    new lines must balance by themselves, which is the same check), so on the
    usual file, where an entry's lines follow each other, the balances held
    are a handful whatever the file's size. The first line of an entry that
    does not balance, which the message names, is found again by reading the
    file once more, on that error only.
    """

    def __init__(self, name: str, prefixes: tuple[str, ...], skip_bad: bool, scratch: LineScratch):
        self.name = name
        self.prefixes = prefixes
        self.skip_bad = skip_bad
        self.scratch = scratch
        self.balance: dict[tuple[str, str], int] = {}
        #: Documents (journal, number, date as written) with a line on a sales account.
        self.sales: list[tuple[str, str, str]] = []
        #: Customer lines not yet in the scratch file (rows in LINE_COLUMNS order).
        self.customer_lines: list[tuple] = []
        self.customer_count = 0
        self.rejected: dict[int, str] = {}
        self.columns: tuple[int, ...] = ()
        self.pad_to: int | None = None
        self.journals: dict[str, str] = {}
        self.bad_entries: dict[tuple[str, str], str] = {}
        self.lines = 0

    def run(self, layout: _Layout, handle, total: int, progress: Progress | None) -> None:
        """Read every data line; kept in one function because it runs a million times."""
        col = layout.index
        sep, width, mode = layout.separator, layout.width, layout.amounts
        i_journal, i_num, i_acct = col["JournalCode"], col["EcritureNum"], col["CompteNum"]
        # Present whenever ``mode`` reads them (the layout chose the mode from the header).
        i_debit, i_credit = col.get("Debit", -1), col.get("Credit", -1)
        i_amount, i_sens = col.get("Montant", -1), col.get("Sens", -1)
        i_posted = col["EcritureDate"]
        balance, sales = self.balance, self.sales
        self.prepare(layout)
        customer_line = self._customer_line
        prefixes = self.prefixes
        zeros = ZERO_SPELLINGS
        journals = self.journals
        last_sale = None
        done = 0
        lineno = 1
        for lineno, raw in enumerate(handle, 2):
            if progress is not None:
                done += len(raw)
                if not lineno % PROGRESS_EVERY:
                    progress(done, total)
            if not lineno % SPILL_EVERY:
                self.spill()
            line = raw.rstrip("\r\n")
            try:
                quoted = '"' in line or "\\" in line
                fields = _split(line, sep) if quoted else line.split(sep)
            except ValueError as exc:  # a quoted cell over the csv module's size limit
                self._bad(lineno, None, None, str(exc))
                continue
            if len(fields) < width:
                if not line.strip(" \t\x1a"):  # blank lines, or a DOS end-of-file mark
                    continue
                missing = width - len(fields)
                message = Message(
                    "import.short_row", {"cells": len(fields), "width": width, "missing": missing}
                )
                self._bad(lineno, None, None, message)
                continue
            key = (journals.setdefault(fields[i_journal], fields[i_journal]), fields[i_num])
            column = "Debit"
            try:
                if mode == "debit_credit":
                    # Half the amount cells of a ledger are zero, most others "1234,56":
                    # both are read here, without a call; parse_cents takes the rest.
                    text = fields[i_debit]
                    if text in zeros:
                        amount = 0
                    else:
                        units, _, cents = text.replace(".", ",").partition(",")
                        if len(cents) == 2 and units.isdigit() and cents.isdigit():
                            amount = int(units + cents) if text.isascii() else parse_cents(text)
                        else:
                            amount = parse_cents(text)
                    column = "Credit"
                    text = fields[i_credit]
                    if text not in zeros:
                        units, _, cents = text.replace(".", ",").partition(",")
                        if len(cents) == 2 and units.isdigit() and cents.isdigit():
                            amount -= int(units + cents) if text.isascii() else parse_cents(text)
                        else:
                            amount -= parse_cents(text)
                else:
                    column = "Montant"
                    amount = parse_cents(fields[i_amount])
                    if mode == "direction":
                        column = "Sens"
                        amount = _apply_direction(amount, fields[i_sens])
                if not -MAX_CENTS <= amount <= MAX_CENTS:  # the fast paths above skip the bound
                    check_bound(amount, f"{amount // 100},{amount % 100:02d}")
                known = balance.get(key, 0) + amount
                if known:
                    balance[key] = known
                elif key in balance:  # the entry balances so far: forget it
                    del balance[key]
                account = fields[i_acct].strip()
                if account.startswith(prefixes):
                    customer_line(lineno, key, fields, amount)
                elif account[:2] == SALES_PREFIX:
                    document = (key[0], key[1], fields[i_posted])
                    if document != last_sale:
                        sales.append(document)
                        last_sale = document
            except ValueError as exc:
                self._bad(lineno, getattr(exc, "column", column), key, said(exc))
        self.lines = max(lineno - 1, 0)
        self.spill()
        if progress is not None:
            progress(total, total)

    def spill(self) -> None:
        """Hand the rows gathered so far to the scratch file."""
        scratch = self.scratch
        if self.customer_lines:
            self.customer_count += len(self.customer_lines)
            scratch.add_lines(self.customer_lines)
            self.customer_lines.clear()
        if self.sales:
            scratch.add_sales(self.sales)
            self.sales.clear()

    def _customer_line(self, lineno, key, fields, amount) -> None:
        if self.pad_to is not None:  # a file without some optional column: read it as empty
            fields = fields[: self.pad_to] + [""]
        (
            i_posted,
            i_account,
            i_issued,
            i_aux,
            i_aux_name,
            i_name,
            i_ref,
            i_letter,
            i_label,
            i_due,
        ) = self.columns
        column = "EcritureDate"
        try:
            written = fields[i_posted]
            posted = _cached_date(written)
            column = "PieceDate"
            piece_date = fields[i_issued]
            issued = _cached_date(piece_date) if piece_date.strip() else posted
            column = DUE_DATE
            due_text = fields[i_due]
            due = _cached_date(due_text) if due_text.strip() else None
        except ValueError as exc:
            raise _ColumnError(column, exc) from None
        account = fields[i_account].strip()
        aux = fields[i_aux].strip()
        if aux:
            customer, name = aux, fields[i_aux_name].strip() or fields[i_name].strip()
        else:
            customer, name = account, fields[i_name].strip()
        self.customer_lines.append(
            (
                lineno, key[0], key[1], written, posted.toordinal(),
                min(issued, posted).toordinal(), None if due is None else due.toordinal(),
                _safe(customer), name, account, bool(aux), _safe(fields[i_ref].strip()),
                _safe(fields[i_label].strip()), amount, _safe(fields[i_letter].strip()),
            )
        )  # fmt: skip

    def prepare(self, layout: _Layout) -> None:
        """Column positions for customer lines; absent optional columns read as empty."""
        col = layout.index
        names: tuple[str, ...] = ("EcritureDate", "CompteNum", "PieceDate", "CompAuxNum")
        names += ("CompAuxLib", "CompteLib", "PieceRef", "EcritureLet", "EcritureLib", DUE_DATE)
        self.columns = tuple(col.get(name, layout.width) for name in names)
        self.pad_to = layout.width if any(name not in col for name in names) else None

    def _bad(self, lineno: int, column: str | None, key, message: str | Message) -> None:
        if not self.skip_bad:
            raise BadInput(self.name, lineno, column, message)
        self.rejected[lineno] = BadInput(self.name, lineno, column, message).reason
        if key is not None:
            self.bad_entries.setdefault(key, f"entry rejected with line {lineno}")

    def finish(self, first_lines: Callable[[set], dict]) -> dict[tuple[str, str], str]:
        """Check that every entry balances; return the entries left out, with why.

        They are told in the order of their first line (``first_lines`` finds
        them in the file), as the file shows them.
        """
        totals = {
            key: total
            for key, total in self.balance.items()
            if total and key not in self.bad_entries
        }
        firsts = first_lines(set(totals)) if totals else {}
        for first, key in sorted((firsts[key], key) for key in totals):
            total = totals[key]
            journal, number = key
            side = "import.debits_exceed" if total > 0 else "import.credits_exceed"
            message = Message(
                "import.unbalanced",
                {
                    "number": number.strip(),
                    "journal": journal.strip(),
                    "side": Message(side),
                    "amount_cents": abs(total),
                },
            )
            self._bad(first, "EcritureNum", key, message)
            self.bad_entries[key] = str(message)
        return self.bad_entries


class _ColumnError(ValueError):
    """A value error that knows which column it came from."""

    def __init__(self, column: str, exc: Exception):
        super().__init__(str(exc))
        self.column = column
        if isinstance(getattr(exc, "code", None), str):  # keep the cause's code: it is worded
            self.code, self.params = exc.code, exc.params  # type: ignore[attr-defined]


_DATES: dict[str, date] = {}


def _cached_date(text: str) -> date:
    """Dates repeat a lot in a ledger: parse each spelling once."""
    found = _DATES.get(text)
    if found is None:
        found = parse_date(text)
        if len(_DATES) < 100_000:
            _DATES[text] = found
    return found


def _apply_direction(amount: int, direction: str) -> int:
    word = header_key(direction)
    if word in _DEBIT_WORDS:
        return amount
    if word in _CREDIT_WORDS:
        return -amount
    raise BadValue("import.direction", text=repr(direction))


def _no_customer_message(path, encoding: str, layout: _Layout, prefixes) -> Message:
    """Why nothing was found, and what to pass instead when the file shows it.

    Generic charts (Odoo's 121000, Tryton's 4967) keep customers elsewhere
    than 411: the account whose lines name a customer (CompAuxNum) and are
    debited against a credit that is not a bank or cash account (a sale, an
    opening balance) is the receivables account.
    """
    accounts = ", ".join(f"{prefix}..." for prefix in prefixes)
    found = _customer_debit_account(path, encoding, layout)
    if found is None:
        return Message("import.no_customer", {"accounts": accounts})
    return Message("import.customers_elsewhere", {"accounts": accounts, "found": found})


def _customer_debit_account(path, encoding: str, layout: _Layout) -> str | None:
    col = layout.index
    if "CompAuxNum" not in col or layout.amounts != "debit_credit":
        return None
    i_journal, i_num, i_account = col["JournalCode"], col["EcritureNum"], col["CompteNum"]
    i_aux, i_debit, i_credit = col["CompAuxNum"], col["Debit"], col["Credit"]
    entries: dict[tuple[str, str], list[tuple[str, bool, bool]]] = {}
    with open_lines(path, encoding) as handle:
        handle.readline()
        for raw in handle:
            fields = _split(raw.rstrip("\r\n"), layout.separator)
            if len(fields) < layout.width:
                continue
            try:
                debit = parse_cents(fields[i_debit]) > parse_cents(fields[i_credit])
            except ValueError:
                continue
            line = (fields[i_account].strip(), bool(fields[i_aux].strip()), debit)
            entries.setdefault((fields[i_journal], fields[i_num]), []).append(line)
    votes: dict[str, int] = {}
    for lines in entries.values():
        countered = any(not d and not a and acct[:1] != "5" for acct, a, d in lines)
        for account, has_aux, debit in lines:
            if has_aux and debit and countered:
                votes[account] = votes.get(account, 0) + 1
    return max(votes, key=lambda account: (votes[account], account)) if votes else None


# -- rejects -----------------------------------------------------------------


def _first_lines(path, encoding, layout: _Layout, keys: set) -> dict[tuple[str, str], int]:
    """The first line of each of these entries (journal, number as written): a second pass."""
    found: dict[tuple[str, str], int] = {}
    col = layout.index
    i_journal, i_num = col["JournalCode"], col["EcritureNum"]
    with open_lines(path, encoding) as handle:
        handle.readline()
        for lineno, raw in enumerate(handle, 2):
            try:
                fields = _split(raw.rstrip("\r\n"), layout.separator)
            except ValueError:
                continue
            if len(fields) < layout.width:
                continue
            key = (fields[i_journal], fields[i_num])
            if key in keys and key not in found:
                found[key] = lineno
                if len(found) == len(keys):
                    break
    return found


def _collect_rejects(path, encoding, layout, rejected, bad_entries) -> list[Reject]:
    """Second pass, only when something was rejected: every line of each entry left out."""
    rejects = []
    col = layout.index
    with open_lines(path, encoding) as handle:
        handle.readline()
        for lineno, raw in enumerate(handle, 2):
            reason = rejected.get(lineno)
            if reason is None and bad_entries:
                fields = _split(raw.rstrip("\r\n"), layout.separator)
                if len(fields) >= layout.width:
                    reason = bad_entries.get(
                        (fields[col["JournalCode"]], fields[col["EcritureNum"]])
                    )
                    reason = reason and f"line {lineno}: {reason}"
            if reason is not None:
                rejects.append(Reject(lineno, reason))
    return rejects


def write_rejects(
    source: str | os.PathLike, rejects: list[Reject], out: IO[str], encoding: str
) -> None:
    """Write to ``out`` the header and each rejected line as it was, followed by its reason.

    The reason goes in an extra ``Motif`` column, which the importer ignores,
    so the file can be corrected and imported as it is. ``out`` comes from
    :func:`callcenter.output_files.output_file` (never written in place).
    """
    wanted = {r.line: r.reason for r in rejects}
    with open_lines(source, encoding) as handle:
        header = handle.readline().rstrip("\r\n")
        separator = detect_separator(header, "\t|;") or "\t"
        out.write(f"{header.rstrip(separator)}{separator}Motif\n")
        for lineno, raw in enumerate(handle, 2):
            reason = wanted.get(lineno)
            if reason is not None:
                out.write(f"{raw.rstrip(chr(13) + chr(10))}{separator}{_one_line(reason)}\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _safe(text: str) -> str:
    """Text from the file without anything a terminal would act on (cheap when plain)."""
    return text if text.isprintable() else clean(text)

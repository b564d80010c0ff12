"""Reading a FEC (Fichier des Écritures Comptables) into debtors, invoices and payments.

The FEC is the one export every French accounting package must produce, so
it is the natural way in for a firm's receivables. The file is read in one
streaming pass that keeps only what the receivables need (the customer
lines, the balance of every entry and which entries touch a revenue
account); the open amount of each invoice is then worked out customer by
customer:

1. Debit lines of a customer sharing a reference (PieceRef, else
   EcritureNum) form one invoice; its issue date is PieceDate, else
   EcritureDate, and its due date the issue date plus the payment terms.
2. A credit line is a credit note when its entry touches a revenue account
   (class 7), otherwise a payment (bank, cash, or any other settlement).
3. Lines sharing a lettering code (EcritureLet) are matched first: the
   group's credits settle the group's debits, oldest first; a fully matched
   group is closed.
4. A credit whose PieceRef is the number of an open invoice (packages that
   do not letter often reference the invoice paid) settles that invoice.
5. Credits still unmatched settle the oldest open invoices.
6. What is left of a credit note stays on it as a negative open amount;
   what is left of payments is kept on one ``NON-IMPUTE`` line per customer
   (amount 0, negative open amount), so that for every customer the open
   amounts add up to debits minus credits on its receivable lines.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from callcenter.domain.models import Debtor, Invoice, Payment
from callcenter.domain.money import format_amount
from callcenter.domain.text import clean
from callcenter.importers.common import (
    FALLBACK_ENCODING,
    detect_encoding,
    detect_separator,
    header_key,
    no_cyclic_gc,
    parse_cents,
    parse_date,
)
from callcenter.importers.errors import BadInput, Reject

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
REQUIRED = ("JournalCode", "EcritureNum", "EcritureDate", "CompteNum")
DEFAULT_PREFIXES = ("411",)
#: The line that carries a customer's unallocated payments.
UNAPPLIED = "NON-IMPUTE"
PROGRESS_EVERY = 1 << 14
#: How packages write an empty amount, padded ones included: such cells are not parsed.
ZERO_SPELLINGS = frozenset(
    {"", "0", "0,00", "0.00"}
    | {"0" * n + ",00" for n in range(2, 16)}
    | {"0" * n + ".00" for n in range(2, 16)}
)
_KNOWN = {header_key(name): name for name in FEC_COLUMNS + AMOUNT_AND_DIRECTION}
_DEBIT_WORDS = frozenset({"d", "debit", "+", "+1", "1"})
_CREDIT_WORDS = frozenset({"c", "credit", "-", "-1"})

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class FecLedger:
    """What a FEC says about the receivables, ready for the store."""

    debtors: list[Debtor] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    #: Lettering codes of each invoice, keyed by (debtor code, number).
    lettering: dict[tuple[str, str], str] = field(default_factory=dict)
    payments: list[Payment] = field(default_factory=list)
    #: Debits minus credits on each customer's receivable lines.
    balances: dict[str, int] = field(default_factory=dict)
    lines: int = 0
    receivable_lines: int = 0
    rejects: list[Reject] = field(default_factory=list)
    encoding: str = ""
    separator: str = ""


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where the columns are in this file and how its amounts are written."""

    separator: str
    width: int
    index: dict[str, int]
    amounts: str  # "debit_credit", "direction" (Montant + Sens) or "signed" (Montant)


@dataclass(slots=True)
class _Line:
    """One line on a customer account, kept for the second stage."""

    number: int
    entry: tuple[str, str]
    customer: str
    name: str
    ref: str
    posted: date
    issued: date
    amount: int  # debit minus credit
    letter: str


class _Debit:
    __slots__ = ("line", "invoice", "issued", "open")

    def __init__(self, line: _Line, invoice: str):
        self.line, self.invoice, self.issued, self.open = line, invoice, line.issued, line.amount


class _Credit:
    __slots__ = ("line", "target", "credit_note", "left")

    def __init__(self, line: _Line, target: str, credit_note: bool):
        self.line, self.target, self.credit_note = line, target, credit_note
        self.left = -line.amount


def read_fec(
    path: str | os.PathLike,
    *,
    terms_days: int = 30,
    client_terms: Mapping[str, int] | None = None,
    prefixes: tuple[str, ...] = DEFAULT_PREFIXES,
    skip_bad: bool = False,
    progress: Progress | None = None,
) -> FecLedger:
    """Read the FEC at ``path``; raise :class:`BadInput` on the first bad line.

    With ``skip_bad`` a bad line is left out together with the rest of its
    entry (an entry imported in part would no longer balance) and listed in
    ``rejects``. ``client_terms`` holds payment terms set per client, which
    win over ``terms_days``.
    """
    encoding = detect_encoding(path)
    with no_cyclic_gc():
        while True:
            try:
                return _read(
                    path, encoding, terms_days, client_terms or {}, prefixes, skip_bad, progress
                )
            except UnicodeDecodeError:
                # The sample looked like UTF-8 but a later byte is not: an 8-bit file.
                encoding = FALLBACK_ENCODING[encoding]


def _read(path, encoding, terms_days, client_terms, prefixes, skip_bad, progress) -> FecLedger:
    name = Path(path).name
    scan = _Scan(name, prefixes, skip_bad)
    with open(path, encoding=encoding) as handle:
        layout = _layout(name, handle.readline())
        scan.run(layout, handle, os.path.getsize(path), progress)
    ledger = FecLedger(encoding=encoding, separator=layout.separator, lines=scan.lines)
    if not scan.customer_lines and not scan.rejected:
        # Importing it would close every open invoice: surely the wrong file or prefix.
        accounts = ", ".join(f"{prefix}..." for prefix in prefixes)
        message = f"no line on a customer account ({accounts}): is this the right file?"
        raise BadInput(name, 1, "CompteNum", message)
    bad_entries = scan.finish()
    if bad_entries or scan.rejected:
        ledger.rejects = _collect_rejects(path, encoding, layout, scan.rejected, bad_entries)
    _settle(ledger, scan, bad_entries, terms_days, client_terms)
    return ledger


def _layout(name: str, header: str) -> _Layout:
    """Find the separator and the columns from the header line."""
    header = header.rstrip("\r\n")
    if not header.strip():
        raise BadInput(name, 1, None, "empty file: expected the FEC header line")
    separator = detect_separator(header, "\t|;")
    if separator is None:
        raise BadInput(name, 1, None, "no tab, | or ; separator in the header line")
    names = [header_key(cell) for cell in _split(header, separator)]
    while names and not names[-1]:  # a trailing separator
        names.pop()
    index = {_KNOWN[key]: i for i, key in enumerate(names) if key in _KNOWN}
    if "Debit" in index and "Credit" in index:
        amounts = "debit_credit"
    elif "Montant" in index:
        amounts = "direction" if "Sens" in index else "signed"
    else:
        raise BadInput(name, 1, None, "missing amount columns: expected Debit and Credit")
    for column in REQUIRED:
        if column not in index:
            raise BadInput(name, 1, column, "missing column in the header line")
    return _Layout(separator, len(names), index, amounts)


def _split(line: str, separator: str) -> list[str]:
    """Split one line; quoted cells (seen in ``;`` exports from spreadsheets) are unquoted."""
    if '"' in line:
        return next(csv.reader([line], delimiter=separator))
    return line.split(separator)


class _Scan:
    """The streaming pass: entry balances, revenue entries and customer lines."""

    def __init__(self, name: str, prefixes: tuple[str, ...], skip_bad: bool):
        self.name = name
        self.prefixes = prefixes
        self.skip_bad = skip_bad
        self.balance: dict[tuple[str, str], int] = {}
        self.first_line: dict[tuple[str, str], int] = {}
        self.revenue: set[tuple[str, str]] = set()
        self.customer_lines: list[_Line] = []
        self.rejected: dict[int, str] = {}
        self.columns: tuple[int, ...] = ()
        self.pad_to: int | None = None
        self.shared: dict[str, str] = {}
        self.bad_entries: dict[tuple[str, str], str] = {}
        self.lines = 0

    def run(self, layout: _Layout, handle, total: int, progress: Progress | None) -> None:
        """Read every data line; kept in one function because it runs a million times."""
        col = layout.index
        sep, width, mode = layout.separator, layout.width, layout.amounts
        i_journal, i_num, i_acct = col["JournalCode"], col["EcritureNum"], col["CompteNum"]
        i_debit, i_credit = col.get("Debit"), col.get("Credit")
        i_amount, i_sens = col.get("Montant"), col.get("Sens")
        balance, first_line, revenue = self.balance, self.first_line, self.revenue
        self.prepare(layout)
        customer_line = self._customer_line
        prefixes = self.prefixes
        zeros = ZERO_SPELLINGS
        journals = self.shared
        done = 0
        lineno = 1
        for lineno, raw in enumerate(handle, 2):
            if progress is not None:
                done += len(raw)
                if not lineno % PROGRESS_EVERY:
                    progress(done, total)
            line = raw.rstrip("\r\n")
            fields = line.split(sep) if '"' not in line else _split(line, sep)
            if len(fields) < width:
                if not line.strip(" \t\x1a"):  # blank lines, or a DOS end-of-file mark
                    continue
                self._bad(
                    lineno, None, None, f"expected {width} fields, found {len(fields)} (cut line?)"
                )
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
                known = balance.get(key)
                if known is None:
                    first_line[key] = lineno
                    balance[key] = amount
                else:
                    balance[key] = known + amount
                account = fields[i_acct].strip()
                if account.startswith(prefixes):
                    customer_line(lineno, key, fields, amount)
                elif account[:1] == "7":
                    revenue.add(key)
            except ValueError as exc:
                self._bad(lineno, getattr(exc, "column", column), key, str(exc))
        self.lines = max(lineno - 1, 0)
        if progress is not None:
            progress(total, total)

    def _customer_line(self, lineno, key, fields, amount) -> None:
        if self.pad_to is not None:  # a file without some optional column: read it as empty
            fields = fields[: self.pad_to] + [""]
        i_posted, i_account, i_issued, i_aux, i_aux_name, i_name, i_ref, i_letter = self.columns
        column = "EcritureDate"
        try:
            posted = _cached_date(fields[i_posted])
            column = "PieceDate"
            piece_date = fields[i_issued]
            issued = _cached_date(piece_date) if piece_date.strip() else posted
        except ValueError as exc:
            raise _ColumnError(column, exc) from None
        aux = fields[i_aux].strip()
        if aux:
            customer, name = aux, fields[i_aux_name].strip() or fields[i_name].strip()
        else:
            customer, name = fields[i_account].strip(), fields[i_name].strip()
        ref = fields[i_ref].strip()
        shared = self.shared  # one string per customer and name, not one per line
        customer = shared.setdefault(customer, customer)
        self.customer_lines.append(
            _Line(lineno, key, _safe(customer), shared.setdefault(name, name), _safe(ref),
                  posted, issued, amount, _safe(fields[i_letter].strip()))
        )  # fmt: skip

    def prepare(self, layout: _Layout) -> None:
        """Column positions for customer lines; absent optional columns read as empty."""
        col = layout.index
        names = ("EcritureDate", "CompteNum", "PieceDate", "CompAuxNum", "CompAuxLib")
        names += ("CompteLib", "PieceRef", "EcritureLet")
        self.columns = tuple(col.get(name, layout.width) for name in names)
        self.pad_to = layout.width if any(name not in col for name in names) else None

    def _bad(self, lineno: int, column: str | None, key, message: str) -> None:
        if not self.skip_bad:
            raise BadInput(self.name, lineno, column, message)
        self.rejected[lineno] = BadInput(self.name, lineno, column, message).reason
        if key is not None:
            self.bad_entries.setdefault(key, f"entry rejected with line {lineno}")

    def finish(self) -> dict[tuple[str, str], str]:
        """Check that every entry balances; return the entries left out, with why."""
        for key, total in self.balance.items():
            if total == 0 or key in self.bad_entries:
                continue
            journal, number = key
            side = "debits exceed credits" if total > 0 else "credits exceed debits"
            message = (
                f"entry {number.strip()} of journal {journal.strip()} does not balance:"
                f" {side} by {format_amount(abs(total))}"
            )
            self._bad(self.first_line[key], "EcritureNum", key, message)
            self.bad_entries[key] = message
        return self.bad_entries


class _ColumnError(ValueError):
    """A value error that knows which column it came from."""

    def __init__(self, column: str, exc: Exception):
        super().__init__(str(exc))
        self.column = column


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
    raise ValueError(f"not a direction (D for debit, C for credit): {direction!r}")


# -- rejects -----------------------------------------------------------------


def _collect_rejects(path, encoding, layout, rejected, bad_entries) -> list[Reject]:
    """Second pass, only when something was rejected: every line of each entry left out."""
    rejects = []
    col = layout.index
    with open(path, encoding=encoding) as handle:
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
    source: str | os.PathLike, rejects: list[Reject], out: TextIO, encoding: str
) -> None:
    """Write to ``out`` the header and each rejected line as it was, followed by its reason.

    The reason goes in an extra ``Motif`` column, which the importer ignores,
    so the file can be corrected and imported as it is. ``out`` comes from
    :func:`callcenter.output_files.output_file` (never written in place).
    """
    wanted = {r.line: r.reason for r in rejects}
    with open(source, encoding=encoding) as handle:
        header = handle.readline().rstrip("\r\n")
        separator = detect_separator(header, "\t|;") or "\t"
        out.write(f"{header.rstrip(separator)}{separator}Motif\n")
        for lineno, raw in enumerate(handle, 2):
            reason = wanted.get(lineno)
            if reason is not None:
                out.write(f"{raw.rstrip(chr(13) + chr(10))}{separator}{_one_line(reason)}\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- open amounts ------------------------------------------------------------


def _settle(ledger, scan, bad_entries, terms_days, client_terms) -> None:
    """Turn the customer lines into debtors, invoices and payments, customer by customer."""
    by_customer: dict[str, list[_Line]] = {}
    for line in scan.customer_lines:
        if bad_entries and line.entry in bad_entries:
            continue
        by_customer.setdefault(line.customer, []).append(line)
    ledger.receivable_lines = sum(len(lines) for lines in by_customer.values())
    for code, lines in by_customer.items():
        name = next((line.name for line in lines if line.name), code)
        ledger.debtors.append(Debtor(code=code, name=_safe(name) or code))
        terms = timedelta(days=client_terms.get(code, terms_days))
        _settle_customer(ledger, code, lines, scan.revenue, terms)


def _safe(text: str) -> str:
    """Text from the file without anything a terminal would act on (cheap when plain)."""
    return text if text.isprintable() else clean(text)


def _settle_customer(ledger, code, lines, revenue, terms) -> None:
    debits, credits = _items(lines, revenue)
    _match_lettered(debits, credits)
    _match_references(debits, credits)
    pending = sorted((c for c in credits if c.left), key=lambda c: (c.line.posted, c.line.number))
    _allocate(pending, [d for d in debits if d.open])
    ledger.balances[code] = sum(line.amount for line in lines)
    ledger.invoices.extend(_invoices(ledger, code, debits, terms))
    ledger.invoices.extend(_credit_notes(ledger, code, credits))
    ledger.payments.extend(_payments(code, credits))
    unapplied = sum(c.left for c in credits if not c.credit_note)
    if unapplied:
        last = max(c.line.posted for c in credits if not c.credit_note)
        ledger.invoices.append(Invoice(code, UNAPPLIED, last, last, 0, -unapplied))


def _items(lines: list[_Line], revenue) -> tuple[list[_Debit], list[_Credit]]:
    invoice_numbers = {line.ref or line.entry[1].strip() for line in lines if line.amount > 0}
    debits, credits = [], []
    for line in lines:
        number = line.ref or line.entry[1].strip()
        if line.amount > 0:
            debits.append(_Debit(line, number))
        elif line.amount < 0 and line.entry in revenue:
            credits.append(_Credit(line, _credit_note_number(number, invoice_numbers), True))
        elif line.amount < 0:
            credits.append(_Credit(line, _payment_reference(line), False))
    debits.sort(key=lambda d: (d.issued, d.invoice, d.line.number))
    return debits, credits


def _credit_note_number(number: str, invoice_numbers: set[str]) -> str:
    """Some packages give a credit note the number of the invoice it cancels."""
    return f"{number}-AV" if number in invoice_numbers else number


def _payment_reference(line: _Line) -> str:
    """Journal and entry number (unique and stable across exports), then the piece."""
    journal, number = line.entry[0].strip(), line.entry[1].strip()
    own = f"{journal}-{number}"
    return f"{own} {line.ref}" if line.ref and line.ref != number else own


def _match_lettered(debits: list[_Debit], credits: list[_Credit]) -> None:
    groups: dict[str, tuple[list[_Debit], list[_Credit]]] = {}
    for debit in debits:
        if debit.line.letter:
            groups.setdefault(debit.line.letter, ([], []))[0].append(debit)
    for credit in credits:
        if credit.line.letter:
            groups.setdefault(credit.line.letter, ([], []))[1].append(credit)
    for group_debits, group_credits in groups.values():
        group_credits.sort(key=lambda c: (c.line.posted, c.line.number))
        _allocate(group_credits, group_debits)


def _match_references(debits: list[_Debit], credits: list[_Credit]) -> None:
    """A credit whose PieceRef is the number of an open invoice settles that invoice first."""
    open_by_number: dict[str, list[_Debit]] = {}
    for debit in debits:
        if debit.open:
            open_by_number.setdefault(debit.invoice, []).append(debit)
    if not open_by_number:
        return
    for credit in sorted(credits, key=lambda c: (c.line.posted, c.line.number)):
        if credit.left and credit.line.ref in open_by_number:
            _allocate([credit], open_by_number[credit.line.ref])


def _allocate(credits: list[_Credit], debits: list[_Debit]) -> None:
    """Settle the debits in order with the credits in order (both oldest first)."""
    index = 0
    for credit in credits:
        while credit.left and index < len(debits):
            debit = debits[index]
            taken = min(debit.open, credit.left)
            debit.open -= taken
            credit.left -= taken
            if not debit.open:
                index += 1


def _invoices(ledger, code, debits, terms) -> Iterator[Invoice]:
    grouped: dict[str, list[_Debit]] = {}
    for debit in debits:
        grouped.setdefault(debit.invoice, []).append(debit)
    for number, parts in grouped.items():
        if len(parts) == 1:  # the usual case, kept cheap
            only = parts[0]
            issued, amount, still_open = only.issued, only.line.amount, only.open
            letters = only.line.letter
        else:
            issued = min(p.issued for p in parts)
            amount = sum(p.line.amount for p in parts)
            still_open = sum(p.open for p in parts)
            letters = ",".join(sorted({p.line.letter for p in parts if p.line.letter}))
        if letters:
            ledger.lettering[(code, number)] = letters
        yield Invoice(code, number, issued, issued + terms, amount, still_open)


def _credit_notes(ledger, code: str, credits: list[_Credit]) -> Iterator[Invoice]:
    grouped: dict[str, list[_Credit]] = {}
    for credit in credits:
        if credit.credit_note:
            grouped.setdefault(credit.target, []).append(credit)
    for number, parts in grouped.items():
        issued = min(p.line.issued for p in parts)
        letters = sorted({p.line.letter for p in parts if p.line.letter})
        if letters:
            ledger.lettering[(code, number)] = ",".join(letters)
        yield Invoice(
            debtor_code=code,
            number=number,
            issue_date=issued,
            due_date=issued,
            amount_cents=sum(p.line.amount for p in parts),
            open_cents=-sum(p.left for p in parts),
        )


def _payments(code: str, credits: list[_Credit]) -> Iterator[Payment]:
    grouped: dict[str, list[_Credit]] = {}
    for credit in credits:
        if not credit.credit_note:
            grouped.setdefault(credit.target, []).append(credit)
    for reference, parts in grouped.items():
        if len(parts) == 1:
            yield Payment(code, reference, parts[0].line.posted, -parts[0].line.amount)
        else:
            paid_on = min(p.line.posted for p in parts)
            yield Payment(code, reference, paid_on, -sum(p.line.amount for p in parts))

"""From a FEC's customer lines to invoices, credit notes, payments and what is still open.

The rules are the accountant's, for the files real packages write:

1. An invoice is an entry, not a reference string: a customer's debit lines
   of one document (JournalCode + EcritureNum + EcritureDate) are one
   invoice (split due dates included). Where one entry carries debits with
   different references or labels (batch exports), each is its own invoice;
   in a file that numbers no entry (EcritureNum ``0`` everywhere) every
   debit line is one.
2. Its number is PieceRef when PieceRef names this one invoice in the file
   and is not a placeholder (``-``, ``/``, empty, zeros, ``sans``, ``No
   Reference``, a journal folio shared by many entries); else EcritureNum
   when no other invoice of the customer has it; else a number made from
   the entry, in parentheses (``(VE 00000012 2023-03-13)``) so that nobody
   reads it out as the client's invoice number.
3. A credit is a credit note when its document has a line on a sales
   account (70...), otherwise a payment.
4. Credits settle invoices as accountants match them: lettering
   (EcritureLet) first; then a credit whose PieceRef, EcritureNum or label
   quotes exactly one open invoice (its number, its entry number, or a
   document number in its label, as a whole word); the rest oldest first.
5. What is left of a credit note stays on it as a negative open amount;
   what is left of payments is kept on one ``NON-IMPUTE`` line per customer
   (amount 0, negative open amount), so that for every customer the open
   amounts add up to debits minus credits on its receivable lines.
6. On an account that tells customers apart by CompAuxNum, a line without
   one (an aggregated opening balance) belongs to nobody: it is counted as
   unallocated, never turned into a debtor.

Each invoice also gets its entry key, which the store uses to find it again
in a later export whatever its number became (see ``store/imports.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from callcenter.domain.models import Debtor, Invoice, Payment
from callcenter.domain.text import clean
from callcenter.importers.errors import Reject

#: The line that carries a customer's unallocated payments.
UNAPPLIED = "NON-IMPUTE"
#: PieceRef spellings that name no document (compared folded, padding removed).
PLACEHOLDER_REFS = frozenset({"", "-", "/", ".", "sans", "no reference", "n/a", "none", "neant"})
_LONGEST_PLACEHOLDER = max(map(len, PLACEHOLDER_REFS)) + 4
_ZEROS = re.compile(r"^[0\s.\-/]*$")
_DIGIT = re.compile(r"\d")
_WORD_BREAKS = re.compile(r"[\s,;:()\[\]{}<>\"'«»°#]+")
_DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$")
#: A quoted document number is at least this long (``2023`` yes, ``25`` in a date no).
MIN_QUOTED = 4


@dataclass(slots=True)
class CustomerLine:
    """One line on a receivable account, as settling its customer reads it.

    (The customer's code, name and account served earlier: see the scratch file.)
    """

    number: int
    journal: str
    num: str  # EcritureNum as written
    written: str  # EcritureDate as written: with journal and number, the document
    posted: date
    issued: date  # the earlier of PieceDate and EcritureDate
    due: date | None
    ref: str
    label: str
    amount: int  # debit minus credit
    letter: str


@dataclass(slots=True)
class FecLedger:
    """What a FEC says about the receivables, ready for the store."""

    debtors: list[Debtor] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    #: Lettering codes of each invoice, keyed by (debtor code, number).
    lettering: dict[tuple[str, str], str] = field(default_factory=dict)
    #: (debtor code, number) -> (entry key, the number the rules before entries gave).
    identity: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    payments: list[Payment] = field(default_factory=list)
    #: Debits minus credits on each customer's receivable lines.
    balances: dict[str, int] = field(default_factory=dict)
    #: Receivable lines that name no customer, and their total (debits minus credits).
    unallocated_lines: list[int] = field(default_factory=list)
    unallocated_cents: int = 0
    lines: int = 0
    receivable_lines: int = 0
    rejects: list[Reject] = field(default_factory=list)
    encoding: str = ""
    separator: str = ""

    def merge(self, piece: FecLedger) -> None:
        """Add what a batch of customers settled (see :func:`settle_customer`)."""
        self.invoices.extend(piece.invoices)
        self.payments.extend(piece.payments)
        self.lettering.update(piece.lettering)
        self.identity.update(piece.identity)
        self.balances.update(piece.balances)


class ReferenceUses(Counter):
    """How many invoices of the file carry each reference: the shared ones, 1 for the rest.

    Only references of the file's own invoices are looked up, so one the
    count does not hold is carried by exactly one.
    """

    def __missing__(self, key: str) -> int:
        return 1


def debtor(code: str, name: str) -> Debtor:
    """The debtor a customer's lines name: the first name they give, else the code."""
    return Debtor(code=code, name=_safe(name or code) or code)


def settle_customer(
    ledger: FecLedger,
    code: str,
    lines: list[CustomerLine],
    sales: set[tuple[str, str, str]],
    numbered: bool,
    refs: tuple[Counter, Counter],
    terms: timedelta,
) -> None:
    """Turn one customer's lines (in file order) into its invoices and payments in ``ledger``.

    ``sales`` holds the customer's documents with a line on a sales account,
    ``numbered`` whether the file numbers its entries and ``refs`` the
    reference uses of invoices and of credit notes over the whole file.
    """
    customer = _Customer(code, lines, sales, numbered)
    customer.give_numbers(*refs)
    customer.match()
    customer.emit(ledger, terms)


def is_placeholder_ref(text: str) -> bool:
    """``-``, ``sans``, ``0000000``...: a PieceRef that names no document."""
    if _ZEROS.match(text):
        return True
    return (
        len(text) <= _LONGEST_PLACEHOLDER and " ".join(text.split()).casefold() in PLACEHOLDER_REFS
    )


def is_placeholder_number(text: str) -> bool:
    """An EcritureNum that numbers nothing (empty, ``0``, ``000``)."""
    return bool(_ZEROS.match(text))


def _safe(text: str) -> str:
    return text if text.isprintable() else clean(text)


class _Unit:
    """One line of an invoice or a credit, with what is still to settle on it."""

    __slots__ = ("line", "order", "left", "quotes")

    def __init__(self, line: CustomerLine, dated: date):
        # No link back to its invoice: without reference cycles, a million of these are
        # freed as soon as the customer is done (the cycle collector is off during imports).
        self.line, self.order, self.left = line, (dated, line.number), abs(line.amount)
        #: The invoice a payment quotes (set when it settled it), for the dossier.
        self.quotes: _Group | None = None


class _Group:
    """One invoice or credit note: the lines of one document that belong together."""

    __slots__ = (
        "key",
        "lines",
        "units",
        "ref",
        "journal",
        "num",
        "number",
        "legacy",
        "generated",
        "entry_numbered",
    )

    def __init__(self, key: str, lines: list[CustomerLine]):
        first = lines[0]
        self.key, self.lines = key, lines
        self.units = [_Unit(line, line.issued) for line in lines]
        same_ref = len(lines) == 1 or all(line.ref == first.ref for line in lines)
        self.ref = first.ref if same_ref and not is_placeholder_ref(first.ref) else ""
        self.journal, self.num = first.journal.strip(), first.num.strip()
        self.entry_numbered = not is_placeholder_number(self.num)
        self.legacy = first.ref or self.num  # the number before entries told invoices apart
        self.number, self.generated = "", False

    @property
    def open(self) -> int:
        units = self.units
        if len(units) == 1:  # most invoices are one line: no generator for them
            return units[0].left
        return sum(unit.left for unit in units)

    def tokens(self) -> Iterator[str]:
        """What a payment may quote to name this invoice."""
        if not self.generated:
            yield _squeeze(self.number)
        if self.entry_numbered:
            yield self.num
        for line in self.lines:
            yield from _document_numbers(line.label)

    def summary(self) -> tuple[date, int]:
        """Issue date and amount (one line: the common case, kept cheap)."""
        if len(self.lines) == 1:
            return self.lines[0].issued, self.lines[0].amount
        return min(line.issued for line in self.lines), sum(line.amount for line in self.lines)


class _Customer:
    """One customer's lines, sorted into invoices, credit notes and payments."""

    def __init__(self, code: str, lines: list[CustomerLine], sales, numbered: bool):
        self.code, self.lines = code, lines
        debits, notes, self.payments = [], [], []
        for line in lines:
            if line.amount > 0:
                debits.append(line)
            elif line.amount < 0:
                if (line.journal, line.num, line.written) in sales:
                    notes.append(line)
                else:
                    self.payments.append(_Unit(line, line.posted))
        self.invoices = _groups(debits, numbered, "")
        self.notes = _groups(notes, numbered, "|C") if notes else []

    def give_numbers(self, invoice_refs: Counter, note_refs: Counter) -> None:
        taken: set[str] = set()
        _give_numbers(self.invoices, invoice_refs, taken, "")
        if not self.notes:
            return
        _give_numbers(self.notes, note_refs, taken, "-AV")
        legacy_invoices = {group.legacy for group in self.invoices}
        for note in self.notes:
            if note.legacy in legacy_invoices:
                note.legacy = f"{note.legacy}-AV"

    def match(self) -> None:
        if not self.payments and not self.notes:
            return  # nothing paid, nothing to match
        debits = sorted((unit for group in self.invoices for unit in group.units), key=_unit_order)
        credits = [unit for group in self.notes for unit in group.units] + self.payments
        _match_lettered(debits, credits)
        _match_quotes(self.invoices, credits)
        pending = sorted((c for c in credits if c.left), key=_unit_order)
        _allocate(pending, [d for d in debits if d.left])

    def emit(self, ledger: FecLedger, terms: timedelta) -> None:
        code = self.code
        ledger.balances[code] = sum(line.amount for line in self.lines)
        for group in self.invoices:
            issued, amount = group.summary()
            dues = [line.due for line in group.lines if line.due is not None]
            due = min(dues) if dues else issued + terms
            self._keep(ledger, group, Invoice(code, group.number, issued, due, amount, group.open))
        for group in self.notes:
            issued, amount = group.summary()
            self._keep(
                ledger, group, Invoice(code, group.number, issued, issued, amount, -group.open)
            )
        ledger.payments.extend(_payments(code, self.payments))
        unapplied = sum(unit.left for unit in self.payments)
        if unapplied:
            last = max(unit.line.posted for unit in self.payments)
            ledger.invoices.append(Invoice(code, UNAPPLIED, last, last, 0, -unapplied))

    def _keep(self, ledger: FecLedger, group: _Group, invoice: Invoice) -> None:
        ledger.invoices.append(invoice)
        key = (self.code, group.number)
        ledger.identity[key] = (group.key, group.legacy)
        if len(group.lines) == 1:
            if group.lines[0].letter:
                ledger.lettering[key] = group.lines[0].letter
            return
        letters = sorted({line.letter for line in group.lines if line.letter})
        if letters:
            ledger.lettering[key] = ",".join(letters)


def _unit_order(unit: _Unit) -> tuple[date, int]:
    return unit.order


def _groups(lines: list[CustomerLine], numbered: bool, kind: str) -> list[_Group]:
    """One group per document; per reference and label in a batch entry; per line unnumbered."""
    by_doc: dict[str, list[CustomerLine]] = {}
    for line in lines:
        by_doc.setdefault(f"{line.journal}|{line.num}|{line.written}{kind}", []).append(line)
    groups = []
    for base, doc_lines in by_doc.items():
        if len(doc_lines) == 1:
            groups.append(
                _Group(base if numbered else f"{base}|{_line_key(doc_lines[0])}", doc_lines)
            )
        elif numbered:
            parts: dict[tuple[str, str], list[CustomerLine]] = {}
            for line in doc_lines:
                parts.setdefault((line.ref, line.label), []).append(line)
            if len(parts) == 1:
                groups.append(_Group(base, doc_lines))
            else:
                groups.extend(_Group(f"{base}|{r}|{lab}", ls) for (r, lab), ls in parts.items())
        else:
            seen: Counter[str] = Counter()
            for line in doc_lines:
                key = f"{base}|{_line_key(line)}"
                seen[key] += 1
                groups.append(_Group(key if seen[key] == 1 else f"{key}|{seen[key]}", [line]))
    return groups


def _line_key(line: CustomerLine) -> str:
    return f"{line.ref}|{line.label}|{line.amount}"


def _give_numbers(groups: list[_Group], ref_uses: Counter, taken: set[str], clash: str) -> None:
    """PieceRef when it names this one document, else EcritureNum, else one made up."""
    numbers: Counter[str] | None = None  # counted only when a reference does not do
    ordered = sorted(groups, key=_group_order) if len(groups) > 1 else groups
    for group in ordered:
        if group.ref and ref_uses[group.ref] == 1:
            number = group.ref
        elif (
            group.entry_numbered
            and (numbers := numbers or Counter(g.num for g in groups if g.entry_numbered))[
                group.num
            ]
            == 1
        ):
            number = group.num
        else:
            number, group.generated = _made_up_number(group), True
        if number in taken and clash and not group.generated:
            number += clash  # a credit note numbered like the invoice it cancels
        base, copy = number, 1
        while number in taken:
            copy += 1
            number = f"{base} #{copy}"
        taken.add(number)
        group.number = number


def _group_order(group: _Group) -> tuple[date, int]:
    return group.lines[0].posted, group.lines[0].number


def _made_up_number(group: _Group) -> str:
    posted = group.lines[0].posted.isoformat()
    if is_placeholder_number(group.num):
        return f"({group.journal} {posted})"
    return f"({group.journal} {group.num} {posted})"


def _squeeze(text: str) -> str:
    """``FA  220001`` is quoted ``FA 220001`` or ``FA220001``: compare without spaces."""
    return "".join(text.split())


def _words(text: str) -> list[str]:
    return [word.rstrip(".") for word in _WORD_BREAKS.split(text) if word.rstrip(".")]


_LABEL_NUMBERS: dict[str, tuple[str, ...]] = {}


def _document_numbers(text: str) -> tuple[str, ...]:
    """Words of a label that look like a document number: a digit, long enough, not a date."""
    found = _LABEL_NUMBERS.get(text)
    if found is None:
        found = ()
        if _DIGIT.search(text):
            found = tuple(
                word
                for word in _words(text)
                if len(word) >= MIN_QUOTED and _DIGIT.search(word) and not _DATE_LIKE.match(word)
            )
        if len(_LABEL_NUMBERS) < 10_000:  # labels repeat ("Facture", "VENTE NECTAR")
            _LABEL_NUMBERS[text] = found
    return found


def _quoted(line: CustomerLine) -> set[str]:
    """What a credit line quotes: its whole PieceRef, and the numbers in it and in its label."""
    quoted = {_squeeze(line.ref)} if line.ref and not is_placeholder_ref(line.ref) else set()
    if not _DIGIT.search(line.label) and " " not in line.ref:
        return quoted  # "VIR2", "CHQ 4512"...: nothing but the whole reference to look up
    for text in (line.ref, line.label):
        if not _DIGIT.search(text):
            continue
        words = _words(text)
        quoted.update(word for word in words if len(word) >= MIN_QUOTED)
        quoted.update(a + b for a, b in zip(words, words[1:], strict=False))
    return quoted


def _match_lettered(debits: list[_Unit], credits: list[_Unit]) -> None:
    groups: dict[str, tuple[list[_Unit], list[_Unit]]] = {}
    for debit in debits:
        if debit.line.letter:
            groups.setdefault(debit.line.letter, ([], []))[0].append(debit)
    for credit in credits:
        if credit.line.letter:
            groups.setdefault(credit.line.letter, ([], []))[1].append(credit)
    for group_debits, group_credits in groups.values():
        group_credits.sort(key=_unit_order)
        _allocate(group_credits, group_debits)


def _match_quotes(invoices: list[_Group], credits: list[_Unit]) -> None:
    """A credit quoting exactly one open invoice settles it first.

    With fewer than two open invoices this changes nothing oldest-first would not do.
    """
    if not any(c.left for c in credits) or not _two_open(invoices):
        return
    by_token: dict[str, list[_Group]] = {}
    by_entry: dict[tuple[str, str], list[_Group]] = {}
    for group in invoices:
        if group.open:
            for token in set(group.tokens()):
                by_token.setdefault(token, []).append(group)
            if group.entry_numbered:
                by_entry.setdefault((group.journal, group.num), []).append(group)
    if not by_token and not by_entry:
        return
    for credit in sorted(credits, key=_unit_order):
        if not credit.left:
            continue
        line = credit.line
        named = {id(g): g for token in _quoted(line) for g in by_token.get(token, ())}
        # ERPNext gives a payment the journal and number of the invoice it pays.
        named.update((id(g), g) for g in by_entry.get((line.journal.strip(), line.num.strip()), ()))
        still_open = [g for g in named.values() if g.open]
        if len(still_open) == 1:
            credit.quotes = still_open[0]
            _allocate([credit], sorted((u for u in still_open[0].units if u.left), key=_unit_order))


def _two_open(invoices: list[_Group]) -> bool:
    """Whether at least two of these invoices are still open (stops at the second)."""
    seen = 0
    for group in invoices:
        if group.open:
            seen += 1
            if seen == 2:
                return True
    return False


def _allocate(credits: list[_Unit], debits: list[_Unit]) -> None:
    """Settle the debits in order with the credits in order (both oldest first)."""
    index = 0
    for credit in credits:
        while credit.left and index < len(debits):
            debit = debits[index]
            taken = min(debit.left, credit.left)
            debit.left -= taken
            credit.left -= taken
            if not debit.left:
                index += 1


def _payments(code: str, units: list[_Unit]) -> Iterator[Payment]:
    """One payment per document, named by journal and entry (and the date when shared)."""
    by_doc: dict[tuple[str, str, str], list[_Unit]] = {}
    for unit in sorted(units, key=_unit_order) if len(units) > 1 else units:
        line = unit.line
        by_doc.setdefault((line.journal, line.num, line.written), []).append(unit)
    seen: set[str] = set()
    for parts in by_doc.values():
        line = parts[0].line
        reference = _payment_reference(line)
        if reference in seen:
            reference = f"{reference} {line.posted.isoformat()}"
        base, copy = reference, 1
        while reference in seen:
            copy += 1
            reference = f"{base} #{copy}"
        seen.add(reference)
        quoted = {p.quotes.number for p in parts if p.quotes is not None}
        invoice = quoted.pop() if len(quoted) == 1 else ""
        yield Payment(code, reference, line.posted, -sum(p.line.amount for p in parts), invoice)


def _payment_reference(line: CustomerLine) -> str:
    """Journal and entry number (unique and stable across exports), then the piece."""
    journal, number = line.journal.strip(), line.num.strip()
    own = f"{journal}-{number}"
    return f"{own} {line.ref}" if line.ref and line.ref != number else own

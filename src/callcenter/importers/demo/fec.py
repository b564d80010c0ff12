"""The demo ledger as an FEC export (Fichier des Écritures Comptables), for the importer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from callcenter.importers.demo.model import DebtorLedger
from callcenter.importers.fec import FEC_COLUMNS  # the same 18 columns the reader expects

RECEIVABLE_ACCOUNT = "411000"
SALES_ACCOUNT = "706000"
VAT_ACCOUNT = "445710"
BANK_ACCOUNT = "512000"


def fec_amount(cents: int) -> str:
    """``1234,50``: the FEC writes comma decimals without grouping."""
    units, rest = divmod(cents, 100)
    return f"{units},{rest:02d}"


def write_fec(
    path: str | Path,
    *,
    debtors: int,
    seed: int,
    now: datetime,
    max_lines: int | None = None,
) -> int:
    """Write the generated ledger as an FEC file (tab separated, UTF-8); returns the line count.

    Each invoice is a balanced sales entry (411 debit, 706 and 44571 credits),
    each credit note the reverse, each payment a bank entry (512 debit, 411
    credit). Fully settled invoices share a lettering code with their payment
    and credit note. Entries are grouped by customer, not sorted by date.
    ``max_lines`` stops after the entry that reaches it (entries stay whole).
    """
    from callcenter.importers.demo import iter_debtors, ledger_day

    today = ledger_day(now)
    written = 0
    numbers = iter(range(1, 1 << 62))
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("\t".join(FEC_COLUMNS) + "\n")
        for built in iter_debtors(seed, debtors, today):
            for line in _fec_lines(built, numbers, today):
                out.write(line)
                written += 1
            if max_lines is not None and written >= max_lines:
                break
    return written


def _fec_lines(built: DebtorLedger, numbers: Iterator[int], today: date) -> Iterator[str]:
    code, name = built.debtor.code, _fec_text(built.debtor.name)
    valid = f"{today:%Y%m%d}"
    for inv in built.invoices:
        num = f"VE{next(numbers):08d}"
        day = f"{inv.issue_date:%Y%m%d}"
        letter, let_on = built.letters.get(inv.number, ("", None))
        let_day = f"{let_on:%Y%m%d}" if let_on else ""
        gross = abs(inv.amount_cents)
        net = (gross * 5 + 3) // 6  # gross / 1.2 rounded, in integers
        vat = gross - net
        is_credit = inv.amount_cents < 0
        label = ("Avoir " if is_credit else "Facture ") + inv.number
        head = f"VE\tVentes\t{num}\t{day}\t"
        tail = f"\t{inv.number}\t{day}\t{label}\t"
        debit, credit = ("", fec_amount(gross)) if is_credit else (fec_amount(gross), "")
        yield (
            f"{head}{RECEIVABLE_ACCOUNT}\tClients\t{code}\t{name}{tail}"
            f"{debit or '0,00'}\t{credit or '0,00'}\t{letter}\t{let_day}\t{valid}\t\t\n"
        )
        for account, label2, cents in ((SALES_ACCOUNT, "Ventes", net), (VAT_ACCOUNT, "TVA", vat)):
            d, c = (fec_amount(cents), "0,00") if is_credit else ("0,00", fec_amount(cents))
            yield f"{head}{account}\t{label2}\t\t{tail}{d}\t{c}\t\t\t{valid}\t\t\n"
    for pay in built.payments:
        num = f"BQ{next(numbers):08d}"
        day = f"{pay.paid_on:%Y%m%d}"
        letter, let_on = built.letters.get(pay.reference, ("", None))
        let_day = f"{let_on:%Y%m%d}" if let_on else ""
        amount = fec_amount(pay.amount_cents)
        head = f"BQ\tBanque\t{num}\t{day}\t"
        tail = f"\t{pay.reference}\t{day}\tRèglement {pay.reference}\t"
        yield f"{head}{BANK_ACCOUNT}\tBanque\t\t{tail}{amount}\t0,00\t\t\t{valid}\t\t\n"
        yield (
            f"{head}{RECEIVABLE_ACCOUNT}\tClients\t{code}\t{name}{tail}0,00\t{amount}"
            f"\t{letter}\t{let_day}\t{valid}\t\t\n"
        )


def _fec_text(text: str) -> str:
    """Tabs and line breaks would break the columns."""
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")

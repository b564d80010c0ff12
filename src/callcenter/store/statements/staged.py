"""What a big CSV import stages, per kind of file: target table, columns, key, row, rule.

Both backends stage the same rows (SQLite in a scratch file, PostgreSQL in a
temporary table) and copy them in with the ledger's own conflict rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from callcenter.domain.record import record
from callcenter.store.statements import imports, ledger


@record
class StagedTable:
    """How one kind of row is staged and copied: the ledger's own columns, row and rule."""

    target: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    row: Callable[..., tuple]
    #: The ON CONFLICT clause, given the columns an existing row takes from the file.
    conflict: Callable[[Sequence[str]], str]


#: Kind of CSV file -> how its rows are staged.
STAGED = {
    "clients": StagedTable(
        "debtors", ledger.DEBTOR_INSERT, ("code",), ledger.debtor_row, ledger.debtor_conflict
    ),
    "contacts": StagedTable(
        "contacts", ledger.CONTACT_INSERT, ("debtor_code", "name"), ledger.contact_row,
        lambda _update: ledger.CONTACT_CONFLICT,
    ),
    "invoices": StagedTable(
        "invoices", imports.INVOICE_INSERT, ("debtor_code", "number"), imports.invoice_row,
        imports.invoice_conflict,
    ),
    "payments": StagedTable(
        "payments", ledger.PAYMENT_INSERT, ("debtor_code", "reference"), ledger.payment_row,
        lambda _update: ledger.PAYMENT_CONFLICT,
    ),
}  # fmt: skip

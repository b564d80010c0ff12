"""The open invoices of the debtor, with the documents that prove each one."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import DataTable

from callcenter.domain.models import Invoice
from callcenter.i18n import Locale
from callcenter.tui.literal import literal

#: A dossier with more open invoices shows the oldest ones; the total is in the header.
MAX_ROWS = 200
COLUMNS = ("number", "issued", "due", "late", "amount", "open", "docs", "dispute")


def docs_cell(invoice: Invoice) -> Text:
    """✓/✗ for quote, purchase order and signed delivery note: a missing one is the debtor's pretext."""
    text = Text(end="")
    for present in (invoice.has_quote, invoice.has_po, invoice.has_delivery_note):
        text.append("✓" if present else "✗", "green" if present else "bold red")
    return text


def invoice_row(invoice: Invoice, today: date, ui: Locale) -> tuple:
    late = invoice.days_late(today)
    return (
        literal(invoice.number),
        Text(ui.compact_date(invoice.issue_date)),
        Text(ui.compact_date(invoice.due_date)),
        Text(str(late) if late > 0 else "—", style="bold" if late > 60 else "", justify="right"),
        Text(ui.money(invoice.amount_cents, invoice.currency), justify="right"),
        Text(ui.money(invoice.open_cents, invoice.currency), justify="right", style="bold"),
        docs_cell(invoice),
        Text("⚑" if invoice.disputed else "", style="bold yellow"),
    )


class InvoicesTable(DataTable):
    """Columns are added once; each debtor only replaces the rows."""

    can_focus = False
    DEFAULT_CSS = """
    InvoicesTable { height: auto; max-height: 16; border: round $primary 50%; }
    """

    def setup(self, ui: Locale) -> None:
        self.cursor_type = "none"
        self.zebra_stripes = True
        self.add_columns(*(ui.t(f"col.{name}") for name in COLUMNS))
        self.border_subtitle = ui.t("docs.legend")

    def show(self, invoices: tuple[Invoice, ...], today: date, ui: Locale) -> None:
        self.clear()
        self.add_rows(invoice_row(i, today, ui) for i in invoices[:MAX_ROWS])

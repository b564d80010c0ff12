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
#: Below 120 columns the issue date goes: the due date is the one the call is about.
NARROW_COLUMNS = tuple(c for c in COLUMNS if c != "issued")


def docs_cell(invoice: Invoice) -> Text:
    """✓/✗ for quote, purchase order, signed delivery note: a missing one is the debtor's pretext."""
    text = Text(end="")
    for present in (invoice.has_quote, invoice.has_po, invoice.has_delivery_note):
        text.append("✓" if present else "✗", "green" if present else "bold red")
    return text


def invoice_cells(invoice: Invoice, today: date, ui: Locale) -> dict[str, Text]:
    late = invoice.days_late(today)
    chased = not (invoice.disputed or invoice.excluded)
    return {
        "number": literal(invoice.number),
        "issued": Text(ui.compact_date(invoice.issue_date)),
        "due": Text(ui.compact_date(invoice.due_date)),
        "late": Text(
            str(late) if late > 0 else "—", style="bold" if late > 60 else "", justify="right"
        ),
        "amount": Text(ui.money(invoice.amount_cents, invoice.currency), justify="right"),
        # Disputed and excluded invoices are not chased: not in the overdue total, the
        # promise's default amount or the queue's reasons, so they must not look as if.
        "open": Text(
            ui.money(invoice.open_cents, invoice.currency),
            justify="right",
            style="dim" if chased is False else "bold",
        ),
        "docs": docs_cell(invoice),
        "dispute": flag_cell(invoice, ui),
    }


def flag_cell(invoice: Invoice, ui: Locale) -> Text:
    if invoice.disputed:
        return Text("⚑", style="bold yellow")
    if invoice.excluded:
        return Text(ui.t("invoice.excluded"), style="dim")
    return Text("")


class InvoicesTable(DataTable):
    """Columns are set once per width class; each debtor only replaces the rows."""

    can_focus = False
    DEFAULT_CSS = """
    InvoicesTable { height: auto; max-height: 16; border: round $primary 50%; }
    """

    def setup(self, ui: Locale) -> None:
        self.ui = ui
        self.columns_shown: tuple[str, ...] = ()
        self.cursor_type = "none"
        self.zebra_stripes = True
        self.border_subtitle = ui.t("docs.legend")
        self._last: tuple[tuple[Invoice, ...], date] = ((), date.min)

    def show(self, invoices: tuple[Invoice, ...], today: date, narrow: bool) -> None:
        wanted = NARROW_COLUMNS if narrow else COLUMNS
        if wanted != self.columns_shown:
            self.clear(columns=True)
            # Text, not str: a str label is parsed as Rich markup with emoji codes, whose
            # table (~2 ms, ~1 MB) the workstation otherwise never loads.
            self.add_columns(*(Text(self.ui.t(f"col.{name}")) for name in wanted))
            self.columns_shown = wanted
        else:
            self.clear()
        self._last = (invoices, today)
        rows = (invoice_cells(i, today, self.ui) for i in invoices[:MAX_ROWS])
        self.add_rows(tuple(cells[name] for name in wanted) for cells in rows)

    def set_narrow(self, narrow: bool) -> None:
        """Re-lay the columns when the terminal crosses the width breakpoint."""
        if (NARROW_COLUMNS if narrow else COLUMNS) != self.columns_shown:
            self.show(*self._last, narrow)

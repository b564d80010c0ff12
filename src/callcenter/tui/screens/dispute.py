"""``d``: the debtor disputes some invoices; tick them and say why."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input, SelectionList
from textual.widgets.selection_list import Selection

from callcenter.domain.models import Invoice
from callcenter.i18n import Locale
from callcenter.tui.literal import literal
from callcenter.tui.screens.dialog import OutcomeDialog


def invoice_label(invoice: Invoice, ui: Locale) -> Text:
    label = literal(invoice.number, "bold")
    label.append(f"  {ui.date(invoice.due_date)}  {ui.money(invoice.open_cents)}")
    return label


class DisputeDialog(OutcomeDialog):
    """Dismisses with ``(invoice_numbers, reason)``."""

    DEFAULT_CSS = """
    DisputeDialog SelectionList { height: auto; max-height: 10; }
    """

    def __init__(self, ui: Locale, invoices: Sequence[Invoice]) -> None:
        super().__init__(ui, "dispute.title", "dispute.keys")
        self.invoices = [i for i in invoices if i.open_cents > 0]

    def fields(self) -> ComposeResult:
        only_one = len(self.invoices) == 1  # nothing to choose: ticked already
        yield SelectionList[str](
            *(Selection(invoice_label(i, self.ui), i.number, only_one) for i in self.invoices),
            id="invoices",
        )
        yield Input(id="reason", placeholder=self.ui.t("dispute.reason"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        numbers = tuple(self.query_one("#invoices", SelectionList).selected)
        reason = event.value.strip()
        if not numbers:
            self.fail(self.ui.t("dispute.keys"))
            self.query_one("#invoices").focus()
            return
        if not reason:
            self.fail(self.ui.t("dispute.reason") + " ?")
            return
        self.dismiss((numbers, reason))

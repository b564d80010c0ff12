"""The open invoices of the debtor, with the documents that prove each one."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

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


def invoice_rows(invoices: tuple[Invoice, ...], today: date, ui: Locale) -> list[dict[str, Text]]:
    """Every column's cell of the invoices shown (the oldest ``MAX_ROWS``)."""
    return [invoice_cells(i, today, ui) for i in invoices[:MAX_ROWS]]


def flag_cell(invoice: Invoice, ui: Locale) -> Text:
    if invoice.disputed:
        return Text("⚑", style="bold yellow")
    if invoice.excluded:
        return Text(ui.t("invoice.excluded"), style="dim")
    return Text("")


class InvoicesTable(ScrollView, can_focus=False):
    """The invoices as a table that looks like Textual's ``DataTable`` and costs a panel.

    A ``DataTable`` measured and rendered each cell through Rich's padding on
    every paint (~8 ms of the ~28 ms a dossier's frame took); here each row
    is laid out once per dossier into one line of segments, and a paint only
    crops the visible lines. Same look: a header row that stays put while the
    rows scroll, zebra stripes, one cell of padding each side of a column.
    Columns are sized to the dossier shown (a ``DataTable`` only ever widened
    them, so after a long invoice number every later table overflowed its panel).
    """

    COMPONENT_CLASSES = {"invoices--header", "invoices--even-row", "invoices--odd-row"}
    DEFAULT_CSS = """
    InvoicesTable {
        height: auto; max-height: 16; border: round $primary 50%;
        background: $surface; color: $foreground;
        & > .invoices--header { text-style: bold; background: $panel; color: $foreground; }
        &:ansi > .invoices--header { background: ansi_bright_blue; color: ansi_default; }
        & > .invoices--even-row { background: $surface-lighten-1 50%; }
        &:dark > .invoices--even-row { background: $surface-darken-1 40%; }
    }
    """

    def setup(self, ui: Locale) -> None:
        self.ui = ui
        self.columns_shown: tuple[str, ...] = ()
        self.border_subtitle = ui.t("docs.legend")
        self._last: tuple[tuple[Invoice, ...], date] = ((), date.min)
        self._header: tuple[Text, ...] = ()
        self._rows: list[tuple[Text, ...]] = []
        self._widths: list[int] = []
        #: Each line's segments and colours (header first), built at the first paint after a change.
        self._lines: list[tuple[list[Segment], Style]] | None = None

    @property
    def row_count(self) -> int:
        """Rows shown (the bench sizes its frame floor's table by it)."""
        return len(self._rows)

    def show(
        self,
        invoices: tuple[Invoice, ...],
        today: date,
        narrow: bool,
        cells: list[dict[str, Text]] | None = None,
    ) -> None:
        """Show ``invoices``; ``cells``: their :func:`invoice_rows`, when built ahead."""
        wanted = NARROW_COLUMNS if narrow else COLUMNS
        if wanted != self.columns_shown:
            # Text, not str: a str label is parsed as Rich markup with emoji codes, whose
            # table (~2 ms, ~1 MB) the workstation otherwise never loads.
            self._header = tuple(Text(self.ui.t(f"col.{name}")) for name in wanted)
            self.columns_shown = wanted
        self._last = (invoices, today)
        if cells is None:
            cells = invoice_rows(invoices, today, self.ui)
        self._rows = [tuple(row[name] for name in wanted) for row in cells]
        self._widths = [
            max(cell.cell_len for cell in column)
            for column in zip(self._header, *self._rows, strict=True)
        ]
        self._lines = None
        self.virtual_size = Size(sum(self._widths) + 2 * len(self._widths), 1 + len(self._rows))
        self.scroll_x = self.scroll_y = 0  # a new dossier opens at its top
        self.scroll_target_x = self.scroll_target_y = 0
        self.refresh(layout=True)

    def set_narrow(self, narrow: bool) -> None:
        """Re-lay the columns when the terminal crosses the width breakpoint."""
        if (NARROW_COLUMNS if narrow else COLUMNS) != self.columns_shown:
            self.show(*self._last, narrow)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines = None  # a new theme: the rows' colours change

    def _laid_out(self) -> list[tuple[list[Segment], Style]]:
        """The header and every row as one line of segments each, in the rows' colours."""
        if self._lines is None:
            console = self.app.console
            header = self.get_component_styles("invoices--header").rich_style
            even = self.get_component_styles("invoices--even-row").rich_style
            odd = self.get_component_styles("invoices--odd-row").rich_style
            self._lines = [
                (self._line(cells, style, console), style)
                for cells, style in (
                    (self._header, header),
                    *((row, odd if n % 2 else even) for n, row in enumerate(self._rows)),
                )
            ]
        return self._lines

    def _line(self, cells: tuple[Text, ...], style: Style, console: Console) -> list[Segment]:
        line = Text(style=style, end="", no_wrap=True)
        for cell, width in zip(cells, self._widths, strict=True):
            gap = width - cell.cell_len
            left = gap if cell.justify == "right" else 0
            line.append(" " * (1 + left))
            line.append_text(cell)
            line.append(" " * (1 + gap - left))
        # Rich leaves the line's own style off a line without spans: put it under every piece.
        return list(Segment.apply_style(line.render(console), style))

    def _extend_style(self, style: Style) -> Style:
        """What fills the line right of the last column, as ``DataTable`` fills it."""
        if style.bgcolor is None:
            return Style.from_color(style.color, style.bgcolor)
        faded = Color.from_rich_color(style.bgcolor).blend(self.background_colors[1], 0.25)
        return Style.from_color(style.color, faded.rich_color)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        scroll_x, scroll_y = self.scroll_offset
        index = y if y == 0 else y + scroll_y  # the header stays while the rows scroll
        lines = self._laid_out()
        base = self.rich_style
        if index >= len(lines):
            return Strip.blank(width, base)
        segments, style = lines[index]
        table_width = self.virtual_size.width
        if width > table_width:
            segments = [*segments, Segment(" " * (width - table_width), self._extend_style(style))]
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        return strip.adjust_cell_length(width, base).simplify()

"""The debtors behind one figure, opened from the dashboard with Enter."""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from callcenter.clock import Clock
from callcenter.domain.figures import DebtorAmount
from callcenter.domain.text import clean
from callcenter.i18n import Locale
from callcenter.service.figures import Drill
from callcenter.tui.supervisor.assign_dialog import AssignDialog
from callcenter.tui.supervisor.localised import localised
from callcenter.tui.supervisor.panels import name_cell, num
from callcenter.tui.supervisor.source import FigureSource

#: Cells taken by every column but the name (code, collector, amount, a date and
#: time as detail, the cell padding and the scrollbar).
NOT_NAME_WIDTH = 54


class DrillScreen(Screen):
    """A list of debtors, largest amount first; Escape goes back to the dashboard."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "dash.key.back"),
        Binding("backspace", "app.pop_screen", "dash.key.back", show=False),
        Binding("a", "assign_one", "dash.key.assign"),
        Binding("A", "assign_all", "dash.key.assign_all"),
    ]

    def __init__(
        self, source: FigureSource, ui: Locale, clock: Clock, drill: Drill, title: str
    ) -> None:
        super().__init__()
        self.source = source
        self.ui = ui
        self.clock = clock
        self.drill = drill
        self.title_text = title
        self._bindings = localised(self._bindings, ui)
        self.debtors: list[DebtorAmount] | None = None
        #: Names that own work or are users; another name is confirmed before use.
        self.collectors: frozenset[str] = frozenset()

    def compose(self) -> ComposeResult:
        yield Static(Text(self.title_text, style="bold"), id="drill-title")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="drill-table")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        columns = (
            "col.code",
            "col.debtor",
            "fig.collector",
            "col.amount",
            "dash.col.detail",
        )
        table.add_columns(*(Text(self.ui.t(c)) for c in columns))
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="drill")
    def load(self) -> None:
        try:
            found = self.source.drill(self.drill, self.clock())
            self.collectors = frozenset(self.source.collector_names())
        except Exception as exc:  # shown in the title: the screen stays usable
            self.app.call_from_thread(self._show_error, self.ui.error(exc))
            return
        self.app.call_from_thread(self.show_debtors, found)

    def show_debtors(self, debtors: list[DebtorAmount]) -> None:
        self.debtors = debtors
        title = self.ui.t("dash.drill.title", figure=self.title_text, count=len(debtors))
        if not debtors:
            title += "  " + self.ui.t("dash.drill.empty")
        self.query_one("#drill-title", Static).update(Text(title, style="bold"))
        table = self.query_one(DataTable)
        table.clear()
        # Names give way on narrow terminals so the detail column (when, how much) fits.
        name_width = max(16, min(40, self.size.width - NOT_NAME_WIDTH))
        for debtor in debtors:
            table.add_row(
                name_cell(debtor.code, 12),
                name_cell(debtor.name, name_width),
                name_cell(debtor.collector, 14),
                num(self.ui.short_money(debtor.amount_cents)),
                name_cell(self._detail(debtor.detail), 26),
            )

    def _detail(self, detail: str) -> str:
        """Instants (next action) and dates (promised on) read the way the user reads dates."""
        if len(detail) == 10 and detail[4] == "-":
            return self.ui.date(date.fromisoformat(detail))
        if "T" in detail:
            try:
                return self.ui.moment(datetime.fromisoformat(detail), self.source.tz)
            except ValueError:
                return detail
        return detail

    def action_assign_one(self) -> None:
        table = self.query_one(DataTable)
        if self.debtors and table.cursor_row < len(self.debtors):
            self._ask([self.debtors[table.cursor_row].code])

    def action_assign_all(self) -> None:
        if self.debtors:
            self._ask([debtor.code for debtor in self.debtors])

    def _ask(self, codes: list[str]) -> None:
        def chosen(name: str | None) -> None:
            if name is not None:
                self.assign(codes, name or None)

        self.app.push_screen(AssignDialog(self.ui, len(codes), self.collectors), chosen)

    @work(thread=True, exclusive=True, group="assign")
    def assign(self, codes: list[str], to: str | None) -> None:
        """Reassign in a thread; a refusal (a collector, an unknown code) is shown, not raised."""
        try:
            moved = self.source.assign(codes, to, self.clock())
        except PermissionError:  # the service's reason is English; say it in the user's language
            denied = self.ui.t("dash.assign.denied", name=self.source.actor)
            self.app.call_from_thread(self.notify, clean(denied), severity="error", markup=False)
            return
        except (LookupError, ValueError) as exc:
            self.app.call_from_thread(
                self.notify, clean(self.ui.error(exc)), severity="error", markup=False
            )
            return
        name = to or self.ui.t("assign.pool")
        message = self.ui.t("dash.assign.done", count=moved, name=clean(name))
        self.app.call_from_thread(self.notify, message, markup=False)
        self.app.call_from_thread(self.load)

    def _show_error(self, message: str) -> None:
        self.query_one("#drill-title", Static).update(
            Text(self.ui.t("dash.error", message=message), style="bold red")
        )

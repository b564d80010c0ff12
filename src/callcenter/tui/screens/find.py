"""``/``: find any debtor by name, code or phone, and open it."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from callcenter.domain.models import FoundDebtor
from callcenter.domain.phones import display_phone
from callcenter.i18n import Locale
from callcenter.tui.desk import Desk
from callcenter.tui.flow import Token, flow
from callcenter.tui.literal import clean, literal
from callcenter.tui.screens.dialog import ClosesOnce


def debtor_option(found: FoundDebtor, ui: Locale, width: int | None = None) -> Option:
    """Name and code, then what tells namesakes apart: city, balance, collector, state;
    for a phone search, the contact and the number that matched."""
    label = literal(found.name, "bold")
    label.append("  ")
    label.append_text(literal(found.code, "dim"))
    parts: list[Text] = []
    if found.city:
        parts.append(literal(found.city))
    parts.append(Text(f"{ui.t('header.balance')} {ui.money(found.balance_cents)}"))
    collector = found.debtor.collector
    parts.append(literal(collector) if collector else Text(ui.t("find.unassigned"), "italic"))
    if found.state is not None:
        parts.append(Text(ui.t(f"state.{found.state.value}")))
    if found.claimed_by:
        parts.append(Text(ui.t("find.in_call", who=clean(found.claimed_by)), "bold"))
    tokens: list[Token] = [("" if i == 0 else " · ", part) for i, part in enumerate(parts)]
    label.append("\n  ")
    label.append_text(flow(tokens, width - 2 if width else None, indent="  "))
    if found.matched_contact:
        label.append("\n  ☎ ")
        label.append_text(literal(found.matched_contact, "bold"))
        label.append("  ")
        label.append_text(literal(display_phone(found.matched_phone)))
    return Option(label, id=found.code)


class FindScreen(ClosesOnce):
    """Dismisses with the chosen debtor code, or None."""

    DEFAULT_CSS = """
    FindScreen { align: center top; }
    FindScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 90%;
        margin-top: 2; border: thick $accent; background: $surface; padding: 0 1;
    }
    FindScreen OptionList { height: auto; max-height: 16; }
    FindScreen .keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("escape", "cancel", show=False),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, ui: Locale, desk: Desk) -> None:
        super().__init__()
        self.ui = ui
        self.desk = desk
        #: Enter pressed before the results arrived: open the first one when they do.
        self.open_first = False
        self.results_for = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.ui.t("find.title"), classes="title")
            yield Input(id="query", placeholder=self.ui.t("find.placeholder"))
            yield OptionList(id="results")
            yield Label(self.ui.t("find.keys"), classes="keys")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.open_first = False
        if len(event.value.strip()) >= 2:
            self.search(event.value.strip())
        else:
            self.query_one(OptionList).clear_options()

    @work(thread=True, exclusive=True, group="find")
    def search(self, text: str) -> None:
        found = self.desk.find(text)
        self.app.call_from_thread(self._show_results, text, found)

    def _show_results(self, text: str, found: list[FoundDebtor]) -> None:
        if not self.is_attached or text != self.query_one(Input).value.strip():
            return  # closed meanwhile, or an older search finishing late
        self.results_for = text
        results = self.query_one(OptionList)
        results.clear_options()
        if not found:
            results.add_option(Option(Text(self.ui.t("find.none"), style="dim"), disabled=True))
            return
        # The dialog's width less its border, padding and the list's own frame.
        width = max(min(self.app.size.width, 76) - 10, 20)
        results.add_options([debtor_option(d, self.ui, width) for d in found])
        results.highlighted = 0
        if self.open_first:
            self.dismiss(found[0].code)

    def action_move(self, step: int) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            current = results.highlighted if results.highlighted is not None else -1
            results.highlighted = max(0, min(results.option_count - 1, current + step))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        results = self.query_one(OptionList)
        if results.highlighted is None or self.results_for != event.value.strip():
            self.open_first = len(event.value.strip()) >= 2
            return
        option = results.get_option_at_index(results.highlighted)
        if not option.disabled:
            self.dismiss(option.id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

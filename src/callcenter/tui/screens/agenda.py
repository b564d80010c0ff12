"""``j``: my agenda — callbacks today (mine, and colleagues' for anyone), the promises due
today or tomorrow; Enter opens one."""

from __future__ import annotations

from datetime import date, tzinfo

from rich.text import Text
from textual import work
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from callcenter.domain.calling import AgendaEntry
from callcenter.i18n import Locale
from callcenter.tui.flow import flow
from callcenter.tui.literal import literal
from callcenter.tui.screens.cases import EXPECTED, ChangeScreen, change_error


def agenda_option(
    entry: AgendaEntry, ui: Locale, today: date, tz: tzinfo, width: int, key: str
) -> Option:
    """One line: when, the debtor, whom to ask for, and a promise's amount."""
    if entry.at is not None:
        when = Text(ui.t("agenda.at", time=entry.at.astimezone(tz).strftime("%H:%M")))
    else:
        day = "agenda.today" if entry.on == today else "agenda.tomorrow"
        when = Text(ui.t(day))
    debtor = literal(entry.debtor_name, "bold")
    debtor.append(" ")
    debtor.append_text(literal(entry.debtor_code, "dim"))
    tokens: list[tuple[str, Text]] = [("", when), (" · ", debtor)]
    if entry.contact:
        tokens.append((" · ", literal(entry.contact)))
    if entry.set_by:
        tokens.append((" · ", literal(ui.t("agenda.anyone", who=entry.set_by), "italic")))
    if entry.amount_cents is not None:
        tokens.append((" · ", Text(ui.money(entry.amount_cents))))
    return Option(flow(tokens, width, indent="  "), id=key)


class AgendaScreen(ChangeScreen):
    """Dismisses with ``(debtor code to open or None, False)``: it changes nothing."""

    def __init__(self, ui: Locale, desk, clock) -> None:
        super().__init__(ui, desk, clock, "agenda.keys")
        self.codes: dict[str, str] = {}

    def heading(self) -> Text:
        return Text(self.ui.t("agenda.title"))

    def load(self) -> None:
        self._load()

    @work(thread=True, group="load", exclusive=True)
    def _load(self) -> None:
        from callcenter.service.agenda import my_agenda

        try:
            found = self.desk.call(
                my_agenda, actor=self.desk.collector, now=self.clock(), config=self.desk.config
            )
        except EXPECTED as exc:
            self.app.call_from_thread(self._failed, change_error(exc, self.ui))
            return
        self.app.call_from_thread(self._show, found)

    def _show(self, found) -> None:
        today = self.desk.today(self.clock())
        width = self.line_width()
        options: list[Option] = []
        self.codes = {}
        for title, entries in (
            ("agenda.callbacks", found.callbacks),
            ("agenda.promises", found.promises),
        ):
            options.append(Option(Text(self.ui.t(title), "bold underline"), disabled=True))
            if not entries:
                options.append(Option(Text(self.ui.t("agenda.none"), "dim"), disabled=True))
            for entry in entries:
                key = f"a{len(self.codes)}"
                self.codes[key] = entry.debtor_code
                options.append(
                    agenda_option(entry, self.ui, today, self.desk.config.tz, width, key)
                )
        self.show_items(options, "agenda.none")
        items = self.query_one(OptionList)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        items.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        code = self.codes.get(event.option.id or "")
        if code is not None and not self.busy:
            self.dismiss((code, False))

    def action_undo(self) -> None:
        """Nothing to undo here: the agenda only reads."""

    def action_close(self) -> None:
        if not self.busy:
            self.dismiss((None, False))

"""``l``: the debtor's disputes and tasks, and the keys that settle them.

A dispute is resolved in the client's favour (``f``: a credit note is
expected, its invoices stay out of the chase), rejected (``j``: its invoices
return to the queue) or cancelled (``x``); a task is marked done (``t``).
Each change is committed by the service before the list is shown again, and
``u`` takes back the last change made here. Closing says whether anything
changed, so the session shows the dossier as it now is.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from callcenter.domain.models import Dossier
from callcenter.i18n import Locale
from callcenter.service.changes import ChangeError, undo_change
from callcenter.service.errors import AccessRefused
from callcenter.tui.desk import Desk, Shown
from callcenter.tui.flow import flow
from callcenter.tui.literal import clean, literal
from callcenter.tui.screens.dialog import ClosesOnce
from callcenter.tui.session_stats import Changed, SessionStats
from callcenter.tui.widgets.cases import dispute_tokens, task_tokens

#: Settled disputes listed under the open ones and the tasks.
CLOSED_LISTED = 5
#: Failures a collector can act on (as the session screen lists them).
EXPECTED = (ValueError, LookupError, OSError)


def change_error(exc: Exception, ui: Locale) -> str:
    """A refused change in the collector's language; anything else as it came."""
    if isinstance(exc, (ChangeError, AccessRefused)):
        return ui.error(exc)
    return ui.t("notice.error", error=clean(ui.error(exc)))


class ChangeScreen(ClosesOnce):
    """What the disputes/tasks screen and "my tasks" share: a list, keys, one change at a time.

    Changes run in a thread worker through the desk; while one is in flight,
    keys are ignored, so a burst cannot apply a change twice.
    """

    DEFAULT_CSS = """
    ChangeScreen { align: center middle; }
    ChangeScreen > Vertical {
        width: 100; max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    ChangeScreen .title { text-style: bold; width: 100%; }
    ChangeScreen .keys { color: $text-muted; }
    ChangeScreen OptionList { height: auto; max-height: 14; }
    ChangeScreen #said { height: auto; }
    """
    BINDINGS = [Binding("escape", "close", show=False), Binding("u", "undo", show=False)]

    def __init__(
        self,
        ui: Locale,
        desk: Desk,
        clock: Callable[[], datetime],
        keys: str,
        journal: SessionStats | None = None,
    ) -> None:
        super().__init__()
        self.ui = ui
        self.desk = desk
        self.clock = clock
        self._keys = keys
        #: The session's undo stack: each change made here is the session's ``u`` too.
        self.journal = journal
        self.busy = False
        #: Change ids made in this screen, latest last: what ``u`` takes back.
        self.changes: list[int] = []
        self.changed = False

    def heading(self) -> Text:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading(), classes="title")
            yield Static(self.ui.t(self._keys), classes="keys", markup=False)
            yield OptionList(id="items")
            yield Static("", id="said", markup=False)

    def on_mount(self) -> None:
        self.load()

    def highlighted(self) -> str:
        items = self.query_one(OptionList)
        if items.highlighted is None or not items.option_count:
            return ""
        return items.get_option_at_index(items.highlighted).id or ""

    def show_items(self, options: list[Option], empty: str) -> None:
        items = self.query_one(OptionList)
        keep = items.highlighted or 0
        items.clear_options()
        if not options:
            items.add_option(Option(Text(self.ui.t(empty), "dim"), disabled=True))
            return
        items.add_options(options)
        items.highlighted = min(keep, len(options) - 1)
        items.focus()

    def line_width(self) -> int:
        """Cells an option's line may take: the dialog's width less its borders and margins."""
        return max(min(self.app.size.width, 100) - 8, 20)

    def say(self, text: str, style: str = "") -> None:
        self.query_one("#said", Static).update(Text(text, style))

    def change(
        self, service, *args, done_key: str, debtor: tuple[str, str] = ("", ""), **kwargs
    ) -> None:
        """Run one service change on ``debtor`` (code, name) unless another is in flight;
        then read the list again."""
        if self.busy:
            return
        self.busy = True
        self._change(service, args, kwargs, done_key, debtor)

    @work(thread=True, group="change")
    def _change(
        self, service, args: tuple, kwargs: dict, done_key: str, debtor: tuple[str, str]
    ) -> None:
        try:
            change_id = self.desk.call(
                service, *args, actor=self.desk.collector, now=self.clock(), **kwargs
            )
        except EXPECTED as exc:
            self.app.call_from_thread(self._failed, change_error(exc, self.ui))
            return
        self.app.call_from_thread(self._changed, change_id, done_key, debtor)

    def _changed(self, change_id: int, done_key: str, debtor: tuple[str, str] = ("", "")) -> None:
        self.busy = False
        self.changed = True
        if done_key != "change.undo":  # an undo's target was taken off the stack already
            self.changes.append(change_id)
            if self.journal is not None:
                self.journal.record(Changed(change_id, *debtor, done_key))
        self.say(self.ui.t(done_key), "bold green")
        self.load()

    def _failed(self, message: str) -> None:
        self.busy = False
        self.say(message, "bold red")

    def action_undo(self) -> None:
        if self.busy:
            return
        if not self.changes:
            self.say(self.ui.t("cases.nothing_to_undo"), "yellow")
            return
        last = self.changes.pop()
        self.busy = True
        self._undo(last)

    @work(thread=True, group="change")
    def _undo(self, change_id: int) -> None:
        try:
            self.desk.call(
                undo_change,
                change_id,
                actor=self.desk.collector,
                now=self.clock(),
                config=self.desk.config,
            )
        except EXPECTED as exc:
            self.app.call_from_thread(self._failed, change_error(exc, self.ui))
            return
        if self.journal is not None:
            self.app.call_from_thread(self.journal.forget, change_id)
        self.app.call_from_thread(self._changed, change_id, "change.undo")

    def load(self) -> None:
        raise NotImplementedError

    def action_close(self) -> None:
        if not self.busy:  # a change in flight reports to this screen: wait for it
            self.dismiss(self.changed)


class CasesScreen(ChangeScreen):
    """The disputes and open tasks of the debtor on screen; dismisses with "changed"."""

    BINDINGS = [
        Binding("f", "end('credit_note')", show=False),
        Binding("j", "end('rejected')", show=False),
        Binding("x", "end('cancelled')", show=False),
        Binding("t", "task_done", show=False),
    ]

    def __init__(
        self,
        ui: Locale,
        desk: Desk,
        shown: Shown,
        clock: Callable[[], datetime],
        journal: SessionStats | None = None,
    ) -> None:
        super().__init__(ui, desk, clock, "cases.keys", journal)
        self.shown = shown
        self.dossier: Dossier = shown.dossier

    def heading(self) -> Text:
        title = Text(self.ui.t("panel.cases") + " — ")
        title.append_text(literal(self.dossier.debtor.name))
        return title

    def load(self) -> None:
        self._load()

    @work(thread=True, group="load", exclusive=True)
    def _load(self) -> None:
        from callcenter.service.dossier import dossier

        try:
            fresh = self.desk.call(dossier, self.shown.code, self.shown.today)
        except EXPECTED as exc:
            self.app.call_from_thread(self._failed, change_error(exc, self.ui))
            return
        self.app.call_from_thread(self._show, fresh)

    def _show(self, fresh: Dossier) -> None:
        self.dossier = fresh
        ui, today = self.ui, self.shown.today
        options = [
            Option(flow(dispute_tokens(d, ui), self.line_width(), indent="  "), id=f"d{d.id}")
            for d in fresh.disputes
            if d.status == "open"
        ]
        options += [
            Option(flow(task_tokens(t, ui, today), self.line_width(), indent="  "), id=f"t{t.id}")
            for t in fresh.tasks
        ]
        # Settled ones last: ``u`` on one takes its settlement back, even from an earlier visit.
        options += [
            Option(flow(dispute_tokens(d, ui), self.line_width(), indent="  "), id=f"c{d.id}")
            for d in fresh.disputes
            if d.status != "open"
        ][:CLOSED_LISTED]
        self.show_items(options, "cases.none")

    def action_undo(self) -> None:
        """The last change made here; else the settlement of the closed dispute highlighted."""
        from callcenter.service.disputes import undo_last

        chosen = self.highlighted()
        if self.changes or not chosen.startswith("c"):
            super().action_undo()
            return
        if not self.busy:
            self.busy = True
            self._undo_settlement(undo_last, int(chosen[1:]))

    @work(thread=True, group="change")
    def _undo_settlement(self, undo_last, dispute_id: int) -> None:
        try:
            change_id = self.desk.call(
                undo_last,
                dispute_id,
                actor=self.desk.collector,
                now=self.clock(),
                config=self.desk.config,
            )
        except EXPECTED as exc:
            self.app.call_from_thread(self._failed, change_error(exc, self.ui))
            return
        self.app.call_from_thread(self._changed, change_id, "change.undo")

    def action_end(self, ending: str) -> None:
        from callcenter.service.disputes import cancel_dispute, resolve_dispute

        chosen = self.highlighted()
        if not chosen.startswith("d"):
            self.say(self.ui.t("cases.not_dispute"), "yellow")
            return
        dispute_id = int(chosen[1:])
        debtor = (self.shown.code, self.dossier.debtor.name)
        if ending == "cancelled":
            self.change(
                cancel_dispute,
                dispute_id,
                config=self.desk.config,
                done_key="change.dispute_cancelled",
                debtor=debtor,
            )
        else:
            in_favour = ending == "credit_note"
            key = "change.dispute_resolved" if in_favour else "change.dispute_rejected"
            self.change(
                resolve_dispute,
                dispute_id,
                in_favour=in_favour,
                config=self.desk.config,
                done_key=key,
                debtor=debtor,
            )

    def action_task_done(self) -> None:
        from callcenter.service.tasks import complete_task

        chosen = self.highlighted()
        if not chosen.startswith("t"):
            self.say(self.ui.t("cases.not_task"), "yellow")
            return
        debtor = (self.shown.code, self.dossier.debtor.name)
        self.change(complete_task, int(chosen[1:]), done_key="change.task_done", debtor=debtor)

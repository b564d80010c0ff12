"""The calling session: one debtor on screen, one key per outcome, the next debtor at once.

The screen owns the flow; database work runs in thread workers through the
:class:`~callcenter.tui.desk.Desk` and comes back as messages, so typing never
waits on SQLite. Widgets are composed once and updated in place per debtor.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Horizontal, VerticalScroll
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Input, Static

from callcenter.domain.models import Outcome, is_right_party
from callcenter.i18n import Locale
from callcenter.tui.desk import Desk, Shown
from callcenter.tui.expected_errors import expected_errors
from callcenter.tui.flow import fitted
from callcenter.tui.gc_pause import PAUSE_LIMIT_S, FramePause, end_start_pause, freeze_once
from callcenter.tui.literal import clean
from callcenter.tui.messages import (
    DossierReady,
    DossierShown,
    OutcomeSaved,
    PositionKnown,
    ReadAhead,
    WorkFailed,
)
from callcenter.tui.rendered_ahead import Prepared, RenderedAhead
from callcenter.tui.screens.call_control import CallControl
from callcenter.tui.session_stats import Changed, Logged, SessionStats
from callcenter.tui.widgets.account import AccountPanel, account_lines
from callcenter.tui.widgets.calls import CallsPanel, calls_and_promises
from callcenter.tui.widgets.cases import CasesPanel, case_lines
from callcenter.tui.widgets.contacts import ContactsPanel, callable_contacts, contact_lines
from callcenter.tui.widgets.debtor_header import DebtorHeader, debtor_line
from callcenter.tui.widgets.funnel import funnel_line
from callcenter.tui.widgets.hints import HintsPanel, hint_lines
from callcenter.tui.widgets.history import HistoryPanel, history_bars
from callcenter.tui.widgets.invoices import InvoicesTable, invoice_rows
from callcenter.tui.widgets.key_bar import KeyBar, key_items
from callcenter.tui.widgets.payments import PaymentsPanel, payment_lines
from callcenter.tui.widgets.plan import PlanPanel, latest_plan, plan_lines
from callcenter.tui.widgets.reasons import ReasonsPanel, reason_lines
from callcenter.tui.widgets.session_bar import SessionBar, session_line

if TYPE_CHECKING:  # the app imports this screen: typed here, not imported
    from callcenter.tui.app import WorkstationApp

#: One key per outcome, in the order the Footer lists them.
OUTCOME_KEYS: tuple[tuple[str, Outcome], ...] = (
    ("p", Outcome.PROMISE),
    ("n", Outcome.NO_ANSWER),
    ("v", Outcome.VOICEMAIL),
    ("b", Outcome.BUSY),
    ("c", Outcome.CALLBACK),
    ("d", Outcome.DISPUTE),
    ("w", Outcome.WRONG_NUMBER),
    ("r", Outcome.REFUSED),
    ("a", Outcome.ALREADY_PAID),
    ("s", Outcome.PAYMENT_PLAN),
    ("x", Outcome.SKIP),
)


def translated(bindings: BindingsMap, ui: Locale) -> BindingsMap:
    """The same bindings with their descriptions (message ids) in the interface language."""
    return BindingsMap.from_keys(
        {
            key: [replace(b, description=ui.t(b.description)) if b.description else b for b in bs]
            for key, bs in bindings.key_to_bindings.items()
        }
    )


class Panels(VerticalScroll):
    """A column of panels; scrolled with PageUp/PageDown, never a tab stop."""

    can_focus = False


class SessionScreen(CallControl, Screen):
    CSS_PATH = "session.tcss"
    AUTO_FOCUS = ""
    BINDINGS = [
        *(Binding(key, f"outcome('{o.value}')", f"key.{o.value}") for key, o in OUTCOME_KEYS),
        Binding("enter,space", "next", "key.next"),
        Binding("u", "undo", "key.undo"),
        Binding("slash", "find", "key.find"),
        Binding("o", "other_contact", "key.contact"),
        # Listed in help and the palette, not in the bar: it must fit 80 columns.
        Binding("l", "cases", "key.cases", show=False),
        Binding("m", "my_tasks", "key.tasks", show=False),
        Binding("j", "agenda", "key.agenda", show=False),
        Binding("t", "dial", "key.dial", show=False),
        Binding("h", "hang_up", "key.hang_up", show=False),
        Binding("z", "pause", "key.pause", show=False),
        Binding("e", "account_note", "key.account_note", show=False),
        Binding("g", "dunning", "key.dunning", show=False),
        Binding("k", "confirm_promise", "key.confirm_promise", show=False),
        Binding("y", "send_document('send_statement')", "key.send_statement", show=False),
        Binding("i", "send_document('send_copy')", "key.send_copy", show=False),
        Binding("question_mark,f1", "help", "key.help"),
        Binding("tab", "note", "key.note", show=False),
        Binding("escape", "leave_note", show=False),
        Binding("pagedown", "page(1)", "key.page", show=False),
        Binding("pageup", "page(-1)", show=False),
    ]

    @property
    def workstation(self) -> WorkstationApp:
        """The app, typed: it records which dossier was painted when (for the bench)."""
        return cast("WorkstationApp", self.app)

    def __init__(self, desk: Desk, ui: Locale, clock, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.desk = desk
        self.ui = ui
        self.clock = clock
        self._bindings = translated(self._bindings, ui)
        self.stats = SessionStats(started_at=clock())
        self.started = False
        self.shown: Shown | None = None
        self.contact_id: int | None = None
        self.busy = False
        #: The note the collector was warned about when asking for the next debtor.
        self._note_warned = ""
        #: The note the collector was warned about when quitting.
        self._quit_warned = ""
        #: No garbage collection between an outcome key and the next dossier's paint;
        #: one full collection right after it.
        self._gc = FramePause(collect=True)

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield DebtorHeader(self.ui.t("app.title"), id="debtor")
        yield SessionBar(id="session")
        yield Static(self.ui.t("header.waiting"), id="welcome", markup=False)
        with Horizontal(id="body"):
            with Panels(id="left"):
                yield ContactsPanel(id="contacts")
                # Stacked below 120 columns: the hints come right under whom to call.
                yield HintsPanel(id="hints-narrow")
                yield InvoicesTable(id="invoices")
                yield CasesPanel(id="cases")
                yield CallsPanel(id="calls")
                yield PlanPanel(id="plan")
            with Panels(id="right"):
                yield ReasonsPanel(id="reasons")
                yield HintsPanel(id="hints")
                yield AccountPanel(id="account")
                yield PaymentsPanel(id="payments")
                yield HistoryPanel(id="history")
        yield Input(id="note", placeholder=self.ui.t("note.placeholder"), select_on_focus=False)
        quit_key = ("^q", self.ui.t("key.quit_short"), "ctrl+q")  # an app binding, listed too
        yield KeyBar([*key_items(self.BINDINGS, self.ui), quit_key], id="keys")

    def on_mount(self) -> None:
        titles = {
            "contacts": "panel.contacts",
            "invoices": "panel.invoices",
            "history": "panel.history",
            "reasons": "panel.reasons",
            "hints": "panel.hints",
            "hints-narrow": "panel.hints",
            "calls": "panel.calls",
            "account": "panel.account",
            "payments": "panel.payments",
            "cases": "panel.cases",
            "plan": "panel.plan",
        }
        for widget_id, key in titles.items():
            self.query_one(f"#{widget_id}").border_title = self.ui.t(key)
        #: The panels by id; :meth:`_painted` reads their widths for :meth:`prepare`.
        self._panels = {key: self.query_one(f"#{key}") for key in ("debtor", *titles)}
        self.query_one(InvoicesTable).setup(self.ui)
        self.query_one(AccountPanel).border_subtitle = self.ui.t("account.edit_key")
        self.query_one(CasesPanel).border_subtitle = self.ui.t("cases.key")
        self._tick()
        self.set_interval(1.0, self._tick)
        self.set_interval(60.0, self._renew)
        self.set_timer(PAUSE_LIMIT_S, end_start_pause)  # a start paused by pause_start()

    # -- what the collector sees ------------------------------------------------
    def _tick(self) -> None:
        elapsed = self.stats.elapsed(self.clock()) if self.started else "0:00:00"
        widget = self.query_one(SessionBar)
        state = self.call_text(self.clock())
        width = widget.content_size.width or None  # 0 before the first layout
        widget.update(session_line(self.desk.collector, self.stats, elapsed, self.ui, state, width))

    def show(self, shown: Shown) -> None:
        """Fill every panel for ``shown``, in place, then report when it is painted.

        Until then no key applies to it, even when it is the same debtor read again
        (after a change or an undo): a key typed while it was being read was meant
        for the dossier as it was.
        """
        self.workstation.shown_code = None
        another = self.shown is None or self.shown.code != shown.code
        if another:
            self.query_one("#note", Input).value = ""  # a note belongs to one debtor
        self.shown = shown
        self._show_body(True)
        dossier = shown.dossier
        ids = [c.id for c in callable_contacts(dossier.contacts)]
        if self.contact_id not in ids:  # a new debtor, or the number on screen was wrong
            self.contact_id = _first_contact(shown)
        narrow = self.has_class("-narrow")
        built = self._builders(shown, narrow, self.contact_id)
        prepared = shown.prepared
        if not (
            isinstance(prepared, Prepared)
            and (prepared.narrow, prepared.contact_id) == (narrow, self.contact_id)
        ):
            prepared = Prepared(narrow, self.contact_id, {})
        widths = self._widths  # read once: each read asks every panel for its size

        def ready(key: str) -> Any:
            """The panel's text built ahead by the prefetch, if for its present width."""
            width, text = prepared.texts.get(key, (-1, None))
            return text if width == widths.get(key) else None

        lines = prepared.lines.get  # that text rendered ahead (the panel checks it is)
        self.query_one(DebtorHeader).show(built["debtor"], ready("debtor"), lines("debtor"))
        self.query_one(ContactsPanel).show(built["contacts"], ready("contacts"), lines("contacts"))
        self.query_one(InvoicesTable).show(
            dossier.open_invoices, shown.today, narrow, ready("invoices")
        )
        self.query_one(HistoryPanel).show(built["history"], ready("history"), lines("history"))
        self.query_one(ReasonsPanel).show(built["reasons"], ready("reasons"), lines("reasons"))
        visible = _visible_hints(narrow)
        for hints in self.query(HintsPanel):
            key = hints.id or ""
            hints.show_hints(shown.hints, ready(key), shown=key == visible, lines=lines(key))
        self.query_one(CallsPanel).show(built["calls"], ready("calls"), lines("calls"))
        self.query_one(AccountPanel).show(built["account"], ready("account"), lines("account"))
        self.query_one(PaymentsPanel).show(built["payments"], ready("payments"), lines("payments"))
        cases = self.query_one(CasesPanel)
        cases.display = bool(dossier.disputes or dossier.tasks)
        cases.show(built["cases"], ready("cases"), lines("cases"))
        plan = self.query_one(PlanPanel)
        plan.display = bool(latest_plan(dossier))
        plan.show(built["plan"], ready("plan"), lines("plan"))
        if another:  # a new dossier opens at its top; the same one read again stays put
            # (PgDn pressed while it was read again, after a dispute closed, was undone)
            for column in (*self.query(Panels), self.query_one("#body")):
                column.scroll_home(animate=False)
        self._tick()
        # The screen itself marked for layout now, not once its widgets' own messages
        # reach it: else an idle moment in between runs the callback before the paint.
        # Not for a repaint: its widgets mark what changed, and a repaint of the screen
        # composited all of it a second time (~2 ms).
        self.refresh(layout=True, repaint=False)
        self.call_after_refresh(self._painted, shown.code)

    def on_resize(self) -> None:
        self.call_after_refresh(self._relayout)

    def on_unmount(self) -> None:
        self._gc.resume()  # the app quit between a key and its paint
        end_start_pause()

    def _relayout(self) -> None:
        if self.shown is not None:
            narrow = self.has_class("-narrow")
            self.query_one(InvoicesTable).set_narrow(narrow)
            shown = self.shown
            self.query_one(CallsPanel).show(
                lambda width: calls_and_promises(shown.dossier, self.ui, narrow, shown.written)
            )

    def _show_body(self, dossier: bool) -> None:
        """The dossier's panels, or the welcome line in their place.

        Set on the two widgets rather than as a class of the screen: a screen class
        makes Textual restyle every widget under it, ~20 ms at the first dossier.
        """
        self.query_one("#body").display = dossier
        self.query_one("#welcome").display = not dossier

    def _builders(
        self, shown: Shown, narrow: bool, contact_id: int | None
    ) -> dict[str, Callable[[int | None], Any]]:
        """What each panel shows for ``shown``, as a function of the panel's width.

        The one recipe for the screen and for :meth:`prepare` (the prefetch's head start).
        """
        dossier, ui, today = shown.dossier, self.ui, shown.today
        links = self.desk.dialer.links
        return {
            "debtor": lambda width: debtor_line(shown, ui, width),
            "contacts": lambda width: contact_lines(
                dossier.contacts, contact_id, ui, width, links=links
            ),
            "invoices": lambda width: invoice_rows(dossier.open_invoices, today, ui),
            "history": lambda width: history_bars(dossier.monthly, ui),
            "reasons": lambda width: reason_lines(dossier, ui),
            "hints": lambda width: hint_lines(shown.hints, width),
            "hints-narrow": lambda width: hint_lines(shown.hints, width),
            "calls": lambda width: calls_and_promises(dossier, ui, narrow, shown.written),
            "account": lambda width: _with_funnel(shown, ui, width),
            "payments": lambda width: payment_lines(dossier, ui, narrow),
            "cases": lambda width: case_lines(dossier, ui, today, width),
            "plan": lambda width: plan_lines(dossier, ui),
        }

    def prepare(self, shown: Shown, widths: dict[str, int], narrow: bool) -> Prepared:
        """In the prefetch's thread: every panel's text for ``shown``, at ``widths``.

        Built while the collector is on the phone, so that after the outcome key the
        screen only hands them to its widgets (~5 ms of the UI thread's work before).
        ``widths`` and ``narrow`` were read on the UI thread: a widget's size read
        from another thread can make Textual lay the screen out there, racing the UI
        thread's own layout in caches that are not thread-safe (it crashed the app).
        """
        contact_id = _first_contact(shown)
        hidden = "hints" if narrow else "hints-narrow"
        console = self.app.console
        texts = {}
        for key, build in self._builders(shown, narrow, contact_id).items():
            if key != hidden:
                width = widths.get(key)
                built = build(_known(width))
                if isinstance(built, Text):  # what the panel makes of its text, made here
                    built = fitted(built, width, console)
                texts[key] = (width, built)
        return Prepared(narrow, contact_id, texts)

    @property
    def _widths(self) -> dict[str, int]:
        """Each panel's present text width, by id (0 before its first layout)."""
        return {key: widget.content_size.width for key, widget in self._panels.items()}

    def _show_contacts(self) -> None:
        contacts = self.shown.dossier.contacts if self.shown else ()
        current = self.contact_id
        links = self.desk.dialer.links
        self.query_one(ContactsPanel).show(
            lambda width: contact_lines(contacts, current, self.ui, width, links=links)
        )

    def show_empty(self, message_key: str, **params: object) -> None:
        self._gc.resume()
        end_start_pause()
        self.shown = None
        self.workstation.shown_code = None
        self._show_body(False)
        title = Text(self.ui.t("app.title"))
        self.query_one(DebtorHeader).show(lambda width: title)
        self.query_one("#welcome", Static).update(self.ui.t(message_key, **params))

    def _show_empty_queue(self, coming) -> None:
        """Nobody to call: say when work comes back, and how to reach a debtor meanwhile."""
        opens = self.desk.calls_resume_at(self.now())
        if opens is not None:
            self.show_empty("header.closed", when=self.ui.moment(opens, self.desk.config.tz))
        elif coming is None:
            self.show_empty("header.empty", find=self.ui.t("header.find"))
        else:
            local = coming.at.astimezone(self.desk.config.tz)
            same_day = local.date() == self.now().astimezone(self.desk.config.tz).date()
            when = f"{local:%H:%M}" if same_day else self.ui.moment(coming.at, self.desk.config.tz)
            self.show_empty(
                f"header.coming_{coming.state}",
                when=when,
                name=clean(coming.name),
                find=self.ui.t("header.find"),
            )

    def _painted(self, code: str) -> None:
        at = time.monotonic()
        self.workstation.shown_code = code
        self.workstation.shown_at = at
        self._gc.resume()
        freeze_once()
        self.post_message(DossierShown(code, at))
        # Only now write the claim, count its place in the queue and read ahead the
        # next dossier: begun before the paint, their threads took the GIL from it
        # (Python hands a busy thread the GIL every 5 ms), ~20 ms of each next debtor.
        self.hold_claim()
        self.locate(code)
        self.prefetch(code, self._widths, self.has_class("-narrow"))

    def say(self, text: str, severity: SeverityLevel = "information") -> None:
        """One notice at a time: at one outcome a second they would pile up over the dialogs."""
        self.app.clear_notifications()
        self.app.notify(text, severity=severity, markup=False, timeout=3)

    # -- messages from the workers --------------------------------------------------
    def on_dossier_ready(self, message: DossierReady) -> None:
        self.busy = False
        if message.logged is not None:
            self.on_outcome_saved(OutcomeSaved(message.logged))
        if message.shown is None:
            self._show_empty_queue(message.coming_back)
        else:
            self.show(message.shown)  # its queue place and the next prefetch follow the paint
        if message.notice:
            self.say(message.notice)

    def on_position_known(self, message: PositionKnown) -> None:
        if self.shown is None or self.shown.code != message.code:
            return  # the collector already moved on
        self.shown = replace(self.shown, rank=message.rank, total=message.total, located=True)
        shown = self.shown
        self.query_one(DebtorHeader).show(lambda width: debtor_line(shown, self.ui, width))

    def on_read_ahead(self, message: ReadAhead) -> None:
        """The next dossier's texts, built by the prefetch, rendered into lines now: the
        collector is on the phone, and the paint after the outcome key has less to do
        (see :mod:`callcenter.tui.rendered_ahead`)."""
        prepared = message.prepared
        for key, (width, text) in prepared.texts.items():
            panel = self._panels.get(key)
            if isinstance(panel, RenderedAhead) and panel.display and panel.size.width == width:
                rendered = panel.render_ahead(text)
                if rendered is not None:
                    prepared.lines[key] = rendered

    def on_outcome_saved(self, message: OutcomeSaved) -> None:
        self.call_done()
        self.stats.record(message.logged)
        self.query_one("#note", Input).value = ""
        self._tick()

    def on_work_failed(self, message: WorkFailed) -> None:
        self.busy = False
        self._gc.resume()
        if message.saved:
            self.show_empty("header.reload")
            self.say(clean(message.error), "error")
        else:
            self.say(self.ui.t("notice.error", error=clean(message.error)), "error")

    # -- keys -----------------------------------------------------------------------
    @property
    def on_screen(self) -> bool:
        """True once the dossier in ``shown`` has been painted: keys apply to what was seen."""
        return self.shown is not None and self.workstation.shown_code == self.shown.code

    def _loading(self) -> bool:
        """True (and the collector told so) while database work is in flight, the next
        dossier is not painted yet, or the key was typed before it was: over a lag, keys
        typed for one debtor arrive in a burst, and must not land on the next one unseen."""
        typed_at = getattr(self.app, "key_time", None)
        early = (
            self.shown is not None and typed_at is not None and typed_at < self.workstation.shown_at
        )
        if self.busy or early or (self.shown is not None and not self.on_screen):
            self.say(self.ui.t("notice.wait"), "warning")
            return True
        return False

    @property
    def current(self) -> Shown:
        """The debtor on screen, where one must be (after :meth:`_ready`, in its dialogs)."""
        if self.shown is None:
            raise LookupError("no debtor on screen")
        return self.shown

    def _ready(self) -> Shown | None:
        """The debtor on screen when no database work is in flight; else None, said why."""
        if self._loading():
            return None
        if self.shown is None:
            self.say(self.ui.t("notice.no_debtor"), "warning")
        return self.shown

    def action_next(self) -> None:
        if self._loading():
            return
        note = self.query_one("#note", Input).value.strip()
        if note and self.shown is not None and self._note_warned != note:
            # The note goes with an outcome; moving on without one would drop it unseen.
            self._note_warned = note
            self.say(self.ui.t("notice.note_unsaved"), "warning")
            return
        self._start()
        self.busy = True
        passed = self.shown.dossier.debtor.name if self.shown else None
        self.load_next(self.shown.code if self.shown else None, passed)

    def _start(self) -> None:
        """The session clock starts with the first debtor asked for, not when the app opens."""
        if not self.started:
            self.started = True
            self.stats.started_at = self.clock()

    def action_outcome(self, name: str) -> None:
        shown = self._ready()
        if shown is None:
            return
        from callcenter.tui.screens import outcome_dialogs

        outcome = Outcome(name)
        if outcome is Outcome.WRONG_NUMBER and self.contact_id is None:
            self.say(self.ui.t("notice.no_contact"), "warning")  # nothing left to flag
            return
        if outcome is Outcome.DISPUTE and not any(
            i.open_cents > 0 for i in shown.dossier.open_invoices
        ):
            self.say(self.ui.t("notice.nothing_to_dispute"), "warning")  # an empty list traps
            return
        dialog = outcome_dialogs.dialog_for(outcome, self)
        if dialog is None:
            self.save(outcome)
        else:
            self.app.clear_notifications()  # a notice must not hide the dialog's lines
            self.app.push_screen(dialog, lambda result: self._dialog_done(outcome, result))

    def _dialog_done(self, outcome: Outcome, result) -> None:
        from callcenter.tui.screens import outcome_dialogs

        if result is not None:
            self.save(outcome, **outcome_dialogs.details_from(outcome, result))

    def save(self, outcome: Outcome, **details) -> None:
        """Commit ``outcome`` for the debtor on screen (with the note), then move on."""
        shown = self._ready()
        if shown is None:
            return
        note = self.query_one("#note", Input).value.strip()
        details = {"note": note, "contact_id": self.contact_id, **self.call_details(), **details}
        promised = details.get("amount_cents") or sum(c for _, c in details.get("instalments", ()))
        self.busy = True
        self._gc.pause()  # until the next dossier is painted
        self.set_timer(PAUSE_LIMIT_S, self._gc.resume)
        self.save_outcome(shown, outcome, details, promised if outcome in _PROMISING else 0)

    def action_undo(self) -> None:
        """Take back the session's last outcome, or its last change to a dossier."""
        if self._loading():
            return
        entry = self.stats.pop_last()
        if entry is None:
            self.say(self.ui.t("notice.nothing_to_undo"), "warning")
            return
        self.busy = True
        if isinstance(entry, Changed):
            self.undo_change(entry, self.shown)
            return
        if entry.outcome is Outcome.WRONG_NUMBER:
            self.contact_id = None  # the number is good again: back to the best contact
        self._tick()
        self.undo_entry(entry, self.shown)

    def action_find(self) -> None:
        from callcenter.tui.screens.find import FindScreen

        if not self._loading():
            self.app.push_screen(FindScreen(self.ui, self.desk), self.open_code)

    def open_code(self, code: str | None) -> None:
        """Show any debtor (from ``/`` or the palette) in place of the current one."""
        if code and not self._loading():
            self.busy = True
            self._start()
            self.open_debtor(code, self.shown)

    def action_other_contact(self) -> None:
        if self.shown is None or self._loading():
            return
        ids = [c.id for c in callable_contacts(self.shown.dossier.contacts)]
        if len(ids) < 2:  # say so: a key that does nothing looks broken
            self.say(self.ui.t("notice.one_contact" if ids else "notice.no_contact"), "warning")
            return
        if ids:
            at = ids.index(self.contact_id) if self.contact_id in ids else -1
            self.contact_id = ids[(at + 1) % len(ids)]
            self._show_contacts()

    def may_quit(self) -> bool:
        """False (once, with a warning) when quitting would lose a typed note."""
        note = self.query_one("#note", Input).value.strip()
        if note and self.shown is not None and self._quit_warned != note:
            self._quit_warned = note
            self.say(self.ui.t("notice.quit_note"), "warning")
            return False
        return True

    def action_cases(self) -> None:
        from callcenter.tui.screens.cases import CasesScreen

        shown = self._ready()
        if shown is not None:
            self.app.push_screen(
                CasesScreen(self.ui, self.desk, shown, self.clock, self.stats),
                self._cases_done,
            )

    def action_my_tasks(self) -> None:
        from callcenter.tui.screens.my_tasks import MyTasksScreen

        if not self.busy:
            screen = MyTasksScreen(self.ui, self.desk, self.clock, self.stats)
            self.app.push_screen(screen, self._tasks_done)

    def action_agenda(self) -> None:
        from callcenter.tui.screens.agenda import AgendaScreen

        if not self.busy:
            self.app.push_screen(AgendaScreen(self.ui, self.desk, self.clock), self._tasks_done)

    def action_account_note(self) -> None:
        from callcenter.tui.screens.account_note import AccountNoteDialog

        shown = self._ready()
        if shown is not None:
            dialog = AccountNoteDialog(self.ui, self.desk, shown, self.clock)
            self.busy = True  # until its callback: it closes from a worker, maybe mid-burst
            self.app.push_screen(dialog, partial(self._changed, "change.account_note"))

    def action_dunning(self) -> None:
        from callcenter.tui.screens.dunning import DunningDialog

        shown = self._ready()
        if shown is not None:
            cap = self.desk.config.queue.dunning_step_cap
            dialog = DunningDialog(self.ui, self.desk, shown, self.clock, cap)
            self.busy = True
            self.app.push_screen(dialog, partial(self._changed, "change.dunning_step"))

    def action_confirm_promise(self) -> None:
        from callcenter.tui.screens.confirmation import ConfirmationDialog

        if self._ready() and self.shown is not None:
            dialog = ConfirmationDialog(self.ui, self.desk, self.shown, self.clock)
            self.busy = True
            self.app.push_screen(dialog, self._confirmed)

    def _confirmed(self, said: str | None) -> None:
        self.busy = False
        if said:
            self.say(said)

    def action_send_document(self, kind: str) -> None:
        """The statement of account or an invoice copy to a contact (``y``, ``i``)."""
        from callcenter.service.documents import mail_contacts
        from callcenter.tui.screens.send_document import SendDocumentDialog

        shown = self._ready()
        if shown is None:
            return
        if not mail_contacts(shown.dossier):
            self.say(self.ui.t("mail.no_address"), "warning")
            return
        dialog = SendDocumentDialog(self.ui, self.desk, shown, self.clock, kind)
        self.busy = True
        self.app.push_screen(dialog, self._document_sent)

    def _document_sent(self, said: str | None) -> None:
        self.busy = False
        if said:
            self.say(said)
            self._cases_done(True)  # its task is done: the dossier shows it

    def _changed(self, what: str, change_id: int | None) -> None:
        """A dialog committed a change to the dossier on screen: ``u`` can take it back.

        The session stayed busy while the dialog was open: a key of the same burst
        handled between its closing and this callback was refused, not applied.
        """
        self.busy = False
        if change_id is None or self.shown is None:
            return
        shown = self.shown
        self.stats.record(Changed(change_id, shown.code, shown.dossier.debtor.name, what))
        self.say(self.ui.t(what))
        self._cases_done(True)

    def _cases_done(self, changed: bool | None) -> None:
        """After disputes, tasks or the note changed, show the dossier as it now is."""
        if changed and self.shown is not None and not self.busy:
            self.busy = True
            self.reload_dossier(self.shown)

    def _tasks_done(self, result: tuple[str | None, bool] | None) -> None:
        code, changed = result or (None, False)
        if code and (self.shown is None or code != self.shown.code):
            self.open_code(code)
        else:
            self._cases_done(changed)

    def action_help(self) -> None:
        from callcenter.tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.ui, self.BINDINGS))

    def action_note(self) -> None:
        note = self.query_one("#note", Input)
        if not note.has_focus and self._loading():
            return  # a note typed now would belong to a debtor not yet on screen
        if note.has_focus:
            self.set_focus(None)
        else:
            note.focus()

    def action_leave_note(self) -> None:
        self.set_focus(None)

    @on(Input.Submitted, "#note")
    def _note_done(self, event: Input.Submitted) -> None:
        """Enter in the note goes back to the outcome keys; the note is saved with the outcome."""
        event.stop()
        self.set_focus(None)

    def action_page(self, step: int) -> None:
        body = self.query_one("#body")
        target = body if body.max_scroll_y > 0 else self.query_one("#left", Panels)
        if target.max_scroll_y <= 0:
            target = self.query_one(InvoicesTable)
        (target.scroll_page_down if step > 0 else target.scroll_page_up)(animate=False)

    # -- workers (threads): database work off the UI thread ----------------------------
    # Each names itself (``description``): else Textual names a worker after the repr of
    # its arguments, on the UI thread, and a Shown's repr spells out the whole dossier with
    # every panel's text (~5 ms before the save's thread started, bench ledger, load 5).
    def now(self) -> datetime:
        return self.clock()

    @work(thread=True, group="db", description="load_next")
    def load_next(self, current: str | None, passed: str | None = None) -> None:
        """The next debtor; ``passed`` names the one left with no outcome, to say so."""
        try:
            shown = self.desk.next_debtor(self.now(), skip=(current,) if current else ())
        except expected_errors() as exc:
            self.post_message(WorkFailed(self.ui.error(exc)))
            return
        notice = self.ui.t("notice.passed", name=clean(passed)) if passed else ""
        if shown is not None and shown.resumed:
            notice = self.ui.t("notice.resumed", name=clean(shown.dossier.debtor.name))
        self.post_message(self._ready_message(shown, notice))

    def _ready_message(
        self, shown: Shown | None, notice: str, logged: Logged | None = None
    ) -> DossierReady:
        """In a worker: the dossier to show, or for an empty queue what comes back first."""
        if shown is not None:
            return DossierReady(shown, notice, logged=logged)
        try:
            coming = self.desk.coming_back(self.now())
        except expected_errors():
            coming = None  # the empty-queue line only loses its "next callback" part
        return DossierReady(None, notice, coming, logged)

    @work(thread=True, group="db", description="hold_claim")
    def hold_claim(self) -> None:
        """The claim of the debtor just painted, written (it was reserved until now)."""
        try:
            kept = self.desk.hold_claim()
        except expected_errors() as exc:
            self.post_message(WorkFailed(self.ui.error(exc)))
            return
        if not kept:  # as a lost renewal says it
            self.app.call_from_thread(self.say, self.ui.t("notice.claim_lost"), "warning")

    @work(thread=True, group="db", description="save_outcome")
    def save_outcome(self, shown: Shown, outcome: Outcome, details: dict, promised: int) -> None:
        now = self.now()
        debtor = shown.dossier.debtor
        try:
            call_id = self.desk.log(debtor.code, outcome, now, **details)
        except expected_errors() as exc:
            self.post_message(WorkFailed(self.ui.error(exc)))
            return
        contact = next(
            (c for c in shown.dossier.contacts if c.id == details.get("contact_id")), None
        )
        decides = None if contact is None else contact.decision_maker
        logged = Logged(
            call_id, debtor.code, debtor.name, outcome, promised, is_right_party(outcome, decides)
        )
        notice = self.ui.t(
            "notice.saved", outcome=self._described(outcome, details), name=clean(debtor.name)
        )
        try:
            after: Shown | None
            if outcome is Outcome.WRONG_NUMBER:  # same debtor, next contact
                after = self.desk.open_debtor(debtor.code, now)
                if not callable_contacts(after.dossier.contacts):
                    notice = self.ui.t("notice.no_contact")
            else:
                after = self.desk.next_debtor(now, skip=(debtor.code,))
        except expected_errors() as exc:
            self.post_message(OutcomeSaved(logged))
            self.post_message(WorkFailed(self.ui.error(exc), saved=True))
            return
        self.post_message(self._ready_message(after, notice, logged))

    def _described(self, outcome: Outcome, details: dict) -> str:
        """The outcome as saved; a promise or callback says its day, to read back to the debtor."""
        ui = self.ui
        day = details.get("promise_date")
        if outcome is Outcome.PROMISE and day is not None:
            amount = ui.money(details.get("amount_cents") or 0)
            return ui.t("promise.line", amount=amount, day=ui.long_date(day))
        moment = details.get("callback_at")
        if outcome is Outcome.CALLBACK and moment is not None:
            return ui.t("callback.line", when=ui.moment(moment))
        return ui.t(f"outcome.{outcome.value}")

    @work(thread=True, group="db", description="undo_entry")
    def undo_entry(self, entry: Logged, current: Shown | None) -> None:
        now = self.now()
        try:
            self.desk.undo(entry.call_id, now)
        except expected_errors() as exc:
            self.app.call_from_thread(self.stats.record, entry)
            self.post_message(WorkFailed(self.ui.error(exc)))
            return
        notice = self.ui.t(
            "notice.undone",
            outcome=self.ui.t(f"outcome.{entry.outcome.value}"),
            name=clean(entry.name),
        )
        self._switch_to(entry.code, current, now, notice)

    @work(thread=True, group="db", description="undo_change")
    def undo_change(self, entry: Changed, current: Shown | None) -> None:
        """Undo a dispute, task, note or dunning change, then show its debtor as it now is."""
        from callcenter.service.changes import undo_change
        from callcenter.tui.screens.cases import change_error

        now = self.now()
        try:
            self.desk.call(
                undo_change,
                entry.change_id,
                actor=self.desk.collector,
                now=now,
                config=self.desk.config,
            )
        except expected_errors() as exc:
            self.app.call_from_thread(self.stats.record, entry)
            self.post_message(WorkFailed(change_error(exc, self.ui)))
            return
        notice = self.ui.t(
            "notice.change_undone", what=self.ui.t(entry.what), name=clean(entry.name)
        )
        if current is None or current.code != entry.code:
            self._switch_to(entry.code, current, now, notice)
            return
        try:  # the same debtor read again, its claim kept
            fresh = self.desk.open_debtor(entry.code, now)
        except expected_errors() as exc:
            self.post_message(WorkFailed(self.ui.error(exc)))
            return
        self.post_message(DossierReady(replace(fresh, claimed=current.claimed), notice))

    @work(thread=True, group="db", description="reload_dossier")
    def reload_dossier(self, current: Shown) -> None:
        """The same debtor read again, its claim kept (after a dispute or task change)."""
        try:
            fresh = self.desk.open_debtor(current.code, self.now())
        except expected_errors() as exc:
            self.post_message(WorkFailed(self.ui.error(exc)))
            return
        self.post_message(DossierReady(replace(fresh, claimed=current.claimed)))

    @work(thread=True, group="db", description="open_debtor")
    def open_debtor(self, code: str, current: Shown | None) -> None:
        self._switch_to(code, current, self.now(), "")

    def _switch_to(self, code: str, current: Shown | None, now: datetime, notice: str) -> None:
        try:
            if current is not None and current.claimed and current.code != code:
                self.desk.release(current.code)
            shown = self.desk.open_debtor(code, now)
        except expected_errors() as exc:
            self.post_message(WorkFailed(self.ui.error(exc)))
            return
        self.post_message(DossierReady(shown, notice))

    @work(thread=True, group="locate", exclusive=True, description="locate")
    def locate(self, code: str) -> None:
        try:
            rank, total = self.desk.locate(code, self.now())
        except expected_errors():
            return  # the place in the queue is a nicety; the dossier is already on screen
        self.post_message(PositionKnown(code, rank, total))

    @work(thread=True, group="prefetch", exclusive=True, description="prefetch")
    def prefetch(self, current: str, widths: dict[str, int], narrow: bool) -> None:
        """Read ahead the next dossier; ``widths``/``narrow``: the screen's, read on the
        UI thread (see :meth:`prepare`)."""

        def prepare(shown: Shown) -> Prepared:
            prepared = self.prepare(shown, widths, narrow)
            self.post_message(ReadAhead(prepared))  # its lines are rendered on the UI thread
            return prepared

        try:
            self.desk.prefetch(self.now(), current, prepare=prepare)
        except expected_errors():
            pass  # a prefetch is only a head start; the real load reports errors

    def _renew(self) -> None:
        if self.shown is not None and self.shown.claimed and not self.busy:
            self.renew(self.shown.code)

    @work(thread=True, group="renew", exclusive=True, description="renew")
    def renew(self, code: str) -> None:
        try:
            kept = self.desk.renew(code, self.now())
        except expected_errors():
            return
        if not kept:
            self.app.call_from_thread(self.say, self.ui.t("notice.claim_lost"), "warning")


_PROMISING = frozenset({Outcome.PROMISE, Outcome.PAYMENT_PLAN})


def _with_funnel(shown: Shown, ui: Locale, width: int | None) -> Text:
    """The account panel: the scenario's line first, then the account facts."""
    text = funnel_line(shown.funnel, ui)
    text.append("\n")
    text.append_text(account_lines(shown.dossier, ui, width))
    return text


def _first_contact(shown: Shown) -> int | None:
    """Whom to call first on a new dossier: the contact the hints name, so the screen
    and the advice agree; else the first callable one."""
    ids = [c.id for c in callable_contacts(shown.dossier.contacts)]
    return shown.contact_id if shown.contact_id in ids else next(iter(ids), None)


def _visible_hints(narrow: bool) -> str:
    """The hints panel the layout shows: under the contacts when stacked, else on the right."""
    return "hints-narrow" if narrow else "hints"


def _known(width: int | None) -> int | None:
    """A panel's width for its text, None before its first layout (0 wide)."""
    return width if width else None

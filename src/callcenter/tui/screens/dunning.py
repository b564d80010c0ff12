"""``g``: move the debtor on the dunning ladder on purpose, after saying what that means.

A digit picks the step, the dialog says from which step to which (formal
notice and beyond: a supervisor's act where the settings say so) and waits
for ``o`` to confirm; ``Tab`` reaches the note (a registered letter's
number). The move is committed by the service, logged as a change, and the
session's ``u`` takes it back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from callcenter.domain.hint_texts import step_name
from callcenter.i18n import Locale
from callcenter.tui.desk import Desk, Shown
from callcenter.tui.screens.cases import EXPECTED, change_error
from callcenter.tui.screens.dialog import OutcomeDialog

STEPS_WIDTH = 68
"""Cells per line of the step list: what the dialog holds at 80 columns."""


def step_lines(steps: list[str], width: int = STEPS_WIDTH) -> list[str]:
    """The steps joined by " · " in lines of at most ``width`` cells, never inside a step.

    Left to the widget's wrapping, "4 mise en demeure" was cut after the 4 at
    80 columns, and a collector read "4" on one line and its name on the next.
    """
    lines: list[str] = []
    for step in steps:
        if lines and len(lines[-1]) + 3 + len(step) <= width:
            lines[-1] += " · " + step
        else:
            lines.append(step)
    return lines


class DunningDialog(OutcomeDialog):
    """Dismisses with the change id once the move is committed, or None."""

    AUTO_FOCUS = ""
    BINDINGS = [
        *(Binding(str(n), f"pick({n})", show=False) for n in range(10)),
        Binding("o,y,enter", "confirm", show=False),
        Binding("tab", "note", show=False),
    ]

    def __init__(
        self, ui: Locale, desk: Desk, shown: Shown, clock: Callable[[], datetime], cap: int
    ) -> None:
        super().__init__(ui, "dunning.title", "")
        self.desk = desk
        self.shown = shown
        self.clock = clock
        self.cap = cap
        self.current = shown.dossier.debtor.dunning_step
        self.chosen: int | None = None
        self.saving = False

    def fields(self) -> ComposeResult:
        name = step_name(self.ui.lang, self.current)
        yield Static(self.ui.t("dunning.now", step=self.current, name=name), markup=False)
        steps = [f"{n} {step_name(self.ui.lang, n)}" for n in range(self.cap + 1)]
        yield Static("\n".join(step_lines(steps)), classes="keys", markup=False)
        yield Input(id="dunning-note", placeholder=self.ui.t("dunning.note"))
        yield Static("", id="dunning-ask", markup=False)

    def action_pick(self, step: int) -> None:
        if self.saving or step > self.cap:
            return
        if step == self.current:
            self.fail(self.ui.t("dunning.same"))
            return
        self.chosen = step
        self.fail("")
        ask = self.ui.t(
            "dunning.ask",
            old=step_name(self.ui.lang, self.current),
            new=step_name(self.ui.lang, step),
        )
        self.query_one("#dunning-ask", Static).update(ask)

    def action_note(self) -> None:
        note = self.query_one("#dunning-note", Input)
        if note.has_focus:
            self.set_focus(None)  # back to the digits
        else:
            note.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.set_focus(None)
        self.action_confirm()

    def action_confirm(self) -> None:
        if self.saving:  # a second o or Enter in the same burst saves nothing more
            return
        if self.chosen is None:
            self.fail(self.ui.t("dunning.pick"))
            return
        self.saving = True
        self._save(self.chosen, self.query_one("#dunning-note", Input).value)

    def _save(self, step: int, note: str) -> None:
        # On the app, not this screen: closing the screen would cancel its own worker
        # while it waits for the dismissal it asked for.
        self.app.run_worker(partial(self._commit, step, note), thread=True, group="dunning")

    def _commit(self, step: int, note: str) -> None:
        from callcenter.service.dunning import set_dunning_step

        try:
            change_id = self.desk.call(
                set_dunning_step,
                self.shown.code,
                step,
                actor=self.desk.collector,
                now=self.clock(),
                note=note,
                config=self.desk.config,
            )
        except EXPECTED as exc:
            self.app.call_from_thread(self._failed, self._words(exc))
            return
        self.app.call_from_thread(self.dismiss, change_id)

    def _words(self, exc: Exception) -> str:
        """A refusal in the collector's language, whichever layer raised it."""
        if callable(getattr(exc, "in_lang", None)):
            return self.ui.error(exc)
        return change_error(exc, self.ui)

    def _failed(self, message: str) -> None:
        """Refused: the question is withdrawn, another step may be picked."""
        self.saving = False
        self.chosen = None
        self.query_one("#dunning-ask", Static).update("")
        self.fail(message)

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(None)

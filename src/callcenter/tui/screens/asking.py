"""A dialog that hands its values to the service's rules before closing.

The rules live in :mod:`callcenter.service.outcome_rules`; a dialog does not
check anything itself. A firm refusal is shown on the error line in the
collector's language and the dialog stays open; a question (a date months
away, more than the balance) waits for ``o``/``y`` to confirm, and changing
any field withdraws it, so a confirmation always answers what is on screen.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from callcenter.service.outcome_rules import Refusal
from callcenter.tui.screens.dialog import OutcomeDialog


class AskingDialog(OutcomeDialog):
    BINDINGS = [Binding("o,y", "confirm", show=False)]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: What to dismiss with once the pending question is confirmed, and the fields it was about.
        self._asked: object | None = None
        self._asked_about: tuple[str, ...] = ()

    def settle(self, found: Refusal | None, result: object, confirmed_result: object) -> None:
        """Dismiss with ``result`` when the rules pass, else refuse or ask about it."""
        if found is None:
            self.dismiss(result)
            return
        text = self.ui.t(found.code, **found.params)
        if not found.confirmable:
            self._asked = None
            self.fail(text)
            return
        self._asked = confirmed_result
        self._asked_about = self._fields()
        self.set_focus(None)  # o / y reach the dialog, not a field
        self.fail(f"{text} — {self.ui.t('dialog.confirm')}")

    def _fields(self) -> tuple[str, ...]:
        return tuple(field.value for field in self.query(Input))

    def on_input_changed(self, event: Input.Changed) -> None:
        """An edit withdraws the question: it was about the values before it."""
        if self._asked is not None and self._fields() != self._asked_about:
            self._asked = None
            self.fail("")

    def action_confirm(self) -> None:
        if self._asked is not None:
            self.dismiss(self._asked)

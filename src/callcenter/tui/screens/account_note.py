"""``e``: the account note, kept from one call to the next; saved here, undone from the log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from textual.app import ComposeResult
from textual.widgets import Input

from callcenter.i18n import Locale
from callcenter.service.dossier import ACCOUNT_NOTE_MAX
from callcenter.tui.desk import Desk, Shown
from callcenter.tui.screens.cases import EXPECTED, change_error
from callcenter.tui.screens.dialog import OutcomeDialog


class AccountNoteDialog(OutcomeDialog):
    """Saves the note itself (not an outcome) and dismisses with the change id once it is
    committed (None when cancelled)."""

    def __init__(self, ui: Locale, desk: Desk, shown: Shown, clock: Callable[[], datetime]) -> None:
        super().__init__(ui, "account_note.title", "account_note.keys")
        self.desk = desk
        self.shown = shown
        self.clock = clock
        self.saving = False

    def fields(self) -> ComposeResult:
        yield Input(
            " ".join(self.shown.dossier.debtor.account_note.splitlines()),
            id="account-note",
            max_length=ACCOUNT_NOTE_MAX,
        )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.saving:  # Enter twice in one burst saves once
            self.saving = True
            self._save(event.value)

    def _save(self, text: str) -> None:
        # On the app, not this screen: closing the screen would cancel its own worker
        # while it waits for the dismissal it asked for.
        self.app.run_worker(partial(self._commit, text), thread=True, group="account-note")

    def _commit(self, text: str) -> None:
        from callcenter.service.dossier import set_account_note

        try:
            change_id = self.desk.call(
                set_account_note, self.shown.code, text, actor=self.desk.collector, now=self.clock()
            )
        except EXPECTED as exc:
            self.app.call_from_thread(self._failed, change_error(exc, self.ui))
            return
        self.app.call_from_thread(self.dismiss, change_id)

    def _failed(self, message: str) -> None:
        self.saving = False
        self.fail(message)

    def action_cancel(self) -> None:
        if not self.saving:
            self.dismiss(None)

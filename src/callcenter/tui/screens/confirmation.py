"""``k``: after a promise, its written confirmation to the contact: preview, then send.

The message is the ``promise_confirmation`` template on the dossier's latest
pending promise, built by the same service as ``callcenter remind`` and sent
the same way (SMTP, or the outbox folder); the communications log keeps it,
and confirming the same promise twice sends it once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from callcenter.i18n import Locale
from callcenter.tui.desk import Desk, Shown
from callcenter.tui.screens.dialog import OutcomeDialog


class ConfirmationDialog(OutcomeDialog):
    """Shows the confirmation; Enter sends it and dismisses with what was said (or None)."""

    BINDINGS = [Binding("enter", "send", "send", show=False)]
    FOOTER_KEY = "confirm.keys"  # Enter sends here, it saves nothing

    def __init__(self, ui: Locale, desk: Desk, shown: Shown, clock: Callable[[], datetime]):
        super().__init__(ui, "confirm.title")
        self.desk, self.shown, self.clock = desk, shown, clock
        self.due = None
        self.sending = False

    def fields(self) -> ComposeResult:
        yield Static(self.ui.t("mail.preparing"), id="confirm-preview", markup=False)

    def on_mount(self) -> None:
        self.app.run_worker(self._prepare, thread=True, group="confirmation")

    def _prepare(self) -> None:
        from callcenter.service.reminders import promise_confirmation

        try:
            due = self.desk.call(
                promise_confirmation,
                self.shown.code,
                now=self.clock(),
                config=self.desk.config,
                actor=self.desk.collector,
            )
        except Exception as exc:  # noqa: BLE001 - a broken template or database is said, not fatal
            self.app.call_from_thread(self.fail, self.ui.error(exc))
            return
        self.app.call_from_thread(self._preview, due)

    def _preview(self, due) -> None:
        if due is None or not due.recipients:  # nothing to send: said on the session, not here
            self.dismiss(self.ui.t("confirm.none" if due is None else "mail.no_address"))
            return
        preview = self.query_one("#confirm-preview", Static)
        self.due = due
        to = ", ".join(due.recipients)
        preview.update(f"{to}\n{due.message.subject}\n\n{due.message.body}")

    def action_send(self) -> None:
        if self.due is None or self.sending:
            return
        self.sending = True
        self.app.run_worker(partial(self._send, self.due), thread=True, group="confirmation")

    def _send(self, due) -> None:
        from callcenter.domain.communications import DELIVERED
        from callcenter.service.sending import deliver

        config = self.desk.config
        try:
            done = self.desk.call(
                deliver,
                [due],
                now=self.clock(),
                config=config,
                actor=self.desk.collector,
                outbox=config.funnel.outbox,
            )
        except Exception as exc:  # noqa: BLE001 - said on the dialog's error line
            self.app.call_from_thread(self._failed, self.ui.error(exc))
            return
        if done and done[0].result not in DELIVERED:
            self.app.call_from_thread(self._failed, done[0].detail)
            return
        self.app.call_from_thread(self.dismiss, self.ui.t("confirm.sent"))

    def _failed(self, message: str) -> None:
        self.sending = False
        self.fail(self.ui.t("mail.failed", reason=message))

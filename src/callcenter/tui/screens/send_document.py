"""``y`` / ``i``: the statement of account or an invoice copy to a contact chosen by digit.

The dialog lists the dossier's contacts with a usable e-mail address; a digit
picks one (a single contact is picked at once) and the message is rendered
by :mod:`callcenter.service.documents` for a preview; Enter sends it the way
``callcenter remind`` does (SMTP, or the outbox folder), the communications
log keeps it, and the dossier's matching open task is done.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from callcenter.i18n import Locale
from callcenter.service.documents import mail_contacts
from callcenter.tui.desk import Desk, Shown
from callcenter.tui.screens.dialog import OutcomeDialog


class SendDocumentDialog(OutcomeDialog):
    """Dismisses with what to say on the session once sent (or None: cancelled)."""

    AUTO_FOCUS = ""
    BINDINGS = [
        *(Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)),
        Binding("enter", "send", "send", show=False),
        Binding("pageup", "scroll(-1)", show=False),
        Binding("pagedown", "scroll(1)", show=False),
    ]
    # The preview scrolls inside the dialog: a long letter must not push the keys line and
    # the error line off an 80x24 terminal.
    DEFAULT_CSS = """
    SendDocumentDialog #send-doc-scroll { height: auto; max-height: 50vh; }
    """
    FOOTER_KEY = "send_doc.keys"

    def __init__(
        self, ui: Locale, desk: Desk, shown: Shown, clock: Callable[[], datetime], kind: str
    ) -> None:
        super().__init__(ui, f"send_doc.title.{kind}", "send_doc.pick")
        self.desk, self.shown, self.clock, self.kind = desk, shown, clock, kind
        self.contacts = mail_contacts(shown.dossier)[:9]
        self.prepared = None
        self.busy = False

    def fields(self) -> ComposeResult:
        lines = [f"{n}  {c.name} <{c.email.strip()}>" for n, c in enumerate(self.contacts, 1)]
        yield Static("\n".join(lines), id="send-doc-contacts", markup=False)
        with VerticalScroll(id="send-doc-scroll", can_focus=False):
            yield Static("", id="send-doc-preview", markup=False)

    def on_mount(self) -> None:
        if len(self.contacts) == 1:
            self.action_pick(1)

    def action_scroll(self, pages: int) -> None:
        scroll = self.query_one("#send-doc-scroll", VerticalScroll)
        (scroll.scroll_page_down if pages > 0 else scroll.scroll_page_up)(animate=False)

    def action_pick(self, number: int) -> None:
        if self.busy or not 1 <= number <= len(self.contacts):
            return
        self.busy, self.prepared = True, None
        self.fail("")
        self.query_one("#send-doc-preview", Static).update(self.ui.t("mail.preparing"))
        contact_id = self.contacts[number - 1].id
        self.app.run_worker(partial(self._prepare, contact_id), thread=True, group="document")

    def _prepare(self, contact_id: int | None) -> None:
        from callcenter.service.documents import document_message

        try:
            prepared = self.desk.call(
                document_message,
                self.shown.dossier.debtor.code,
                self.kind,
                contact_id=contact_id,
                now=self.clock(),
                config=self.desk.config,
                actor=self.desk.collector,
            )
        except Exception as exc:  # noqa: BLE001 - no copy, a broken template: said, not fatal
            self.app.call_from_thread(self._failed, self.ui.error(exc))
            return
        self.app.call_from_thread(self._preview, prepared)

    def _preview(self, prepared) -> None:
        self.busy, self.prepared = False, prepared
        due = prepared.due
        lines = [", ".join(due.recipients), due.message.subject]
        lines.append(self.ui.t("send_doc.attached", names=", ".join(due.attachment_names)))
        lines += [self.ui.t("send_doc.no_pdf", reason=d.note) for d in due.documents if d.note]
        preview = "\n".join(lines) + "\n\n" + due.message.body
        self.query_one("#send-doc-preview", Static).update(preview)

    def action_send(self) -> None:
        if self.prepared is None or self.busy:
            return
        self.busy = True
        self.app.run_worker(partial(self._send, self.prepared), thread=True, group="document")

    def _send(self, prepared) -> None:
        from callcenter.domain.communications import DELIVERED
        from callcenter.service.documents import send_document

        to = ", ".join(prepared.due.recipients)
        try:
            sent = self.desk.call(
                send_document,
                prepared,
                now=self.clock(),
                config=self.desk.config,
                actor=self.desk.collector,
            )
        except Exception as exc:  # noqa: BLE001 - said on the dialog's error line
            self.app.call_from_thread(self._failed, self.ui.error(exc))
            return
        if sent.delivery is None:
            said = self.ui.t("send_doc.already", to=to)
        elif sent.delivery.result not in DELIVERED:
            self.app.call_from_thread(self._failed, sent.delivery.detail)
            return
        else:
            said = self.ui.t("send_doc.sent_task" if sent.task_id else "send_doc.sent", to=to)
        self.app.call_from_thread(self.dismiss, said)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.fail(self.ui.t("mail.failed", reason=message))

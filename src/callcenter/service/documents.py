"""The statement of account and invoice copies: a page to file, or a message to a contact.

The statement (*relevé de compte*) is ``statement.html`` filled by
:func:`callcenter.letters.fields.statement_fields`: every open invoice, the
latest payments, the balance and its aging. It prints to PDF with WeasyPrint
(the ``pdf`` extra) as letters do; without it the page stays HTML and the
:class:`Document` says why, so the caller can say so.

Sent to a contact, a document rides on a message template (``statement``,
``invoice_copy``) delivered by :func:`callcenter.service.sending.deliver`,
the path ``callcenter remind`` takes, so it is logged in the communications
log and goes out once per day, contact and invoices. Once delivered it
completes the dossier's matching open task (``send_statement``,
``send_copy``: the tasks a dispute or a call asks for).
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from pathlib import Path

from callcenter.domain.communications import DELIVERED, Document
from callcenter.domain.models import Contact, Dossier
from callcenter.domain.record import record
from callcenter.domain.scenarios import Step, chased
from callcenter.domain.settings import Config
from callcenter.i18n import CodedError, Locale
from callcenter.letters.fields import merge_fields, statement_fields
from callcenter.letters.render import environment, render_message, render_page
from callcenter.service.changes import ChangeError
from callcenter.service.reminders import DueStep, copy_files, invoice_copies, signer
from callcenter.service.scores import today_of
from callcenter.service.sending import Delivery, deliver
from callcenter.service.tasks import complete_task
from callcenter.store import Store

#: The two documents a collector sends; each is also the kind of task it completes.
STATEMENT = "send_statement"
COPY = "send_copy"
KINDS = (STATEMENT, COPY)
#: kind -> (the log's channel, the message template).
_MESSAGE = {STATEMENT: ("statement", "statement"), COPY: ("invoice_copy", "invoice_copy")}


class DocumentRefused(CodedError):
    """Nothing to send: no such debtor, contact or invoice copy."""


def statement_page(dossier: Dossier, today: date, config: Config, actor: str) -> str:
    """The statement of account as a self-contained HTML page, in the letters' language."""
    lang = config.funnel.language
    fields = statement_fields(dossier, today, lang, config.legal_rates(), signer(config, actor))
    return render_page(environment(config.funnel.templates), "statement.html", fields, lang)


def statement_name(code: str, today: date, lang: str) -> str:
    """``releve-CODE-2026-11-20`` in French letters, ``statement-…`` in English ones.

    The file's name is what the debtor sees attached, so it is in the letters'
    language; a debtor code never makes a path of its own.
    """
    word = Locale(lang).t("documents.statement_file")
    return f"{word}-{re.sub(r'[^A-Za-z0-9_.-]', '_', code)}-{today.isoformat()}"


def printed(page: str, stem: str) -> Document:
    """The page as PDF; as HTML, with WeasyPrint's reason, where it cannot be loaded."""
    from callcenter.pdf import PdfUnavailable, html_to_pdf

    try:
        return Document(f"{stem}.pdf", html_to_pdf(page))
    except PdfUnavailable as exc:
        return Document(f"{stem}.html", page.encode(), exc.reason)


def statement_of(
    store: Store, code: str, *, now: datetime, config: Config, actor: str
) -> tuple[str, str]:
    """``(file stem, HTML page)`` of debtor ``code``'s statement (refused: no such debtor)."""
    today = today_of(now, config)
    dossier = store.dossiers.load_dossier(code, today)
    if dossier is None:
        raise DocumentRefused("documents.no_debtor", code=code)
    return statement_name(code, today, config.funnel.language), statement_page(
        dossier, today, config, actor
    )


def mail_contacts(dossier: Dossier) -> tuple[Contact, ...]:
    """The contacts a document can go to: an address the mail server did not refuse."""
    return tuple(c for c in dossier.contacts if c.email.strip() and not c.email_doubtful)


@record(slots=False)
class DocumentMessage:
    """A document's message, rendered for one contact, and the task it completes."""

    due: DueStep
    #: The dossier's oldest open task of the matching kind (None: there is none).
    task_id: int | None


def document_message(
    store: Store,
    code: str,
    kind: str,
    *,
    contact_id: int | None,
    now: datetime,
    config: Config,
    actor: str,
) -> DocumentMessage:
    """The statement or the invoice copies for contact ``contact_id``, ready to preview."""
    today = today_of(now, config)
    dossier = store.dossiers.load_dossier(code, today)
    if dossier is None:
        raise DocumentRefused("documents.no_debtor", code=code)
    contact = next((c for c in mail_contacts(dossier) if c.id == contact_id), None)
    if contact is None:
        raise DocumentRefused("documents.no_contact")
    named = chased(dossier.invoices)
    copies: tuple[Path, ...] = ()
    documents: tuple[Document, ...] = ()
    if kind == STATEMENT:
        page = statement_page(dossier, today, config, actor)
        documents = (printed(page, statement_name(code, today, config.funnel.language)),)
    else:
        copies = invoice_copies(copy_files(config.funnel.invoice_copies), dossier.open_invoices)
        if not copies:
            raise DocumentRefused("documents.no_copy", folder=config.funnel.invoice_copies or "-")
        found = {p.stem for p in copies}
        named = tuple(i for i in dossier.open_invoices if i.number in found)
    lang = config.funnel.language
    fields = merge_fields(
        dossier, contact, today, lang, config.legal_rates(), signer(config, actor), named
    )
    channel, template = _MESSAGE[kind]
    address = contact.email.strip()
    numbers = "\n".join([address, *sorted(i.number for i in named)])
    digest = hashlib.sha256(numbers.encode()).hexdigest()[:16]
    due = DueStep(
        code=code,
        scenario="",
        step=Step(kind, 0, channel, template),
        invoices=named,
        contact=contact,
        recipients=(address,),
        # Once a day per contact and invoices: a second Enter, or a retry, sends nothing new.
        send_key=f"{code}:{kind}:{today.isoformat()}:{digest}",
        message=render_message(environment(config.funnel.templates), template, lang, fields),
        attachments=copies,
        ladder=0,
        client=fields["client"],
        address=fields["client_address"],
        documents=documents,
    )
    task = next((t.id for t in dossier.tasks if t.kind == kind and t.done_at is None), None)
    return DocumentMessage(due, task)


@record(slots=False)
class DocumentSent:
    """What sending did: the delivery (None: already sent today) and the task completed."""

    delivery: Delivery | None
    task_id: int | None = None


def send_document(
    store: Store, prepared: DocumentMessage, *, now: datetime, config: Config, actor: str
) -> DocumentSent:
    """Deliver the message as ``remind`` would, then complete the matching open task."""
    done = deliver(store, [prepared.due], now=now, config=config, actor=actor)
    if not done:
        return DocumentSent(None)
    delivery = done[0]
    if delivery.result not in DELIVERED or prepared.task_id is None:
        return DocumentSent(delivery)
    try:
        complete_task(store, prepared.task_id, actor=actor, now=now)
    except ChangeError:  # done meanwhile by someone else, or not theirs to close
        return DocumentSent(delivery)
    return DocumentSent(delivery, prepared.task_id)

"""Which written steps are due, for whom, with what words: the funnel's plan before sending.

Everything is computed and rendered before anything goes out, so a broken
template or a missing address stops the run with its reason and nothing half
sent. A step's ``send_key`` (debtor, step, the invoices it names) is what
makes it go out once, whatever the retries.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from callcenter.domain.communications import Document
from callcenter.domain.models import Contact, Dossier, Invoice, PromiseStatus
from callcenter.domain.record import record
from callcenter.domain.scenarios import ON_PAPER, Position, Step, ladder_step
from callcenter.domain.settings import Config
from callcenter.i18n import Locale
from callcenter.letters.fields import Signer, merge_fields
from callcenter.letters.render import Rendered, environment, render_message
from callcenter.service.funnel_place import dossier_position
from callcenter.service.scores import today_of
from callcenter.store import Store


@record(slots=False)
class DueStep:
    """One written step to send now (or to approve first)."""

    code: str
    scenario: str
    step: Step
    invoices: tuple[Invoice, ...]
    contact: Contact | None
    recipients: tuple[str, ...]
    send_key: str
    message: Rendered
    #: Invoice copies found in ``funnel.invoice_copies``, attached to the message.
    attachments: tuple[Path, ...]
    #: The dunning-ladder step this takes the debtor to once delivered.
    ladder: int
    awaiting_approval: bool = False
    client: str = ""
    address: str = ""
    #: Files made for this message (a statement of account), attached after the copies.
    documents: tuple[Document, ...] = ()

    @property
    def on_paper(self) -> bool:
        return self.step.channel in ON_PAPER

    @property
    def attachment_names(self) -> tuple[str, ...]:
        """Every attached file's name, as the communications log keeps them."""
        return (*(p.name for p in self.attachments), *(d.name for d in self.documents))


def send_key(code: str, step: str, invoices: Sequence[Invoice]) -> str:
    """Debtor + step + the set of invoices named: the same step is never delivered twice."""
    numbers = "\n".join(sorted(i.number for i in invoices))
    digest = hashlib.sha256(numbers.encode()).hexdigest()[:16]
    return f"{code}:{step}:{digest}"


def signer(config: Config, actor: str) -> Signer:
    funnel = config.funnel
    return Signer(funnel.creditor, funnel.payment_details, funnel.signature, actor)


def sent_days(store: Store, codes: Sequence[str], config: Config) -> dict[str, dict[str, date]]:
    """``{debtor: {step: day of its latest delivery}}``, days in the office timezone."""
    found = store.communications.steps_sent(codes)
    return {
        code: {step: at.astimezone(config.tz).date() for step, at in steps.items()}
        for code, steps in found.items()
    }


def recipients(dossier: Dossier) -> tuple[Contact | None, tuple[str, ...]]:
    """Contacts with an address the mail server did not refuse; the decision-maker first."""
    usable = [c for c in dossier.contacts if c.email.strip() and not c.email_doubtful]
    usable.sort(key=lambda c: (not c.decision_maker, c.id or 0))
    addresses = tuple(dict.fromkeys(c.email.strip() for c in usable))
    return (usable[0] if usable else None), addresses


def copy_files(folder: str) -> dict[str, Path]:
    """The files of ``folder`` by name without extension (an invoice number), listed once
    per run rather than once per message; ``""`` or a missing folder: none."""
    root = Path(folder) if folder else None
    if root is None or not root.is_dir():
        return {}
    by_stem: dict[str, Path] = {}
    for path in sorted(root.iterdir()):
        if path.is_file():
            by_stem.setdefault(path.stem, path)
    return by_stem


def invoice_copies(files: Mapping[str, Path], invoices: Sequence[Invoice]) -> tuple[Path, ...]:
    """The copies among ``files`` (:func:`copy_files`) of ``invoices``, in invoice order."""
    return tuple(files[i.number] for i in invoices if i.number in files)


def due_steps(
    store: Store,
    *,
    now: datetime,
    config: Config,
    actor: str,
    approve: bool = False,
    codes: Sequence[str] | None = None,
) -> list[DueStep]:
    """Every written step due now, rendered; raises TemplateBroken before anything is sent."""
    today = today_of(now, config)
    wanted = list(codes) if codes is not None else store.queue.debtor_codes()
    sent = sent_days(store, wanted, config)
    env = environment(config.funnel.templates)
    copies = copy_files(config.funnel.invoice_copies)
    due: list[DueStep] = []
    for dossier, called_at in store.dossiers.funnel_dossiers(wanted):
        code = dossier.debtor.code
        called_on = called_at.astimezone(config.tz).date() if called_at else None
        place = dossier_position(dossier, sent.get(code, {}), today, config, called_on)
        step = place.next_step if place else None
        if place is None or step is None or not step.written or not place.is_due(today):
            continue
        due.append(_prepare(dossier, place, step, today, config, actor, env, approve, copies))
    return due


def _prepare(
    dossier, place: Position, step: Step, today, config, actor, env, approve, files
) -> DueStep:
    contact, addresses = recipients(dossier)
    lang = config.funnel.language
    fields = merge_fields(
        dossier, contact, today, lang, config.legal_rates(), signer(config, actor), place.invoices
    )
    ladder = ladder_step(place.scenario, place.next_index or 0)
    copies = invoice_copies(files, place.invoices) if ladder >= 2 else ()
    return DueStep(
        code=dossier.debtor.code,
        scenario=place.scenario.name,
        step=step,
        invoices=place.invoices,
        contact=contact,
        recipients=() if step.channel in ON_PAPER else addresses,
        send_key=send_key(dossier.debtor.code, step.key, place.invoices),
        message=render_message(env, step.template, lang, fields),
        attachments=copies,
        ladder=ladder,
        awaiting_approval=step.needs_approval and not approve,
        client=fields["client"],
        address=fields["client_address"],
    )


#: The written confirmation of a promise: its own channel, so it never counts as a
#: reminder left unanswered (it follows a conversation) nor moves the ladder.
CONFIRMATION = "confirmation"


def promise_confirmation(
    store: Store, code: str, *, now: datetime, config: Config, actor: str
) -> DueStep | None:
    """The confirmation of the debtor's latest pending promise (None: no pending promise).

    Its key names the promise: confirming the same promise twice sends it once.
    """
    today = today_of(now, config)
    dossier = store.dossiers.load_dossier(code, today)
    if dossier is None:
        return None
    pending = [p for p in dossier.promises if p.status is PromiseStatus.PENDING]
    if not pending:
        return None
    promise = max(pending, key=lambda p: (p.created_at or now, p.id or 0))
    contact, addresses = recipients(dossier)
    lang = config.funnel.language
    ui_fields = merge_fields(
        dossier, contact, today, lang, config.legal_rates(), signer(config, actor)
    )
    ui = Locale(lang, "dmy" if lang == "fr" else "iso")
    amount = promise.amount_cents or sum(i.open_cents for i in dossier.open_invoices)
    ui_fields.update(promised_amount=ui.money(amount), promised_on=ui.date(promise.promised_on))
    step = Step(f"confirm_{promise.id}", 0, CONFIRMATION, "promise_confirmation")
    env = environment(config.funnel.templates)
    invoices = tuple(i for i in dossier.invoices if i.number in _names(ui_fields))
    return DueStep(
        code=code,
        scenario="",
        step=step,
        invoices=invoices,
        contact=contact,
        recipients=addresses,
        send_key=f"{code}:{step.key}",
        message=render_message(env, step.template, lang, ui_fields),
        attachments=(),
        ladder=0,
        client=ui_fields["client"],
        address=ui_fields["client_address"],
    )


def _names(fields: dict) -> set[str]:
    return {row["number"] for row in fields["invoices"]}

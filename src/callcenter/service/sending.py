"""Delivering the funnel's messages: SMTP, or ``.eml`` files in an outbox, letters to print.

Each delivery is logged in the communications log with its result, one
entry per attempt: a failure is kept (and retried by the next run, reported
until then), a delivery is recorded once per send key, so a second run sends
nothing new. Headers are built by :class:`email.message.EmailMessage`, never
by joining strings. The SMTP password comes from the environment variable
the settings name and appears in no log, message or error.
"""

from __future__ import annotations

import hashlib
import os
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from mimetypes import guess_type
from pathlib import Path

from callcenter.domain import dates
from callcenter.domain.communications import DELIVERED, Communication, Result
from callcenter.domain.record import record
from callcenter.domain.settings import Config, SmtpConfig
from callcenter.letters.render import environment, render_page
from callcenter.output_files import output_file
from callcenter.service.reminders import DueStep
from callcenter.service.scores import score_and_write
from callcenter.store import Store

#: Why an e-mail step could not go: the debtor has no usable address.
NO_ADDRESS = "no e-mail address"
#: How far back a logged "no address" failure is remembered (a step waits that long at most).
NO_ADDRESS_MEMORY_DAYS = 400


@record(slots=False)
class Delivery:
    """What became of one due step."""

    due: DueStep
    result: Result
    detail: str = ""
    message_id: str = ""


def sending_open(now: datetime, config: Config) -> datetime | None:
    """None when ``now`` is within the sending days and hours; else when they open next."""
    return None if _within(now, config) else _next_open(now, config)


def _within(now: datetime, config: Config) -> bool:
    local = now.astimezone(config.tz)
    if local.isoweekday() not in config.funnel.weekdays:
        return False
    if not dates.is_business_day(local.date(), config.region, config.funnel.weekdays):
        return False
    return any(start <= local.time() < end for start, end in config.funnel.windows)


def _next_open(now: datetime, config: Config) -> datetime:
    local = now.astimezone(config.tz)
    for days in range(0, 15):
        day = local.date() + timedelta(days=days)
        for start, _ in config.funnel.windows:
            moment = datetime.combine(day, start, tzinfo=config.tz)
            if moment > local and _within(moment, config):
                return moment
    return local  # pragma: no cover - settings always name a working day


def message_id(due: DueStep, sender: str) -> str:
    """The same step keeps the same Message-ID across retries (a receiver can drop a twin)."""
    digest = hashlib.sha256(due.send_key.encode()).hexdigest()[:24]
    domain = sender.rpartition("@")[2] or "callcenter.invalid"
    return f"<{digest}@{domain}>"


def build_email(due: DueStep, config: Config, now: datetime) -> EmailMessage:
    message = EmailMessage()
    message["From"] = config.funnel.sender or "callcenter@localhost"
    message["To"] = ", ".join(due.recipients)
    message["Subject"] = due.message.subject
    message["Date"] = format_datetime(now)
    message["Message-ID"] = message_id(due, config.funnel.sender)
    message.set_content(due.message.body)
    files = [(p.name, p.read_bytes()) for p in due.attachments]
    files += [(d.name, d.data) for d in due.documents]
    for name, data in files:
        kind, _ = guess_type(name)
        main, _, sub = (kind or "application/octet-stream").partition("/")
        message.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return message


def deliver(
    store: Store,
    due: Sequence[DueStep],
    *,
    now: datetime,
    config: Config,
    actor: str,
    outbox: str = "",
) -> list[Delivery]:
    """Send (or write) each step not yet delivered, log every attempt, raise the ladder.

    Steps awaiting approval are left for ``--approve``; steps whose key is
    already delivered are skipped (a run that crashed after sending).
    """
    _log_awaiting(store, [d for d in due if d.awaiting_approval], now=now, actor=actor)
    ready = [d for d in due if not d.awaiting_approval]
    done_keys = store.communications.delivered_keys([d.send_key for d in ready])
    mail = [d for d in ready if d.send_key not in done_keys and not d.on_paper]
    paper = [d for d in ready if d.send_key not in done_keys and d.on_paper]
    unaddressed = [Delivery(d, Result.FAILED, NO_ADDRESS) for d in mail if not d.recipients]
    results: list[Delivery] = []
    folder = outbox or ("" if config.smtp.host else config.funnel.outbox)
    if any(d.recipients for d in mail):
        results += _send_mail([d for d in mail if d.recipients], config, now, folder)
    for item in paper:
        results.append(_print_letter(item, config, now))
    for delivery in results + _not_logged_yet(store, unaddressed, now):
        _log(store, delivery, now=now, actor=actor)
    delivered = [r.due.code for r in results if r.result in DELIVERED]
    if delivered:
        score_and_write(store, now=now, codes=delivered, config=config)
    return results + unaddressed


def _log_awaiting(store: Store, waiting: list[DueStep], *, now: datetime, actor: str) -> None:
    """A step waiting for ``--approve`` is logged once (the history and the dashboard say
    it waits), not on every run; its delivery later is a new entry."""
    known = store.communications.awaiting_keys([d.send_key for d in waiting]) if waiting else set()
    for item in waiting:
        if item.send_key not in known:
            _log(store, Delivery(item, Result.AWAITING), now=now, actor=actor)


def _not_logged_yet(store: Store, unaddressed: list[Delivery], now: datetime) -> list[Delivery]:
    """Steps with no address, less those already logged so: one entry per debtor and step
    until an address appears (every run still reports them), not one per run."""
    if not unaddressed:
        return []
    since = now - timedelta(days=NO_ADDRESS_MEMORY_DAYS)
    known = {e.send_key for e in store.communications.undelivered(since) if e.detail == NO_ADDRESS}
    return [d for d in unaddressed if d.due.send_key not in known]


def _log(store: Store, delivery: Delivery, *, now: datetime, actor: str) -> None:
    due = delivery.due
    entry = Communication(
        debtor_code=due.code,
        at=now,
        actor=actor,
        step=due.step.key,
        channel=due.step.channel,
        result=delivery.result,
        send_key=due.send_key,
        scenario=due.scenario,
        recipients=due.recipients,
        subject=due.message.subject,
        body=due.message.body,
        attachments=due.attachment_names,
        invoices=tuple(i.number for i in due.invoices),
        message_id=delivery.message_id,
        detail=delivery.detail,
    )
    with store.transaction():
        store.communications.record(entry)
        if delivery.result in DELIVERED and due.ladder > store.outcomes.dunning_step(due.code):
            store.outcomes.set_dunning_step(due.code, due.ladder)
        if delivery.result is Result.REFUSED:
            for address in due.recipients:
                store.communications.mark_email_doubtful(due.code, address, delivery.detail)


def _send_mail(
    items: Sequence[DueStep], config: Config, now: datetime, outbox: str
) -> list[Delivery]:
    if outbox:
        return [_write_eml(item, config, now, Path(outbox)) for item in items]
    if not config.smtp.host:
        return [Delivery(d, Result.FAILED, "no SMTP host and no outbox") for d in items]
    results = []
    try:
        with _connect(config.smtp) as server:
            for item in items:
                results.append(_smtp_one(server, item, config, now))
    except (OSError, smtplib.SMTPException) as exc:
        sent = {r.due.send_key for r in results}
        reason = _reason(exc)
        results += [Delivery(d, Result.FAILED, reason) for d in items if d.send_key not in sent]
    return results


def _smtp_one(server: smtplib.SMTP, item: DueStep, config: Config, now: datetime) -> Delivery:
    message = build_email(item, config, now)
    try:
        refused = server.send_message(message)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = ", ".join(f"{code}" for code, _ in exc.recipients.values())
        return Delivery(item, Result.REFUSED, f"recipients refused ({codes})")
    except smtplib.SMTPResponseException as exc:
        return Delivery(item, Result.FAILED, f"{exc.smtp_code} {_text(exc.smtp_error)}")
    if refused:  # some recipients refused, the others took it: sent, the refused noted
        late = replace(item, recipients=tuple(refused))
        return Delivery(late, Result.SENT, f"refused: {', '.join(refused)}", message["Message-ID"])
    return Delivery(item, Result.SENT, "", message["Message-ID"])


def _connect(smtp: SmtpConfig) -> smtplib.SMTP:
    context = ssl.create_default_context()
    server: smtplib.SMTP
    if smtp.security == "ssl":
        server = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=context)
    else:
        server = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
        if smtp.security == "starttls":
            server.starttls(context=context)
    if smtp.user:
        server.login(smtp.user, os.environ.get(smtp.password_env, ""))
    return server


def _write_eml(item: DueStep, config: Config, now: datetime, folder: Path) -> Delivery:
    message = build_email(item, config, now)
    name = f"{item.code}-{item.step.key}-{item.send_key.rpartition(':')[2]}.eml"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with output_file(folder / name, encoding=None) as handle:
            handle.write(message.as_bytes())
    except OSError as exc:
        return Delivery(item, Result.FAILED, _reason(exc))
    return Delivery(item, Result.WRITTEN, str(folder / name), message["Message-ID"])


def _print_letter(item: DueStep, config: Config, now: datetime) -> Delivery:
    """A letter or formal notice to the print folder: PDF, or HTML without WeasyPrint."""
    from callcenter.pdf import PdfUnavailable, html_to_pdf

    folder = config.funnel.print_folder
    if not folder:
        return Delivery(item, Result.FAILED, "no print folder (funnel.print_folder)")
    page = letter_html(item, config)
    stem = f"{item.code}-{item.step.key}-{item.send_key.rpartition(':')[2]}"
    try:
        data, suffix, note = html_to_pdf(page), ".pdf", ""
    except PdfUnavailable as exc:
        data, suffix, note = page.encode(), ".html", f" (no PDF: {exc.reason})"
    target = Path(folder) / (stem + suffix)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with output_file(target, encoding=None) as handle:
            handle.write(data)
    except OSError as exc:
        return Delivery(item, Result.FAILED, _reason(exc))
    return Delivery(item, Result.WRITTEN, f"{target}{note}")


def letter_html(item: DueStep, config: Config) -> str:
    lang = config.funnel.language
    paragraphs = [p for p in item.message.body.split("\n\n") if p.strip()]
    fields = {
        "lang": lang,
        "subject": item.message.subject,
        "creditor": config.funnel.creditor,
        "client": item.client,
        "client_address": item.address,
        "paragraphs": paragraphs,
    }
    return render_page(environment(config.funnel.templates), "letter.html", fields, lang)


def _reason(exc: BaseException) -> str:
    """An error's words for the log: never the password (smtplib never echoes it)."""
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return (getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)[:300]


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)

"""``callcenter remind``: run the written steps of the funnel that are due now.

A thin layer over :mod:`callcenter.service.reminders` (what is due, rendered
before anything goes out) and :mod:`callcenter.service.sending` (SMTP, the
outbox, the print folder, the communications log). ``--dry-run`` lists and
sends nothing; ``--approve`` sends the steps that need a person too.
"""

from __future__ import annotations

import argparse

from rich.text import Text

from callcenter.cli.common import console, current_user, fail, now, print_json, refusable_store
from callcenter.domain.communications import DELIVERED, Result
from callcenter.i18n import detect_locale
from callcenter.letters.render import TemplateBroken
from callcenter.service import reminders, sending


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``remind`` to the parser."""
    remind = sub.add_parser("remind", help="cli.remind.help", description="cli.remind.description")
    remind.add_argument("--dry-run", action="store_true", help="cli.remind.opt.dry_run")
    remind.add_argument("--approve", action="store_true", help="cli.remind.opt.approve")
    remind.add_argument("--outbox", metavar="DIR", help="cli.remind.opt.outbox")
    remind.add_argument("--json", action="store_true", help="cli.remind.opt.json")
    remind.set_defaults(handler=run_remind)


def run_remind(args: argparse.Namespace) -> int:
    ui = detect_locale(args.lang)
    config = args.settings
    moment = now(args)
    with refusable_store(args) as store:
        actor = current_user(args, store)
        try:
            due = reminders.due_steps(
                store, now=moment, config=config, actor=actor, approve=args.approve
            )
        except TemplateBroken as exc:
            fail(ui.error(exc))
        if args.dry_run:
            _show_due(due, args, ui)
            return 0
        closed = sending.sending_open(moment, config)
        if closed is not None:
            fail(ui.t("funnel.outside_hours", moment=ui.moment(closed, config.tz)), code=3)
        outbox = args.outbox or ""
        if not outbox and not config.smtp.host and not config.funnel.outbox:
            if any(not d.on_paper and not d.awaiting_approval for d in due):
                fail(ui.t("funnel.no_outbox"), code=2)
        results = sending.deliver(store, due, now=moment, config=config, actor=actor, outbox=outbox)
        pending = store.communications.undelivered(moment.replace(year=moment.year - 1))
    _show_results(due, results, pending, args, ui)
    return 1 if any(r.result not in DELIVERED for r in results) else 0


def _row(item: reminders.DueStep, status: str) -> dict:
    return {
        "code": item.code,
        "scenario": item.scenario,
        "step": item.step.key,
        "channel": item.step.channel,
        "recipients": list(item.recipients),
        "subject": item.message.subject,
        "attachments": list(item.attachment_names),
        "status": status,
    }


def _show_due(due: list[reminders.DueStep], args, ui) -> None:
    if args.json:
        print_json([_row(d, "awaiting_approval" if d.awaiting_approval else "due") for d in due])
        return
    for item in due:
        _line(item, ui)
    console.print(Text(ui.t("remind.due", count=len(due))))


def _line(item: reminders.DueStep, ui) -> None:
    channel = ui.t(f"funnel.channel.{item.step.channel}")
    if item.awaiting_approval:
        words = ui.t("remind.awaiting", code=item.code, step=item.step.key, channel=channel)
    else:
        to = ", ".join(item.recipients) or "-"
        words = ui.t(
            "remind.line",
            code=item.code,
            step=item.step.key,
            channel=channel,
            to=to,
            subject=item.message.subject,
        )
    console.print(Text(words), soft_wrap=True)


def _show_results(due, results: list[sending.Delivery], pending, args, ui) -> None:
    if args.json:
        done = {r.due.send_key: r for r in results}
        rows = []
        for item in due:
            found = done.get(item.send_key)
            status = (
                found.result.value
                if found
                else ("awaiting_approval" if item.awaiting_approval else "already_delivered")
            )
            row = _row(item, status)
            row["detail"] = found.detail if found else ""
            rows.append(row)
        print_json(rows)
        return
    for result in results:
        if result.result in DELIVERED:
            _line(result.due, ui)
        else:
            _failed(result.due.code, result.due.step.key, result.detail, ui)
    for item in due:
        if item.awaiting_approval:
            _line(item, ui)
    sent = sum(1 for r in results if r.result in DELIVERED)
    console.print(Text(ui.t("remind.summary", count=sent)))
    still = [p for p in pending if p.result in (Result.FAILED, Result.REFUSED)]
    known = {r.due.send_key for r in results}
    for entry in still:
        if entry.send_key not in known:
            _failed(entry.debtor_code, entry.step, entry.detail, ui)


def _failed(code: str, step: str, reason: str, ui) -> None:
    """A failed step: retried next run, or (no address) waiting for one to be entered."""
    if reason == sending.NO_ADDRESS:
        words = ui.t("remind.no_address", code=code, step=step)
    else:
        words = ui.t("remind.failed", code=code, step=step, reason=reason)
    console.print(Text(words), soft_wrap=True)

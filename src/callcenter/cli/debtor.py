"""Subcommand ``debtor``: one debtor's dossier, as a page or as JSON.

Names, notes and labels come from files and people: they are printed as
plain ``Text``, never as markup.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime

from rich.table import Table
from rich.text import Text

from callcenter.cli.common import (
    UsageError,
    args_locale,
    console,
    iso,
    now,
    open_store,
    print_json,
    worded,
)
from callcenter.cli.queue import NARROW, queue_entry_json
from callcenter.domain.models import Dossier, QueueEntry
from callcenter.domain.money import format_amount, to_units
from callcenter.domain.phones import display_phone
from callcenter.domain.settings import Config
from callcenter.domain.text import clean
from callcenter.i18n import detect_locale
from callcenter.service import dossier as dossier_service
from callcenter.service import queue as queue_service
from callcenter.store import Store


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the parser."""
    d = sub.add_parser("debtor", help="cli.debtor.help")
    d.add_argument("code")
    d.add_argument("--json", action="store_true", help="cli.opt.json_machine")
    d.set_defaults(handler=cmd_debtor)


def _claim_json(claim) -> dict | None:
    """What an "already paid" debtor said it paid, as the JSON of ``show``."""
    if claim is None:
        return None
    return {
        "paid_on": claim.paid_on.isoformat(),
        "amount": None if claim.amount_cents is None else to_units(claim.amount_cents),
        "means": claim.means,
        "reference": clean(claim.reference),
    }


def _revised(promise, ui, tz) -> str:
    """What a late bank line overturned: `` (broken until 09/12, payment arrived since)``."""
    if promise.revised_from is None or promise.revised_at is None:
        return ""
    was = ui.t(f"status.{promise.revised_from.value}").lower()
    return ui.t(
        "promise.revised", status=was, day=ui.date(promise.revised_at.astimezone(tz).date())
    )


def open_dossier(args: argparse.Namespace) -> tuple[Config, Store, datetime, date, Dossier]:
    """The settings, store, clock and dossier of ``args.code`` that ``debtor`` and ``log`` share.

    An unknown code is a usage error, so both commands fail the same way.
    """
    config = args.settings
    store = open_store(args, create=False)
    moment = now(args)
    today = queue_service.today_of(moment, config)
    try:
        found = dossier_service.dossier(
            store, args.code, today, recordings=config.dialer.recordings
        )
    except dossier_service.UnknownDebtor as exc:
        raise UsageError(worded(exc)) from exc
    return config, store, moment, today, found


def cmd_debtor(args: argparse.Namespace) -> int:
    config, store, moment, today, found = open_dossier(args)
    if not store.readonly:
        queue_service.refresh(store, now=moment, config=config)
    lang = args_locale(args).lang
    queue = queue_service.entry(store, args.code)
    data = dossier_json(found, today, queue, lang)
    if args.json:
        print_json(data)
        return 0
    _print_dossier(found, today, queue, lang, config)
    return 0


def dossier_json(found: Dossier, today: date, queue: QueueEntry | None, lang: str) -> dict:
    debtor = found.debtor
    return {
        "code": debtor.code,
        "name": clean(debtor.name),
        "segment": debtor.segment,
        "status": debtor.status,
        "collector": debtor.collector,
        "dunning_step": debtor.dunning_step,
        "credit_hold": debtor.credit_hold,
        "payment_terms_days": debtor.payment_terms_days,
        "credit_limit": None
        if debtor.credit_limit_cents is None
        else to_units(debtor.credit_limit_cents),
        "pending_orders": to_units(debtor.pending_orders_cents),
        "address": clean(debtor.address),
        "siren": debtor.siren,
        "account_note": clean(debtor.account_note, multiline=True),
        "balance": to_units(found.balance_cents),
        "open_invoices": [
            {
                "number": i.number,
                "issue_date": i.issue_date.isoformat(),
                "due_date": i.due_date.isoformat(),
                "amount": to_units(i.amount_cents),
                "open_amount": to_units(i.open_cents),
                "days_late": i.days_late(today),
                "disputed": i.disputed,
                "excluded": i.excluded,
            }
            for i in found.open_invoices
        ],
        "contacts": [
            {
                "id": c.id,
                "name": clean(c.name),
                "role": c.role.value,
                "phone": clean(c.phone),
                "phone2": clean(c.phone2),
                "email": clean(c.email),
                "decision_maker": c.decision_maker,
                "wrong_number": c.wrong_number,
                "best_hours": clean(c.best_hours),
            }
            for c in found.contacts
        ],
        "calls": [
            {
                "id": c.id,
                "started_at": iso(c.started_at),
                "collector": c.collector,
                "entered_by": c.entered_by,
                "outcome": c.outcome.value,
                "note": clean(c.note, multiline=True),
                "contact_id": c.contact_id,
                "undoes": c.undoes,
                "reason": clean(c.reason),
                "callback_at": iso(c.callback_at),
                "claim": _claim_json(c.claim),
                "recording": found.recordings.get(c.id) if c.id is not None else None,
            }
            for c in found.calls
        ],
        "promises": [
            {
                "id": p.id,
                "promised_on": p.promised_on.isoformat(),
                "amount": to_units(p.amount_cents),
                "status": p.status.value,
                "paid": to_units(p.paid_cents),
                "collector": p.collector,
                "created_at": iso(p.created_at),
                "plan_id": p.plan_id,
                "call_id": p.call_id,
                "revised_from": p.revised_from.value if p.revised_from else None,
                "revised_at": iso(p.revised_at) if p.revised_at else None,
            }
            for p in found.promises
        ],
        "disputes": [
            {
                "id": d.id,
                "reason": clean(d.reason),
                "status": d.status,
                "invoices": list(d.invoice_numbers),
                "opened_at": iso(d.opened_at),
                "opened_by": d.opened_by,
                "resolution": d.resolution,
                "resolved_at": iso(d.resolved_at),
                "resolved_by": d.resolved_by,
            }
            for d in found.disputes
        ],
        "tasks": [
            {
                "id": t.id,
                "kind": t.kind,
                "note": clean(t.note),
                "created_at": iso(t.created_at),
                "created_by": t.created_by,
                "due_on": t.due.isoformat(),
            }
            for t in found.tasks
        ],
        "payments": [
            {
                "reference": clean(p.reference),
                "paid_on": p.paid_on.isoformat(),
                "amount": to_units(p.amount_cents),
                "settles": list(p.settles),
            }
            for p in found.payments
        ],
        "queue": queue_entry_json(queue, lang, today) if queue else None,
    }


def _print_dossier(
    found: Dossier, today: date, queue: QueueEntry | None, lang: str, config: Config
) -> None:
    ui = detect_locale(lang)
    narrow = console.width < NARROW
    day = ui.compact_date if narrow else ui.date
    debtor = found.debtor
    head = Text()
    head.append(clean(debtor.code), style="bold")
    head.append("  ")
    head.append(clean(debtor.name), style="bold")
    head.append(f"  ({clean(debtor.segment)}, {ui.t('header.balance')} ")
    head.append(format_amount(found.balance_cents, lang) + ")")
    console.print(head)
    if queue is not None:
        line = Text(f"{ui.t('state.' + queue.state.value)} · score {queue.score} · ")
        line.append("; ".join(queue_service.worded(queue, lang, today)))
        console.print(line)
    _print_account(found, ui)
    invoices = Table(title=ui.t("panel.invoices"), title_justify="left")
    # Invoice numbers and amounts are read out on the phone: never cut or folded.
    invoices.add_column(ui.t("table.col.number"), no_wrap=True)
    if not narrow:
        invoices.add_column(ui.t("col.issued"), no_wrap=True)
    invoices.add_column(ui.t("col.due"), no_wrap=True)
    invoices.add_column(ui.t("col.amount"), justify="right", no_wrap=True)
    invoices.add_column(ui.t("table.col.open"), justify="right", no_wrap=True)
    invoices.add_column(ui.t("table.col.late"), justify="right", no_wrap=True)
    invoices.add_column("")
    for i in found.open_invoices:
        flag = ui.t("table.flag.disputed") if i.disputed else ""
        if i.excluded and not i.disputed:  # not chased, not in the overdue total
            flag = ui.t("table.flag.excluded")
        issued = [] if narrow else [day(i.issue_date)]
        invoices.add_row(
            Text(clean(i.number)),
            *issued,
            day(i.due_date),
            format_amount(i.amount_cents, lang),
            format_amount(i.open_cents, lang),
            str(max(i.days_late(today), 0)),
            flag,
        )
    console.print(invoices)
    contacts = Table(title=ui.t("panel.contacts"), title_justify="left")
    contacts.add_column("#")
    for key in ("name", "role", "phone"):
        contacts.add_column(ui.t(f"table.col.{key}"))
    for c in found.contacts:
        phone = Text(clean(display_phone(c.phone)), style="strike" if c.wrong_number else "")
        contacts.add_row(str(c.id), Text(clean(c.name)), ui.t(f"role.{c.role.value}"), phone)
    console.print(contacts)
    calls = Table(title=ui.t("table.calls.title"), title_justify="left")
    calls.add_column("#")
    for key in ("date", "who", "outcome", "note"):
        calls.add_column(ui.t(f"col.{key}"))

    def said(call) -> str:
        return clean(ui.call_details(call, config.tz))

    def recording(call) -> str:
        path = found.recordings.get(call.id) if call.id is not None else None
        return f"{ui.t('calls.recording')} {clean(path)}" if path else ""

    for call in found.calls[:10]:
        calls.add_row(
            str(call.id),
            ui.moment(call.started_at, config.tz),
            Text(clean(ui.caller(call))),
            Text(" — ".join(filter(None, (ui.t(f"outcome.{call.outcome.value}"), said(call))))),
            Text(" — ".join(filter(None, (clean(call.note), recording(call))))),
        )
    console.print(calls)
    if found.promises:
        promises = Table(title=ui.t("table.promises.title"), title_justify="left")
        for key in ("col.date", "col.amount", "table.col.paid", "table.col.status"):
            promises.add_column(ui.t(key))
        for p in found.promises[:10]:
            promises.add_row(
                ui.date(p.promised_on),
                format_amount(p.amount_cents, lang),
                format_amount(p.paid_cents, lang),
                ui.t(f"status.{p.status.value}") + _revised(p, ui, config.tz),
            )
        console.print(promises)


def _print_account(found: Dossier, ui) -> None:
    """Terms, limits, last payment, identity and the account note, each only when known."""
    debtor = found.debtor
    facts = []
    if debtor.payment_terms_days is not None:
        facts.append(ui.t("account.terms", days=debtor.payment_terms_days))
    if debtor.credit_limit_cents is not None:
        facts.append(ui.t("account.credit_limit", amount=ui.money(debtor.credit_limit_cents)))
    if debtor.pending_orders_cents:
        facts.append(ui.t("account.orders", amount=ui.money(debtor.pending_orders_cents)))
    last = found.last_payment
    if last is not None:
        facts.append(
            ui.t(
                "account.last_payment",
                day=ui.date(last.paid_on),
                amount=ui.money(last.amount_cents),
            )
        )
    if debtor.siren:
        facts.append(ui.t("account.siren", siren=debtor.siren))
    if debtor.address:
        facts.append(clean(debtor.address))
    if facts:
        console.print(Text(" · ".join(facts)))
    if debtor.account_note:
        note = Text(ui.t("account.note") + " ", style="bold")
        note.append(clean(debtor.account_note), style="italic")
        console.print(note)

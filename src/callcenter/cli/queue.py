"""Subcommands ``queue``, ``debtor``, ``log`` and ``rescore``: the queue from a shell.

They call the same service functions as the workstation (``log`` goes
through :func:`callcenter.service.outcomes.log_outcome`), so a script and a
collector at the keyboard leave the same trace. Names, notes and labels come
from files and people: they are printed as plain ``Text``, never as markup.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, datetime
from typing import cast

from rich.table import Table
from rich.text import Text

from callcenter.cli.common import (
    UsageError,
    acting,
    console,
    current_user,
    now,
    open_store,
    print_json,
    session_locale,
)
from callcenter.domain.dates import (
    DateParseError,
    parse_human_date,
    parse_human_datetime,
    parse_past_date,
)
from callcenter.domain.models import Dossier, Outcome, QueueEntry
from callcenter.domain.money import AmountError, format_amount, parse_amount, to_units
from callcenter.domain.phones import display_phone
from callcenter.domain.settings import CALLBACK_OWNERS, Config
from callcenter.domain.text import clean
from callcenter.i18n import Message, detect_locale
from callcenter.service import dossier as dossier_service
from callcenter.service import outcomes as outcome_service
from callcenter.service import queue as queue_service
from callcenter.service.outcomes import PAYMENT_MEANS
from callcenter.store import Store, StoreError

OUTCOME_NAMES = ", ".join(o.value for o in Outcome if o is not Outcome.UNDO)


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the parser."""
    q = sub.add_parser("queue", help="cli.queue.help")
    q.add_argument("--limit", type=int, default=20, help="cli.queue.opt.limit")
    whose = q.add_mutually_exclusive_group()
    whose.add_argument("--collector", metavar="NAME", help="cli.queue.opt.collector")
    whose.add_argument("--all", action="store_true", help="cli.queue.opt.all")
    q.add_argument("--waiting", action="store_true", help="cli.queue.opt.waiting")
    q.add_argument("--json", action="store_true", help="cli.queue.opt.json")
    q.set_defaults(handler=cmd_queue)

    d = sub.add_parser("debtor", help="cli.debtor.help")
    d.add_argument("code")
    d.add_argument("--json", action="store_true", help="cli.debtor.opt.json")
    d.set_defaults(handler=cmd_debtor)

    lg = sub.add_parser(
        "log",
        help="cli.log.help",
        # A Message, worded in the reader's language when the help is shown.
        description=cast(str, Message("cli.log.description", {"outcomes": OUTCOME_NAMES})),
    )
    lg.add_argument("code")
    lg.add_argument("outcome", metavar="OUTCOME")
    lg.add_argument("--promise-date", metavar="D", help="cli.log.opt.promise_date")
    lg.add_argument("--amount", metavar="A", help="cli.log.opt.amount")
    lg.add_argument("--note", metavar="T", default="")
    lg.add_argument("--callback-at", metavar="WHEN", help="cli.log.opt.callback_at")
    lg.add_argument("--callback-owner", choices=CALLBACK_OWNERS, help="cli.log.opt.callback_owner")
    lg.add_argument("--attempt", metavar="ID", help="cli.log.opt.attempt")
    lg.add_argument("--contact", metavar="NAME", help="cli.log.opt.contact")
    lg.add_argument("--invoices", metavar="N1,N2", help="cli.log.opt.invoices")
    lg.add_argument("--reason", metavar="R", default="", help="cli.log.opt.reason")
    lg.add_argument("--skip-until", metavar="D", help="cli.log.opt.skip_until")
    lg.add_argument("--paid-on", metavar="D", help="cli.log.opt.paid_on")
    lg.add_argument(
        "--means", metavar="M", default="", help=f"already_paid: {', '.join(PAYMENT_MEANS)}"
    )
    lg.add_argument("--reference", metavar="R", default="", help="cli.log.opt.reference")
    lg.add_argument(
        "--yes",
        action="store_true",
        help="cli.log.opt.yes",
    )
    lg.add_argument(
        "--instalment",
        metavar="D=AMOUNT",
        action="append",
        default=[],
        help="cli.log.opt.instalment",
    )
    lg.add_argument("--json", action="store_true", help="cli.log.opt.json")
    lg.set_defaults(handler=cmd_log)

    undo = sub.add_parser("undo", help="cli.undo.help")
    undo.add_argument("call_id", type=int)
    undo.add_argument("--json", action="store_true")
    undo.set_defaults(handler=cmd_undo)

    r = sub.add_parser("rescore", help="cli.rescore.help")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=cmd_rescore)


# -- shared ------------------------------------------------------------------


def _campaign_id(store: Store, args: argparse.Namespace) -> int | None:
    name = getattr(args, "campaign", None)
    if not name:
        return None
    from callcenter.service.campaigns import UnknownCampaign, campaign_by_name

    try:
        return campaign_by_name(store, name).id
    except UnknownCampaign as exc:
        raise UsageError(str(exc)) from exc


def _lang(args: argparse.Namespace) -> str:
    return detect_locale(getattr(args, "lang", None)).lang


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


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


# -- queue -------------------------------------------------------------------


def cmd_queue(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UsageError("cli.queue.limit")
    config = args.settings
    store = open_store(args)
    moment = now(args)
    if not store.readonly:
        queue_service.refresh(store, now=moment, config=config)
    campaign_id = _campaign_id(store, args)
    entries = queue_service.top(
        store,
        now=moment,
        limit=args.limit,
        collector=_whose_queue(store, args, campaign_id),
        campaign_id=campaign_id,
        include_waiting=args.waiting,
    )
    today = queue_service.today_of(moment, config)
    if args.json:
        print_json([queue_entry_json(e, _lang(args), today) for e in entries])
        return 0
    console.print(_queue_table(entries, _lang(args), config, today))
    return 0


def _whose_queue(store: Store, args: argparse.Namespace, campaign_id: int | None) -> str | None:
    """The portfolio to list: ``--collector``, else nobody's for ``--all``, a campaign
    (all its debtors, as the workstation hands them out) or a supervisor, else the
    caller's own, which is what their workstation would hand them."""
    from callcenter.service.users import is_supervisor

    if args.collector:
        return args.collector
    if args.all or campaign_id is not None:
        return None
    user = current_user(args, store)
    return None if is_supervisor(store, user) else user


def queue_entry_json(entry: QueueEntry, lang: str, today: date) -> dict:
    return {
        "code": entry.code,
        "name": clean(entry.name),
        "score": entry.score,
        "reasons": queue_service.worded(entry, lang, today),
        "overdue": to_units(entry.overdue_cents),
        "oldest_days": entry.oldest_days,
        "state": entry.state.value,
        "next_action_at": _iso(entry.next_action_at),
        "collector": entry.collector,
        "claimed_by": entry.claimed_by,
    }


#: Below this many columns tables drop their least useful column and keep one line a row.
NARROW = 100
#: Reasons listed per debtor in a narrow queue table: the strongest comes first, and the
#: overdue one repeats the two columns beside it.
NARROW_REASONS = 1


def _queue_table(entries: list[QueueEntry], lang: str, config: Config, today: date) -> Table:
    fr = lang == "fr"
    narrow = console.width < NARROW
    table = Table(title="File d'appels" if fr else "Calling queue", title_justify="left")
    # At 80 columns the reasons used to fold into twelve-line rows: names are cut with
    # "…" and only the first reason shown (all of them in ``debtor CODE`` and ``--json``).
    widths = [
        len(str(len(entries))),
        max((len(e.code) for e in entries), default=4),
        min(max((len(e.name) for e in entries), default=4), 20),
        max((len(format_amount(e.overdue_cents, lang)) for e in entries), default=4),
        5,
    ]
    # Each column costs its width, two cells of padding and a rule; plus the left rule.
    why = max(console.width - sum(widths) - 3 * (len(widths) + 1) - 1, 12)
    table.add_column("#", justify="right", no_wrap=True, min_width=widths[0])
    table.add_column("Code", no_wrap=True, min_width=widths[1])
    table.add_column(
        "Nom" if fr else "Name",
        no_wrap=narrow,
        overflow="ellipsis",
        max_width=widths[2] if narrow else None,
    )
    if not narrow:
        table.add_column("Score", justify="right")
    table.add_column(
        "Échu" if fr else "Overdue", justify="right", no_wrap=True, min_width=widths[3]
    )
    table.add_column("Jours" if fr else "Days", justify="right", no_wrap=True, min_width=widths[4])
    table.add_column("Pourquoi" if fr else "Why", max_width=why if narrow else None)
    for rank, e in enumerate(entries, start=1):
        score = [] if narrow else [str(e.score)]
        table.add_row(
            str(rank),
            Text(clean(e.code)),
            Text(clean(e.name)),
            *score,
            format_amount(e.overdue_cents, lang),
            str(e.oldest_days),
            Text("\n".join(_why(e, lang, today, narrow))),
        )
    if not entries:
        table.caption = "personne à appeler maintenant" if fr else "nobody to call right now"
    return table


# -- debtor ------------------------------------------------------------------


def _open_dossier(args: argparse.Namespace) -> tuple[Config, Store, datetime, date, Dossier]:
    """The settings, store, clock and dossier of ``args.code`` that ``debtor`` and ``log`` share.

    An unknown code is a usage error, so both commands fail the same way.
    """
    config = args.settings
    store = open_store(args, create=False)
    moment = now(args)
    today = queue_service.today_of(moment, config)
    try:
        found = dossier_service.dossier(store, args.code, today)
    except dossier_service.UnknownDebtor as exc:
        raise UsageError(str(exc)) from exc
    return config, store, moment, today, found


def cmd_debtor(args: argparse.Namespace) -> int:
    config, store, moment, today, found = _open_dossier(args)
    if not store.readonly:
        queue_service.refresh(store, now=moment, config=config)
    lang = _lang(args)
    queue = queue_service.entry(store, args.code)
    data = dossier_json(found, today, queue, lang)
    if args.json:
        print_json(data)
        return 0
    _print_dossier(found, today, queue, lang, config)
    return 0


def _why(entry: QueueEntry, lang: str, today: date, narrow: bool) -> list[str]:
    """The entry's reasons in words, only the first few on a narrow screen."""
    words = queue_service.worded(entry, lang, today)
    return words[:NARROW_REASONS] if narrow else words


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
                "started_at": _iso(c.started_at),
                "collector": c.collector,
                "entered_by": c.entered_by,
                "outcome": c.outcome.value,
                "note": clean(c.note, multiline=True),
                "contact_id": c.contact_id,
                "undoes": c.undoes,
                "reason": clean(c.reason),
                "callback_at": _iso(c.callback_at),
                "claim": _claim_json(c.claim),
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
                "created_at": _iso(p.created_at),
                "plan_id": p.plan_id,
                "call_id": p.call_id,
                "revised_from": p.revised_from.value if p.revised_from else None,
                "revised_at": _iso(p.revised_at) if p.revised_at else None,
            }
            for p in found.promises
        ],
        "disputes": [
            {
                "id": d.id,
                "reason": clean(d.reason),
                "status": d.status,
                "invoices": list(d.invoice_numbers),
                "opened_at": _iso(d.opened_at),
                "opened_by": d.opened_by,
                "resolution": d.resolution,
                "resolved_at": _iso(d.resolved_at),
                "resolved_by": d.resolved_by,
            }
            for d in found.disputes
        ],
        "tasks": [
            {
                "id": t.id,
                "kind": t.kind,
                "note": clean(t.note),
                "created_at": _iso(t.created_at),
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
    fr = lang == "fr"
    ui = detect_locale(lang)
    narrow = console.width < NARROW
    day = ui.compact_date if narrow else ui.date
    debtor = found.debtor
    head = Text()
    head.append(clean(debtor.code), style="bold")
    head.append("  ")
    head.append(clean(debtor.name), style="bold")
    head.append(f"  ({clean(debtor.segment)}, {'solde' if fr else 'balance'} ")
    head.append(format_amount(found.balance_cents, lang) + ")")
    console.print(head)
    if queue is not None:
        line = Text(f"{ui.t('state.' + queue.state.value)} · score {queue.score} · ")
        line.append("; ".join(queue_service.worded(queue, lang, today)))
        console.print(line)
    _print_account(found, ui)
    invoices = Table(title="Factures ouvertes" if fr else "Open invoices", title_justify="left")
    # Invoice numbers and amounts are read out on the phone: never cut or folded.
    invoices.add_column("N°" if fr else "No.", no_wrap=True)
    if not narrow:
        invoices.add_column("Émise" if fr else "Issued", no_wrap=True)
    invoices.add_column("Échéance" if fr else "Due", no_wrap=True)
    invoices.add_column("Montant" if fr else "Amount", justify="right", no_wrap=True)
    invoices.add_column("Reste" if fr else "Open", justify="right", no_wrap=True)
    invoices.add_column("Retard" if fr else "Late", justify="right", no_wrap=True)
    invoices.add_column("")
    for i in found.open_invoices:
        flag = ("litige" if fr else "disputed") if i.disputed else ""
        if i.excluded and not i.disputed:  # not chased, not in the overdue total
            flag = "exclue" if fr else "excluded"
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
    contacts = Table(title="Contacts", title_justify="left")
    for name in ("#", "Nom" if fr else "Name", "Rôle" if fr else "Role", "Tél." if fr else "Phone"):
        contacts.add_column(name)
    for c in found.contacts:
        phone = Text(clean(display_phone(c.phone)), style="strike" if c.wrong_number else "")
        contacts.add_row(str(c.id), Text(clean(c.name)), ui.t(f"role.{c.role.value}"), phone)
    console.print(contacts)
    calls = Table(title="Derniers appels" if fr else "Last calls", title_justify="left")
    for name in ("#", "Date", "Qui" if fr else "Who", "Résultat" if fr else "Outcome", "Note"):
        calls.add_column(name)

    def said(call) -> str:
        return clean(ui.call_details(call, config.tz))

    for call in found.calls[:10]:
        calls.add_row(
            str(call.id),
            ui.moment(call.started_at, config.tz),
            Text(clean(ui.caller(call))),
            Text(" — ".join(filter(None, (ui.t(f"outcome.{call.outcome.value}"), said(call))))),
            Text(clean(call.note)),
        )
    console.print(calls)
    if found.promises:
        promises = Table(title="Promesses" if fr else "Promises", title_justify="left")
        for name in (
            "Date",
            "Montant" if fr else "Amount",
            "Reçu" if fr else "Paid",
            "État" if fr else "Status",
        ):
            promises.add_column(name)
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


# -- log / undo --------------------------------------------------------------


def cmd_log(args: argparse.Namespace) -> int:
    config, store, moment, today, found = _open_dossier(args)
    try:
        outcome = Outcome(args.outcome.replace("-", "_").lower())
    except ValueError:
        raise UsageError(
            "cli.log.unknown_outcome", value=args.outcome, known=OUTCOME_NAMES
        ) from None
    options = _log_options(args, found, moment, today, config)
    who = acting(args, store)
    try:
        call_id = outcome_service.log_outcome(
            store,
            args.code,
            outcome,
            collector=who.name,
            now=moment,
            campaign_id=_campaign_id(store, args),
            config=config,
            entered_by=who.entered_by,
            **options,
        )
    except (outcome_service.OutcomeError, StoreError) as exc:
        raise UsageError(_refusal(exc, args)) from exc
    entry = queue_service.entry(store, args.code)
    lang = _lang(args)
    if args.json:
        queue = queue_entry_json(entry, lang, today) if entry else None
        print_json({"call_id": call_id, "queue": queue})
    else:
        ui = detect_locale(_lang(args))
        said = ui.t(
            "cli.log.recorded", call_id=call_id, code=clean(args.code), outcome=outcome.value
        )
        console.print(Text(said))
        if entry is not None:
            reasons = "; ".join(queue_service.worded(entry, lang, today))
            console.print(Text(ui.t("cli.log.queue", state=entry.state.value, reasons=reasons)))
    return 0


def _log_options(
    args: argparse.Namespace, found: Dossier, moment: datetime, today: date, config: Config
) -> dict:
    """Turn the typed options into log_outcome arguments; any mistake is a UsageError."""
    options: dict = {"note": args.note, "reason": args.reason, "confirmed": args.yes}
    options.update(means=args.means, reference=args.reference)
    options.update(callback_owner=args.callback_owner, attempt_id=args.attempt)
    try:
        if args.promise_date:
            options["promise_date"] = parse_human_date(args.promise_date, today, config.region)
        if args.skip_until:
            options["skip_until"] = parse_human_date(args.skip_until, today, config.region)
        if args.paid_on:
            options["paid_on"] = parse_past_date(args.paid_on, today, config.region)
        if args.amount:
            options["amount_cents"] = parse_amount(args.amount)
        if args.callback_at:
            options["callback_at"] = parse_human_datetime(
                args.callback_at, moment, _debtor_zone(found, config), config.region
            )
        if args.instalment:
            options["instalments"] = [_instalment(text, today, config) for text in args.instalment]
    except (DateParseError, AmountError) as exc:
        raise UsageError(str(exc)) from exc
    if args.invoices:
        options["invoice_numbers"] = [n.strip() for n in args.invoices.split(",") if n.strip()]
    if args.contact:
        options["contact_id"] = _contact_id(found, args.contact)
    return options


def _refusal(exc: Exception, args: argparse.Namespace) -> str:
    """The service's refusal in the user's language; a question says how to confirm it."""
    ui = detect_locale(_lang(args))
    text = ui.error(exc)
    if getattr(exc, "needs_confirmation", False):
        text = ui.t("cli.log.confirm", text=text)
    return text


def _debtor_zone(found: Dossier, config: Config):
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(found.debtor.timezone)
    except (KeyError, ValueError):
        return config.tz


def _instalment(text: str, today: date, config: Config) -> tuple[date, int]:
    day, sep, amount = text.partition("=")
    if not sep:
        raise UsageError("cli.log.instalment", text=text)
    return parse_human_date(day, today, config.region), parse_amount(amount)


def _contact_id(found: Dossier, name: str) -> int:
    wanted = name.strip().casefold()
    if wanted.isdigit():
        for c in found.contacts:
            if c.id == int(wanted):
                return c.id
    exact = [c for c in found.contacts if c.name.casefold() == wanted]
    partial = [c for c in found.contacts if wanted in c.name.casefold()]
    chosen = exact or partial
    if len(chosen) != 1:
        names = ", ".join(clean(c.name) for c in found.contacts)
        what = "cli.log.several_contacts" if chosen else "cli.log.no_contact"
        none = session_locale().t("cli.log.none")
        raise UsageError(what, name=name, code=found.debtor.code, names=names or none)
    assert chosen[0].id is not None
    return chosen[0].id


def cmd_undo(args: argparse.Namespace) -> int:
    config = args.settings
    store = open_store(args, create=False)
    who = acting(args, store)
    try:
        undo_id = outcome_service.undo_outcome(
            store,
            args.call_id,
            collector=who.name,
            now=now(args),
            config=config,
            entered_by=who.entered_by,
        )
    except (outcome_service.OutcomeError, StoreError) as exc:
        raise UsageError(_refusal(exc, args)) from exc
    if args.json:
        print_json({"call_id": undo_id, "undoes": args.call_id})
    else:
        said = detect_locale(_lang(args)).t("cli.undo.done", call_id=args.call_id, undo_id=undo_id)
        console.print(Text(said))
    return 0


# -- rescore -----------------------------------------------------------------


def cmd_rescore(args: argparse.Namespace) -> int:
    config = args.settings
    store = open_store(args)
    started = time.perf_counter()
    try:
        count = queue_service.rescore(store, now=now(args), config=config)
    except StoreError as exc:
        raise UsageError(str(exc)) from exc
    seconds = round(time.perf_counter() - started, 3)
    if args.json:
        print_json({"scored": count, "seconds": seconds})
    else:
        ui = detect_locale(_lang(args))
        console.print(Text(ui.t("cli.rescore.done", count=count, seconds=ui.decimal(seconds, 3))))
    return 0

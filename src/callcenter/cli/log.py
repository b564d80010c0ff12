"""Subcommands ``log`` and ``undo``: recording a call's outcome from a shell.

``log`` goes through :func:`callcenter.service.outcomes.log_outcome`, the
function the workstation calls with the same inputs, so a script and a
collector at the keyboard leave the same trace.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import cast

from rich.text import Text

from callcenter.cli.common import (
    UsageError,
    acting,
    args_locale,
    console,
    named_campaign_id,
    now,
    open_store,
    print_json,
    session_locale,
    worded,
)
from callcenter.cli.debtor import open_dossier
from callcenter.cli.queue import queue_entry_json
from callcenter.domain.dates import (
    DateParseError,
    parse_human_date,
    parse_human_datetime,
    parse_past_date,
)
from callcenter.domain.models import Dossier, Outcome
from callcenter.domain.money import AmountError, parse_amount
from callcenter.domain.settings import CALLBACK_OWNERS, Config
from callcenter.domain.text import clean
from callcenter.i18n import Message
from callcenter.service import outcomes as outcome_service
from callcenter.service import queue as queue_service
from callcenter.service.outcomes import PAYMENT_MEANS
from callcenter.store import StoreError

OUTCOME_NAMES = ", ".join(o.value for o in Outcome if o is not Outcome.UNDO)


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the parser."""
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


def cmd_log(args: argparse.Namespace) -> int:
    config, store, moment, today, found = open_dossier(args)
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
            campaign_id=named_campaign_id(store, args),
            config=config,
            entered_by=who.entered_by,
            **options,
        )
    except (outcome_service.OutcomeError, StoreError) as exc:
        raise UsageError(_refusal(exc, args)) from exc
    entry = queue_service.entry(store, args.code)
    lang = args_locale(args).lang
    if args.json:
        queue = queue_entry_json(entry, lang, today) if entry else None
        print_json({"call_id": call_id, "queue": queue})
    else:
        ui = args_locale(args)
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
        raise UsageError(worded(exc)) from exc
    if args.invoices:
        options["invoice_numbers"] = [n.strip() for n in args.invoices.split(",") if n.strip()]
    if args.contact:
        options["contact_id"] = _contact_id(found, args.contact)
    return options


def _refusal(exc: Exception, args: argparse.Namespace) -> str:
    """The service's refusal in the user's language; a question says how to confirm it."""
    ui = args_locale(args)
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
        said = args_locale(args).t("cli.undo.done", call_id=args.call_id, undo_id=undo_id)
        console.print(Text(said))
    return 0

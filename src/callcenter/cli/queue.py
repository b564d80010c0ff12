"""Subcommands ``queue`` and ``rescore``: the queue from a shell.

They call the same service functions as the workstation. Names and labels
come from files and people: they are printed as plain ``Text``, never as markup.
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from rich.table import Table
from rich.text import Text

from callcenter.cli.common import (
    UsageError,
    args_locale,
    console,
    current_user,
    iso,
    named_campaign_id,
    now,
    open_store,
    print_json,
    worded,
)
from callcenter.domain.models import QueueEntry
from callcenter.domain.money import format_amount, to_units
from callcenter.domain.settings import Config
from callcenter.domain.text import clean
from callcenter.i18n import detect_locale
from callcenter.service import queue as queue_service
from callcenter.store import Store, StoreError


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the parser."""
    q = sub.add_parser("queue", help="cli.queue.help")
    q.add_argument("--limit", type=int, default=20, help="cli.queue.opt.limit")
    whose = q.add_mutually_exclusive_group()
    whose.add_argument("--collector", metavar="NAME", help="cli.queue.opt.collector")
    whose.add_argument("--all", action="store_true", help="cli.queue.opt.all")
    q.add_argument("--waiting", action="store_true", help="cli.queue.opt.waiting")
    q.add_argument("--json", action="store_true", help="cli.opt.json_machine")
    q.set_defaults(handler=cmd_queue)

    r = sub.add_parser("rescore", help="cli.rescore.help")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=cmd_rescore)


def cmd_queue(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UsageError("cli.queue.limit")
    config = args.settings
    store = open_store(args)
    moment = now(args)
    if not store.readonly:
        queue_service.refresh(store, now=moment, config=config)
    campaign_id = named_campaign_id(store, args)
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
        print_json([queue_entry_json(e, args_locale(args).lang, today) for e in entries])
        return 0
    console.print(_queue_table(entries, args_locale(args).lang, config, today))
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
        "next_action_at": iso(entry.next_action_at),
        "collector": entry.collector,
        "claimed_by": entry.claimed_by,
    }


#: Below this many columns tables drop their least useful column and keep one line a row.
NARROW = 100


#: Reasons listed per debtor in a narrow queue table: the strongest comes first, and the
#: overdue one repeats the two columns beside it.
NARROW_REASONS = 1


def why_lines(entry: QueueEntry, lang: str, today: date, narrow: bool) -> list[str]:
    """The entry's reasons in words, only the first few on a narrow screen."""
    words = queue_service.worded(entry, lang, today)
    return words[:NARROW_REASONS] if narrow else words


def _queue_table(entries: list[QueueEntry], lang: str, config: Config, today: date) -> Table:
    ui = detect_locale(lang)
    narrow = console.width < NARROW
    table = Table(title=ui.t("table.queue.title"), title_justify="left")
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
    table.add_column(ui.t("col.code"), no_wrap=True, min_width=widths[1])
    table.add_column(
        ui.t("table.col.name"),
        no_wrap=narrow,
        overflow="ellipsis",
        max_width=widths[2] if narrow else None,
    )
    if not narrow:
        table.add_column(ui.t("table.col.score"), justify="right")
    table.add_column(ui.t("col.overdue"), justify="right", no_wrap=True, min_width=widths[3])
    table.add_column(ui.t("col.late"), justify="right", no_wrap=True, min_width=widths[4])
    table.add_column(ui.t("table.col.why"), max_width=why if narrow else None)
    for rank, e in enumerate(entries, start=1):
        score = [] if narrow else [str(e.score)]
        table.add_row(
            str(rank),
            Text(clean(e.code)),
            Text(clean(e.name)),
            *score,
            format_amount(e.overdue_cents, lang),
            str(e.oldest_days),
            Text("\n".join(why_lines(e, lang, today, narrow))),
        )
    if not entries:
        table.caption = ui.t("table.queue.empty")
    return table


def cmd_rescore(args: argparse.Namespace) -> int:
    config = args.settings
    store = open_store(args)
    started = time.perf_counter()
    try:
        count = queue_service.rescore(store, now=now(args), config=config)
    except StoreError as exc:
        raise UsageError(worded(exc)) from exc
    seconds = round(time.perf_counter() - started, 3)
    if args.json:
        print_json({"scored": count, "seconds": seconds})
    else:
        ui = args_locale(args)
        console.print(Text(ui.t("cli.rescore.done", count=count, seconds=ui.decimal(seconds, 3))))
    return 0

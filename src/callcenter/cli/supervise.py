"""Subcommands for supervisors: ``supervise``, ``stats``, ``export``, ``campaign``, ``user``, ``assign``.

Every command is a thin layer over :mod:`callcenter.service`; permissions are
checked there (``PermissionDenied``), so these handlers only turn arguments
into calls and results into text, JSON or files.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, tzinfo
from pathlib import Path

from rich.table import Table
from rich.text import Text

from callcenter.cli.common import (
    acting,
    args_locale,
    console,
    current_user,
    fail,
    now,
    office_tz,
    open_store,
    print_json,
    refusable_store,
    worded,
)
from callcenter.cli.dialing import agents_table
from callcenter.cli.periods import past_date
from callcenter.cli.stats_report import print_stats
from callcenter.cli.wiring import run_dashboard
from callcenter.domain.campaigns import Campaign
from callcenter.domain.dates import DateParseError, parse_human_date
from callcenter.domain.figures import OVERDUE_BUCKETS
from callcenter.domain.money import AmountError, parse_amount
from callcenter.domain.text import clean
from callcenter.i18n import detect_locale
from callcenter.output_files import check_target, output_file
from callcenter.service import campaigns, exports, figures, portfolios, spreadsheets, users
from callcenter.service.agents import agent_board, board_to_json


def register(sub: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the parser."""
    dashboard = sub.add_parser(
        "supervise",
        help="cli.supervise.help",
        description="cli.supervise.description",
    )
    _period_options(dashboard)
    dashboard.add_argument(
        "--every", type=float, default=5.0, metavar="SECONDS", help="cli.supervise.opt.every"
    )
    dashboard.set_defaults(handler=run_supervise)

    stats = sub.add_parser(
        "stats",
        help="cli.stats.help",
        description="cli.stats.description",
    )
    _period_options(stats)
    stats.add_argument("--json", action="store_true", help="cli.stats.opt.json")
    stats.set_defaults(handler=run_stats)

    export = sub.add_parser(
        "export",
        help="cli.export.help",
        description="cli.export.description",
    )
    export.add_argument("kind", choices=exports.KINDS)
    export.add_argument("--since", metavar="DATE", help="cli.export.opt.since")
    export.add_argument("--until", metavar="DATE", help="cli.export.opt.until")
    export.add_argument("--format", choices=(*exports.FORMATS, "xlsx"), default="csv")
    export.add_argument(
        "--excel",
        action="store_true",
        help="cli.export.opt.excel",
    )
    export.add_argument("--output", "-o", metavar="FILE", help="cli.export.opt.o")
    export.add_argument("--force", action="store_true", help="cli.export.opt.force")
    export.set_defaults(handler=run_export)

    _register_campaign(sub)
    _register_user(sub)

    assign = sub.add_parser(
        "assign",
        help="cli.assign.help",
        description="cli.assign.description",
    )
    assign.add_argument("codes", nargs="*", metavar="DEBTOR", help="cli.assign.opt.codes")
    assign.add_argument("--from", dest="source", metavar="USER", help="cli.assign.opt.from")
    target = assign.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", metavar="USER", help="cli.assign.opt.to")
    target.add_argument("--unassign", action="store_true", help="cli.assign.opt.unassign")
    assign.set_defaults(handler=run_assign)


def _period_options(parser: argparse.ArgumentParser) -> None:
    # Own dest: the global --campaign (a collector's session) must not be overwritten.
    parser.add_argument(
        "--campaign", dest="figures_campaign", metavar="NAME", help="cli.period.opt.campaign"
    )
    parser.add_argument("--since", metavar="DATE", help="cli.period.opt.since")
    parser.add_argument("--until", metavar="DATE", help="cli.period.opt.until")


def _register_campaign(sub: argparse._SubParsersAction) -> None:
    campaign = sub.add_parser("campaign", help="cli.campaign.help")
    actions = campaign.add_subparsers(dest="campaign_action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="cli.campaign.create.help")
    create.add_argument("name")
    create.add_argument("--segment", help="cli.campaign.create.opt.segment")
    create.add_argument(
        "--min-overdue", metavar="AMOUNT", help="cli.campaign.create.opt.min_overdue"
    )
    create.add_argument("--aging", choices=OVERDUE_BUCKETS, help="cli.campaign.create.opt.aging")
    create.add_argument("--tag", help="cli.campaign.create.opt.tag")
    create.add_argument("--step", type=int, metavar="N", help="cli.campaign.create.opt.step")
    create.add_argument(
        "--from", dest="starts_on", metavar="DATE", help="cli.campaign.create.opt.from"
    )
    create.add_argument("--to", dest="ends_on", metavar="DATE", help="cli.campaign.create.opt.to")
    create.add_argument(
        "--collector",
        action="append",
        default=[],
        metavar="USER",
        help="cli.campaign.create.opt.collector",
    )
    create.set_defaults(handler=run_campaign_create)
    listing = actions.add_parser("list", help="cli.campaign.list.help")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_campaign_list)
    for name, help_text, handler in (
        ("refresh", "re-run the rule on today's ledger", run_campaign_refresh),
        ("delete", "delete a campaign (calls keep their history)", run_campaign_delete),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("name")
        action.set_defaults(handler=handler)
    show = actions.add_parser("show", help="cli.campaign.show.help")
    show.add_argument("name")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_campaign_show)
    staff = actions.add_parser("staff", help="cli.campaign.staff.help")
    staff.add_argument("name")
    staff.add_argument("--add", action="append", default=[], metavar="USER")
    staff.add_argument("--remove", action="append", default=[], metavar="USER")
    staff.set_defaults(handler=run_campaign_staff)
    members = actions.add_parser("debtors", help="cli.campaign.debtors.help")
    members.add_argument("name")
    members.add_argument("--add", action="append", default=[], metavar="CODE")
    members.add_argument("--remove", action="append", default=[], metavar="CODE")
    members.set_defaults(handler=run_campaign_debtors)


def _register_user(sub: argparse._SubParsersAction) -> None:
    user = sub.add_parser("user", help="cli.user.help")
    actions = user.add_subparsers(dest="user_action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="cli.user.add.help",
        description="cli.user.add.description",
    )
    add.add_argument("name")
    add.add_argument("--role", choices=users.ROLES, default=users.COLLECTOR)
    add.add_argument("--display-name", default="", metavar="TEXT")
    add.add_argument("--print-sql", action="store_true", help="cli.user.add.opt.print_sql")
    add.set_defaults(handler=run_user_add)
    remove = actions.add_parser("remove", help="cli.user.remove.help")
    remove.add_argument("name")
    remove.set_defaults(handler=run_user_remove)
    listing = actions.add_parser("list", help="cli.user.list.help")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=run_user_list)
    whoami = actions.add_parser("whoami", help="cli.user.whoami.help")
    whoami.set_defaults(handler=run_user_whoami)
    password = actions.add_parser(
        "password",
        help="cli.user.password.help",
        description="cli.user.password.description",
    )
    password.add_argument("name")
    password.add_argument("--stdin", action="store_true", help="cli.user.password.opt.stdin")
    password.add_argument("--remove", action="store_true", help="cli.user.password.opt.remove")
    password.set_defaults(handler=run_user_password)


# -- helpers ---------------------------------------------------------------------------
def _today(args: argparse.Namespace, tz: tzinfo) -> date:
    return now(args).astimezone(tz).date()


# -- supervise / stats ---------------------------------------------------------------
def run_supervise(args: argparse.Namespace) -> int:
    return run_dashboard(args) or 0


def run_stats(args: argparse.Namespace) -> int:
    tz = office_tz(args)
    today = _today(args, tz)
    with refusable_store(args) as store:
        result = figures.figures(
            store,
            now=now(args),
            actor=current_user(args, store),
            campaign=args.figures_campaign,
            since=past_date(args.since, today),
            until=past_date(args.until, today),
            tz=tz,
            fresh=True,
        )
        moment = now(args)
        board = agent_board(store, now=moment, tz=tz, viewer=current_user(args, store))
    if args.json:
        print_json({**figures.figures_to_json(result), "agents": board_to_json(board, moment)})
    else:
        print_stats(console, result, detect_locale(args.lang))
        console.print(agents_table(board, moment, detect_locale(args.lang)))
    return 0


# -- export ------------------------------------------------------------------------------
def run_export(args: argparse.Namespace) -> int:
    tz = office_tz(args)
    today = _today(args, tz)
    if args.format == "xlsx" and not args.output:
        fail(detect_locale(args.lang).t("export.xlsx_needs_file"), code=2)
    with refusable_store(args) as store:
        if args.output:  # refused before the query, not after it
            check_target(args.output, force=args.force, protected=[store.path])
        rows = exports.export_rows(
            store,
            args.kind,
            actor=current_user(args, store),
            now=now(args),
            since=past_date(args.since, today),
            until=past_date(args.until, today),
            tz=tz,
        )
        with store.snapshot():
            count = _write(rows, args, store.path, tz)
    if args.output:
        said = args_locale(args).t(
            "cli.export.written", count=count, kind=args.kind, path=args.output
        )
        console.print(Text(said))
    return 0


def _write(rows, args: argparse.Namespace, database: Path | str, tz: tzinfo) -> int:
    """To stdout, or to a new file with the database's group and mode (see output_files)."""
    binary = args.format == "xlsx"
    if not args.output:
        return _write_to(rows, args, sys.stdout, tz)
    with output_file(
        args.output,
        force=args.force,
        like=database,
        protected=[database],
        encoding=None if binary else "utf-8",
    ) as out:
        return _write_to(rows, args, out, tz)


def _write_to(rows, args: argparse.Namespace, out, tz: tzinfo) -> int:
    ui = detect_locale(args.lang)
    if args.format == "xlsx":
        return spreadsheets.write_xlsx(rows, args.kind, out, ui, tz)
    if args.excel and args.format == "csv":
        return spreadsheets.write_excel_csv(rows, args.kind, out, ui, tz)
    return exports.write_export(rows, args.kind, args.format, out)


# -- campaigns ---------------------------------------------------------------------------
def run_campaign_create(args: argparse.Namespace) -> int:
    today = _today(args, office_tz(args))
    try:
        minimum = parse_amount(args.min_overdue) if args.min_overdue else 0
    except AmountError as exc:
        fail(worded(exc), code=2)
    rule = Campaign(
        name=args.name,
        segment=args.segment,
        min_overdue_cents=minimum,
        aging_bucket=args.aging,
        tag=args.tag,
        dunning_step=args.step,
        starts_on=_any_date(args.starts_on, today),
        ends_on=_any_date(args.ends_on, today),
        collectors=tuple(args.collector),
    )
    with refusable_store(args) as store:
        created = campaigns.create_campaign(
            store, rule, actor=current_user(args, store), now=now(args)
        )
    _print_campaign_line(created)
    return 0


def _any_date(text: str | None, today: date) -> date | None:
    if text is None:
        return None
    try:
        return parse_human_date(text, today)
    except DateParseError as exc:
        fail(worded(exc), code=2)


def _print_campaign_line(campaign: Campaign) -> None:
    line = Text()
    line.append(campaign.name, style="bold")
    line.append(f": {campaign.debtors} debtors, {campaign.describe()}")
    if campaign.collectors:
        line.append(", collectors " + ", ".join(clean(c) for c in campaign.collectors))
    if campaign.starts_on or campaign.ends_on:
        line.append(f", {campaign.starts_on or '…'} → {campaign.ends_on or '…'}")
    console.print(line)


def run_campaign_list(args: argparse.Namespace) -> int:
    store = open_store(args, create=False)
    try:
        found = campaigns.list_campaigns(store)
    finally:
        store.close()
    if args.json:
        print_json(
            [
                {
                    "name": c.name,
                    "rule": c.describe(),
                    "debtors": c.debtors,
                    "collectors": list(c.collectors),
                    "starts_on": c.starts_on,
                    "ends_on": c.ends_on,
                    "created_by": c.created_by,
                }
                for c in found
            ]
        )
        return 0
    if not found:
        console.print("No campaign yet: callcenter campaign create NAME --min-overdue 1000")
    for campaign in found:
        _print_campaign_line(campaign)
    return 0


def run_campaign_show(args: argparse.Namespace) -> int:
    ui = detect_locale(args.lang)
    with refusable_store(args) as store:
        campaign = campaigns.campaign_by_name(store, args.name)
        debtors = campaigns.campaign_debtors(store, args.name)
    if args.json:
        print_json(
            [
                {
                    "code": d.code,
                    "name": d.name,
                    "collector": d.collector,
                    "overdue_cents": d.amount_cents,
                    "state": d.detail,
                }
                for d in debtors
            ]
        )
        return 0
    _print_campaign_line(campaign)
    table = Table("Code", "Debtor", "Collector", "Overdue", "Queue")
    for d in debtors:
        table.add_row(
            Text(clean(d.code)),
            Text(clean(d.name)),
            Text(clean(d.collector or "")),
            Text(ui.money(d.amount_cents), justify="right"),
            d.detail,
        )
    console.print(table)
    return 0


def _campaign_action(args: argparse.Namespace, action) -> int:
    with refusable_store(args) as store:
        result = action(store, current_user(args, store))
    if isinstance(result, Campaign):
        _print_campaign_line(result)
    return 0


def run_campaign_refresh(args: argparse.Namespace) -> int:
    return _campaign_action(
        args, lambda s, me: campaigns.refresh_campaign(s, args.name, actor=me, now=now(args))
    )


def run_campaign_delete(args: argparse.Namespace) -> int:
    code = _campaign_action(args, lambda s, me: campaigns.delete_campaign(s, args.name, actor=me))
    console.print(Text(args_locale(args).t("cli.campaign.deleted", name=args.name)))
    return code


def run_campaign_staff(args: argparse.Namespace) -> int:
    return _campaign_action(
        args,
        lambda s, me: campaigns.set_collectors(
            s, args.name, actor=me, add=args.add, remove=args.remove
        ),
    )


def run_campaign_debtors(args: argparse.Namespace) -> int:
    return _campaign_action(
        args,
        lambda s, me: campaigns.set_debtors(
            s, args.name, actor=me, add=args.add, remove=args.remove
        ),
    )


# -- users and assignments -----------------------------------------------------------------
def run_user_add(args: argparse.Namespace) -> int:
    if args.print_sql:
        with refusable_store(args) as store:
            me = current_user(args, store)
            for statement in users.role_statements(store, args.name, role=args.role, actor=me):
                console.print(Text(statement + ";"))
        return 0
    with refusable_store(args, create=True) as store:  # a team's file starts with its first user
        user = users.add_user(
            store,
            args.name,
            role=args.role,
            actor=current_user(args, store),
            now=now(args),
            display_name=args.display_name,
        )
    ui = args_locale(args)
    role = ui.t(f"cli.user.role.{user.role}")
    console.print(Text(ui.t("cli.user.added", name=user.name, role=role)))
    return 0


def run_user_remove(args: argparse.Namespace) -> int:
    with refusable_store(args) as store:
        removed = users.remove_user(store, args.name, actor=current_user(args, store))
    said = "cli.user.removed" if removed else "cli.user.not_a_user"
    console.print(Text(args_locale(args).t(said, name=args.name)))
    return 0


def run_user_list(args: argparse.Namespace) -> int:
    store = open_store(args, create=False)
    try:
        found = users.list_users(store, actor=current_user(args, store))
    finally:
        store.close()
    if args.json:
        print_json([_user_dict(u) for u in found])
        return 0
    table = Table("User", "Role", "Name", "Debtors")
    for user in found:
        table.add_row(Text(user.name), user.role, Text(clean(user.display_name)), str(user.debtors))
    console.print(table)
    return 0


def _user_dict(user: users.User) -> dict:
    return {
        "name": user.name,
        "role": user.role,
        "display_name": user.display_name,
        "debtors": user.debtors,
    }


def run_user_whoami(args: argparse.Namespace) -> int:
    store = open_store(args, create=False)
    try:
        me = acting(args, store)
        role = users.role_of(store, me.name)
    finally:
        store.close()
    ui = args_locale(args)
    role_words = ui.t(f"cli.user.role.{role}")
    if me.entered_by:
        said = ui.t("cli.user.whoami_for", name=me.name, role=role_words, by=me.entered_by)
    else:
        said = ui.t("cli.user.whoami", name=me.name, role=role_words)
    console.print(Text(said))
    return 0


def run_user_password(args: argparse.Namespace) -> int:
    from callcenter.service import passwords

    secret = None if args.remove else _new_password(args)
    with refusable_store(args) as store:
        passwords.set_password(
            store, args.name, secret, actor=current_user(args, store), now=now(args)
        )
    done = "cli.user.password.removed" if args.remove else "cli.user.password.set"
    console.print(Text(args_locale(args).t(done, name=args.name)))
    return 0


def _new_password(args: argparse.Namespace) -> str:
    """One line from stdin (scripts), or typed twice without echo at a terminal."""
    if args.stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    ui = args_locale(args)
    first = getpass.getpass(ui.t("cli.user.password.prompt", name=args.name))
    if getpass.getpass(ui.t("cli.user.password.again")) != first:
        fail(ui.t("cli.user.password.differ"), code=2)
    return first


def run_assign(args: argparse.Namespace) -> int:
    target = None if args.unassign else args.to
    if bool(args.codes) == bool(args.source):
        fail(args_locale(args).t("cli.assign.both"), code=2)
    with refusable_store(args) as store:
        if args.source:
            moved = portfolios.move_portfolio(
                store, args.source, target, actor=current_user(args, store), now=now(args)
            )
        else:
            moved = portfolios.assign_debtors(
                store, args.codes, target, actor=current_user(args, store), now=now(args)
            )
    ui = args_locale(args)
    name = target or ui.t("assign.pool")
    console.print(Text(ui.t("cli.assign.done", count=moved, name=name)))
    return 0

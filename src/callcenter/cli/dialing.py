"""``callcenter agents`` (the board of agents) and ``callcenter dnc`` (do-not-call flags)."""

from __future__ import annotations

import argparse
from datetime import datetime

from rich import box
from rich.table import Table
from rich.text import Text

from callcenter.cli.common import (
    console,
    current_user,
    fail,
    now,
    office_tz,
    print_json,
    refusable_store,
)
from callcenter.domain.agent_day import AgentDay
from callcenter.domain.calling import clock
from callcenter.i18n import Locale, detect_locale
from callcenter.service.agents import agent_board, board_to_json
from callcenter.service.dialing import set_do_not_call


def register(sub: argparse._SubParsersAction) -> None:
    agents = sub.add_parser(
        "agents",
        help="cli.agents.help",
        description="cli.agents.description",
    )
    agents.add_argument("--json", action="store_true", help="cli.agents.opt.json")
    agents.set_defaults(handler=run_agents)

    dnc = sub.add_parser(
        "dnc",
        help="cli.dnc.help",
        description="cli.dnc.description",
    )
    dnc.add_argument("number", nargs="?", default="", help="cli.dnc.opt.number")
    dnc.add_argument("--contact", type=int, help="cli.dnc.opt.contact")
    dnc.add_argument("--reason", default="", help="cli.dnc.opt.reason")
    dnc.add_argument("--lift", action="store_true", help="cli.dnc.opt.lift")
    dnc.set_defaults(handler=run_dnc)


def run_agents(args: argparse.Namespace) -> int:
    moment = now(args)
    with refusable_store(args) as store:
        viewer = current_user(args, store)
        days = agent_board(store, now=moment, tz=office_tz(args), viewer=viewer)
    if args.json:
        print_json(board_to_json(days, moment))
        return 0
    console.print(agents_table(days, moment, detect_locale(args.lang)))
    return 0


def agents_table(days: list[AgentDay], moment: datetime, ui: Locale) -> Table:
    """The board as a table (``agents`` and ``stats`` print it).

    A pause reason is worded (``déjeuner``, not ``lunch``) and goes on its own
    line under the state, in italics rather than in brackets, which would make the
    column two characters wider than ``en pause``. Nine columns with
    boxed cells need ~90 characters: a rule under the headings and one space between
    columns keep every heading whole in an 80-column terminal, and a long login folds
    onto a second line rather than losing its end.
    """
    table = Table(
        title=Text(ui.t("agents.title")), box=box.SIMPLE_HEAD, padding=(0, 0), show_edge=False
    )
    for key in ("collector", "state", "for", "debtor", "calls", "talk", "wrap_up", "pause", "cph"):
        left = key in ("collector", "state", "debtor")
        heading = ui.t(f"agents.{key}")
        table.add_column(
            heading,
            min_width=None if left else len(heading),
            justify="left" if left else "right",
            overflow="fold" if left else "ellipsis",
        )
    for day in days:
        table.add_row(
            Text(day.collector), _state_text(day, ui), clock(moment - day.since) if day.since else "",
            Text(day.debtor_code or ""), str(day.calls), clock(day.talk), clock(day.wrap_up),
            clock(day.paused), ui.decimal(day.calls_per_hour, 1),
        )  # fmt: skip
    return table


def _state_text(day: AgentDay, ui: Locale) -> Text:
    text = Text(ui.t(f"state.{day.state.value}"))
    if day.reason:
        text.append("\n" + ui.pause_reason(day.reason), style="italic")
    return text


def run_dnc(args: argparse.Namespace) -> int:
    if not args.number and args.contact is None:
        fail(detect_locale(args.lang).t("dnc.what"), code=2)
    with refusable_store(args) as store:
        set_do_not_call(
            store,
            number=args.number,
            contact_id=args.contact,
            flagged=not args.lift,
            by=current_user(args, store),
            now=now(args),
            reason=args.reason,
            config=args.settings,
        )
    return 0

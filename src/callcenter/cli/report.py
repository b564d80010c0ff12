"""``callcenter report``: the supervisor's report (or a collector's day) as HTML or PDF.

A thin layer: the figures come from :mod:`callcenter.service.report`, the page
from :mod:`callcenter.report.html`, the file is written by
:mod:`callcenter.output_files` (never over a file callcenter did not create,
with the database's group and mode).
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, timedelta

from rich.text import Text

from callcenter.cli.common import (
    args_locale,
    console,
    current_user,
    fail,
    now,
    office_tz,
    refusable_store,
)
from callcenter.cli.periods import past_date
from callcenter.i18n import detect_locale
from callcenter.output_files import check_target, output_file
from callcenter.service import report as report_service

FORMATS = ("html", "pdf")


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``report`` to the parser."""
    report = sub.add_parser(
        "report",
        help="cli.report.help",
        description="cli.report.description",
    )
    report.add_argument("--since", metavar="DATE", help="cli.period.opt.since")
    report.add_argument("--until", metavar="DATE", help="cli.period.opt.until")
    report.add_argument(
        "--month",
        metavar="YYYY-MM",
        help="cli.report.opt.month",
    )
    report.add_argument(
        "--day",
        nargs="?",
        const="today",
        metavar="DATE",
        help="cli.report.opt.day",
    )
    report.add_argument("--collector", metavar="NAME", help="cli.report.opt.collector")
    report.add_argument(
        "--campaign", dest="figures_campaign", metavar="NAME", help="cli.period.opt.campaign"
    )
    report.add_argument(
        "--months",
        type=int,
        default=report_service.TREND_MONTHS,
        metavar="N",
        help="cli.report.opt.months",
    )
    report.add_argument("--format", choices=FORMATS, default="html", help="cli.report.opt.format")
    report.add_argument("--output", "-o", metavar="FILE", help="cli.report.opt.output")
    report.add_argument("--force", action="store_true", help="cli.report.opt.force")
    report.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    ui = detect_locale(args.lang)
    if args.format == "pdf" and not args.output:
        fail(ui.t("report.pdf_needs_output"), code=2)
    if not 1 <= args.months <= 120:
        fail(ui.t("report.months_range"), code=2)
    tz = office_tz(args)
    moment = now(args)
    today = moment.astimezone(tz).date()
    with refusable_store(args) as store:
        if args.output:  # refused before any work, not after it
            check_target(args.output, force=args.force, protected=[store.path])
        actor = current_user(args, store)
        if args.day is not None:
            found = report_service.collector_day(
                store,
                now=moment,
                actor=actor,
                collector=args.collector,
                day=past_date(None if args.day == "today" else args.day, today),
                tz=tz,
            )
        else:
            since, until = _period(args, today)
            found = report_service.supervisor_report(
                store,
                now=moment,
                actor=actor,
                since=since,
                until=until,
                campaign=args.figures_campaign,
                collector=args.collector,
                months=args.months,
                tz=tz,
            )
        _write(found, args, ui, tz, store.path)
    if args.output:
        console.print(Text(ui.t("report.written", path=args.output)), soft_wrap=True)
    return 0


def _period(args: argparse.Namespace, today: date) -> tuple[date | None, date | None]:
    """``--month`` (a calendar month, ``last`` the one before today's) or ``--since/--until``."""
    if not args.month:
        return past_date(args.since, today), past_date(args.until, today)
    if args.since or args.until:
        fail(args_locale(args).t("report.month_or_period"), code=2)
    if args.month == "last":
        last = today.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last
    match = re.fullmatch(r"(\d{4})-(\d{2})", args.month)
    if not match or not 1 <= int(match.group(2)) <= 12:
        fail(args_locale(args).t("report.bad_month", month=repr(args.month)), code=2)
    first = date(int(match.group(1)), int(match.group(2)), 1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, min(last, today)


def _write(found, args: argparse.Namespace, ui, tz, database) -> None:
    from callcenter.report.html import render_html

    html = render_html(found, ui, tz)
    if args.format == "html" and not args.output:
        sys.stdout.write(html)
        return
    if args.format == "html":
        with output_file(args.output, force=args.force, like=database, protected=[database]) as out:
            out.write(html)
        return
    from callcenter.report.pdf import PdfUnavailable, html_to_pdf

    try:
        data = html_to_pdf(html)
    except PdfUnavailable as exc:
        fail(ui.t("report.pdf_missing", reason=exc.reason))
    with output_file(
        args.output, force=args.force, like=database, protected=[database], encoding=None
    ) as out:
        out.write(data)

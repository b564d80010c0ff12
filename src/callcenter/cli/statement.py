"""``callcenter statement CODE``: a debtor's statement of account, as HTML or PDF.

A thin layer over :mod:`callcenter.service.documents`: the page is the one
the workstation attaches to an e-mail. Without ``--out`` the HTML goes to
standard output; ``--out`` writes a file through
:mod:`callcenter.output_files` (never over a file callcenter did not create);
``--pdf`` prints it with WeasyPrint, and where WeasyPrint cannot be loaded
says so and writes the HTML beside the name asked for.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.text import Text

from callcenter.cli.common import console, current_user, err_console, fail, now, refusable_store
from callcenter.i18n import detect_locale
from callcenter.letters.render import TemplateBroken
from callcenter.output_files import check_target, output_file
from callcenter.service import documents


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``statement`` to the parser."""
    found = sub.add_parser(
        "statement", help="cli.statement.help", description="cli.statement.description"
    )
    found.add_argument("code", metavar="CODE", help="cli.statement.arg.code")
    found.add_argument("--out", "-o", metavar="PATH", help="cli.statement.opt.out")
    found.add_argument("--pdf", action="store_true", help="cli.statement.opt.pdf")
    found.add_argument("--force", action="store_true", help="cli.statement.opt.force")
    found.set_defaults(handler=run_statement)


def run_statement(args: argparse.Namespace) -> int:
    ui = detect_locale(args.lang)
    if args.pdf and not args.out:
        fail(ui.t("statement.pdf_needs_out"), code=2)
    with refusable_store(args) as store:
        if args.out:  # refused before any work, not after it
            check_target(args.out, force=args.force, protected=[store.path])
        actor = current_user(args, store)
        try:
            stem, page = documents.statement_of(
                store, args.code, now=now(args), config=args.settings, actor=actor
            )
        except (TemplateBroken, documents.DocumentRefused) as exc:
            fail(ui.error(exc))
        if not args.out:
            sys.stdout.write(page)
            return 0
        target = Path(args.out)
        data = page.encode()
        if args.pdf:
            printed = documents.printed(page, stem)
            data = printed.data
            if printed.note:  # no WeasyPrint: the HTML, under a name that says so
                target = target.with_suffix(".html")
                check_target(target, force=args.force, protected=[store.path])
                err_console.print(
                    Text(ui.t("statement.no_pdf", reason=printed.note, path=str(target))),
                    soft_wrap=True,
                )
        like = store.path
        with output_file(
            target, force=args.force, like=like, protected=[like], encoding=None
        ) as out:
            out.write(data)
    console.print(Text(ui.t("statement.written", path=str(target))), soft_wrap=True)
    return 0

"""``callcenter dispute list|resolve|cancel|undo``, ``callcenter task list|done|undo`` and
``callcenter dunning CODE STEP|undo``.

The same service functions as the workstation's ``l`` and ``m`` screens, so
a change made from a shell is checked (portfolio, state) and logged the same
way, and undone the same way. Tables and messages follow ``--lang``.
"""

from __future__ import annotations

import argparse

from rich.table import Table
from rich.text import Text

from callcenter.cli.common import (
    UsageError,
    console,
    current_user,
    now,
    open_store,
    print_json,
    worded,
)
from callcenter.domain.text import clean
from callcenter.i18n import Locale, detect_locale
from callcenter.service import disputes as dispute_service
from callcenter.service import dunning as dunning_service
from callcenter.service import tasks as task_service
from callcenter.service.changes import ChangeError
from callcenter.service.errors import AccessRefused, OutcomeError
from callcenter.service.scores import today_of
from callcenter.store import StoreError


def register(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("dispute", help="cli.dispute.help")
    dsub = d.add_subparsers(dest="dispute_command", metavar="ACTION", required=True)
    ls = dsub.add_parser("list", help="cli.dispute.list.help")
    ls.add_argument("--all", action="store_true", help="cli.dispute.list.opt.all")
    ls.add_argument("--closed", action="store_true", help="cli.dispute.list.opt.closed")
    ls.add_argument("--debtor", metavar="CODE", help="cli.dispute.list.opt.debtor")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=cmd_dispute_list)
    res = dsub.add_parser("resolve", help="cli.dispute.resolve.help")
    res.add_argument("id", type=int)
    how = res.add_mutually_exclusive_group(required=True)
    how.add_argument(
        "--credit-note",
        action="store_true",
        help="cli.dispute.resolve.opt.credit_note",
    )
    how.add_argument(
        "--rejected",
        action="store_true",
        help="cli.dispute.resolve.opt.rejected",
    )
    res.add_argument("--json", action="store_true")
    res.set_defaults(handler=cmd_dispute_resolve)
    for name, handler, text in (
        ("cancel", cmd_dispute_cancel, "cancel an open dispute (its invoices are chased again)"),
        ("undo", cmd_dispute_undo, "undo the latest resolution or cancellation of a dispute"),
    ):
        p = dsub.add_parser(name, help=text)
        p.add_argument("id", type=int)
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=handler)

    t = sub.add_parser("task", help="cli.task.help")
    tsub = t.add_subparsers(dest="task_command", metavar="ACTION", required=True)
    tl = tsub.add_parser("list", help="cli.task.list.help")
    tl.add_argument("--all", action="store_true", help="cli.task.list.opt.all")
    tl.add_argument("--json", action="store_true")
    tl.set_defaults(handler=cmd_task_list)
    for name, handler, text in (
        ("done", cmd_task_done, "mark a task done"),
        ("undo", cmd_task_undo, "open a task marked done again"),
    ):
        p = tsub.add_parser(name, help=text)
        p.add_argument("id", type=int)
        p.add_argument("--json", action="store_true")
        p.set_defaults(handler=handler)

    dn = sub.add_parser(
        "dunning",
        help="move a debtor on the dunning ladder on purpose (formal notice: a supervisor's)",
    )
    dn.add_argument("code", metavar="DEBTOR")
    dn.add_argument(
        "step", metavar="STEP", help="0-6 (4 formal notice, 5 court order, 6 litigation) or 'undo'"
    )
    dn.add_argument("--note", default="", help="why, or the registered letter's number")
    dn.add_argument("--json", action="store_true")
    dn.set_defaults(handler=cmd_dunning)


def _ui(args: argparse.Namespace) -> Locale:
    return detect_locale(getattr(args, "lang", None))


def _run(args: argparse.Namespace, service, *params, done_key: str, **kwargs) -> int:
    """Apply one change; a refusal is a one-line message in the interface language."""
    ui = _ui(args)
    store = open_store(args, create=False)
    try:
        change_id = service(
            store, *params, actor=current_user(args, store), now=now(args), **kwargs
        )
    except (ChangeError, AccessRefused) as exc:
        raise UsageError(ui.error(exc)) from exc
    except StoreError as exc:
        raise UsageError(worded(exc)) from exc
    if args.json:
        print_json({"change_id": change_id})
    else:
        console.print(Text(ui.t("cli.changed", what=ui.t(done_key), id=change_id)))
    return 0


def cmd_dunning(args: argparse.Namespace) -> int:
    """Set the step (a logged change) or take back the latest move (``undo``)."""
    if args.step == "undo":
        return _run(
            args,
            dunning_service.undo_last_step,
            args.code,
            config=args.settings,
            done_key="change.undo",
        )
    try:
        step = int(args.step)
    except ValueError:
        raise UsageError(_ui(args).t("err.step_word", text=clean(args.step))) from None
    try:
        return _run(
            args,
            dunning_service.set_dunning_step,
            args.code,
            step,
            note=args.note,
            config=args.settings,
            done_key="change.dunning_step",
        )
    except OutcomeError as exc:
        raise UsageError(_ui(args).error(exc)) from exc


# -- disputes ------------------------------------------------------------------


def cmd_dispute_list(args: argparse.Namespace) -> int:
    ui = _ui(args)
    store = open_store(args, create=False)
    found = dispute_service.list_disputes(
        store,
        actor=current_user(args, store),
        status=None if args.closed else "open",
        everyone=args.all,
        code=args.debtor,
    )
    if args.json:
        print_json([_dispute_json(d, name) for d, name in found])
        return 0
    table = Table(title=ui.t("cli.disputes"), title_justify="left")
    for key in ("col.number", "col.debtor", "col.invoices", "col.reason", "col.since", "col.by"):
        table.add_column(ui.t(key))
    table.add_column(ui.t("col.state"))
    for dispute, name in found:
        debtor = Text(clean(dispute.debtor_code) + " ", "bold")
        debtor.append(clean(name))
        table.add_row(
            str(dispute.id),
            debtor,
            Text(clean(", ".join(dispute.invoice_numbers))),
            Text(clean(dispute.reason)),
            ui.date(dispute.opened_at.date()) if dispute.opened_at else "",
            Text(clean(dispute.opened_by)),
            ui.dispute_state(dispute),
        )
    if not found:
        table.caption = ui.t("cli.no_dispute")
    console.print(table)
    return 0


def _dispute_json(dispute, name: str) -> dict:
    return {
        "id": dispute.id,
        "debtor": dispute.debtor_code,
        "name": clean(name),
        "invoices": list(dispute.invoice_numbers),
        "reason": clean(dispute.reason),
        "status": dispute.status,
        "resolution": dispute.resolution,
        "opened_at": dispute.opened_at.isoformat() if dispute.opened_at else None,
        "opened_by": dispute.opened_by,
        "resolved_at": dispute.resolved_at.isoformat() if dispute.resolved_at else None,
        "resolved_by": dispute.resolved_by,
    }


def cmd_dispute_resolve(args: argparse.Namespace) -> int:
    key = "change.dispute_resolved" if args.credit_note else "change.dispute_rejected"
    return _run(
        args,
        dispute_service.resolve_dispute,
        args.id,
        in_favour=args.credit_note,
        config=args.settings,
        done_key=key,
    )


def cmd_dispute_cancel(args: argparse.Namespace) -> int:
    return _run(
        args,
        dispute_service.cancel_dispute,
        args.id,
        config=args.settings,
        done_key="change.dispute_cancelled",
    )


def cmd_dispute_undo(args: argparse.Namespace) -> int:
    return _run(
        args, dispute_service.undo_last, args.id, config=args.settings, done_key="change.undo"
    )


# -- tasks -----------------------------------------------------------------------


def cmd_task_list(args: argparse.Namespace) -> int:
    ui = _ui(args)
    store = open_store(args, create=False)
    found = task_service.my_tasks(store, actor=current_user(args, store), everyone=args.all)
    if args.json:
        print_json([_task_json(t) for t in found])
        return 0
    today = today_of(now(args), args.settings)
    table = Table(title=ui.t("cli.tasks"), title_justify="left")
    for key in ("col.number", "col.debtor", "col.what", "col.who", "col.since", "col.due_on"):
        table.add_column(ui.t(key))
    for task in found:
        debtor = Text(clean(task.debtor_code) + " ", "bold")
        debtor.append(clean(task.debtor_name))
        due = Text(ui.date(task.due), "bold red" if task.due < today else "")
        table.add_row(
            str(task.id),
            debtor,
            Text(clean(ui.task_kind(task))),
            Text(clean(task.created_by)),
            ui.date(task.created_at.date()),
            due,
        )
    if not found:
        table.caption = ui.t("cli.no_task")
    console.print(table)
    return 0


def _task_json(task) -> dict:
    return {
        "id": task.id,
        "debtor": task.debtor_code,
        "name": clean(task.debtor_name),
        "kind": task.kind,
        "note": clean(task.note),
        "created_at": task.created_at.isoformat(),
        "created_by": task.created_by,
        "due_on": task.due.isoformat(),
    }


def cmd_task_done(args: argparse.Namespace) -> int:
    return _run(args, task_service.complete_task, args.id, done_key="change.task_done")


def cmd_task_undo(args: argparse.Namespace) -> int:
    return _run(
        args, task_service.reopen_task, args.id, config=args.settings, done_key="change.undo"
    )

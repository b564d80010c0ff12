"""Disputes and open tasks of the debtor: what is contested, what someone must do.

A dispute says which invoices, why, since when, who opened it and where it
stands; a task says what, who asked, since when and for when (late ones
stand out). ``l`` opens the screen that handles them.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

from callcenter.domain.models import Dispute, Dossier, Task
from callcenter.i18n import Locale
from callcenter.tui.flow import Flowing, Token, flow, words
from callcenter.tui.literal import literal

#: Closed disputes shown under the open ones: the latest tell how the last one ended.
CLOSED_SHOWN = 2
TASKS_SHOWN = 5


def task_what(task: Task, ui: Locale) -> Text:
    """The task's kind in the collector's words (an unknown kind as stored), then its note."""
    text = literal(ui.task_kind(task), "bold")
    if task.note and task.kind == "credit_note":  # its note is the invoice list
        text.append(" ")
        text.append_text(literal(task.note))
    return text


def dispute_tokens(dispute: Dispute, ui: Locale) -> list[Token]:
    open_ = dispute.status == "open" or dispute.resolution == "credit_note"
    style = "" if open_ else "dim"
    head = Text("⚑ " if open_ else "  ", "bold yellow", end="")
    head.append(ui.t("dispute.label"), "bold " + style)
    tokens: list[Token] = [("", head)]
    tokens.append((" ", literal(", ".join(dispute.invoice_numbers) or "—", style)))
    tokens += words(literal("— " + dispute.reason, "italic " + style))
    if dispute.opened_at is not None:
        since = ui.t("dispute.since", day=ui.date(dispute.opened_at.date()), who="{who}")
        before, _, after = since.partition("{who}")
        piece = Text(before, style)
        piece.append_text(literal(dispute.opened_by, style))
        piece.append(after, style)
        tokens.append((" · ", piece))
    tokens.append((" · ", Text(ui.dispute_state(dispute), "bold" if open_ else "dim")))
    return tokens


def task_tokens(task: Task, ui: Locale, today: date) -> list[Token]:
    head = Text("☐ ", "bold", end="")
    head.append_text(task_what(task, ui))
    tokens: list[Token] = [("", head)]
    since = ui.t("task.since", day=ui.date(task.created_at.date()), who="{who}")
    before, _, after = since.partition("{who}")
    piece = Text(before, "dim")
    piece.append_text(literal(task.created_by, "dim"))
    piece.append(after, "dim")
    tokens.append((" · ", piece))
    due = Text(ui.t("task.due", day=ui.date(task.due)))
    if task.due < today:
        due.append(" " + ui.t("task.overdue"), "bold red")
    tokens.append((" · ", due))
    return tokens


def case_lines(dossier: Dossier, ui: Locale, today: date, width: int | None = None) -> Text:
    """Open disputes, the latest closed ones, then open tasks; empty when there is none."""
    live = [d for d in dossier.disputes if d.status == "open" or d.resolution == "credit_note"]
    closed = [d for d in dossier.disputes if d not in live][:CLOSED_SHOWN]
    lines = [flow(dispute_tokens(d, ui), width, indent="  ") for d in (*live, *closed)]
    lines += [flow(task_tokens(t, ui, today), width, indent="  ") for t in dossier.tasks]
    text = Text(end="")
    for index, line in enumerate(lines[: len(live) + len(closed) + TASKS_SHOWN]):
        if index:
            text.append("\n")
        text.append_text(line)
    return text


class CasesPanel(Flowing):
    """Hidden when the debtor has no dispute and no open task."""

    DEFAULT_CSS = """
    CasesPanel { height: auto; border: round $warning 50%; padding: 0 1; }
    """

"""Twelve months of invoiced against paid, as two rows of bars.

A debtor who pays a little every month and one who stopped paying in the
summer look the same in a balance; the bars tell them apart in one glance.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from callcenter.i18n import Locale
from callcenter.tui.flow import Flowing

BLOCKS = " ▁▂▃▄▅▆▇█"
MONTH_INITIALS = {"fr": "JFMAMJJASOND", "en": "JFMAMJJASOND"}


def bar(value: int, top: int) -> str:
    """One block character for ``value`` on a scale of ``top``; any non-zero value shows."""
    if value <= 0 or top <= 0:
        return " "
    return BLOCKS[max(1, round(value / top * (len(BLOCKS) - 1)))]


def history_bars(monthly: Sequence[tuple[str, int, int]], ui: Locale) -> Text:
    if not monthly:
        return Text("", end="")
    top = max(max(invoiced, paid) for _, invoiced, paid in monthly)
    labels = (ui.t("history.invoiced"), ui.t("history.paid"))
    width = max(len(label) for label in labels) + 1
    text = Text(" " * width, end="")
    initials = MONTH_INITIALS.get(ui.lang, MONTH_INITIALS["en"])
    text.append(" ".join(initials[int(month[5:7]) - 1] + " " for month, _, _ in monthly), "dim")
    total_invoiced = sum(m[1] for m in monthly)
    total_paid = sum(m[2] for m in monthly)
    for index, (label, style, total) in enumerate(
        zip(labels, ("cyan", "green"), (total_invoiced, total_paid), strict=True)
    ):
        text.append("\n" + label.ljust(width))
        column = [invoiced if index == 0 else paid for _, invoiced, paid in monthly]
        text.append(" ".join(bar(value, top) * 2 for value in column), style)
        text.append(f"  {ui.short_money(total)}")
    return text


class HistoryPanel(Flowing):
    DEFAULT_CSS = """
    HistoryPanel { height: auto; border: round $primary 50%; padding: 0 1; }
    """

"""The second header line: the collector, the session clock and the session's counters."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from callcenter.i18n import Locale
from callcenter.tui.literal import literal
from callcenter.tui.session_stats import SessionStats

SEP = " · "


def session_line(
    collector: str,
    stats: SessionStats,
    elapsed: str,
    ui: Locale,
    state: Text | None = None,
    width: int | None = None,
) -> Text:
    """The collector, their state and its timer (``en ligne 1:23``), the session's counters.

    Narrower than ``width`` cells (80 columns during a call), the session clock
    gives way: the call's own timer and every counter stay whole.
    """
    head = [literal(collector, "bold"), *([state] if state is not None else [])]
    clock = Text(ui.t("header.clock", elapsed=elapsed))
    counters = [
        Text(ui.t("header.calls", n=stats.calls)),
        Text(ui.t("header.reached", n=stats.reached)),
        Text(ui.t("header.promised", amount=ui.money(stats.promised_cents))),
    ]
    line = Text(SEP, end="").join([*head, clock, *counters])
    if width is not None and line.cell_len > width:
        line = Text(SEP, end="").join([*head, *counters])
    return line


def summary_line(collector: str, stats: SessionStats, now: datetime, ui: Locale) -> Text:
    """Printed after quitting: the session's counters and length."""
    line = session_line(collector, stats, stats.elapsed(now), ui)
    line.append(SEP)
    line.append(ui.t("summary.released"))
    return line


class SessionBar(Static):
    """Redrawn once a second by the screen's clock timer (cheap: one line of text)."""

    DEFAULT_CSS = """
    SessionBar { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    """

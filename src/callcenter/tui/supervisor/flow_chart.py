"""Promised and collected per day as one chart: a shared scale, axes and a legend.

Two sparklines, each scaled to its own maximum, drew a 500 € day of collections
as tall as a 20 000 € day of promises. Here both bands share one scale, the
y axis names it (its top and zero), the x axis names the first and last day,
and the legend says which colour is which with the period's totals.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.widgets import Static

from callcenter.domain.figures import DailyFlow
from callcenter.i18n import Locale

_LEVELS = " ▁▂▃▄▅▆▇█"
#: Rows per series: 16 levels of height.
BAND_ROWS = 2
SERIES = (
    ("dash.flow.promised", "promised_cents", "cyan"),
    ("dash.flow.collected", "collected_cents", "green"),
)


def column(value: int, maximum: int, rows: int = BAND_ROWS) -> list[str]:
    """One day's bar, top row first, in eighths of a row (integer arithmetic)."""
    if value <= 0 or maximum <= 0:
        return [" "] * rows
    eighths = max(1, min(rows * 8, (value * rows * 8 + maximum - 1) // maximum))
    cells = []
    for row in range(rows - 1, -1, -1):  # top row first
        cells.append(_LEVELS[max(0, min(8, eighths - row * 8))])
    return cells


def flow_chart(flow: Sequence[DailyFlow], ui: Locale, width: int) -> Text:
    """The chart in ``width`` cells: the latest days that fit, one column each."""
    labels = [ui.t(key) for key, _, _ in SERIES]
    biggest = max((getattr(d, attr) for d in flow for _, attr, _ in SERIES), default=0)
    ticks = [ui.short_money(biggest), "0"]
    gutter = max(len(t) for t in [*ticks, *labels])
    days = list(flow)[-max(1, width - gutter - 2) :]
    chart = Text(end="")
    last = len(SERIES) - 1
    for band, ((_, attr, style), label) in enumerate(zip(SERIES, labels, strict=True)):
        bars = [column(getattr(day, attr), biggest) for day in days]
        label_row = 1 if band == 0 else 0  # under the top tick, above the zero
        for row in range(BAND_ROWS):
            if band == 0 and row == 0:
                tick, axis = ticks[0], "┤"
            elif band == last and row == BAND_ROWS - 1:
                tick, axis = ticks[1], "┤"
            else:
                tick, axis = (label if row == label_row else ""), "│"
            chart.append(f"{tick:>{gutter}} ", style=style if tick == label else "dim")
            chart.append(axis, style="dim")
            chart.append("".join(bar[row] for bar in bars), style=style)
            chart.append("\n")
    chart.append(" " * (gutter + 1) + "└" + "─" * len(days) + "\n", style="dim")
    if days:
        first, last = _day(days[0].day, ui), _day(days[-1].day, ui)
        room = max(1, len(days) - len(first) - len(last))
        chart.append(" " * (gutter + 2) + first + " " * room + last, style="dim")
    return chart


def _day(day: date, ui: Locale) -> str:
    """Day and month the reader's way: 26/10, 10/26 (en_US) or 10-26 (ISO)."""
    return {"dmy": f"{day:%d/%m}", "mdy": f"{day:%m/%d}"}.get(ui.date_style, f"{day:%m-%d}")


def legend(flow: Sequence[DailyFlow], ui: Locale) -> Text:
    """Which colour is which, with the period's totals."""
    line = Text(end="")
    for index, (key, attr, style) in enumerate(SERIES):
        if index:
            line.append("   ")
        line.append(f"█ {ui.t(key)} ", style=style)
        line.append(ui.short_money(sum(getattr(day, attr) for day in flow)))
    return line


class FlowChart(Static):
    """Redrawn on every refresh and on resize, so the days shown fit the width."""

    DEFAULT_CSS = """
    FlowChart { height: auto; padding: 0 1; }
    """

    def __init__(self, ui: Locale, **kwargs) -> None:
        super().__init__(**kwargs)
        self.ui = ui
        self.flow: tuple[DailyFlow, ...] = ()

    def show(self, flow: Sequence[DailyFlow]) -> None:
        self.flow = tuple(flow)
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        width = max(self.content_size.width, 20)
        chart = legend(self.flow, self.ui)
        chart.append("\n")
        chart.append_text(flow_chart(self.flow, self.ui, width))
        self.update(chart)

"""The report's charts as geometry: bars and lines placed in an SVG viewport.

Only numbers and the labels to print come out of here; the template draws
them as SVG elements, so every label (a collector's or a campaign's name)
goes through Jinja's autoescaping like the rest of the page, and the page
needs no script to show a chart.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from callcenter.domain.record import record

#: The viewport a chart is drawn in (the page scales it to its width); small
#: charts (four trends side by side) use a narrower one so their text stays legible.
WIDTH, HEIGHT = 640, 220
SMALL = (480, 180)
#: Room for the value axis on the left, the labels below, a margin above.
LEFT, RIGHT, TOP, BOTTOM = 84, 10, 16, 30
TICKS = 5  # divides every round range of _nice_ceil into round steps
#: Colours are attributes, not CSS classes: PDF renderers (WeasyPrint) draw
#: inline SVG without the page's stylesheet.
COLOURS = {
    "amount": "#4a78b0",
    "promised": "#e0a030",
    "kept": "#5aa05a",
    "collected": "#4a78b0",
    "line": "#4a78b0",
}


@record
class Series:
    """One set of values, drawn in one colour (``css`` names it in :data:`COLOURS`)."""

    name: str
    css: str
    values: tuple[float | None, ...]

    @property
    def colour(self) -> str:
        return COLOURS.get(self.css, COLOURS["line"])


@record
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str  # shown as the bar's tooltip and read by screen readers


@record
class Line:
    colour: str
    path: str  # SVG path data, "Mx,y Lx,y …"; a gap in the values starts a new stroke
    dots: tuple[tuple[float, float, str], ...]


@record
class Label:
    x: float
    y: float
    text: str


@record
class Chart:
    """Everything the template needs to draw one chart, in viewport units."""

    title: str
    width: int
    height: int
    left: int
    baseline: float
    bars: tuple[Bar, ...]
    lines: tuple[Line, ...]
    x_labels: tuple[Label, ...]
    y_ticks: tuple[Label, ...]
    legend: tuple[Series, ...]


def bar_chart(
    title: str,
    groups: Sequence[str],
    series: Sequence[Series],
    fmt: Callable[[float], str],
    size: tuple[int, int] = (WIDTH, HEIGHT),
) -> Chart:
    """Side-by-side bars: one group per label, one bar per series in each group."""
    width, height = size
    low, high = _scale([v for s in series for v in s.values if v is not None])
    place = _placer(low, high, height)
    slot = (width - LEFT - RIGHT) / max(1, len(groups))
    bar_width = slot * 0.8 / max(1, len(series))
    bars = []
    for g in range(len(groups)):
        for i, s in enumerate(series):
            value = s.values[g] or 0
            top, bottom = sorted((place(value), place(0)))
            x = LEFT + g * slot + slot * 0.1 + i * bar_width
            bars.append(Bar(x, top, bar_width, bottom - top, s.colour, f"{s.name}: {fmt(value)}"))
    xs = [LEFT + (g + 0.5) * slot for g in range(len(groups))]
    return Chart(
        title, width, height, LEFT, place(0), tuple(bars), (),
        _x_labels(xs, groups, height), _ticks(low, high, place, fmt), tuple(series),
    )  # fmt: skip


def line_chart(
    title: str,
    points: Sequence[str],
    series: Sequence[Series],
    fmt: Callable[[float], str],
    size: tuple[int, int] = SMALL,
) -> Chart:
    """One line per series over the points (months); a missing value breaks the line."""
    width, height = size
    low, high = _scale([v for s in series for v in s.values if v is not None])
    place = _placer(low, high, height)
    step = (width - LEFT - RIGHT) / max(1, len(points))
    xs = [LEFT + (i + 0.5) * step for i in range(len(points))]
    lines = tuple(_line(s, xs, place, fmt) for s in series)
    return Chart(
        title, width, height, LEFT, place(0), (), lines,
        _x_labels(xs, points, height), _ticks(low, high, place, fmt), tuple(series),
    )  # fmt: skip


def _line(series: Series, xs: list[float], place, fmt) -> Line:
    """The path, a gap (an undefined month) starting a new stroke, and a dot per value
    with the value as its tooltip (so a lone month between gaps still shows)."""
    strokes: list[list[str]] = [[]]
    dots = []
    for x, value in zip(xs, series.values, strict=True):
        if value is None:
            strokes.append([])
            continue
        strokes[-1].append(f"{x:.1f},{place(value):.1f}")
        dots.append((x, place(value), fmt(value)))
    path = " ".join("M" + " L".join(stroke) for stroke in strokes if stroke)
    return Line(series.colour, path, tuple(dots))


def _x_labels(xs: Sequence[float], names: Sequence[str], height: int) -> tuple[Label, ...]:
    return tuple(Label(x, height - BOTTOM + 16, name) for x, name in zip(xs, names, strict=True))


def _scale(values: list[float]) -> tuple[float, float]:
    """A round range that holds every value and zero (bars start at zero)."""
    low = min([0.0, *values])
    high = max([0.0, *values])
    if high == low:
        high = low + 1
    return _nice_floor(low), _nice_ceil(high)


def _nice_ceil(value: float) -> float:
    if value <= 0:
        return -_nice_floor(-value)
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _nice_floor(value: float) -> float:
    return 0.0 if value >= 0 else -_nice_ceil(-value)


def _placer(low: float, high: float, height: int) -> Callable[[float], float]:
    plot = height - TOP - BOTTOM

    def place(value: float) -> float:
        return TOP + plot * (high - value) / (high - low)

    return place


def _ticks(low, high, place, fmt) -> tuple[Label, ...]:
    values = [low + (high - low) * i / TICKS for i in range(TICKS + 1)]
    return tuple(Label(LEFT - 6, place(v) + 4, fmt(v)) for v in values)

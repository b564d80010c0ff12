"""Horizontal bars drawn with block characters, for the aging chart."""

from __future__ import annotations

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, maximum: int, width: int) -> str:
    """A bar of ``width`` cells at most, proportional to ``value / maximum``.

    Integer arithmetic in eighths of a cell, so equal amounts always draw
    equal bars; negative or zero values draw nothing.
    """
    if value <= 0 or maximum <= 0 or width <= 0:
        return ""
    eighths = min(width * 8, (value * width * 8 + maximum - 1) // maximum)
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")

"""Negotiation hints for this call, ranked; written by the hints engine, shown here."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from callcenter.tui.literal import literal


def hint_lines(hints: Sequence) -> Text:
    text = Text(end="")
    for index, hint in enumerate(sorted(hints, key=lambda h: h.rank)[:6]):
        if index:
            text.append("\n")
        text.append(f"{index + 1}. ", "bold")
        text.append_text(literal(hint.text))
    return text


class HintsPanel(Static):
    DEFAULT_CSS = """
    HintsPanel { height: auto; border: round $accent 50%; padding: 0 1; }
    """

"""The keys of the session, always on screen, wrapping onto a second line when narrow.

Textual's Footer scrolls sideways when bindings do not fit, which at 80
columns hides half the outcomes; this bar wraps instead and never hides one.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import Static

from callcenter.i18n import Locale

#: Keys as collectors read them on a keyboard.
KEY_NAMES = {
    "enter": "⏎",
    "space": "␣",
    "slash": "/",
    "question_mark": "?",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "tab": "Tab",
}


def key_name(key: str) -> str:
    """``enter,space`` -> ``⏎ ␣``."""
    return " ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in key.split(","))


def key_items(bindings: Iterable[Binding], ui: Locale) -> list[tuple[str, str, str]]:
    """(shown key, label, key) for each binding in the bar; only the first of alias keys."""
    items = []
    for binding in bindings:
        if binding.show and binding.description:
            key = binding.key.split(",")[0].strip()
            items.append((KEY_NAMES.get(key, key), ui.t(binding.description), key))
    return items


#: Where an item landed: (line, first cell, past its last cell, key).
Region = tuple[int, int, int, str]


def key_bar_layout(items: list[tuple[str, str, str]], width: int) -> tuple[Text, list[Region]]:
    """The items in lines of at most ``width`` cells, never splitting a key from its label,
    and where each one is (so a click finds its key)."""
    text = Text(end="")
    regions: list[Region] = []
    line = used = 0
    for shown, label, key in items:
        size = len(shown) + 1 + len(label)
        if used and used + 2 + size > width:
            text.append("\n")
            line += 1
            used = 0
        elif used:
            text.append("  ")
            used += 2
        text.append(shown, "bold reverse")
        text.append(" " + label)
        regions.append((line, used, used + size, key))
        used += size
    return text, regions


class KeyBar(Static):
    """The bar; clicking an item presses its key, through the same gate as the keyboard."""

    DEFAULT_CSS = """
    KeyBar { height: auto; max-height: 3; padding: 0 1; background: $panel; }
    """

    def __init__(self, items: list[tuple[str, str, str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.items = items
        self.regions: list[Region] = []

    def on_resize(self) -> None:
        text, self.regions = key_bar_layout(self.items, max(self.content_size.width, 20))
        self.update(text)

    def key_at(self, x: int, y: int) -> str | None:
        """The key of the item at (x, y) in the widget (padding included), if any."""
        gutter = self.styles.gutter
        column, line = x - gutter.left, y - gutter.top
        for row, start, end, key in self.regions:
            if row == line and start <= column < end:
                return key
        return None

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x, event.y)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)

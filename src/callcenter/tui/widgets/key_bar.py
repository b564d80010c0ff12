"""The keys of the session, always on screen, wrapping onto a second line when narrow.

Textual's Footer scrolls sideways when bindings do not fit, which at 80
columns hides half the outcomes; this bar wraps instead and never hides one.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.binding import Binding, BindingType
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


def key_items(bindings: Iterable[BindingType], ui: Locale) -> list[tuple[str, str]]:
    """(key, label) for each binding shown in the bar; only the first of alias keys."""
    return [
        (KEY_NAMES.get(b.key.split(",")[0], b.key.split(",")[0]), ui.t(b.description))
        for b in bindings
        if isinstance(b, Binding) and b.show and b.description
    ]


def key_bar_text(items: list[tuple[str, str]], width: int) -> Text:
    """The items laid out in lines of at most ``width`` cells, never splitting a key from its label."""
    text = Text(end="")
    used = 0
    for key, label in items:
        size = len(key) + 1 + len(label)
        if used and used + 2 + size > width:
            text.append("\n")
            used = 0
        elif used:
            text.append("  ")
            used += 2
        text.append(key, "bold reverse")
        text.append(" " + label)
        used += size
    return text


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar { height: auto; max-height: 3; padding: 0 1; background: $panel; }
    """

    def __init__(self, items: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.items = items

    def on_resize(self) -> None:
        self.update(key_bar_text(self.items, max(self.content_size.width, 20)))

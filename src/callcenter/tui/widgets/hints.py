"""Negotiation hints for this call, ranked; written by the hints engine, shown here."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.text import Text
from textual.content import Content

from callcenter.tui.flow import fitted
from callcenter.tui.literal import clean
from callcenter.tui.rendered_ahead import Lines, RenderedAhead

#: Hints shown at most; the engine ranks them, the first ones matter.
HINTS_SHOWN = 6


def hint_lines(hints: Sequence, width: int | None = None) -> Text:
    """The hints numbered, wrapped at ``width`` without ever splitting an amount.

    Amounts carry no-break spaces (``12 400 €``) but Rich wraps at any Unicode
    space, which printed "(33" on one line and "861 €)" on the next. The
    standard library's wrapper breaks at ASCII spaces only, so it keeps them.
    """
    text = Text(end="", no_wrap=width is not None)
    for index, hint in enumerate(sorted(hints, key=lambda h: h.rank)[:HINTS_SHOWN]):
        if index:
            text.append("\n")
        number = f"{index + 1}. "
        body = clean(hint.text)
        if width is None or width <= len(number) + 8:
            text.append(number, "bold")
            text.append(body)
            continue
        lines = textwrap.wrap(
            number + body,
            width,
            subsequent_indent=" " * len(number),
            break_long_words=True,
            break_on_hyphens=False,
        )
        text.append(number, "bold")
        text.append("\n".join(lines)[len(number) :])
    return text


class HintsPanel(RenderedAhead):
    """Given its text wrapped (:func:`~callcenter.tui.flow.fitted`), like a ``Flowing`` panel."""

    DEFAULT_CSS = """
    HintsPanel { height: auto; border: round $accent 50%; padding: 0 1; text-wrap: nowrap; }
    HintsPanel.-empty { display: none; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hints: Sequence = ()
        self._built_for = -1

    def show_hints(
        self,
        hints: Sequence,
        ready: Text | Content | None = None,
        shown: bool = True,
        lines: Lines | None = None,
    ) -> None:
        """``ready``: their text already built for the present width (``lines``: rendered
        ahead). ``shown`` False: the layout hides this panel; its text is built when it
        appears (a resize), not now."""
        self.hints = hints
        self.set_class(not hints, "-empty")  # a class, not ``display``: the layout's CSS decides
        if not shown:
            self._built_for = -1
        elif ready is None:
            self._render_hints()
        else:
            self._built_for = self.content_size.width
            self.update(ready, lines=lines)

    def on_resize(self) -> None:
        if self.content_size.width != self._built_for:  # a new height alone changes nothing
            self._render_hints()

    def _render_hints(self) -> None:
        width = self._built_for = self.content_size.width
        self.update(fitted(hint_lines(self.hints, width or None), width, self.app.console))

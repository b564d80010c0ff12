"""Laying out a line of pieces so that a phone number or an amount is never split.

Rich wraps text at any Unicode space, the no-break ones included: a phone
number ``06 39 98 78 37`` came out as ``06 39 98 78`` / ``37`` and an amount
``33 861 €`` as ``33`` / ``861 €``. Here the caller says which pieces must stay
whole; lines break only between pieces, and a piece that is plain prose can be
split into words first with :func:`words`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.console import Console
from rich.text import Text
from textual.content import Content

from callcenter.tui.rendered_ahead import Lines, RenderedAhead

#: A piece and the separator printed before it when it follows on the same line.
Token = tuple[str, Text]


def words(text: Text, sep: str = " ") -> list[Token]:
    """``text`` as tokens breakable at its ASCII spaces (styles kept), the first after ``sep``."""
    parts = [part for part in text.split(" ", allow_blank=False) if part.plain]
    return [(sep if index == 0 else " ", part) for index, part in enumerate(parts)]


def flow(tokens: Iterable[Token], width: int | None, indent: str = "") -> Text:
    """The tokens on lines of at most ``width`` cells, each continuation line indented.

    A token wider than a line is left to the widget to fold. ``width`` None: one line.
    """
    out = Text(end="")
    column = 0
    for sep, token in tokens:
        size = token.cell_len
        if column and width is not None and column + len(sep) + size > width:
            out.append("\n" + indent)
            column = len(indent)
        elif column:
            out.append(sep)
            column += len(sep)
        out.append_text(token)
        column += size
    return out


def fitted(text: Text, width: int | None, console: Console) -> Text | Content:
    """``text`` wrapped at ``width`` as Textual wraps a Static's text, once.

    A Static wraps its text at every layout (to know its height) and at every paint;
    a ``Flowing`` panel (``text-wrap: nowrap``) is handed it wrapped already, which
    is what it then shows. ``width`` None (before the first layout): as it is.
    """
    if not width:
        return text
    content = Content.from_rich_text(text, console=console)
    if hasattr(content, "wrap"):
        return Content("\n").join(content.wrap(width))
    # Textual before Content.wrap (the floor, 3.3): Rich's wrapping, the same words per line
    # save for edge cases, so that the panel still shows all of its text.
    return Text("\n").join(text.wrap(console, width))


class Flowing(RenderedAhead):
    """A Static whose text is built for its width, and built again when it is resized.

    Its text arrives wrapped (:func:`fitted`), so the widget does not wrap it again,
    and may come with its lines rendered ahead (:mod:`~callcenter.tui.rendered_ahead`).
    """

    DEFAULT_CSS = """
    Flowing { text-wrap: nowrap; }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._build: Callable[[int | None], Text] | None = None
        self._built_for = -1

    def show(
        self,
        build: Callable[[int | None], Text],
        ready: Text | Content | None = None,
        lines: Lines | None = None,
    ) -> None:
        """Show ``build``'s text; ``ready``: that text already built for the present width;
        ``lines``: ``ready`` rendered ahead (used only if it is)."""
        self._build = build
        if ready is None:
            self._lay_out()
        else:
            self._built_for = self.content_size.width
            self.update(ready, lines=lines)

    def on_resize(self) -> None:
        # A new dossier changes the panel's height, which Textual also reports as a
        # resize: the text is built for a width, so only a new width builds it again
        # (else every dossier was laid out and painted twice).
        if self.content_size.width != self._built_for:
            self._lay_out()

    def _lay_out(self) -> None:
        if self._build is not None:
            width = self._built_for = self.content_size.width
            self.update(fitted(self._build(width or None), width, self.app.console))

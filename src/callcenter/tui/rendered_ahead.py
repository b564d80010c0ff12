"""A panel's next text turned into screen lines before it is shown, while the UI is idle.

After an outcome key the workstation's UI thread lays out and paints the next
dossier; turning each panel's text into lines of styled cells (Textual's
``Visual.to_strips``) was a fifth of that work (~4 ms of ~20 on the bench ledger).
The prefetch builds the next dossier's texts in its thread while the collector is
on the phone; once it is done, the UI thread, idle then, renders those texts into
lines (:meth:`RenderedAhead.render_ahead`), and the panel hands them to the paint
(:meth:`RenderedAhead.render_line`, Textual's line API) instead of rendering them
again. It renders on the UI thread because the lines depend on the widget's styles,
which are not safe to read from another thread.

Lines rendered ahead are used only for the text, width and style they were made
for, and not while text is selected in the panel (the selection is drawn when
rendering): else the panel renders as any Static does.
"""

from __future__ import annotations

from dataclasses import field
from typing import Any, NamedTuple, cast

from textual.strip import Strip
from textual.widgets import Static

from callcenter.domain.record import record


class Lines(NamedTuple):
    """A text rendered ahead: what it was rendered for, and its lines."""

    text: object
    width: int
    style: object
    strips: list[Strip]


@record(slots=False)
class Prepared:
    """The panels' texts for one dossier, built ahead (the session screen's ``prepare``,
    in the prefetch's thread), and what they were built for.

    Texts are kept wrapped at their width (``flow.fitted``), as the panels show them."""

    narrow: bool
    contact_id: int | None
    #: Panel id -> (the width it was built for, its text or, for the invoices, its rows).
    texts: dict[str, tuple[int | None, Any]]
    #: Panel id -> its text rendered into lines, by the UI thread once the prefetch was done
    #: (``SessionScreen.on_read_ahead``); read and written on the UI thread only.
    lines: dict[str, Lines] = field(default_factory=dict)


class RenderedAhead(Static):
    """A Static that can be handed its next text with its lines already rendered."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._ahead: Lines | None = None

    def render_ahead(self, text: object) -> Lines | None:
        """``text`` rendered into lines at the panel's present width, as its paint would
        render it; None when that cannot be done here (no width yet, a Rich text, or a
        Textual without the visual API), and the paint then renders it."""
        width = self.size.width
        style = getattr(self, "visual_style", None)
        if not width or style is None or not _renderable(text):
            return None
        from textual.visual import Visual

        visual = cast(Visual, text)  # a Content is a Visual
        return Lines(text, width, style, Visual.to_strips(self, visual, width, None, style))

    def update(self, content: Any = "", *, lines: Lines | None = None, **options: Any) -> None:
        """Static's update (its options passed on: they vary with Textual's version);
        ``lines``: ``content`` rendered ahead (:meth:`render_ahead`)."""
        self._ahead = lines if lines is not None and lines.text is content else None
        super().update(content, **options)

    def render_line(self, y: int) -> Strip:
        ahead = self._ahead
        if (
            ahead is not None
            and ahead.width == self.size.width
            and ahead.style == self.visual_style
            and self.text_selection is None
        ):
            if y < len(ahead.strips):
                return ahead.strips[y]
            return Strip.blank(ahead.width, self.visual_style.rich_style)
        self._ahead = None  # resized or restyled: rendered again from now on
        return super().render_line(y)


def _renderable(text: object) -> bool:
    """A Textual ``Content`` (what ``flow.fitted`` gives), on a Textual with ``to_strips``."""
    try:
        from textual.content import Content
        from textual.visual import Visual
    except ImportError:
        return False
    return isinstance(text, Content) and hasattr(Visual, "to_strips")

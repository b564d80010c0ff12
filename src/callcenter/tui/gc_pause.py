"""Python's cyclic garbage collector kept out of the frame that follows an outcome key.

A collection walks the objects young enough for its generation; the workstation
holds tens of thousands (Textual's nodes, styles, render caches), so one landing
between an outcome key and the next dossier's paint added 5 ms (generation 1)
to 100 ms (generation 2) to it: most of the p95. The collector is paused from
the key to the paint and runs again right after, while the collector talks,
with a deadline so that no path can leave it off. What a process holds
once its first dossier is painted is frozen out of later collections
(``gc.freeze``): it lives as long as the session, and walking it again
at every full collection finds nothing.

The workstation's start is paused the same way (``pause_start``): importing
its modules and building its first screens makes tens of thousands of
objects that all live on, so the collections that ran during the start
(~6-10 % of its CPU) found nothing to free. It resumes when the first dossier
is painted (``freeze_once``, which collects once), or ``PAUSE_LIMIT_S`` after
the session screen is up, whichever comes first.
"""

from __future__ import annotations

import gc

#: Longest pause, in seconds: a save that never reports back must not leave the collector off.
PAUSE_LIMIT_S = 2.0

_frozen = False


class FramePause:
    """Pause and resume the collector around one frame; resuming twice is harmless.

    ``collect``: the resume also runs one full collection. What the frame's
    paint replaced (the previous dossier's content, strips, styles) is cyclic
    garbage that the first young collection after the pause finds still
    referenced and promotes; it then waited in the oldest generation for a
    full collection, which Python runs rarely: the session's peak memory grew
    by that (bench session, 200 outcomes: 62.4 MB without it, 56.9 MB with
    it). Since ``freeze_once`` the full collection walks only what came after
    the first dossier (~15-30 ms, after the paint, while the collector talks).
    """

    def __init__(self, *, collect: bool = False) -> None:
        self._paused = False
        self._collect = collect

    @property
    def paused(self) -> bool:
        return self._paused

    def pause(self) -> None:
        if gc.isenabled():
            gc.disable()
            self._paused = True

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            gc.enable()
            if self._collect:
                forget_closed_screens()
                gc.collect()


#: Entries of Textual's ``get_inner_outer`` cache above which it is emptied: the session
#: screen's live widgets make 17; each screen opened and closed (agenda, dialogs) adds ~6.
STYLE_CACHE_KEPT = 64


def forget_closed_screens(kept: int = STYLE_CACHE_KEPT) -> None:
    """Let the widgets of closed screens go (Textual issue #6665).

    Textual's ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method: its
    keys hold each widget's style cache, and so its rendered strips, for the last
    1 024 widgets, dead ones included. Each agenda or dialog opened and closed left
    six there; over a day of them the session's memory, and the full collection
    after each paint, would carry up to a thousand dead widgets. Emptied only past
    ``kept`` entries, so the live screen's are rarely recomputed (a few
    microseconds each); a Textual without that cache is left alone.
    """
    from textual._styles_cache import StylesCache

    cached = getattr(StylesCache, "get_inner_outer", None)
    if cached is not None and hasattr(cached, "cache_info"):
        if cached.cache_info().currsize > kept:
            cached.cache_clear()


_start = FramePause()


def pause_start() -> None:
    """No collection until the first dossier is painted: called before the TUI is imported."""
    _start.pause()


def end_start_pause() -> None:
    """The collector back on after the start (the deadline, or the screen left); harmless twice."""
    _start.resume()


def freeze_once() -> None:
    """Move what the process holds now out of later collections (once per process)."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()
    _start.resume()

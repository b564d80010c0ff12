"""Keys handed to the screens one at a time, each after the previous one has played out.

Over SSH, keys typed during a lag arrive in one burst. Textual forwards each
key to the focused widget's own message queue at once, so a burst outran the
screens: two Enters reached a dialog's input before the first had closed it,
the dialog dismissed twice and the second dismissal popped the session screen
(a blank workstation, keys dead); keys typed after ``x`` reached the session
screen before the dialog was even mounted. The gate holds the keys of a burst
in order and lets the next one through only once the screen has processed the
last one and been refreshed, so every key meets the screen the collector would
have seen had they typed slowly. Screens then decide, in plain state, whether
a key applies (a dialog that is closing, a dossier that is still loading
refuse it with a notice).
"""

from __future__ import annotations

from collections import deque

from textual import events
from textual.app import App

#: A key whose effects never report back (a screen closed under it) frees the gate after this.
STUCK_AFTER_S = 0.5


def typed_keys(event: events.Key) -> list[events.Key]:
    """The keys the collector typed: ``alt+v`` read as Escape then ``v``.

    A terminal sends Alt+v as ESC v; so Escape then v arriving in one read (a
    burst over a lag) reaches the app as alt+v. The workstation binds no Alt
    key, so the two keys typed are the only reading that means something.
    """
    name, character = event.key, event.character
    if not name.startswith("alt+") or character is None or len(character) != 1:
        return [event]
    escape = events.Key("escape", "\x1b")
    plain = events.Key(name.removeprefix("alt+"), character)
    escape.time = plain.time = event.time  # typed when the pair arrived
    return [escape, plain]


class KeyGate(App):
    """An App that feeds key events to its screens one at a time."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._held: deque[events.Key] = deque()
        #: The number of the key let through and not yet played out (0: none).
        self._in_flight = 0
        self._key_serial = 0
        #: When the key being handled arrived (``time.monotonic()``): a screen compares it
        #: with when its content was painted, to refuse keys typed before it was seen.
        self.key_time: float | None = None

    @property
    def keys_pending(self) -> int:
        """Keys received and not yet played out (tests wait on it)."""
        return len(self._held) + (1 if self._in_flight else 0)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._held.extend(typed_keys(event))
            self._feed()
            return
        await super().on_event(event)

    def _feed(self) -> None:
        """Hand the oldest held key to the screens, then wait for it to play out."""
        if not self._held or self._in_flight:
            return
        self._key_serial += 1
        serial = self._in_flight = self._key_serial
        event = self._held.popleft()
        self.key_time = event.time
        # App.on_event only forwards a key (to the focused widget or the screen) and
        # checks the priority bindings: nothing it does waits on the screens.
        self.call_next(self._forward, event, serial)

    async def _forward(self, event: events.Key, serial: int) -> None:
        await super().on_event(event)
        self.set_timer(STUCK_AFTER_S, lambda: self._played_out(serial))
        self.call_later(self._settle, serial, 0)

    def _settle(self, serial: int, quiet: int) -> None:
        """Free the gate once every screen's widgets have handled what the key caused.

        Checked from the App's own queue, so that what the key queued there (a focus
        change, a pushed screen's callbacks) has run too; quiet twice in a row, so a
        message posted by the last handler still counts.
        """
        if self._in_flight != serial:
            return
        quiet = 0 if self._screens_busy() else quiet + 1
        if quiet >= 2:
            self._played_out(serial)
        elif quiet:
            self.call_later(self._settle, serial, quiet)
        else:
            self.set_timer(0.002, lambda: self._settle(serial, 0))

    def _screens_busy(self) -> bool:
        """True while a widget of a screen on the stack has messages waiting."""
        for screen in self.screen_stack:
            if not screen.is_mounted and screen.is_current:
                return True
            for node in screen.walk_children(with_self=True):
                if node.message_queue_size:
                    return True
        return False

    def _played_out(self, serial: int) -> None:
        if self._in_flight != serial:
            return
        self._in_flight = 0
        self._feed()

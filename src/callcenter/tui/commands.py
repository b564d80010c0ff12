"""The command palette (``ctrl+p``): every session action by name, and any debtor by name.

Actions come from the session screen's own bindings, so the palette, the
Footer and the help screen always agree. Debtor names are untrusted text:
they are shown as ``rich.text.Text`` (never through the fuzzy matcher's
markup highlighting).
"""

from __future__ import annotations

import asyncio
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from callcenter.tui.literal import literal
from callcenter.tui.widgets.key_bar import key_name

#: Debtors are looked up from this many typed characters on.
MIN_SEARCH = 2


class SessionCommands(Provider):
    def _actions(self) -> list[tuple[str, str, str]]:
        """(label, key, action) for each described binding of the session screen."""
        screen = self.app.session
        if screen is None:
            return []
        actions = [
            (screen.ui.t(b.description), key_name(b.key), b.action)
            for b in screen.BINDINGS
            if b.description.startswith("key.")
        ]
        return [
            *actions,
            (screen.ui.t("key.theme"), "", "app.pick_theme"),
            (screen.ui.t("key.quit_short"), "ctrl+q", "app.quit"),
        ]

    def _run(self, action: str) -> None:
        screen = self.app.session
        if screen is not None:
            self.app.call_later(screen.run_action, action)

    async def discover(self) -> Hits:
        for label, key, action in self._actions():
            yield DiscoveryHit(_shown(label, key), partial(self._run, action), text=label)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, key, action in self._actions():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, _shown(label, key), partial(self._run, action), text=label)
        async for hit in self._debtors(query):
            yield hit

    async def _debtors(self, query: str) -> Hits:
        screen = self.app.session
        if screen is None or len(query.strip()) < MIN_SEARCH:
            return
        found = await asyncio.to_thread(screen.desk.find, query.strip(), 8)
        ui = screen.ui
        for rank, debtor in enumerate(found):
            label = Text(ui.t("palette.open") + " ")
            label.append_text(literal(debtor.name, "bold"))
            label.append("  ")
            label.append_text(literal(debtor.code, "dim"))
            yield Hit(
                0.9 - rank * 0.01, label, partial(screen.open_code, debtor.code), text=label.plain
            )


def _shown(label: str, key: str) -> Text:
    """``Note  (Tab)``; a command with no key of its own is its label alone."""
    return Text(f"{label}  ({key})" if key else label)

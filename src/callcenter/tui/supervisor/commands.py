"""The dashboard's palette (``ctrl+p``): the keys of the screen on top, in the interface
language, plus the themes; none of Textual's English system commands."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from callcenter.tui.widgets.key_bar import key_name


class DashboardCommands(Provider):
    def _actions(self) -> list[tuple[str, str, str]]:
        """(label, key, action) for each described binding of the screen on top."""
        ui = self.app.ui
        screen = self.app.screen
        found = [
            (ui.t(b.description), key_name(b.key), b.action)
            for b in getattr(screen, "BINDINGS", ())
            if getattr(b, "description", "").startswith("dash.key.") and b.action != "app.quit"
        ]
        return [
            *found,
            (ui.t("dash.key.theme"), "", "app.pick_theme"),
            (ui.t("dash.key.quit"), "q", "app.quit"),
        ]

    def _run(self, screen, action: str) -> None:
        self.app.call_later(screen.run_action, action)

    def _hit_label(self, label: str, key: str) -> Text:
        return Text(f"{label}  ({key})" if key else label)

    async def discover(self) -> Hits:
        screen = self.app.screen
        for label, key, action in self._actions():
            run = partial(self._run, screen, action)
            yield DiscoveryHit(self._hit_label(label, key), run, text=label)

    async def search(self, query: str) -> Hits:
        screen = self.app.screen
        matcher = self.matcher(query)
        for label, key, action in self._actions():
            score = matcher.match(label)
            if score > 0:
                run = partial(self._run, screen, action)
                yield Hit(score, self._hit_label(label, key), run, text=label)

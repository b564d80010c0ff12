"""Themes in both apps, and the small file that remembers each app's choice.

A collector who picks a light theme on a sunny desk expects it again tomorrow,
so the choice is kept in ``interface.json`` in the user's state folder
(platformdirs: ``~/.local/state/callcenter/`` on Linux), one entry per app.
The file is ours alone (written through :mod:`callcenter.output_files`); a
missing, unreadable or hand-mangled one simply means the default theme:
forgetting a colour must never stop a calling session.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

FILE_NAME = "interface.json"


class InterfaceMemory:
    """What the interface remembers between sessions; ``path=None`` remembers nothing."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    @classmethod
    def for_user(cls) -> InterfaceMemory:
        """The file in the user's state folder (created on the first choice)."""
        import platformdirs

        return cls(platformdirs.user_state_path("callcenter", appauthor=False) / FILE_NAME)

    def _read(self) -> dict:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def theme(self, app_name: str) -> str | None:
        themes = self._read().get("themes")
        chosen = themes.get(app_name) if isinstance(themes, dict) else None
        return chosen if isinstance(chosen, str) else None

    def remember_theme(self, app_name: str, theme: str) -> None:
        """Keep ``theme`` for ``app_name``; a file we cannot write is left as it was."""
        if self.path is None or self.theme(app_name) == theme:
            return
        data = self._read()
        found = data.get("themes")
        themes: dict = found if isinstance(found, dict) else {}
        data["themes"] = {**themes, app_name: theme}
        # Imported here: it brings secrets and hashlib, which the start does without.
        from callcenter.output_files import OutputError, output_file

        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            with output_file(self.path, force=True) as out:
                out.write(json.dumps(data, indent=2, sort_keys=True) + "\n")
        except (OSError, OutputError):
            return


#: Remembers nothing: apps built by tests, and anyone who never chose.
FORGETFUL = InterfaceMemory(None)


class RemembersTheme(App):
    """An App whose theme comes from, and goes back to, an :class:`InterfaceMemory`."""

    #: The entry of this app in the memory file ("workstation", "dashboard").
    MEMORY_NAME = "app"

    theme_memory: InterfaceMemory = FORGETFUL
    #: The prompt of the theme list, in the interface language (set by the app).
    theme_prompt: str = "…"

    def use_memory(self, memory: InterfaceMemory) -> None:
        """Apply the remembered theme (if Textual still has it) and keep later choices."""
        self.theme_memory = memory
        chosen = memory.theme(self.MEMORY_NAME)
        if chosen and chosen in self.available_themes:
            self.theme = chosen

    def watch_theme(self, theme: str) -> None:
        memory = self.theme_memory
        if memory.path is not None and memory.theme(self.MEMORY_NAME) != theme:
            # A small file, but fsynced: off the event loop like any other I/O.
            self.run_worker(
                partial(memory.remember_theme, self.MEMORY_NAME, theme),
                thread=True,
                group="theme-memory",
            )

    def action_pick_theme(self) -> None:
        """The palette again, listing only the themes."""
        from textual.command import CommandPalette

        if not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(providers=[ThemeCommands], placeholder=self.theme_prompt)
            )


class ThemeCommands(Provider):
    """Every theme Textual offers, by name (names are the same in every language)."""

    def _names(self) -> list[str]:
        return sorted(self.app.available_themes)

    def _label(self, name: str) -> Text:
        return Text(name + ("  ✓" if name == self.app.theme else ""))

    def _choose(self, name: str) -> None:
        self.app.theme = name

    async def discover(self) -> Hits:
        for name in self._names():
            yield DiscoveryHit(self._label(name), partial(self._choose, name), text=name)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name in self._names():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, self._label(name), partial(self._choose, name), text=name)

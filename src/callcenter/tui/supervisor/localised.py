"""The dashboard's key bindings, their descriptions in the interface language."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import BindingsMap

from callcenter.i18n import Locale


def localised(bindings: BindingsMap, ui: Locale) -> BindingsMap:
    """The same key bindings with their descriptions (catalogue ids) worded by ``ui``."""
    return BindingsMap.from_keys(
        {
            key: [
                replace(b, description=ui.t(b.description)) if b.description else b for b in found
            ]
            for key, found in bindings.key_to_bindings.items()
        }
    )

"""``tel``: the number is a terminal hyperlink; the collector's own softphone dials it.

Rich writes a styled link as an OSC 8 escape, which modern terminals
(GNOME Terminal, iTerm2, Windows Terminal, kitty, WezTerm…) turn into a
clickable ``tel:+33…`` link and hand to the desktop's tel: handler, even when
callcenter runs over SSH. Nothing is sent from here: the key ``t`` only
records that dialling started, the collector's keys say the rest.
"""

from __future__ import annotations

from callcenter.dialers.base import Attempt, Report


class TelDialer:
    kind = "tel"
    links = True
    reports = False

    def dial(self, attempt: Attempt, report: Report) -> None:
        """Nothing to do: the collector clicked (or is about to click) the link."""

    def hang_up(self, attempt: Attempt) -> None:
        """The softphone is the collector's; hanging up is done there."""

    def close(self) -> None:
        pass


def tel_uri(e164: str) -> str:
    """RFC 3966 ``tel:`` URI of a validated E.164 number (digits and a leading +)."""
    if not (e164.startswith("+") and e164[1:].isdigit()):
        raise ValueError(f"not an E.164 number: {e164!r}")
    return "tel:" + e164

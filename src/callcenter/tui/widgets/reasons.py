"""Why this debtor is the one to call now: the queue's own reasons."""

from __future__ import annotations

from rich.text import Text

from callcenter.domain.models import Dossier
from callcenter.domain.scoring import describe
from callcenter.i18n import Locale
from callcenter.tui.flow import Flowing
from callcenter.tui.literal import literal


def reason_lines(dossier: Dossier, ui: Locale) -> Text:
    queue = dossier.queue
    if queue is None or not queue.reasons:
        return Text(ui.t("reasons.none"), style="dim", end="")
    text = Text(end="")
    for index, reason in enumerate(queue.reasons):
        if index:
            text.append("\n")
        text.append("• ")
        text.append_text(literal(describe(reason, ui.lang)))
    return text


class ReasonsPanel(Flowing):
    DEFAULT_CSS = """
    ReasonsPanel { height: auto; border: round $warning 50%; padding: 0 1; }
    """

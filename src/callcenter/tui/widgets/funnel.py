"""The debtor's place on its written scenario, one line above the account facts.

"Reminders (standard): step 2 of 7: e-mail on 12/11 · next: call from 17/11":
what was last sent and what comes next, so a collector knows what the client
has already received before dialling.
"""

from __future__ import annotations

from rich.text import Text

from callcenter.domain.scenarios import Position
from callcenter.i18n import Locale
from callcenter.tui.literal import literal


def funnel_line(position: Position | None, ui: Locale) -> Text:
    if position is None:
        return Text(ui.t("funnel.none"), "dim", end="")
    name = position.scenario.name
    text = Text(end="")
    text.append_text(
        literal(
            ui.t("funnel.position", scenario=name, number=position.number, total=position.total)
        )
    )
    last = position.last
    if last is not None:
        step = position.scenario.steps[last.index]
        channel = ui.t(f"funnel.channel.{step.channel}")
        text.append(" : " if ui.lang == "fr" else ": ")
        text.append(ui.t("funnel.last", channel=channel, day=ui.date(last.on)))
    following = position.next_step
    if following is None:
        text.append(" · " + ui.t("funnel.climbed"), "dim")
    elif position.next_on is not None:
        key = "funnel.next_approval" if following.needs_approval else "funnel.next"
        channel = ui.t(f"funnel.channel.{following.channel}")
        text.append(" · ")
        text.append(ui.t(key, channel=channel, day=ui.date(position.next_on)), "bold")
    return text

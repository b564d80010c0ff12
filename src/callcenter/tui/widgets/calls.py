"""Past calls and promises, so the debtor cannot walk the collector around."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from callcenter.domain.communications import DELIVERED, Communication
from callcenter.domain.models import Call, Dossier, Outcome, PromiseStatus
from callcenter.i18n import Locale
from callcenter.tui.desk import HOME_TZ
from callcenter.tui.flow import Flowing
from callcenter.tui.literal import literal

PROMISES_SHOWN = 6
CALLS_SHOWN = 12
STATUS_STYLE = {
    PromiseStatus.PENDING: ("…", ""),
    PromiseStatus.KEPT: ("✓", "green"),
    PromiseStatus.PARTLY_KEPT: ("≈", "yellow"),
    PromiseStatus.BROKEN: ("✗", "bold red"),
    PromiseStatus.CANCELLED: ("–", "dim"),
}


#: Below 120 columns the panels stack; fewer lines here bring the hints one page closer.
NARROW_PROMISES_SHOWN = 3
NARROW_CALLS_SHOWN = 6


def calls_and_promises(
    dossier: Dossier,
    ui: Locale,
    narrow: bool = False,
    written: Sequence[Communication] = (),
) -> Text:
    """Promises, then calls and written messages together, newest first."""
    promises_shown = NARROW_PROMISES_SHOWN if narrow else PROMISES_SHOWN
    calls_shown = NARROW_CALLS_SHOWN if narrow else CALLS_SHOWN
    text = Text(end="")
    # A plan's instalments have their own panel (widgets/plan.py).
    promises = [p for p in dossier.promises if p.plan_id is None]
    for promise in promises[:promises_shown]:
        mark, style = STATUS_STYLE[promise.status]
        text.append(f"{mark} ", style)
        text.append(
            ui.t(
                "promise.line",
                amount=ui.money(promise.amount_cents),
                day=ui.date(promise.promised_on),
            )
        )
        text.append(f"  {ui.t('status.' + promise.status.value)}", style)
        if promise.revised_from is not None and promise.revised_at is not None:
            was = ui.t("status." + promise.revised_from.value).lower()
            day = ui.date(promise.revised_at.astimezone(HOME_TZ).date())
            text.append(ui.t("promise.revised", status=was, day=day), "dim")
        text.append("\n")
    if not promises:
        text.append(ui.t("promises.none") + "\n", "dim")
    if not dossier.calls and not written:
        text.append(ui.t("calls.none"), "dim")
    undone = {call.undoes for call in dossier.calls if call.undoes is not None}
    by_id = {call.id: call for call in dossier.calls}
    events: list[Call | Communication] = [*dossier.calls, *written]
    events.sort(key=lambda e: e.started_at if isinstance(e, Call) else e.at, reverse=True)
    for index, call in enumerate(events[:calls_shown]):
        if index:
            text.append("\n")
        if isinstance(call, Communication):
            text.append_text(_written_line(call, ui))
            continue
        text.append(ui.moment(call.started_at, HOME_TZ), "dim")
        text.append("  ")
        text.append_text(literal(ui.caller(call)))
        contact = dossier.contact_name(call.contact_id)
        if contact:  # whom the collector spoke to (or tried to reach)
            text.append(f" {ui.t('calls.contact')} ", "dim")
            text.append_text(literal(contact))
        text.append("  ")
        # An undone outcome stays in the log (append-only) but is struck through.
        text.append(
            ui.t(f"outcome.{call.outcome.value}"), "strike dim" if call.id in undone else "bold"
        )
        if call.outcome is Outcome.UNDO:
            # The service's note ("undo of call 9649 (skip)") is English and names an id;
            # say which outcome was cancelled, in the collector's language.
            target = by_id.get(call.undoes)
            if target is not None:
                text.append(" — " + ui.t(f"outcome.{target.outcome.value}"), "dim")
            continue
        said = ui.call_details(call, HOME_TZ)
        if said:
            text.append(" — ")
            text.append_text(literal(said))
        if call.note:
            text.append(" — ")
            text.append_text(literal(call.note, "italic"))
        recording = dossier.recordings.get(call.id) if call.id is not None else None
        if recording:
            text.append(f" — {ui.t('calls.recording')} ", "dim")
            text.append_text(literal(recording, "dim"))
    return text


def _written_line(entry: Communication, ui: Locale) -> Text:
    """A message of the communications log, as a line of the history."""
    text = Text(end="")
    text.append(ui.moment(entry.at, HOME_TZ), "dim")
    text.append("  ✉ ")
    channel = ui.t(f"funnel.channel.{entry.channel}")
    result = ui.t(f"funnel.result.{entry.result.value}")
    to = ", ".join(entry.recipients) or "-"
    words = ui.t("funnel.written", channel=channel, subject=entry.subject, to=to, result=result)
    style = "bold" if entry.result in DELIVERED else "bold red"
    text.append_text(literal(words, style))
    return text


class CallsPanel(Flowing):
    DEFAULT_CSS = """
    CallsPanel { height: auto; border: round $primary 50%; padding: 0 1; }
    """

"""The call on the session screen: ``t`` dials, ``h`` hangs up, ``z`` pauses.

Kept out of the session screen's module (which owns the dossier flow): the
screen mixes this in, forwards the attempt to the outcome it saves, and puts
:meth:`CallControl.call_text` in its session bar. With the ``tel`` dialer the
collector's keys tell the moments (``t`` dialling, ``t`` again answered, ``h``
hung up); with ``sip`` the user agent reports them and the keys only dial and
hang up. Every change is committed by the desk in a worker before the bar
shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.message import Message

from callcenter.dialers.base import Attempt
from callcenter.domain.calling import AgentState, CallEvent, clock
from callcenter.tui.expected_errors import expected_errors

if TYPE_CHECKING:
    from textual.app import App
    from textual.notifications import SeverityLevel

    from callcenter.i18n import Locale
    from callcenter.tui.desk import Desk, Shown

#: The state each event the dialer (or a key) reports leads to.
_STATE_OF = {
    CallEvent.DIALLED: AgentState.DIALLING,
    CallEvent.ANSWERED: AgentState.ON_CALL,
    CallEvent.ENDED: AgentState.WRAP_UP,
}


@dataclass
class CallChanged(Message):
    """An attempt started or moved on (from a key, or reported by the dialer)."""

    attempt: Attempt | None
    event: CallEvent
    at: datetime
    cause: str = ""


@dataclass
class StateChosen(Message):
    """The collector paused (with a reason) or came back ready; committed."""

    state: AgentState
    at: datetime
    reason: str = ""


class CallControl:
    """Mixed into the session screen (which provides desk, ui, clock, shown, say...)."""

    if TYPE_CHECKING:  # what the session screen provides, declared for the type checker
        desk: Desk
        ui: Locale
        shown: Shown | None
        contact_id: int | None
        clock: Callable[[], datetime]
        app: App[Any]

        def _tick(self) -> None: ...
        def _ready(self) -> Shown | None: ...
        def say(self, text: str, severity: SeverityLevel = "information") -> None: ...
        def post_message(self, message: Message) -> bool: ...

    attempt: Attempt | None = None
    agent_state: AgentState = AgentState.READY
    state_since: datetime | None = None
    pause_reason: str = ""

    # -- what the bar shows -----------------------------------------------------------
    def call_text(self, now: datetime) -> Text:
        """``en appel 1:23``; red once wrap-up or a pause outlasts the settings' maximum."""
        since = self.state_since or now
        spent = now - since
        label = self.ui.t(f"state.{self.agent_state.value}")
        if self.agent_state is AgentState.PAUSED:
            label += f" ({self.ui.pause_reason(self.pause_reason)})"
        agent = self._agent_settings()
        limit = {
            AgentState.WRAP_UP: timedelta(seconds=agent.max_wrap_up_seconds),
            AgentState.PAUSED: timedelta(minutes=agent.max_pause_minutes),
        }.get(self.agent_state)
        over = limit is not None and spent > limit
        shown = label if self.agent_state is AgentState.READY else f"{label} {clock(spent)}"
        return Text(shown, style="bold white on red" if over else "bold")

    def _agent_settings(self):
        return self.desk.config.agent

    def call_details(self) -> dict:
        """What the outcome about to be saved carries: the attempt it ends, if any."""
        if self.attempt is not None and self.shown is not None:
            if self.attempt.code == self.shown.code:
                return {"attempt_id": self.attempt.id}
        return {}

    # -- keys -------------------------------------------------------------------------
    def action_dial(self) -> None:
        shown = self._ready()
        if shown is None:
            return
        if self.attempt is not None and self.attempt.code == shown.code:
            if self.agent_state is AgentState.DIALLING and not self.desk.dialer.reports:
                self.mark_call(self.attempt, CallEvent.ANSWERED)  # tel: t again = answered
            else:
                self.say(self.ui.t("dial_busy"), "warning")
            return
        if self.contact_id is None:
            self.say(self.ui.t("notice.no_contact"), "warning")
            return
        self.place_call(shown.code, self.contact_id)

    def action_hang_up(self) -> None:
        if self.attempt is None or self.agent_state not in (
            AgentState.DIALLING,
            AgentState.ON_CALL,
        ):
            self.say(self.ui.t("notice.no_call"), "warning")
            return
        if self.desk.dialer.reports:
            self.hang_up_call(self.attempt)
        else:
            self.mark_call(self.attempt, CallEvent.ENDED, "collector")

    def action_pause(self) -> None:
        from callcenter.tui.screens.pause import PauseDialog

        if self.agent_state is AgentState.PAUSED:
            self.choose_state(AgentState.READY, "")
            return
        if self.agent_state in (AgentState.DIALLING, AgentState.ON_CALL):
            self.say(self.ui.t("dial_busy"), "warning")
            return
        reasons = self._agent_settings().pause_reasons
        self.app.push_screen(PauseDialog(self.ui, reasons), self._paused)

    def _paused(self, reason: str | None) -> None:
        if reason:
            self.choose_state(AgentState.PAUSED, reason)

    # -- messages ---------------------------------------------------------------------
    def on_call_changed(self, message: CallChanged) -> None:
        if message.event is CallEvent.DIALLED:
            self.attempt = message.attempt
        elif self.attempt is None or (
            message.attempt is not None and message.attempt.id != self.attempt.id
        ):
            return  # an event of a call already closed by its outcome
        state = _STATE_OF.get(message.event)
        if state is not None:
            self.agent_state, self.state_since = state, message.at
        self._tick()

    def on_state_chosen(self, message: StateChosen) -> None:
        self.agent_state, self.state_since = message.state, message.at
        self.pause_reason = message.reason
        self._tick()

    def call_done(self) -> None:
        """The outcome is saved: the attempt is closed, the collector ready again."""
        self.attempt = None
        self.agent_state, self.state_since = AgentState.READY, self.clock()

    # -- workers ----------------------------------------------------------------------
    @work(thread=True, group="dial")
    def place_call(self, code: str, contact_id: int) -> None:
        now = self.clock()

        def reported(attempt_id: str, event: CallEvent, at: datetime, cause: str) -> None:
            attempt = self.attempt if self.attempt and self.attempt.id == attempt_id else None
            if attempt is not None:
                self.post_message(CallChanged(attempt, event, at, cause))

        try:
            attempt = self.desk.dial(code, contact_id, now, reported)
        except expected_errors() as exc:
            self.app.call_from_thread(self.say, self.ui.error(exc), "warning")
            return
        self.post_message(CallChanged(attempt, CallEvent.DIALLED, now))

    @work(thread=True, group="dial")
    def mark_call(self, attempt: Attempt, event: CallEvent, cause: str = "") -> None:
        now = self.clock()
        try:
            self.desk.call_event(attempt.id, event, now, cause)
        except expected_errors() as exc:
            self.app.call_from_thread(self.say, self.ui.error(exc), "error")
            return
        self.post_message(CallChanged(attempt, event, now, cause))

    @work(thread=True, group="dial")
    def hang_up_call(self, attempt: Attempt) -> None:
        """The user agent hangs up; its "ended" event comes back through the report."""
        self.desk.dialer.hang_up(attempt)

    @work(thread=True, group="dial")
    def choose_state(self, state: AgentState, reason: str) -> None:
        now = self.clock()
        try:
            self.desk.set_state(state, now, reason)
        except expected_errors() as exc:
            self.app.call_from_thread(self.say, self.ui.error(exc), "error")
            return
        self.post_message(StateChosen(state, now, reason))

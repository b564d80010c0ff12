"""Placing a call and timing it: the rules checked before dialling, then every event.

:func:`place_call` refuses (with a coded :class:`DialRefused`, nothing
dialled) a number that is not a number, outside the debtor's calling hours,
flagged do-not-call, or past its daily or rolling-week cap; otherwise it
writes the attempt (id made first) and its "dialled" event in one
transaction, then hands it to the dialer. Later events come from the dialer
(:func:`record_event`) or from the collector's keys, and the outcome key
closes the attempt inside :func:`~callcenter.service.outcomes.log_outcome`'s
transaction (:func:`close_attempt`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from callcenter.dialers.base import Attempt, Dialer, DialerError, Report
from callcenter.domain import dates
from callcenter.domain.calling import AgentState, CallEvent, CallTimes, new_attempt_id
from callcenter.domain.dial_rules import WEEK, cap_reached
from callcenter.domain.phones import dial_number, display_phone
from callcenter.domain.record import record
from callcenter.domain.settings import Config
from callcenter.service.errors import OutcomeError
from callcenter.service.scores import score_and_write
from callcenter.store import Store

#: The collector's state each event starts.
_STATE_AFTER = {
    CallEvent.DIALLED: AgentState.DIALLING,
    CallEvent.ANSWERED: AgentState.ON_CALL,
    CallEvent.ENDED: AgentState.WRAP_UP,
    CallEvent.OUTCOME: AgentState.READY,
}


class DialRefused(OutcomeError):
    """A call the rules forbid, or the dialer could not place; nothing was dialled."""


@record
class DialRequest:
    """Which contact of which debtor a collector asked to dial, and when."""

    code: str
    contact_id: int
    collector: str
    now: datetime


def place_call(
    store: Store, dialer: Dialer, request: DialRequest, *, config: Config, report: Report
) -> Attempt:
    """Check the rules, record the attempt, dial; returns the attempt (its id for the outcome)."""
    with store.transaction():
        attempt = _checked_attempt(store, request, config)
        store.calling.insert_attempt(
            attempt_id=attempt.id,
            code=attempt.code,
            contact_id=attempt.contact_id,
            number=attempt.number,
            collector=attempt.collector,
            dialer=dialer.kind,
            at=request.now,
        )
        _event(store, attempt.id, CallEvent.DIALLED, request.now, attempt=attempt)
    try:
        dialer.dial(attempt, report)
    except DialerError as exc:
        record_event(store, attempt.id, CallEvent.ENDED, request.now, cause="dialer_failed")
        raise DialRefused("dial_failed", error=str(exc)) from exc
    return attempt


def _checked_attempt(store: Store, request: DialRequest, config: Config) -> Attempt:
    contact = store.calling.dial_target(request.contact_id)
    if contact is None or contact.debtor_code != request.code:
        raise OutcomeError("foreign_contact", contact=request.contact_id, code=request.code)
    number = dial_number(contact.phone) or dial_number(contact.phone2)
    if number is None:
        raise DialRefused("dial_no_number", contact=contact.name)
    _check_hours(contact.timezone or "", request, config)
    flagged = store.calling.do_not_call(number, request.contact_id)
    if flagged is not None:
        raise DialRefused(
            "dial_do_not_call", number=display_phone(number), who=flagged.set_by, why=flagged.reason
        )
    _check_caps(store, number, request.now, config)
    return Attempt(new_attempt_id(), request.code, request.contact_id, number, request.collector)


def _check_hours(timezone: str, request: DialRequest, config: Config) -> None:
    hours = config.hours
    if not hours.enforce:
        return
    zone = _zone(timezone, config)
    if not dates.is_calling_time(request.now, zone, hours.windows, config.region, hours.weekdays):
        opens = dates.next_calling_time(
            request.now, zone, hours.windows, config.region, hours.weekdays
        )
        raise DialRefused("dial_hours", when=opens.astimezone(zone).strftime("%d/%m %H:%M"))


def _zone(name: str | None, config: Config) -> ZoneInfo:
    try:
        return ZoneInfo(name or config.timezone)
    except (KeyError, ValueError):
        return config.tz


def _check_caps(store: Store, number: str, now: datetime, config: Config) -> None:
    """The caps per number (:func:`~callcenter.domain.dial_rules.cap_reached`)."""
    capped = cap_reached(store.calling.dial_times(number, now - WEEK), now, config)
    if capped is not None:
        raise DialRefused(
            f"dial_cap_{capped.kind.value}",
            number=display_phone(number),
            count=capped.count,
            cap=capped.cap,
        )


def record_event(
    store: Store, attempt_id: str, event: CallEvent, at: datetime, *, cause: str = ""
) -> bool:
    """Append a dialer's (or the collector's) event; False when it was already known."""
    with store.transaction():
        return _event(store, attempt_id, event, at, cause=cause)


def _event(
    store: Store,
    attempt_id: str,
    event: CallEvent,
    at: datetime,
    *,
    cause: str = "",
    call_id: int | None = None,
    attempt: Attempt | None = None,
) -> bool:
    if not store.calling.append_event(attempt_id, event, at, cause=cause, call_id=call_id):
        return False
    owner = (
        (attempt.code, attempt.collector) if attempt else store.calling.attempt_owner(attempt_id)
    )
    state = _STATE_AFTER.get(event)
    if owner is not None and state is not None:
        code, collector = owner
        store.calling.append_state(collector, state, at, attempt_id=attempt_id, code=code)
    return True


def check_attempt(store: Store, attempt_id: str, *, code: str, collector: str) -> None:
    """Before an outcome writes anything: the attempt is ``collector``'s call to ``code``,
    and no outcome closed it yet (a second one would be left unlinked)."""
    owner = store.calling.attempt_owner(attempt_id)
    if owner != (code, collector):
        raise DialRefused(
            "dial_foreign_attempt", attempt=attempt_id, code=code, collector=collector
        )
    times = store.calling.call_times(attempt_id)
    if times is not None and times.outcome_at is not None:
        raise DialRefused("dial_attempt_closed", attempt=attempt_id, call=times.call_id or "")


def close_attempt(
    store: Store, attempt_id: str, *, call_id: int, code: str, collector: str, now: datetime
) -> None:
    """In the outcome's transaction: the call ends (if still up) and wrap-up ends now."""
    check_attempt(store, attempt_id, code=code, collector=collector)
    _event(store, attempt_id, CallEvent.ENDED, now, cause="outcome_key")
    _event(store, attempt_id, CallEvent.OUTCOME, now, call_id=call_id)


def call_times(store: Store, attempt_id: str) -> CallTimes | None:
    return store.calling.call_times(attempt_id)


def recording_path(pattern: str, attempt_id: str) -> Path | None:
    """The recording of an attempt under the settings' pattern, when the PBX left one."""
    if not pattern:
        return None
    path = Path(pattern.replace("{attempt}", attempt_id))
    return path if path.is_file() else None


def recordings_of(store: Store, call_ids: Sequence[int], pattern: str) -> dict[int, str]:
    """``{call id: recording path}`` for the calls whose attempt's recording exists."""
    if not pattern or not call_ids:
        return {}
    found = {}
    for call_id, times in store.calling.times_of_calls(call_ids).items():
        path = recording_path(pattern, times.attempt_id)
        if path is not None:
            found[call_id] = str(path)
    return found


def set_state(
    store: Store,
    collector: str,
    state: AgentState,
    now: datetime,
    *,
    reason: str = "",
    config: Config,
    durable: bool = True,
) -> None:
    """A state the collector chose (ready, paused with a reason from the settings, off).

    ``durable=False`` for the READY a session starts with: like the claim written
    beside it, a power cut that loses it loses nothing (the next session says
    READY again), so the first dossier does not wait on an fsync.
    """
    if state is AgentState.PAUSED and reason not in config.agent.pause_reasons:
        raise OutcomeError(
            "pause_reason", reason=reason, known=", ".join(config.agent.pause_reasons)
        )
    with store.transaction(durable=durable):
        store.calling.append_state(collector, state, now, reason=reason)


def set_do_not_call(
    store: Store,
    *,
    number: str = "",
    contact_id: int | None = None,
    flagged: bool = True,
    by: str,
    now: datetime,
    reason: str,
    config: Config,
) -> None:
    """Flag (or lift) do-not-call on a number (any form: stored E.164) and/or a contact.

    The debtors carrying it are rescored in the same transaction: one whose every
    number is now flagged leaves the queue, and comes back when a flag is lifted.
    """
    e164 = dial_number(number) if number else ""
    if number and e164 is None:
        raise DialRefused("dial_no_number", contact=number)
    with store.transaction():
        store.calling.flag_do_not_call(
            number=e164 or "",
            contact_id=contact_id,
            flagged=flagged,
            by=by,
            at=now,
            reason=reason.strip(),
        )
        codes = store.calling.debtors_carrying(e164 or "", contact_id)
        if codes:
            score_and_write(store, now=now, codes=codes, config=config)

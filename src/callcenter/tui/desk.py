"""The workstation's door to the service layer, called from worker threads.

The screens never touch the store: they ask the desk, in a thread worker, and
get back plain values. One lock serialises the calls because the store holds
a single SQLite connection; the UI thread never waits on it.

The desk also prefetches the dossier most likely to come next while the
collector is on the phone, so that after an outcome only the claim itself
has to reach the database before the next debtor is painted.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from callcenter.dialers.base import Attempt, Dialer, Report
from callcenter.dialers.tel import TelDialer
from callcenter.domain.calling import AgentState, CallEvent
from callcenter.domain.communications import Communication
from callcenter.domain.models import Dossier, FoundDebtor, Outcome
from callcenter.domain.record import record
from callcenter.domain.scenarios import Position
from callcenter.domain.settings import Config
from callcenter.service.sessions import new_session_id
from callcenter.store import Store

#: The collectors' local time, used for "today" (due dates, promise dates).
HOME_TZ = ZoneInfo("Europe/Paris")
#: A prefetched dossier older than this is read again rather than trusted.
PREFETCH_MAX_AGE_S = 30.0


@record(slots=False)
class Shown:
    """A dossier ready for the screen, with its queue position and hints."""

    dossier: Dossier
    today: date
    rank: int = 0
    total: int = 0
    claimed: bool = False
    #: False until the queue position (rank, total) has been counted, after the paint.
    located: bool = False
    hints: tuple = ()
    #: Handed back from this collector's previous session, which died holding it.
    resumed: bool = False
    #: The contact the hints recommend, preselected (▶) on screen.
    contact_id: int | None = None
    #: Its place on the written scenario (None: nothing to remind in writing).
    funnel: Position | None = None
    #: Its latest written messages, newest first (the communications log).
    written: tuple[Communication, ...] = ()
    #: What the screen will draw for it, built ahead by the prefetch (``prepare``), or None.
    prepared: object = None

    @property
    def code(self) -> str:
        return self.dossier.debtor.code


@dataclass
class Desk:
    """One collector's session over an open database, with the run's settings.

    ``config`` is the settings the wiring loaded for this run (``--config``):
    every service call below passes them, so a key pressed here computes
    exactly what the same command typed in a shell would.
    """

    store: Store
    collector: str
    config: Config
    lang: str = "fr"
    campaign_id: int | None = None
    #: The login typing for ``collector`` (a supervisor covering), recorded on each call.
    entered_by: str | None = None
    #: This window's id for claims: a collector with two windows open never gets
    #: the same debtor twice, and one window's next claim does not free the other's.
    session: str = field(default_factory=new_session_id)
    #: How ``t`` dials (``[dialer] kind``); tel links by default.
    dialer: Dialer = field(default_factory=TelDialer)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    #: The likely next debtor, read ahead and ready to show (hints and all), and when.
    _prefetched: tuple[str, Shown, float] | None = field(default=None, repr=False)
    #: The first claim of a session looks for a debtor a dead session of ours left behind.
    _resume_checked: bool = field(default=False, repr=False)
    #: Set by :meth:`close`: a worker still running after the quit claims nothing more.
    _closed: bool = field(default=False, repr=False)

    @contextmanager
    def _turn(self) -> Iterator[None]:
        """The store to this thread alone, with the last claim written first.

        The claim of a debtor just shown is written after the paint
        (:meth:`hold_claim`); whatever touches the store before that (an outcome
        keyed at once, a quit) writes it first, so that nothing acts on a claim
        not yet in the database.
        """
        from callcenter.service import queue

        with self._lock:
            queue.hold_claim(self.store)
            yield

    def hold_claim(self) -> bool:
        """Write the claim of the debtor on screen (called once its dossier is painted);
        False when another desk had taken that debtor meanwhile."""
        from callcenter.service import queue

        with self._lock:
            return queue.hold_claim(self.store)

    # -- reading ------------------------------------------------------------
    def next_debtor(self, now: datetime, skip: Sequence[str] = ()) -> Shown | None:
        """Claim the best callable debtor and load its dossier; None when nobody is left."""
        from callcenter.service import queue

        with self._turn():
            if self._closed:
                return None
            if not self._resume_checked:
                self._resume_checked = True
                # The session starts: on the board (not fsynced, see set_state).
                self._set_state(AgentState.READY, now, durable=False)
                code = queue.resume_unfinished(
                    self.store,
                    collector=self.collector,
                    session=self.session,
                    now=now,
                    config=self.config,
                )
                if code is not None:
                    return replace(self._shown(code, now, claimed=True), resumed=True)
            code = queue.claim_next(
                self.store,
                collector=self.collector,
                now=now,
                campaign_id=self.campaign_id,
                skip=tuple(skip),
                config=self.config,
                session=self.session,
                hold=False,  # written after the paint: hold_claim
            )
            if code is None:
                return None
            return self._shown(code, now, claimed=True)

    def open_debtor(self, code: str, now: datetime) -> Shown:
        """Load any debtor by code (found with ``/`` or shown again after an undo)."""
        with self._turn():
            return self._shown(code, now, claimed=False)

    def find(self, text: str, limit: int = 20) -> list[FoundDebtor]:
        from callcenter.service import queue

        with self._turn():
            return list(queue.find_debtors(self.store, text, limit=limit))

    def prefetch(
        self, now: datetime, current: str, prepare: Callable[[Shown], object] | None = None
    ) -> str | None:
        """Load the dossier of the debtor likely to come after ``current``; returns its code.

        ``prepare`` (the screen's) builds what will be drawn for it, kept in ``prepared``:
        called under the lock, so a claim never hands over a dossier half prepared.
        """
        from callcenter.service import queue

        with self._turn():
            code = queue.likely_next(
                self.store,
                collector=self.collector,
                now=now,
                campaign_id=self.campaign_id,
                skip=(current,),
                config=self.config,
                session=self.session,
            )
            if code is None:
                return None
            ready = self._ready(self._dossier(code, now), now, claimed=False)
            if prepare is not None:
                ready = replace(ready, prepared=prepare(ready))
            self._prefetched = (code, ready, time.monotonic())
            return code

    # -- writing ------------------------------------------------------------
    def log(self, code: str, outcome: Outcome, now: datetime, **details) -> int:
        """Save one outcome through the same service function as ``callcenter log``."""
        from callcenter.service.outcomes import log_outcome

        with self._turn():
            return log_outcome(
                self.store,
                code,
                outcome,
                collector=self.collector,
                now=now,
                campaign_id=self.campaign_id,
                config=self.config,
                entered_by=self.entered_by,
                **details,
            )

    def dial(self, code: str, contact_id: int, now: datetime, report: Report) -> Attempt:
        """Check the rules, record the attempt and dial (``service.dialing.place_call``)."""
        from callcenter.service.dialing import DialRequest, place_call

        request = DialRequest(code, contact_id, self.collector, now)
        with self._turn():
            return place_call(
                self.store,
                self.dialer,
                request,
                config=self.config,
                report=self._locked(report),
            )

    def call_event(self, attempt_id: str, event: CallEvent, now: datetime, cause: str = "") -> bool:
        """A moment of the call the collector's keys tell (answered, hung up)."""
        from callcenter.service.dialing import record_event

        with self._turn():
            return record_event(self.store, attempt_id, event, now, cause=cause)

    def set_state(self, state: AgentState, now: datetime, reason: str = "") -> None:
        with self._turn():
            self._set_state(state, now, reason)

    def _set_state(
        self, state: AgentState, now: datetime, reason: str = "", *, durable: bool = True
    ) -> None:
        from callcenter.service.dialing import set_state

        set_state(
            self.store,
            self.collector,
            state,
            now,
            reason=reason,
            config=self.config,
            durable=durable,
        )

    def _locked(self, report: Report) -> Report:
        """The dialer's events (from its own thread) written under the lock, then passed on."""
        from callcenter.service.dialing import record_event

        def recorded(attempt_id: str, event: CallEvent, at: datetime, cause: str) -> None:
            with self._turn():
                if self._closed:
                    return
                fresh = record_event(self.store, attempt_id, event, at, cause=cause)
            if fresh:
                report(attempt_id, event, at, cause)

        return recorded

    def undo(self, call_id: int, now: datetime) -> int:
        from callcenter.service.outcomes import undo_outcome

        with self._turn():
            return undo_outcome(
                self.store,
                call_id,
                collector=self.collector,
                now=now,
                config=self.config,
                entered_by=self.entered_by,
            )

    def call(self, service, /, *args, **kwargs):
        """Run ``service(store, *args, **kwargs)`` under the lock: the dossier's own screens
        (disputes, tasks, account note) reach their service functions this way."""
        with self._turn():
            return service(self.store, *args, **kwargs)

    def renew(self, code: str, now: datetime) -> bool:
        from callcenter.service import queue

        with self._turn():
            kept = queue.renew_claim(
                self.store,
                code,
                collector=self.collector,
                now=now,
                config=self.config,
                session=self.session,
            )
            return bool(kept)

    def release(self, code: str) -> None:
        from callcenter.service import queue

        with self._turn():
            queue.release_claim(self.store, code, collector=self.collector, session=self.session)

    def close(self, now: datetime | None = None) -> None:
        """The collector quit: give back whatever this window holds, and claim nothing more.

        ``now`` (the app's clock) also marks the collector off the board, once.
        """
        from callcenter.service import queue

        with self._turn():
            if now is not None and not self._closed and self._resume_checked:
                self._set_state(AgentState.OFF, now)
            self._closed = True
            queue.release_session(self.store, collector=self.collector, session=self.session)
        self.dialer.close()

    def locate(self, code: str, now: datetime) -> tuple[int, int]:
        """(rank, queue length) of ``code`` among what this collector may be handed.

        Counting the queue reads tens of thousands of rows on a large ledger,
        so the screen asks for it after the dossier is painted, never before.
        """
        from callcenter.service import queue

        with self._turn():
            return queue.position(
                self.store, code, now=now, collector=self._portfolio, campaign_id=self.campaign_id
            )

    def coming_back(self, now: datetime):
        """What returns first to this collector's empty queue (a ``queue.ComingBack``), or None."""
        from callcenter.service import queue

        with self._turn():
            return queue.coming_back(
                self.store, collector=self.collector, now=now, campaign_id=self.campaign_id
            )

    def calls_resume_at(self, now: datetime) -> datetime | None:
        """When calling hours reopen, or None while they are open (pure: no database)."""
        from callcenter.service import queue

        return queue.calling_hours_open(now, self.config)

    # -- helpers --------------------------------------------------------------
    @property
    def _portfolio(self) -> str | None:
        """Whose debtors count: in a campaign, all of the campaign's, whoever they are
        assigned to, as ``claim_next`` hands them out; outside one, this collector's."""
        return None if self.campaign_id is not None else self.collector

    def today(self, now: datetime) -> date:
        """The settings' office day (``timezone``), as ``callcenter log`` counts it."""
        return now.astimezone(self.config.tz).date()

    def _dossier(self, code: str, now: datetime) -> Dossier:
        from callcenter.service.dossier import dossier

        return dossier(self.store, code, self.today(now), recordings=self.config.dialer.recordings)

    def _take_prefetched(self, code: str, now: datetime) -> Shown | None:
        """The dossier read ahead for ``code``, if it is recent and of the same office day."""
        found, self._prefetched = self._prefetched, None
        if (
            found
            and found[0] == code
            and time.monotonic() - found[2] < PREFETCH_MAX_AGE_S
            and found[1].today == self.today(now)
        ):
            return found[1]
        return None

    def _shown(self, code: str, now: datetime, *, claimed: bool) -> Shown:
        """``code``'s dossier to show: the one read ahead when it was claimed, else read now.

        The dossier read ahead comes with its hints and written funnel, computed
        while the collector was on the phone: the claim then only hands it over.
        """
        ready = self._take_prefetched(code, now) if claimed else None
        if ready is not None:
            return replace(ready, claimed=True)
        return self._ready(self._dossier(code, now), now, claimed=claimed)

    def _ready(self, loaded: Dossier, now: datetime, *, claimed: bool) -> Shown:
        """A dossier with what the screen shows beside it: hints, contact to call, funnel."""
        today = self.today(now)
        at = now.astimezone(debtor_zone(loaded.debtor.timezone))  # the debtor's clock: best hours
        hints, contact = self._hints(loaded, today, at)
        from callcenter.service.funnel_place import funnel_view

        funnel, written = funnel_view(loaded, today, self.config)
        return Shown(
            loaded,
            today,
            claimed=claimed,
            hints=hints,
            contact_id=contact,
            funnel=funnel,
            written=written,
        )

    def _hints(self, loaded: Dossier, today: date, at: datetime) -> tuple[tuple, int | None]:
        """The hints, and the contact they recommend (the one preselected on screen)."""
        from callcenter.domain.hints import negotiation_hints, recommended_contact

        settings = self.config
        try:
            hints = negotiation_hints(
                loaded,
                today,
                lang=self.lang,
                limit=6,
                rates=settings.legal_rates(),
                large_cents=settings.hints.large_amount_euros * 100,
                at=at,
                broken_memory_days=settings.queue.broken_promise_memory_days,
            )
            contact = recommended_contact(loaded, today, at)
            return tuple(hints), contact.id if contact is not None else None
        except Exception:  # noqa: BLE001 - advice is optional; a bug there must not end the session
            logging.getLogger(__name__).exception("hints failed for %s", loaded.debtor.code)
            return (), None


def debtor_zone(name: str) -> ZoneInfo:
    """The debtor's timezone; home time when the file names an unknown one."""
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return HOME_TZ


def debtor_tz(shown: Shown) -> ZoneInfo:
    """The timezone of the debtor on screen (home time when its file names an unknown one)."""
    return debtor_zone(shown.dossier.debtor.timezone)

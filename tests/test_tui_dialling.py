"""Dialling from the dossier by keystrokes: the tel link, t / h / z, the rules refused."""

from __future__ import annotations

from datetime import timedelta

import pytest
from builtin_settings import SETTINGS
from rich.color import ColorSystem
from sqlfile import raw_rows
from tui_data import COLLECTOR, build, screen_text, settle

from callcenter.config import config_from_dict
from callcenter.domain.calling import CallEvent
from callcenter.i18n import Locale
from callcenter.service.dialing import DialRequest, call_times, place_call, set_do_not_call
from callcenter.tui.app import WorkstationApp
from callcenter.tui.desk import Desk
from callcenter.tui.widgets.contacts import ContactsPanel
from callcenter.tui.widgets.session_bar import SessionBar

NUMBERS = {"+33198765432", "+33123456789"}  # C001's two contacts


class Clock:
    """A clock the test moves forward: the timers read it."""

    def __init__(self, start):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def book(store, now):
    build(store, now)
    return store


def app_on(store, clock, config=SETTINGS) -> WorkstationApp:
    desk = Desk(store, collector=COLLECTOR, lang="fr", config=config)
    return WorkstationApp(desk, Locale("fr", "dmy"), clock=clock)


def rows(store, sql):
    return raw_rows(store, sql)


def bar(app) -> str:
    return str(app.screen.query_one(SessionBar).render())


def notices(app) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


def bar_styles(app) -> set[str]:
    rendered = app.screen.query_one(SessionBar).render()
    return {str(span.style) for span in rendered.spans}


async def test_every_valid_number_is_a_tel_link_in_the_rendered_segments(book, now):
    app = app_on(book, Clock(now))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        panel = app.screen.query_one(ContactsPanel)
        strips = panel.render_lines(panel.region.reset_offset)
        links = {
            seg.style.link for strip in strips for seg in strip if seg.style and seg.style.link
        }
        assert links == {"tel:+33198765432", "tel:+33123456789"}
        # Textual writes a linked segment to the terminal as an OSC 8 hyperlink
        linked = next(seg for strip in strips for seg in strip if seg.style and seg.style.link)
        assert "\x1b]8;" in linked.style.render(
            linked.text, color_system=ColorSystem.TRUECOLOR, legacy_windows=False
        )


async def test_t_dials_t_again_answers_h_hangs_up_and_the_outcome_ends_wrap_up(book, now):
    clock = Clock(now)
    app = app_on(book, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert "prêt" in bar(app)
        await pilot.press("t")
        await settle(pilot)
        ((attempt, number, code),) = rows(book, "SELECT id, number, debtor_code FROM call_attempts")
        assert number in NUMBERS and code == "C001"
        assert "appel en cours 0:00" in bar(app)
        clock.advance(8)
        await pilot.press("t")  # tel: the collector says the debtor answered
        await settle(pilot)
        clock.advance(65)
        await pilot.press("h")
        await settle(pilot)
        assert "après-appel 0:00" in bar(app)
        clock.advance(130)  # past max_wrap_up_seconds (120): the timer turns red
        app.screen._tick()
        assert "après-appel 2:10" in bar(app) and "ansi_white on ansi_red bold" in bar_styles(app)
        await pilot.press("n")
        await settle(pilot)
        times = call_times(book, attempt)
        (call_id,) = rows(book, "SELECT max(id) FROM calls")[0]
        assert times.call_id == call_id and times.dialled_at == now
        assert times.talk == timedelta(seconds=65) and times.wrap_up == timedelta(seconds=130)
        assert times.hangup_cause == "collector"
        states = [s for (s,) in rows(book, "SELECT state FROM agent_states ORDER BY id")]
        assert states == ["ready", "dialling", "on_call", "wrap_up", "ready"]
        assert "prêt" in bar(app)


async def test_pause_with_a_reason_and_back(book, now):
    clock = Clock(now)
    app = app_on(book, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("z")
        await settle(pilot)
        assert "Pause : pour quelle raison ?" in screen_text(app)
        await pilot.press("1")
        await settle(pilot)
        clock.advance(61)
        app.screen._tick()
        assert "en pause (déjeuner) 1:01" in bar(app)
        await pilot.press("z")
        await settle(pilot)
        assert rows(book, "SELECT state, reason FROM agent_states ORDER BY id") == [
            ("paused", "lunch"),
            ("ready", ""),
        ]


async def test_a_do_not_call_number_is_refused_and_nothing_dialled(book, now):
    app = app_on(book, Clock(now))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        # Flagged while the dossier is open (flagged before, the queue would not offer it).
        for number in NUMBERS:
            set_do_not_call(
                book, number=number, by="sophie", now=now, reason="avocat", config=SETTINGS
            )
        await pilot.press("t")
        await settle(pilot)
        assert "demandé par sophie (avocat)" in notices(app)
        assert rows(book, "SELECT count(*) FROM call_attempts") == [(0,)]
        assert "prêt" in bar(app)


async def test_a_number_at_its_daily_cap_is_refused(book, now):
    from callcenter.dialers.tel import TelDialer

    config = config_from_dict({"dialer": {"per_number_day": 1}})
    for contact_id in (
        c for (c,) in rows(book, "SELECT id FROM contacts WHERE debtor_code = 'C001'")
    ):
        request = DialRequest("C001", contact_id, "bob", now - timedelta(hours=1))
        place_call(book, TelDialer(), request, config=config, report=lambda *a: None)
    app = app_on(book, Clock(now), config)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert "appelé 1 fois aujourd'hui (plafond 1)" in notices(app)
        assert rows(book, "SELECT count(*) FROM call_attempts") == [(2,)]


async def test_a_debtor_whose_every_number_is_at_its_cap_is_not_offered(book, now):
    from callcenter.dialers.tel import TelDialer
    from callcenter.domain.models import Outcome
    from callcenter.service.outcomes import log_outcome

    config = config_from_dict({"dialer": {"per_number_day": 1}})
    earlier = now - timedelta(hours=1)
    attempts = [
        place_call(book, TelDialer(), DialRequest("C001", contact_id, "bob", earlier),
                   config=config, report=lambda *a: None)
        for (contact_id,) in rows(book, "SELECT id FROM contacts WHERE debtor_code = 'C001'")
    ]  # fmt: skip
    log_outcome(book, "C001", Outcome.NO_ANSWER, collector="bob", now=earlier,
                attempt_id=attempts[0].id, config=config)  # fmt: skip
    # 11:30: the no-answer's two hours have passed, so only the caps keep C001 back
    app = app_on(book, Clock(now + timedelta(minutes=90)), config)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        (taken,) = rows(book, "SELECT debtor_code FROM queue_state WHERE claimed_by = 'alice'")
        assert taken != ("C001",)
        assert "Boulangerie Martin" not in screen_text(app).splitlines()[0]


def test_a_reported_event_names_its_attempt():
    assert CallEvent("answered") is CallEvent.ANSWERED

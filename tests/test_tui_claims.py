"""Claims follow the collector: released on quit, taken back after a dead session."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import timedelta

import pytest
from builtin_settings import SETTINGS
from ledger_builders import claims
from tui_data import build, make_app, screen_text, settle

from callcenter.domain.models import Outcome
from callcenter.service.admin import check
from callcenter.tui.desk import Desk


@pytest.fixture
def book(store, now):
    build(store, now)
    return store


async def test_ctrl_q_after_a_burst_gives_every_claim_back(book, now):
    from test_tui_bursts import burst

    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await burst(pilot, "x", "tab", *"test", "enter", "enter")
        assert claims(book) == [("C002", "alice")]
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert claims(book) == []
    later = check(book, now=now + timedelta(minutes=10), quick=True)
    assert not [f for f in later.findings if "claim" in f.code], later.findings


async def test_ctrl_q_with_a_typed_note_asks_first(book, now):
    app = make_app(book, now, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("tab", *"call the accountant", "enter", "ctrl+q")
        await settle(pilot)
        assert not app._exit  # still running, and says why
        assert [str(n.message) for n in app._notifications] == [
            "A note is typed but not saved: ctrl+q again to quit without it"
        ]
        assert claims(book) == [("C001", "alice")]
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app._exit
    assert claims(book) == []


async def test_an_empty_queue_says_when_work_comes_back_and_how_to_find_a_debtor(book, now):
    from callcenter.service.outcomes import log_outcome

    for hours, code in enumerate(("C005", "C001", "C002", "C003"), start=2):
        log_outcome(
            book,
            code,
            Outcome.CALLBACK,
            collector="alice",
            now=now,
            callback_at=now + timedelta(hours=hours, minutes=30),
            config=SETTINGS,
        )
    app = make_app(book, now)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert app.session.shown is None
        text = screen_text(app)
        assert "prochain rappel 12:30, Garage Petit" in text, text
        assert "/ cherche un débiteur" in text


#: A real workstation, headless, that starts its session and says which debtor it shows.
PROBE = textwrap.dedent(
    """
    import sys
    from datetime import datetime

    from callcenter.domain.settings import Config
    from callcenter.i18n import Locale
    from callcenter.store import Store, open_database
    from callcenter.tui.app import WorkstationApp
    from callcenter.tui.desk import Desk

    class Probe(WorkstationApp):
        def on_mount(self):
            super().on_mount()
            self.call_after_refresh(self.simulate_key, "enter")

        async def on_dossier_shown(self, message):
            await self.workers.wait_for_complete()  # the claim is written after the paint
            print("SHOWN", message.code, flush=True)

    now = datetime.fromisoformat(sys.argv[2])
    desk = Desk(open_database(sys.argv[1]), collector="alice", config=Config(), lang="fr")
    Probe(desk, Locale("fr"), clock=lambda: now).run(headless=True)
    """
)


def test_a_session_killed_mid_call_gives_its_debtor_back_to_the_same_collector(book, db_path, now):
    process = subprocess.Popen(
        [sys.executable, "-c", PROBE, str(db_path), now.isoformat()],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("SHOWN "), line + process.stderr.read()[-2000:]
        held = line.split()[1]
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert claims(book) == [(held, "alice")]  # nothing released: the process just died
    # Another collector does not get it (the lease still runs)...
    assert Desk(book, collector="bob", config=SETTINGS).next_debtor(now).code != held
    # ...the same collector, at once, gets it back first, and is told so.
    back = Desk(book, collector="alice", config=SETTINGS).next_debtor(now)
    assert back.code == held and back.resumed


def test_the_dossier_read_ahead_is_handed_over_whole_when_it_is_claimed(book, now):
    """The prefetch reads the likely next debtor with its hints and funnel; claiming it
    hands that over (claimed), the same as reading it then; on another day it is read again."""
    desk = Desk(book, collector="alice", config=SETTINGS)
    first = desk.next_debtor(now)
    ahead = desk.prefetch(now, first.code)
    desk.log(first.code, Outcome.NO_ANSWER, now)
    handed = desk.next_debtor(now, skip=(first.code,))
    assert handed.code == ahead and handed.claimed
    fresh = desk.open_debtor(ahead, now)
    # Read before the claim, its queue entry does not name the claimer yet (as before).
    assert replace(handed.dossier, queue=None) == replace(fresh.dossier, queue=None)
    assert (handed.hints, handed.contact_id, handed.funnel, handed.written) == (
        fresh.hints,
        fresh.contact_id,
        fresh.funnel,
        fresh.written,
    )
    desk.prefetch(now, handed.code)
    tomorrow = now + timedelta(days=1)
    desk.log(handed.code, Outcome.NO_ANSWER, tomorrow)
    later = desk.next_debtor(tomorrow, skip=(handed.code,))
    assert later is not None and later.today == desk.today(tomorrow)


def test_the_read_ahead_passes_over_a_debtor_the_collector_holds_in_another_window(book, now):
    """The prefetch guesses the debtor the pick will hand over: not one the same collector
    holds elsewhere (guessed from the top of the queue, that one was read ahead after
    every outcome and never handed over)."""
    elsewhere = Desk(book, collector="alice", config=SETTINGS)
    held = elsewhere.next_debtor(now)  # the best debtor, in alice's other window
    assert elsewhere.hold_claim()
    desk = Desk(book, collector="alice", config=SETTINGS)
    first = desk.next_debtor(now)
    assert desk.hold_claim() and first.code != held.code
    ahead = desk.prefetch(now, first.code)
    assert ahead not in (None, held.code, first.code)
    desk.log(first.code, Outcome.NO_ANSWER, now)
    handed = desk.next_debtor(now, skip=(first.code,))
    assert handed.code == ahead


def test_a_live_window_of_the_same_collector_keeps_its_debtor(book, now):
    first = Desk(book, collector="alice", config=SETTINGS).next_debtor(now)
    second = Desk(book, collector="alice", config=SETTINGS).next_debtor(now)
    assert first.code != second.code and not second.resumed


async def test_the_restarted_session_says_it_took_the_debtor_back(book, now):
    import socket

    from callcenter.store.sqlite import claims as queue_store

    dead = f"{socket.gethostname()}/999999999/dead"  # what a killed session leaves behind
    with book.transaction():
        queue_store.set_claim(book, "C002", "alice", now + timedelta(minutes=5), dead)
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown_code == "C002"
        notice = str(list(app._notifications)[-1].message)
        assert notice.startswith("Reprise de Transports Dupuis SA")

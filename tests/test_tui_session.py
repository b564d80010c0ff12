"""A whole calling session driven by keystrokes, checking the database after every outcome."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from ledger_builders import all_calls, dossier, promises_by, queued
from tui_data import MARKUP_NAME, build, make_app, open_debtor, screen_text, settle

from callcenter.domain.models import Call
from callcenter.store import StoreError
from callcenter.tui.screens.session import SessionScreen
from callcenter.tui.widgets.debtor_header import DebtorHeader


@pytest.fixture
def book(store, now):
    build(store, now)
    return store


def last_call(store, code: str) -> Call:
    """``code``'s latest call, as its dossier lists them (newest first)."""
    calls = dossier(store, code).calls
    assert calls, f"no call on {code}"
    return calls[0]


def header_text(app) -> str:
    return str(app.screen.query_one(DebtorHeader).render())


async def test_a_whole_session_by_keystrokes(book, now):
    store = book
    app = make_app(store, now)
    async with app.run_test(size=(120, 40)) as pilot:
        session: SessionScreen = app.session
        assert app.shown_code is None
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown_code == "C001"
        assert "Boulangerie Martin" in header_text(app)
        assert "file 1/4" in header_text(app)

        # p: a note typed first (Tab into it, Enter back), then date in one key, amount by default.
        await pilot.press("tab", *"rappeler lundi", "enter")
        await pilot.press("p", "1")  # saved at once: two keys
        await settle(pilot)
        promise = [
            (p.debtor_code, p.promised_on, p.amount_cents, p.status)
            for p in promises_by(store, "alice")
        ]
        assert promise == [("C001", date(2026, 11, 25), 605_050, "pending")]
        call = last_call(store, "C001")
        assert (call.collector, call.outcome, call.note) == ("alice", "promise", "rappeler lundi")
        assert session.stats.promised_cents == 605_050
        assert app.shown_code == "C002"  # the next debtor is on screen at once

        # n, v, b: one key each, and the next debtor follows.
        for key, outcome, code in (
            ("n", "no_answer", "C002"),
            ("v", "voicemail", "C003"),
            ("b", "busy", "C005"),
        ):
            assert app.shown_code == code
            await pilot.press(key)
            await settle(pilot)
            call = last_call(store, code)
            assert (call.collector, call.outcome) == ("alice", outcome)
            assert call.note == ""  # the note went with the promise only
        assert app.shown_code is None  # everybody is waiting for a retry
        assert session.stats.calls == 4 and session.stats.reached == 1

        # c: callback in one hour.
        await open_debtor(pilot, "C002")
        await pilot.press("c", "1")
        await settle(pilot)
        assert last_call(store, "C002").outcome == "callback"
        state = queued(store, "C002")
        assert (state.state, state.next_action_at) == (
            "callback",
            datetime(2026, 11, 24, 10, 0, tzinfo=UTC),
        )

        # d: dispute, tick the first invoice, give the reason.
        await open_debtor(pilot, "C001")
        await pilot.press("d", "space", "tab", *"livraison incomplète", "enter")
        await settle(pilot)
        disputed = [(d.reason, d.invoice_numbers) for d in dossier(store, "C001").disputes]
        assert disputed == [("livraison incomplète", ("F2026-101",))]

        # w: wrong number flags the contact and stays on the debtor.
        await open_debtor(pilot, "C005")
        await pilot.press("w")
        await settle(pilot)
        contacts = store.dossiers.load_dossier("C005").contacts
        assert [c.wrong_number for c in contacts if c.name == "Hervé Petit"] == [True]
        assert last_call(store, "C005").outcome == "wrong_number"
        assert app.shown_code == "C005"

        # r: refuses.
        await open_debtor(pilot, "C002")
        await pilot.press("r", "1")
        await settle(pilot)
        refusal = last_call(store, "C002")
        assert (refusal.outcome, refusal.reason) == ("refused", "trésorerie insuffisante")

        # a: says it already paid, when and how: a check task.
        await open_debtor(pilot, "C003")
        await pilot.press("a", *"20/11", "tab", "tab", "2", "tab", *"CHQ 88", "enter")
        await settle(pilot)
        assert "check_payment" in [t.kind for t in store.dossiers.load_dossier("C003").tasks]
        claim = last_call(store, "C003").claim
        assert claim is not None
        assert (claim.paid_on, claim.means, claim.reference) == (
            date(2026, 11, 20),
            "cheque",
            "CHQ 88",
        )

        # s: payment plan, three monthly instalments of the overdue total.
        await open_debtor(pilot, "C001")
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        plan = sorted(
            (p for p in promises_by(store, "alice") if p.plan_id is not None),
            key=lambda p: p.promised_on,
        )
        assert len(plan) == 3 and len({p.plan_id for p in plan}) == 1
        assert [p.promised_on for p in plan] == [
            date(2026, 12, 1),
            date(2027, 1, 4),
            date(2027, 2, 1),
        ]  # 1 Jan is a holiday

        # x: skip with a one-key reason, then u undoes it.
        await open_debtor(pilot, "C002")
        await pilot.press("x", "1")
        await settle(pilot)
        skip = last_call(store, "C002")
        assert skip.outcome == "skip"
        calls_before = session.stats.calls
        await pilot.press("u")
        await settle(pilot)
        undo = last_call(store, "C002")
        assert (undo.outcome, undo.undoes) == ("undo", skip.id)
        assert app.shown_code == "C002"  # back on the debtor whose outcome was undone
        assert session.stats.calls == calls_before  # a skip is not counted as a call


async def test_undo_of_a_promise_cancels_it_and_uncounts_it(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("p", "f")
        await settle(pilot)
        assert [p.status for p in promises_by(book, "alice")] == ["pending"]
        await pilot.press("u")
        await settle(pilot)
        assert [p.status for p in promises_by(book, "alice")] == ["cancelled"]
        assert app.session.stats.promised_cents == 0
        assert app.shown_code == "C001"
        await pilot.press("u")  # nothing left to undo: nothing written
        await settle(pilot)
        assert [c.outcome for c in all_calls(book)].count("undo") == 1


async def test_bad_input_keeps_the_dialog_open_and_writes_nothing(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        count = book.ledger.count_rows("calls")
        await pilot.press("p", "tab", *"31/02", "enter")
        await settle(pilot)
        assert app.screen is not app.session  # still in the dialog, the error explained
        await pilot.press("escape")
        await pilot.press("x")
        await pilot.press("enter")  # no reason typed: nothing happens
        await pilot.press("escape")
        await settle(pilot)
        assert book.ledger.count_rows("calls") == count
        assert app.shown_code == "C001"


async def test_outcome_refused_by_the_service_is_explained_and_nothing_saved(book, now):
    from callcenter.service.outcomes import OutcomeError

    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        count = book.ledger.count_rows("calls")
        real_log = app.desk.log

        def refuse(*args, **kwargs):
            raise OutcomeError("the debtor is locked")

        app.desk.log = refuse
        await pilot.press("r", "1")
        await settle(pilot)
        assert book.ledger.count_rows("calls") == count
        assert app.shown_code == "C001"
        assert any(n.severity == "error" for n in app._notifications)
        app.desk.log = real_log
        await pilot.press("n")  # the screen still works
        await settle(pilot)
        assert last_call(book, "C001").outcome == "no_answer"


async def test_a_past_date_is_explained_in_the_dialog_in_french(book, now):
    from callcenter.tui.screens.dialog import OutcomeDialog

    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        count = book.ledger.count_rows("calls")
        await pilot.press("p", "tab", *"01/01/2026", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OutcomeDialog)  # still open, nothing sent
        assert "Le 01/01/2026 est déjà passé" in screen_text(app)
        await pilot.press("ctrl+u", *"31/02", "enter")
        await settle(pilot)
        assert "Date illisible : « 31/02 »" in screen_text(app)
        await pilot.press("escape", "c", "tab", *"08:00", "enter")
        await settle(pilot)
        assert "L'heure du rappel est déjà passée" in screen_text(app)  # the service's rule
        assert book.ledger.count_rows("calls") == count


async def test_markup_in_names_is_shown_literally(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(160, 48)) as pilot:
        await open_debtor(pilot, "C003")
        assert MARKUP_NAME in header_text(app)
        shown = screen_text(app)
        assert MARKUP_NAME in shown
        assert "[i]Jean[/i]" in shown
        assert "\x1b" not in shown


async def test_database_work_runs_off_the_ui_thread(book, now, monkeypatch):
    """Every desk call runs on a worker thread, and no key spells out the dossier: Textual
    names a worker after the repr of its arguments unless it is given a description, and
    the dossier on screen, with every panel's text built ahead, took ~5 ms of the UI
    thread before the save's thread even started (bench ledger, load 5)."""
    from callcenter.tui.desk import Shown

    spelled: list[str] = []
    plain = Shown.__repr__

    def counted(self):
        spelled.append(self.code)
        return plain(self)

    monkeypatch.setattr(Shown, "__repr__", counted)
    app = make_app(book, now)
    seen: list[bool] = []
    desk = app.desk
    for name in ("next_debtor", "open_debtor", "log", "undo", "find", "prefetch"):
        original = getattr(desk, name)

        def spy(*args, _original=original, **kwargs):
            seen.append(threading.current_thread() is threading.main_thread())
            return _original(*args, **kwargs)

        object.__setattr__(desk, name, spy)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        await open_debtor(pilot, "C005")
        assert app.shown_code == "C005"
    assert len(seen) >= 6
    assert not any(seen)
    assert spelled == []


async def test_next_dossier_is_reported_painted(book, now):
    app = make_app(book, now)
    shown = []
    async with app.run_test(size=(120, 40)) as pilot:
        app.session.on_dossier_shown = lambda message: shown.append(message.code)
        await pilot.press("enter")
        await settle(pilot)
        first_at = app.shown_at
        await pilot.press("n")
        await settle(pilot)
        assert app.shown_code == "C002" and app.shown_at > first_at > 0


async def test_closed_screens_widgets_are_let_go_after_the_next_outcome(book, now):
    """Each agenda opened and closed leaves its widgets in Textual's ``get_inner_outer``
    cache (Textual issue #6665); the collection after an outcome's paint empties it once
    it holds more than the live screen needs (tui/gc_pause.py)."""
    from textual._styles_cache import StylesCache

    from callcenter.tui.gc_pause import STYLE_CACHE_KEPT

    cached = getattr(StylesCache, "get_inner_outer", None)
    if cached is None:
        pytest.skip(
            "this Textual has no get_inner_outer cache (Textual 3.3 of scripts/test-lowest)"
        )
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        for _ in range(15):
            await pilot.press("j")
            await settle(pilot)
            assert app.screen is not app.session
            await pilot.press("escape")
            await settle(pilot)
        assert cached.cache_info().currsize > STYLE_CACHE_KEPT  # the dead agendas' widgets
        await pilot.press("n")
        await settle(pilot)
        assert app.shown_code == "C002"
        assert cached.cache_info().currsize <= STYLE_CACHE_KEPT


async def test_no_garbage_collection_from_the_outcome_key_to_the_paint(book, now):
    """Paused while the outcome is saved and the next dossier read, on again once painted
    (tui/gc_pause.py); a load that fails after the save turns it back on too."""
    import gc

    app = make_app(book, now)
    during: list[bool] = []
    real_log = app.desk.log

    def log(*args, **kwargs):
        during.append(gc.isenabled())
        return real_log(*args, **kwargs)

    object.__setattr__(app.desk, "log", log)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.shown_code == "C002"
        assert during == [False] and gc.isenabled()

        def broken(*args, **kwargs):
            raise StoreError("the database stayed busy; please try again")

        object.__setattr__(app.desk, "next_debtor", broken)
        await pilot.press("v")
        await settle(pilot)
        assert during == [False, False] and app.shown_code is None and gc.isenabled()


async def test_the_garbage_of_a_frame_is_collected_once_it_is_painted(book, now):
    """Cyclic garbage already in the oldest generation, dropped between the outcome key and
    the paint, is freed right after the paint (one full collection), not whenever Python
    next runs one: waiting for it was what the session's peak memory grew by."""
    import gc
    import weakref

    class Node:
        pass

    app = make_app(book, now)
    old = Node()
    old.self = old  # a cycle: only the collector frees it
    gone = weakref.ref(old)
    holder = [old]
    del old
    real_log = app.desk.log

    def log(*args, **kwargs):
        holder.clear()  # garbage now, inside the paused window
        return real_log(*args, **kwargs)

    object.__setattr__(app.desk, "log", log)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        gc.collect()  # the node survives it (still held), into the oldest generation
        assert gone() is not None
        await pilot.press("n")
        await settle(pilot)
        assert app.shown_code == "C002" and gone() is None


async def test_a_paused_start_collects_again_once_the_first_dossier_is_painted(book, now):
    """``callcenter`` pauses the collector before importing the workstation
    (tui/gc_pause.py: pause_start); the first dossier's paint turns it back on."""
    import gc

    from callcenter.tui.gc_pause import end_start_pause, pause_start

    app = make_app(book, now)
    pause_start()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert not gc.isenabled()
            await pilot.press("enter")
            await settle(pilot)
            assert app.shown_code == "C001" and gc.isenabled()
    finally:
        end_start_pause()


async def test_a_paused_start_has_a_deadline(book, now, monkeypatch):
    """A collector who stays on the welcome line gets the collector back after the deadline."""
    import asyncio
    import gc

    from callcenter.tui.gc_pause import end_start_pause, pause_start
    from callcenter.tui.screens import session

    monkeypatch.setattr(session, "PAUSE_LIMIT_S", 0.05)
    app = make_app(book, now)
    pause_start()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for _ in range(100):
                if gc.isenabled():
                    break
                await asyncio.sleep(0.02)
            assert gc.isenabled() and app.shown_code is None
    finally:
        end_start_pause()


async def test_english_interface(book, now):
    app = make_app(book, now, lang="en", date_style="mdy")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "balance €6,950.50" in text, text
        assert "queue 1/4" in text
        assert "08/31/26" in text  # due date of F2026-101, month first
        assert "overdue" in text  # the queue's reasons in English too


async def test_help_lists_every_key(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for key in "pnvbcdwrasxuo/":
            assert f" {key} " in text, key
        for label in ("promesse", "faux n°", "échéancier", "annuler", "chercher", "ctrl+p"):
            assert label in text, text
        await pilot.press("escape")
        assert app.screen is app.session


async def test_palette_runs_an_outcome_and_opens_a_debtor(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Dupuis")
        await pilot.pause(0.5)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown_code == "C002"
        await pilot.press("ctrl+p")
        await pilot.press(*"absent")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert last_call(book, "C002").collector == "alice"
        assert last_call(book, "C002").outcome == "no_answer"


async def test_a_failed_load_after_a_saved_outcome_clears_the_screen(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)

        def broken(*args, **kwargs):
            raise StoreError("the database stayed busy; please try again")

        real_next = app.desk.next_debtor
        object.__setattr__(app.desk, "next_debtor", broken)
        await pilot.press("n")
        await settle(pilot)
        assert last_call(book, "C001").outcome == "no_answer"
        assert app.shown_code is None and app.session.shown is None
        await pilot.press("n")  # no debtor on screen: the outcome cannot be logged twice
        await settle(pilot)
        assert [c.outcome for c in all_calls(book)].count("no_answer") == 2
        object.__setattr__(app.desk, "next_debtor", real_next)
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown_code == "C002"


async def test_a_failing_hints_engine_leaves_the_dossier_on_screen(book, now, monkeypatch):
    import callcenter.domain.hints as hints

    def broken(*args, **kwargs):
        raise ZeroDivisionError("bug in a hint")

    monkeypatch.setattr(hints, "negotiation_hints", broken)
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown_code == "C001"
        assert not app.session.query_one("#hints").display


async def test_find_by_phone_and_nothing_found(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"zzzz")
        await settle(pilot)
        assert "Aucun débiteur trouvé" in screen_text(app)
        await pilot.press("enter")  # the "none found" line cannot be opened
        await settle(pilot)
        assert app.shown_code is None
        await pilot.press("escape")
        assert app.screen is app.session
        await pilot.press("slash", *"0472001100")  # Marc Dupuis's phone
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.shown_code == "C002"
        assert "hors file" not in header_text(app)


async def test_a_note_never_follows_the_collector_to_another_debtor(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("tab", *"pour C001", "escape")
        await pilot.press("enter", "enter")  # next debtor without an outcome (asked once)
        await settle(pilot)
        assert app.shown_code == "C002"
        await pilot.press("n")
        await settle(pilot)
        call = last_call(book, "C002")
        assert (call.collector, call.outcome, call.note) == ("alice", "no_answer", "")


async def test_find_then_enter_at_once_opens_the_first_match(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"Garage", "enter")  # faster than the search
        await settle(pilot)
        assert app.shown_code == "C005"


async def test_the_palette_speaks_french_and_quits(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        shown = screen_text(app)
        assert "Une commande, ou un débiteur par son nom" in shown
        assert "Search for commands" not in shown
        await pilot.press(*"theme")  # Textual's own English commands are not offered
        await pilot.pause(0.3)
        assert "Change theme" not in screen_text(app)
        await pilot.press(*["backspace"] * 5, *"quitter")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert not app.is_running


async def test_the_next_dossier_built_ahead_shows_what_building_it_then_would(
    book, now, monkeypatch
):
    """The prefetch builds the next dossier's panels ahead (``prepare``); after the outcome
    the screen shows those, and each is what the panel's recipe gives at its width then.

    It reads no widget off the UI thread: a widget's size read from a worker can make
    Textual lay the screen out in that thread, racing the UI thread in caches that are
    not thread-safe (the app died of a KeyError in one during a tmux day).
    """
    import threading

    from textual.widget import Widget

    from callcenter.tui.flow import fitted
    from callcenter.tui.rendered_ahead import Prepared

    off_thread: list[str] = []
    region = Widget.region

    def guarded(widget):
        if threading.current_thread() is not threading.main_thread():
            off_thread.append(type(widget).__name__)
        return region.fget(widget)

    monkeypatch.setattr(Widget, "region", property(guarded))
    app = make_app(book, now)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await _one_outcome_in(app, pilot)
        shown = screen.shown
        assert shown is not None and isinstance(shown.prepared, Prepared)
        assert shown.prepared.contact_id == screen.contact_id
        recipes = screen._builders(shown, screen.has_class("-narrow"), screen.contact_id)
        used = [key for key, (width, _) in shown.prepared.texts.items() if width]
        assert {"contacts", "calls", "account", "hints", "payments"} <= set(used)
        for key in used:
            if key in ("debtor", "invoices"):  # the header gains its queue place after
                continue
            width = screen._panels[key].content_size.width
            fresh = fitted(recipes[key](width or None), width, app.console)
            assert str(screen._panels[key].render()) == fresh.plain, key
    assert off_thread == []


@pytest.mark.parametrize("size", [(160, 48), (80, 24)])
async def test_lines_rendered_ahead_paint_what_rendering_them_then_would(book, now, size):
    """Once the prefetch is done the UI thread renders the next dossier's panels into
    lines (``on_read_ahead``); after the outcome the panels paint those lines, and the
    screen is cell for cell what the same panels rendered at paint time show. (A Textual
    before ``Content.wrap``, the floor, gets Rich texts from ``fitted``: nothing is
    rendered ahead there, and the panels render as any Static.)"""
    from textual.content import Content

    from callcenter.tui.rendered_ahead import RenderedAhead

    expected = {"contacts", "calls", "account", "payments"} if hasattr(Content, "wrap") else set()
    app = make_app(book, now)
    async with app.run_test(size=size) as pilot:
        screen = await _one_outcome_in(app, pilot)
        panels = [p for p in screen.query(RenderedAhead) if p.display and p.size.height]
        ahead = [p.id for p in panels if p._ahead is not None]
        assert expected <= set(ahead) and (expected or not ahead), ahead
        painted = app.export_screenshot()
        for panel in panels:
            panel._ahead = None  # rendered again, as without the read-ahead
            panel.refresh()
        await settle(pilot)
        assert app.export_screenshot() == painted


async def _one_outcome_in(app, pilot) -> SessionScreen:
    """The first dossier, then one outcome (no answer): the next dossier is the one the
    prefetch read ahead."""
    screen: SessionScreen = app.session
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)
    return screen

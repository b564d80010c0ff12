"""Keys typed during a lag arrive in one burst: whatever they are, the session stays valid.

Each burst below is queued in one go, as a terminal delivers what was typed
over a slow SSH link: a dialog saves once and closes once, the extra Enters
and Escapes never blank the screen nor pass the next debtor unseen, and the
database holds exactly the outcomes typed.
"""

from __future__ import annotations

import pytest
from ledger_builders import all_calls, claims
from sqlfile import raw_rows
from textual import events
from tui_data import build, make_app, screen_text, settle


@pytest.fixture
def book(store, now):
    build(store, now)
    return store


#: Printable characters of the keys the tests type by name.
CHARS = {"space": " ", "enter": "\r", "tab": "\t", "escape": "\x1b", "slash": "/", "plus": "+"}


async def burst(pilot, *keys: str) -> None:
    """Queue every key at once, then let the app work through them."""
    app = pilot.app
    for key in keys:
        event = events.Key(
            key,
            CHARS.get(key, key[-1] if key.startswith("alt+") else key if len(key) == 1 else None),
        )
        event.set_sender(app)
        app._driver.send_message(event)
    await settle(pilot)


def logged(store) -> list[tuple[str, str]]:
    """The outcomes alice logged, oldest first, from the dossiers."""
    mine = sorted((c for c in all_calls(store) if c.collector == "alice"), key=lambda c: c.id or 0)
    return [(call.debtor_code, call.outcome) for call in mine]


def assert_dossier_on_screen(app) -> None:
    """The session screen is on top, a dossier painted on it, and the keys answer."""
    assert app.screen is app.session, app.screen_stack
    assert app.session.shown is not None and app.session.on_screen
    text = screen_text(app)
    assert app.session.shown.dossier.debtor.name in text
    assert "Contacts" in text and "^q" in text  # the panels and the key bar


async def started(pilot):
    await pilot.press("enter")
    await settle(pilot)
    assert pilot.app.shown_code == "C001"


def notices(app) -> list[str]:
    """Every notice the session showed, oldest first (each replaces the one before)."""
    return app.session.said


@pytest.fixture(autouse=True)
def record_notices(monkeypatch):
    """Keep each notice the session shows: one replaces the other on screen within ms."""
    from callcenter.tui.screens.session import SessionScreen

    shown = SessionScreen.say

    def say(self, text: str, severity: str = "information") -> None:
        self.__dict__.setdefault("said", []).append(text)
        shown(self, text, severity)

    monkeypatch.setattr(SessionScreen, "say", say)


DIALOG_BURSTS = {
    "promise": (("p", "tab", "plus", "3"), "promise"),
    "callback": (("c", "tab", *"16:00"), "callback"),
    "callback quick key": (("c", "1"), "callback"),
    "skip": (("x", "tab", *"test"), "skip"),
    "dispute": (("d", "space", "tab", *"pas reçu"), "dispute"),
    "plan": (("s", "tab"), "payment_plan"),
    "refused": (("r", "tab", *"rien"), "refused"),
    "already paid": (("a", *"20/11"), "already_paid"),
    "note then no answer": (("tab", *"rappeler", "enter", "n"), "no_answer"),
}


@pytest.mark.parametrize("ends", [("enter", "enter"), ("enter", "enter", "enter")])
@pytest.mark.parametrize("name", list(DIALOG_BURSTS))
async def test_doubled_enters_save_once_and_show_the_next_dossier(book, now, name, ends):
    keys, outcome = DIALOG_BURSTS[name]
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await burst(pilot, *keys, *ends)
        assert logged(book) == [("C001", outcome)]
        assert_dossier_on_screen(app)
        # The Enters after the save were typed before the next dossier was seen: refused
        # with a notice, never passing it.
        assert app.shown_code == "C002"
        assert any("Attendez le dossier suivant" in n or "Enregistré" in n for n in notices(app))
        assert [code for code, who in claims(book) if who == "alice"] == ["C002"]


@pytest.mark.parametrize("name", list(DIALOG_BURSTS)[:-1])
async def test_doubled_and_tripled_escapes_cancel_once_and_keep_the_dossier(book, now, name):
    keys, _ = DIALOG_BURSTS[name]
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await burst(pilot, keys[0], "escape", "escape", "escape")
        assert logged(book) == []
        assert_dossier_on_screen(app)
        assert app.shown_code == "C001"
        # Keys work again: one outcome, and the next debtor.
        await burst(pilot, keys[0], "escape", "escape", "n")
        assert logged(book) == [("C001", "no_answer")]
        assert_dossier_on_screen(app)
        assert app.shown_code == "C002"


async def test_the_reported_skip_burst_keeps_the_workstation_alive(book, now):
    """Issue 10: ``x``, Tab, ``test``, Enter Enter used to blank the screen for good."""
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await burst(pilot, "x", "tab", *"test", "enter", "enter")
        assert logged(book) == [("C001", "skip")]
        assert_dossier_on_screen(app)
        await burst(pilot, "n")  # and the keys are alive
        assert logged(book) == [("C001", "skip"), ("C002", "no_answer")]


async def test_outcome_keys_typed_before_the_next_dossier_are_refused_with_a_notice(book, now):
    app = make_app(book, now, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await burst(pilot, "n", "n", "v")
        assert logged(book) == [("C001", "no_answer")]
        assert app.shown_code == "C002"
        assert "Wait for the next dossier: key ignored" in notices(app)
        assert_dossier_on_screen(app)


async def test_enter_passes_a_debtor_only_once_seen_and_says_so(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await burst(pilot, "enter", "enter", "enter")
        assert app.shown_code == "C002"  # one pass: the second Enter came before C002 showed
        assert any(n.startswith("Passé sans résultat : Boulangerie Martin") for n in notices(app))
        assert logged(book) == []
        await burst(pilot, "enter")  # C002 was on screen: this Enter passes it
        assert app.shown_code not in (None, "C002")


async def test_escape_then_a_key_in_one_read_is_both_keys(book, now):
    """A terminal delivers Escape then ``v`` typed in a burst as alt+v."""
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await burst(pilot, "c", "alt+v")
        assert logged(book) == [("C001", "voicemail")]
        assert_dossier_on_screen(app)


def changes(store) -> list[str]:
    return [r[0] for r in raw_rows(store, "SELECT action FROM dossier_changes ORDER BY id")]


#: Dialogs that change the dossier on screen (not an outcome): keys before the Enters/o's.
CHANGE_BURSTS = {
    "account note": (("e", *"payeur : Sophie"), "account_note"),
    "dunning step": (("g", "3"), "dunning_step"),
    "dunning step, o": (("g", "3", "o"), "dunning_step"),
}


@pytest.mark.parametrize("ends", [("enter", "enter"), ("enter", "enter", "enter")])
@pytest.mark.parametrize("name", list(CHANGE_BURSTS))
async def test_a_change_dialog_saves_once_and_keeps_the_dossier(book, now, name, ends):
    keys, action = CHANGE_BURSTS[name]
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await burst(pilot, *keys, *ends)
        assert changes(book) == [action]
        assert_dossier_on_screen(app)
        assert app.shown_code == "C001"
        assert logged(book) == []


@pytest.mark.parametrize("key", ["e", "g", "l", "m", "slash", "question_mark"])
async def test_escapes_close_each_screen_once_and_keep_the_dossier(book, now, key):
    app = make_app(book, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(pilot)
        await burst(pilot, key, "escape", "escape", "escape")
        assert_dossier_on_screen(app)
        assert app.shown_code == "C001"
        await burst(pilot, key, "escape", "escape", "n")
        assert logged(book) == [("C001", "no_answer")]
        assert changes(book) == []
        assert_dossier_on_screen(app)

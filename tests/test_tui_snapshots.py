"""The session screen pinned at 80×24 and 160×48, and the help screen (pytest-textual-snapshot).

The clock is frozen and the data fixed (tests/tui_data.py), so any change in
these pictures is a change in what collectors see: review it, then accept it
with ``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest
from tui_data import build, make_app, settle


@pytest.fixture
def app(store, now):
    build(store, now)
    return make_app(store, now)


async def start_session(pilot) -> None:
    await pilot.press("enter")
    await settle(pilot)


def test_session_screen_80x24(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), run_before=start_session)


def test_session_screen_160x48(snap_compare, app):
    assert snap_compare(app, terminal_size=(160, 48), run_before=start_session)


def test_help_screen(snap_compare, app):
    async def open_help(pilot) -> None:
        await start_session(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 36), run_before=open_help)


def test_promise_dialog(snap_compare, app):
    async def open_promise(pilot) -> None:
        await start_session(pilot)
        await pilot.press("p", "tab", *"+3")  # 1, 2, f, m would save at once
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_promise)


def test_session_screen_80x24_in_english(snap_compare, store, now):
    build(store, now)
    app = make_app(store, now, lang="en", date_style="mdy")
    assert snap_compare(app, terminal_size=(80, 24), run_before=start_session)


def test_disputes_and_tasks_screen_80x24(snap_compare, app):
    """``l`` on a debtor with an open dispute and a task: who, what, since, due, and the keys."""

    async def open_cases(pilot) -> None:
        await start_session(pilot)
        # C001 says it paid on the 20th already: a task to look for the payment
        await pilot.press("a", *"20/11", "enter")
        await settle(pilot)
        for keys in (("slash", *"C001"), ("enter",), ("d", "space", "tab", *"BL manquant")):
            await pilot.press(*keys)
            await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        for keys in (("slash", *"C001"), ("enter",), ("l",)):
            await pilot.press(*keys)
            await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_cases)

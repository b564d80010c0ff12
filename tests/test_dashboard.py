"""The supervisor dashboard: pinned by snapshots, drilled into with the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlfile import raw_write
from supervisor_ledger import build

from callcenter.domain.campaigns import Campaign
from callcenter.i18n import detect_locale
from callcenter.service.campaigns import create_campaign
from callcenter.store import open_database
from callcenter.tui.supervisor.app import SupervisorApp
from callcenter.tui.supervisor.dashboard import DashboardScreen
from callcenter.tui.supervisor.drill import DrillScreen
from callcenter.tui.supervisor.figure_table import FigureTable
from callcenter.tui.supervisor.help_screen import HelpScreen
from callcenter.tui.supervisor.source import FigureSource


@pytest.fixture
def db(store, db_path, now) -> Path:
    build(store, now)
    return db_path


def make_app(db: Path, now, actor: str = "sam", lang: str = "en") -> SupervisorApp:
    # every=0: no timer, so the frozen picture cannot change under the snapshot;
    # an empty environment: the date style must not depend on the machine's LANG.
    return SupervisorApp(
        FigureSource(open_database(db, create=False), actor),
        detect_locale(lang, environ={}),
        lambda: now,
        every=0,
    )


async def settle(pilot) -> None:
    """Let the refresh worker finish and its rows be painted."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_snapshot_wide(db, now, snap_compare):
    assert snap_compare(make_app(db, now), terminal_size=(140, 48), run_before=settle)


def test_snapshot_80x24_in_french(db, now, snap_compare):
    assert snap_compare(make_app(db, now, lang="fr"), terminal_size=(80, 24), run_before=settle)


async def test_drill_from_an_aging_bucket_to_its_debtors(db, now):
    app = make_app(db, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        aging = app.screen.query_one("#aging", FigureTable)
        aging.focus()
        await pilot.press("down", "down", "down", "down")  # not due, 1-30, 31-60, 61-90, > 90
        await pilot.press("enter")
        await settle(pilot)
        drill = app.screen
        assert isinstance(drill, DrillScreen)
        assert [d.code for d in drill.debtors] == ["B"]
        # The name is shown as typed: its brackets are not Rich markup.
        table = drill.query_one("#drill-table")
        assert str(table.get_cell_at((0, 1))) == "[bold]Boulangerie[/] Brun"
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_drill_from_a_queue_cell_for_one_collector(db, now):
    app = make_app(db, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # The queue panel has focus on the first figure (column 1: due now);
        # rows: All, (unassigned), alice, bob. Column 3: callbacks.
        await pilot.press("down", "down", "right", "right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.drill.collector == "alice"
        assert [d.code for d in app.screen.debtors] == ["C"]


async def test_the_first_enter_opens_the_first_figure(db, now):
    app = make_app(db, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # no arrow first: the cursor starts on a figure
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        assert (app.screen.drill.kind, app.screen.drill.arg) == ("queue", "due_now")
        await pilot.press("escape", "left", "down", "down", "enter")  # a row's label
        await settle(pilot)
        assert isinstance(app.screen, DrillScreen)
        assert app.screen.drill.collector == "alice"


async def test_a_collector_sees_only_their_own_dashboard(db, now):
    app = make_app(db, now, actor="alice")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.figures.scope.collector == "alice"
        today = screen.query_one("#today", FigureTable)
        assert today.row_count == 1
        assert str(today.get_cell_at((0, 0))) == "alice"


async def test_refresh_picks_up_new_work(db, now, store):
    app = make_app(db, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.figures.queue.hold == 0
        with store.transaction():
            raw_write(store, "UPDATE queue_state SET state = 'hold' WHERE debtor_code = 'D'")
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.figures.queue.hold == 1


async def test_p_cycles_the_period(db, now):
    app = make_app(db, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.figures.period.days == 30
        await pilot.press("p")
        await settle(pilot)
        assert app.screen.figures.period.days == 90
        assert app.screen.figures.period.until == now.date()
        await pilot.press("p", "p")
        await settle(pilot)
        assert app.screen.figures.period.days == 7


async def open_over_90(pilot) -> DrillScreen:
    pilot.app.screen.query_one("#aging", FigureTable).focus()
    await pilot.press("down", "down", "down", "down", "enter")
    await settle(pilot)
    return pilot.app.screen


def _owner(store, code):
    return store.dossiers.load_dossier(code).debtor.collector


async def test_a_supervisor_reassigns_from_a_drill_down(db, now, store):
    app = make_app(db, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        drill = await open_over_90(pilot)
        await pilot.press("a")
        await pilot.press(*"alice", "enter")
        await settle(pilot)
        assert _owner(store, "B") == "alice"
        assert [d.collector for d in drill.debtors] == ["alice"]  # the list was reloaded


async def test_a_name_nobody_uses_is_confirmed_before_debtors_go_to_it(db, now, store):
    from textual.widgets import Static

    app = make_app(db, now)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_over_90(pilot)
        await pilot.press("a", *"alcie", "enter")  # a typo would hide the debtor
        await settle(pilot)
        assert _owner(store, "B") == "bob"
        warning = str(app.screen.query_one("#warning", Static).render())
        assert '"alcie" has no account and no portfolio' in warning and "alice" in warning
        await pilot.press("enter")  # asked twice: a new collector is allowed
        await settle(pilot)
        assert _owner(store, "B") == "alcie"


async def test_a_collector_cannot_reassign_from_the_dashboard(db, now, store):
    app = make_app(db, now, actor="bob")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_over_90(pilot)
        await pilot.press("A", *"alice", "enter")
        await settle(pilot)
        assert _owner(store, "B") == "bob"
        assert any("only a supervisor" in str(n.message) for n in app._notifications)


async def test_a_refusal_reads_in_french_on_a_french_dashboard(db, now, store):
    app = make_app(db, now, actor="bob", lang="fr")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_over_90(pilot)
        await pilot.press("A", *"alice", "enter")
        await settle(pilot)
        assert _owner(store, "B") == "bob"
        messages = [str(n.message) for n in app._notifications]
        assert any("seul un superviseur peut confier" in m for m in messages), messages


async def test_c_cycles_through_campaigns(db, now, store):
    create_campaign(store, Campaign("gros", min_overdue_cents=100_000), actor="sam", now=now)
    app = make_app(db, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.figures.scope.campaign_name == "gros"
        assert [d.code for d in app.screen.figures.largest] == ["B"]
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.figures.scope.campaign_name is None


async def test_c_without_campaigns_says_so(db, now):
    app = make_app(db, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.figures.scope.campaign_name is None
        assert any("No campaign" in str(n.message) for n in app._notifications)


async def test_drill_details_read_as_local_dates(db, now):
    app = make_app(db, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Queue panel, row "All", column "Callback": C, callback at 14:00 UTC = 15:00 Paris.
        await pilot.press("right", "right", "enter")  # from the first figure, column 1
        await settle(pilot)
        table = app.screen.query_one("#drill-table")
        assert str(table.get_cell_at((0, 4))) == "2026-11-24 15:00"  # English outside en_US: ISO


async def test_help_defines_the_figures(db, now):
    app = make_app(db, now)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = " ".join(str(s.render()) for s in app.screen.query(".section"))
        assert "Simple DSO (not count-back)" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_the_agents_panel_shows_each_state_live(db, now, store):
    from datetime import timedelta

    from builtin_settings import SETTINGS

    from callcenter.domain.calling import AgentState
    from callcenter.service.dialing import set_state

    set_state(store, "alice", AgentState.READY, now - timedelta(minutes=30), config=SETTINGS)
    set_state(store, "alice", AgentState.PAUSED, now - timedelta(minutes=5), reason="lunch",
              config=SETTINGS)  # fmt: skip
    app = make_app(db, now)
    async with app.run_test(size=(140, 48)) as pilot:
        await settle(pilot)
        agents = app.screen.query_one("#agents", FigureTable)
        row = [str(agents.get_cell_at((0, c))) for c in range(9)]
        assert row == ["alice", "paused (lunch)", "5:00", "", "0", "0:00", "0:00", "5:00", "0.0"]
        set_state(store, "alice", AgentState.READY, now - timedelta(seconds=1), config=SETTINGS)
        set_state(store, "bob", AgentState.READY, now - timedelta(minutes=1), config=SETTINGS)
        await pilot.press("r")
        await settle(pilot)
        assert agents.row_count == 2
        assert [str(agents.get_cell_at((0, c))) for c in (1, 2, 7)] == ["ready", "0:01", "4:59"]

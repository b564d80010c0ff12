"""Textual conventions in both apps: themes remembered, F1 for help, a palette in the
interface language, a clickable key bar."""

from __future__ import annotations

import json

import pytest
from sqlfile import raw_rows
from supervisor_ledger import build as build_books
from tui_data import build, make_app, settle

from callcenter.i18n import Locale
from callcenter.store import open_database
from callcenter.tui.screens.help import HelpScreen
from callcenter.tui.supervisor.app import SupervisorApp
from callcenter.tui.supervisor.help_screen import HelpScreen as DashboardHelp
from callcenter.tui.supervisor.source import FigureSource
from callcenter.tui.themes import FILE_NAME, InterfaceMemory
from callcenter.tui.widgets.key_bar import KeyBar


@pytest.fixture
def book(store, now):
    build(store, now)
    return store


async def test_the_workstation_remembers_its_theme(book, now, tmp_path):
    memory = InterfaceMemory(tmp_path / "state" / FILE_NAME)
    app = make_app(book, now)
    app.memory = memory
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.theme == "textual-dark"
        app.theme = "nord"
        await settle(pilot)
    assert json.loads(memory.path.read_text())["themes"] == {"workstation": "nord"}
    again = make_app(book, now)
    again.memory = memory
    async with again.run_test(size=(120, 40)):
        assert again.theme == "nord"


async def test_a_mangled_memory_file_means_the_default_theme(book, now, tmp_path):
    path = tmp_path / FILE_NAME
    path.write_text("{not json")
    app = make_app(book, now)
    app.memory = InterfaceMemory(path)
    async with app.run_test(size=(120, 40)):
        assert app.theme == "textual-dark"


async def test_f1_opens_and_closes_the_help(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)


async def test_the_palette_speaks_french_and_offers_the_themes(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"thème")
        await settle(pilot)
        await pilot.press("enter")  # "changer de thème": the list of themes
        await settle(pilot)
        await pilot.press(*"nord")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.theme == "nord"


async def test_clicking_the_key_bar_records_the_outcome(book, now):
    app = make_app(book, now)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        bar = app.session.query_one(KeyBar)
        line, start, _, key = next(r for r in bar.regions if r[3] == "n")
        gutter = bar.styles.gutter
        assert bar.key_at(start + gutter.left, line + gutter.top) == key
        await pilot.click(KeyBar, offset=(start + gutter.left, line + gutter.top))
        await settle(pilot)
    rows = raw_rows(book, "SELECT debtor_code, outcome FROM calls ORDER BY id")
    assert rows[-1] == ("C001", "no_answer")


async def test_the_dashboard_palette_has_no_english_system_commands(store, db_path, now, tmp_path):
    memory = InterfaceMemory(tmp_path / FILE_NAME)
    build_books(store, now)
    source = FigureSource(open_database(db_path, create=False), "sam")
    app = SupervisorApp(source, Locale("fr"), lambda: now, every=0, memory=memory)
    async with app.run_test(size=(120, 40)) as pilot:
        from callcenter.tui.supervisor.commands import DashboardCommands

        provider = DashboardCommands(app.screen)
        labels = [label for label, _, _ in provider._actions()]
        assert labels[:3] == ["Actualiser", "Période", "Campagne"]
        assert "Changer de thème" in labels and "Quitter" in labels
        assert app.COMMANDS == {DashboardCommands}
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, DashboardHelp)
        await pilot.press("escape")
        app.theme = "gruvbox"
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert memory.theme("dashboard") == "gruvbox"


def test_the_flow_chart_has_one_scale_axes_and_a_legend():
    from datetime import date, timedelta

    from callcenter.domain.figures import DailyFlow
    from callcenter.tui.supervisor.flow_chart import column, flow_chart, legend

    start = date(2026, 11, 1)
    flow = [
        DailyFlow(start, promised_cents=100_000),
        DailyFlow(start + timedelta(days=1), promised_cents=50_000, collected_cents=50_000),
        DailyFlow(start + timedelta(days=2)),
    ]
    chart = flow_chart(flow, Locale("fr"), 60).plain.replace("\u202f", " ").replace("\xa0", " ")
    lines = chart.splitlines()
    assert lines[0].strip().startswith("1 000 € ┤")  # the top of the scale
    assert lines[3].strip().startswith("0 ┤")  # and its zero
    assert "└───" in lines[4] and "01/11" in lines[5] and "03/11" in lines[5]
    # One scale for both series: 500 € promised and 500 € collected draw the same bar.
    assert column(50_000, 100_000) == [" ", "█"] and column(100_000, 100_000) == ["█", "█"]
    promised = [line.split("┤")[-1].split("│")[-1] for line in lines[0:2]]
    collected = [line.split("┤")[-1].split("│")[-1] for line in lines[2:4]]
    assert [row[1] for row in promised] == [row[1] for row in collected]
    assert legend(flow, Locale("en")).plain == "█ promised €1,500   █ collected €500"

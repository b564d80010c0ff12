"""One settings file for every path: the workstation, the commands and imports agree.

The settings given with ``--config`` are read once by ``main`` and handed to
whatever runs. Here a file with the Alsace-Moselle holidays (FR-57) and heavy
score weights is given on the command line; the workstation is started from
that command line and driven by keys, and what it writes is compared with what
the same commands typed in a shell write.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlfile import raw_rows
from tui_data import build, settle

from callcenter.cli import build_parser, main, wiring
from callcenter.store import open_database
from callcenter.tui.app import WorkstationApp

#: Thursday 25 March 2027: the next day is Good Friday, a holiday in Alsace-Moselle only,
#: and the Monday after is Easter Monday: one business day later is Tuesday 30 March there.
BEFORE_GOOD_FRIDAY = datetime(2027, 3, 25, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
SETTINGS_FILE = """\
region = "FR-57"

[queue.weights]
amount = 4000
age = 900
"""
FEC = Path(__file__).parent.parent / "fixtures" / "fec_tab_utf8.txt"


@pytest.fixture
def shell(tmp_path, db_path, monkeypatch):
    """``callcenter --db DB ARGS`` as typed in a shell, in a clean environment."""
    monkeypatch.setenv("CALLCENTER_NOW", BEFORE_GOOD_FRIDAY.isoformat())
    monkeypatch.setenv("CALLCENTER_USER", "alice")
    monkeypatch.delenv("CALLCENTER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))  # no file found alone
    settings = tmp_path / "alsace.toml"
    settings.write_text(SETTINGS_FILE, encoding="utf-8")

    def run(*argv: str, config: bool = True) -> int:
        given = ["--config", str(settings)] if config else []
        return main(["--db", str(db_path), "--lang", "fr", *given, *argv])

    run.settings = settings
    return run


def workstation_session(shell, db_path, monkeypatch, keys: tuple[str, ...]) -> None:
    """``callcenter --config FILE`` opens the workstation; Pilot types ``keys`` in it."""

    async def drive(app):
        async with app.run_test(size=(100, 30)) as pilot:
            for key in keys:
                await pilot.press(key)
                await settle(pilot)

    def run_headless(app):
        import asyncio

        asyncio.run(drive(app))

    monkeypatch.setattr(WorkstationApp, "run", run_headless)
    args = build_parser().parse_args(["--db", str(db_path), "--config", str(shell.settings)])
    args.settings = wiring.load_settings(args)  # what main() does before dispatching
    assert wiring.run_workstation(args) == 0


def scores(db_path) -> dict[str, int]:
    store = open_database(db_path, create=False)
    try:
        entries = (store.queue.entry(code) for code in store.queue.debtor_codes())
        return {e.code: e.score for e in entries if e is not None}
    finally:
        store.close()


def promised_days(db_path) -> list[tuple[str, str]]:
    store = open_database(db_path, create=False)
    try:
        return raw_rows(
            store,
            "SELECT debtor_code, promised_on FROM promises WHERE collector = 'alice'"
            " ORDER BY debtor_code",
        )
    finally:
        store.close()


def test_an_undo_at_the_workstation_rescores_with_the_files_weights(
    shell, store, db_path, monkeypatch
):
    build(store, BEFORE_GOOD_FRIDAY)
    store.close()
    # C001 comes first; n logs no answer and moves on; u takes it back and rescores C001.
    workstation_session(shell, db_path, monkeypatch, ("enter", "n", "u"))
    after_undo = scores(db_path)["C001"]
    assert shell("rescore") == 0
    assert after_undo == scores(db_path)["C001"]  # what `callcenter --config FILE` computes
    assert shell("rescore", config=False) == 0
    assert scores(db_path)["C001"] != after_undo  # the built-in weights give another score


def test_the_quick_key_1_and_plus_1_land_on_the_same_business_day(
    shell, store, db_path, monkeypatch
):
    build(store, BEFORE_GOOD_FRIDAY)
    store.close()
    workstation_session(shell, db_path, monkeypatch, ("enter", "p", "1"))
    assert shell("log", "C003", "promise", "--promise-date", "+1", "--amount", "10") == 0
    days = dict(promised_days(db_path))
    assert days.pop("C003") == "2027-03-30"  # not Good Friday, not Easter Monday
    assert list(days.values()) == ["2027-03-30"]  # the debtor promised at the workstation


def test_an_import_scores_with_the_settings_given_on_the_command_line(shell, db_path):
    assert shell("import", "fec", str(FEC)) == 0
    imported = scores(db_path)
    assert imported and any(imported.values())
    assert shell("rescore") == 0
    assert scores(db_path) == imported
    assert shell("rescore", config=False) == 0
    assert scores(db_path) != imported

"""Passwords and the login of ``callcenter serve``, without a browser.

The served workstation is driven by Pilot: it must not show anybody's queue
before a password matched, and then work as the user it proved.
"""

from __future__ import annotations

import argparse
import io
import sys

import pytest
from builtin_settings import SETTINGS
from sqlfile import raw_row
from tui_data import build, screen_text, settle

from callcenter.cli import main
from callcenter.cli.serve import session_command
from callcenter.i18n import Locale
from callcenter.service import passwords
from callcenter.service.users import PermissionDenied, UserError, add_user
from callcenter.store import open_database
from callcenter.tui import login as login_module
from callcenter.tui.desk import Desk
from callcenter.tui.served import ServedDashboard, ServedWorkstation
from callcenter.tui.supervisor.dashboard import DashboardScreen
from callcenter.tui.supervisor.source import FigureSource

SECRET = "le bon mot de passe"


@pytest.fixture
def team(store, now, login):
    login("sam")  # the file's owner names the first supervisor
    add_user(store, "sam", role="supervisor", actor="sam", now=now)
    add_user(store, "alice", actor="sam", now=now)
    add_user(store, "bob", actor="sam", now=now)
    return store


def test_only_a_hash_is_stored_and_only_the_password_opens(team, now):
    passwords.set_password(team, "alice", SECRET, actor="sam", now=now)
    stored = team.users.password_hash("alice")
    assert stored.startswith("$argon2id$") and SECRET not in stored
    assert passwords.log_in(team, "alice", SECRET).name == "alice"
    assert passwords.log_in(team, "alice", SECRET.upper()) is None
    assert passwords.log_in(team, "bob", SECRET) is None  # no password yet
    assert passwords.log_in(team, "nobody", SECRET) is None
    assert passwords.log_in(team, "bad name;", SECRET) is None
    passwords.set_password(team, "alice", None, actor="sam", now=now)
    assert passwords.log_in(team, "alice", SECRET) is None


def test_who_may_set_a_password(team, now):
    passwords.set_password(team, "bob", "bob's own password", actor="bob", now=now)
    with pytest.raises(PermissionDenied):
        passwords.set_password(team, "alice", SECRET, actor="bob", now=now)
    with pytest.raises(UserError, match="user add carol"):
        passwords.set_password(team, "carol", SECRET, actor="sam", now=now)
    with pytest.raises(UserError, match="10 to 256"):
        passwords.set_password(team, "alice", "short", actor="sam", now=now)


@pytest.mark.parametrize(
    ("lang", "done", "refused_text"),
    [
        ("en", "password of alice set", "only a supervisor"),
        ("fr", "mot de passe de alice enregistré", "seul un superviseur"),
    ],
)
def test_user_password_command(team, db_path, monkeypatch, capsys, login, lang, done, refused_text):
    """The summary and the refusal speak the session's language."""
    team.close()
    login("sam")
    command = ["--lang", lang, "--db", str(db_path), "user", "password", "alice", "--stdin"]
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    assert main(command) == 0
    assert done in capsys.readouterr().out
    login("bob")
    monkeypatch.setattr(sys, "stdin", io.StringIO(SECRET + "\n"))
    with pytest.raises(SystemExit) as refused:
        main(command)
    assert refused.value.code == 1 and refused_text in capsys.readouterr().err


def test_the_served_command_carries_no_identity(db_path, monkeypatch):
    monkeypatch.setenv("CALLCENTER_USER", "sam")
    args = argparse.Namespace(db=str(db_path), lang="fr", config=None, as_user=None)
    command = session_command(args, "workstation")
    assert command.endswith("--lang fr web-session workstation")
    assert "--as" not in command and "sam" not in command
    with pytest.raises(SystemExit) as refused:
        main(["--db", str(db_path), "--as", "sam", "serve"])
    assert refused.value.code == 2


async def test_the_workstation_opens_only_for_the_right_password(store, now, login, monkeypatch):
    build(store, now)
    login("sam")
    add_user(store, "sam", role="supervisor", actor="sam", now=now)
    add_user(store, "alice", actor="sam", now=now)
    passwords.set_password(store, "alice", SECRET, actor="sam", now=now)
    monkeypatch.setattr(login_module, "FAILURE_PAUSE_S", 0.0)
    opened: list[str] = []

    def open_desk(identity):
        opened.append(identity.name)
        return Desk(store, collector=identity.name, lang="en", config=SETTINGS)

    def check(name, password):
        return passwords.log_in(store, name, password)

    app = ServedWorkstation(open_desk, check, Locale("en", "iso"), clock=lambda: now)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"alice", "enter", *"guess", "enter")
        await settle(pilot)
        assert opened == [] and app.desk is None
        assert "Wrong user name or password." in screen_text(app)
        await pilot.press(*SECRET, "enter")
        await settle(pilot)
        assert opened == ["alice"]
        await pilot.press("enter")  # start the session: alice's first debtor is claimed
        await settle(pilot)
        code = app.shown_code
        assert code is not None
        await pilot.press("n")
        await settle(pilot)
    call = raw_row(
        store,
        "SELECT debtor_code, collector, outcome, entered_by FROM calls ORDER BY id DESC LIMIT 1",
    )
    assert tuple(call) == (code, "alice", "no_answer", None)


async def test_the_dashboard_opens_for_the_user_who_logged_in(team, db_path, now):
    passwords.set_password(team, "alice", SECRET, actor="sam", now=now)
    actors: list[str] = []

    def open_source(identity):
        actors.append(identity.name)
        return FigureSource(store=open_database(db_path), actor=identity.name)

    def check(name, password):
        return passwords.log_in(team, name, password)

    app = ServedDashboard(open_source, check, Locale("en", "iso"), clock=lambda: now)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"alice", "enter", *SECRET, "enter")
        await settle(pilot)
        assert actors == ["alice"] and isinstance(app.screen, DashboardScreen)


def test_a_server_database_reaches_each_visitor_without_its_url_on_the_command_line():
    url = "postgresql://sam:secret@db.example/callcenter"
    args = argparse.Namespace(db=url, lang=None, config=None, as_user=None)
    command = session_command(args, "dashboard")
    assert "secret" not in command and "--db" not in command
    assert command.endswith("-m callcenter web-session dashboard")

"""The day of each agent (states summed with their exact definitions, the board), and the
dialling side of the CLI: ``agents``, ``dnc``, ``log --attempt`` and ``--callback-owner``."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from builtin_settings import SETTINGS
from ledger_builders import add_debtor, contact_id
from rich.console import Console
from sqlfile import raw_row

from callcenter.cli import main
from callcenter.cli.dialing import agents_table
from callcenter.config import config_from_dict
from callcenter.dialers.tel import TelDialer
from callcenter.domain.agent_day import agent_days
from callcenter.domain.calling import AgentState, CallEvent, CallTimes, DoNotCall, StateChange
from callcenter.domain.models import Outcome
from callcenter.i18n import Locale, detect_locale
from callcenter.service.agents import agent_board
from callcenter.service.dialing import (
    DialRequest,
    call_times,
    place_call,
    record_event,
    set_state,
)
from callcenter.service.dossier import dossier
from callcenter.service.outcomes import OutcomeError, log_outcome
from callcenter.tui.widgets.calls import calls_and_promises

CONFIG = config_from_dict({})


def test_each_state_lasts_until_the_next_and_the_window_clips_them(now):
    start, end = now.replace(hour=0), now
    states = [
        StateChange("alice", start - timedelta(hours=2), AgentState.READY),  # running at midnight
        StateChange("alice", now - timedelta(hours=2), AgentState.PAUSED, "lunch"),
        StateChange("alice", now - timedelta(hours=1), AgentState.READY),
        StateChange("bob", now - timedelta(minutes=30), AgentState.DIALLING, "", "C1"),
    ]
    times = CallTimes("a", now - timedelta(minutes=30), now - timedelta(minutes=29),
                      now - timedelta(minutes=25), now - timedelta(minutes=24))  # fmt: skip
    alice, bob = agent_days(states, [("bob", times)], start, end)
    assert alice.paused == timedelta(hours=1) and alice.worked == timedelta(hours=9)
    assert alice.state is AgentState.READY and alice.since == now - timedelta(hours=1)
    assert bob.calls == 1 and bob.talk == timedelta(minutes=4)
    assert bob.wrap_up == timedelta(minutes=1) and bob.calls_per_hour == 2.0
    assert bob.debtor_code == "C1"


@pytest.fixture
def cli(db_path, store, now, monkeypatch):
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    monkeypatch.setenv("CALLCENTER_USER", "sophie")
    monkeypatch.delenv("CALLCENTER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(db_path.parent / "no-config"))
    add_debtor(store, now, "C1", contacts=["Mme Martin"])

    def run(*argv: str, lang: str = "en") -> int:
        try:
            return main(["--db", str(db_path), "--lang", lang, *argv])
        except SystemExit as exc:
            return int(exc.code)

    return run


def test_agents_json_shows_state_debtor_and_the_days_times(cli, store, now, capsys, login):
    login("sophie")
    with store.transaction():
        store.users.upsert_user("sophie", "supervisor", "", now)
    early = now - timedelta(minutes=20)
    set_state(store, "alice", AgentState.READY, early - timedelta(minutes=10), config=CONFIG)
    request = DialRequest("C1", contact_id(store, "C1", "Mme Martin"), "alice", early)
    attempt = place_call(store, TelDialer(), request, config=CONFIG, report=lambda *a: None)
    record_event(store, attempt.id, CallEvent.ANSWERED, early + timedelta(seconds=10))
    record_event(store, attempt.id, CallEvent.ENDED, early + timedelta(seconds=190))
    done = early + timedelta(seconds=220)
    log_outcome(store, "C1", Outcome.CALLBACK, collector="alice", now=done,
                callback_at=now + timedelta(hours=2), attempt_id=attempt.id, config=SETTINGS)  # fmt: skip
    set_state(store, "alice", AgentState.PAUSED, now - timedelta(minutes=5), reason="break",
              config=CONFIG)  # fmt: skip
    assert cli("agents", "--json") == 0
    (alice,) = json.loads(capsys.readouterr().out)
    assert alice == {
        "collector": "alice",
        "state": "paused",
        "reason": "break",
        "since": "2026-11-24T08:55:00+00:00",  # UTC
        "for_seconds": 300,
        "debtor": None,
        "calls": 1,
        "talk_seconds": 180,
        "wrap_up_seconds": 30,
        "pause_seconds": 300,
        "worked_seconds": 1500,
        "calls_per_hour": 2.4,
    }
    assert cli("agents", lang="fr") == 0
    out = capsys.readouterr().out
    assert "alice" in out and "3:00" in out and "0:30" in out  # talk, wrap-up
    wide = Console(width=160, record=True)
    wide.print(agents_table(agent_board(store, now=now, tz=CONFIG.tz), now, detect_locale("fr")))
    board = wide.export_text()
    assert "en pause" in board and "pause" in board.split("en pause", 1)[1] and "break" not in board
    assert "2,4" in board  # calls per hour, French decimals


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_board_keeps_every_heading_whole_in_80_columns(store, now, lang):
    set_state(store, "marie-christine.lefebvre", AgentState.PAUSED, now - timedelta(minutes=5),
              reason="lunch", config=CONFIG)  # fmt: skip
    narrow = Console(width=80, record=True)
    ui = detect_locale(lang)
    narrow.print(agents_table(agent_board(store, now=now, tz=CONFIG.tz), now, ui))
    board = narrow.export_text()
    keys = ("collector", "state", "for", "debtor", "calls", "talk", "wrap_up", "pause", "cph")
    for key in keys:
        assert ui.t(f"agents.{key}") in board
    assert "…" not in board
    lines = board.splitlines()
    first = lines[1].index(ui.t("agents.state"))  # the collector column's width
    assert "".join(line[:first].strip() for line in lines[3:]) == "marie-christine.lefebvre"
    assert max(len(line) for line in board.splitlines()) <= 80


def test_a_collector_sees_only_their_own_row(cli, store, now, capsys, login, monkeypatch):
    for name in ("alice", "bob"):
        set_state(store, name, AgentState.READY, now - timedelta(minutes=10), config=CONFIG)
    monkeypatch.setenv("CALLCENTER_USER", login("alice"))  # nobody in users: a collector
    assert cli("agents", "--json") == 0
    assert [row["collector"] for row in json.loads(capsys.readouterr().out)] == ["alice"]
    with store.transaction():
        store.users.upsert_user("alice", "supervisor", "", now)
    assert cli("agents", "--json") == 0
    assert [row["collector"] for row in json.loads(capsys.readouterr().out)] == ["alice", "bob"]


def test_dnc_from_the_command_line_with_who_and_why(cli, store, capsys):
    assert cli("dnc", "01.00.00.00.00", "--reason", "demande écrite") == 0
    assert store.calling.do_not_call("+33100000000", None) == DoNotCall("sophie", "demande écrite")
    assert cli("dnc", "+33 1 00 00 00 00", "--lift") == 0
    assert store.calling.do_not_call("+33100000000", None) is None
    assert cli("dnc", "voir standard") == 1
    assert "has no valid number" in capsys.readouterr().err
    assert cli("dnc") == 2


def last_call(store) -> tuple:
    return raw_row(
        store, "SELECT id, outcome, collector, callback_owner FROM calls ORDER BY id DESC"
    )


def test_log_attempt_ties_the_outcome_to_the_dialled_call(cli, store, now, capsys):
    request = DialRequest("C1", contact_id(store, "C1", "Mme Martin"), "sophie", now)
    attempt = place_call(store, TelDialer(), request, config=CONFIG, report=lambda *a: None)
    assert cli("log", "C1", "no_answer", "--attempt", attempt.id) == 0
    call_id, outcome, *_ = last_call(store)
    times = call_times(store, attempt.id)
    assert times.call_id == call_id and times.outcome_at == now and outcome == "no_answer"
    # an attempt is closed once, by its own collector on its own debtor
    assert cli("log", "C1", "no_answer", "--attempt", "f" * 32) == 2
    assert "f" * 32 in capsys.readouterr().err
    assert last_call(store)[0] == call_id


def test_log_attempt_on_a_closed_attempt_is_refused(cli, store, now, capsys):
    request = DialRequest("C1", contact_id(store, "C1", "Mme Martin"), "sophie", now)
    attempt = place_call(store, TelDialer(), request, config=CONFIG, report=lambda *a: None)
    assert cli("log", "C1", "no_answer", "--attempt", attempt.id) == 0
    call_id = last_call(store)[0]
    capsys.readouterr()
    assert cli("log", "C1", "busy", "--attempt", attempt.id) == 2
    assert f"call {attempt.id} already has its outcome (call #{call_id})" in capsys.readouterr().err
    assert cli("log", "C1", "busy", "--attempt", attempt.id, lang="fr") == 2
    assert f"L'appel {attempt.id} a déjà son résultat (appel n° {call_id})" in (
        capsys.readouterr().err
    )
    # nothing half written: no second call, the attempt still tied to the first
    assert last_call(store)[0] == call_id
    assert call_times(store, attempt.id).call_id == call_id


def test_log_callback_owner_me_or_anyone(cli, store, now, capsys):
    assert cli("log", "C1", "callback", "--callback-at", "+2h", "--callback-owner", "me") == 0
    assert last_call(store)[1:] == ("callback", "sophie", "sophie")
    assert cli("log", "C1", "callback", "--callback-at", "+3h") == 0  # settings: anyone
    assert last_call(store)[3] is None
    assert cli("log", "C1", "callback", "--callback-at", "+3h", "--callback-owner", "x") == 2
    assert "invalid choice" in capsys.readouterr().err


def test_the_settings_default_owner_and_the_override(store, now, cli):
    mine = config_from_dict({"queue": {"callback_owner": "me"}})
    later = now + timedelta(hours=2)
    for owner, expected in ((None, "alice"), ("anyone", None)):
        log_outcome(store, "C1", Outcome.CALLBACK, collector="alice", now=now,
                    callback_at=later, callback_owner=owner, config=mine)  # fmt: skip
        assert last_call(store)[3] == expected
    try:
        log_outcome(store, "C1", Outcome.CALLBACK, collector="alice", now=now,
                    callback_at=later, callback_owner="boss", config=mine)  # fmt: skip
    except OutcomeError as refused:
        assert refused.code == "callback_owner"
    else:
        raise AssertionError("an unknown owner was accepted")


def test_the_recording_of_a_call_is_shown_with_it(cli, store, now, capsys, monkeypatch, tmp_path):
    folder = tmp_path / "rec"
    folder.mkdir()
    settings = tmp_path / "settings.toml"
    settings.write_text(f'[dialer]\nrecordings = "{folder}/{{attempt}}.wav"\n', encoding="utf-8")
    monkeypatch.setenv("CALLCENTER_CONFIG", str(settings))
    request = DialRequest("C1", contact_id(store, "C1", "Mme Martin"), "sophie", now)
    attempt = place_call(store, TelDialer(), request, config=CONFIG, report=lambda *a: None)
    assert cli("log", "C1", "no_answer", "--attempt", attempt.id) == 0
    assert cli("log", "C1", "no_answer") == 0  # not dialled from here: no recording
    capsys.readouterr()
    assert cli("debtor", "C1", "--json") == 0
    assert [c["recording"] for c in json.loads(capsys.readouterr().out)["calls"]] == [None, None]
    (folder / f"{attempt.id}.wav").write_bytes(b"RIFF")  # the PBX left it
    assert cli("debtor", "C1", "--json") == 0
    recordings = [c["recording"] for c in json.loads(capsys.readouterr().out)["calls"]]
    assert recordings == [None, str(folder / f"{attempt.id}.wav")]
    assert cli("debtor", "C1") == 0
    assert "recording" in capsys.readouterr().out
    found = dossier(store, "C1", recordings=str(folder / "{attempt}.wav"))
    text = calls_and_promises(found, Locale("en", "dmy")).plain
    assert f"recording {folder / attempt.id}.wav" in text.replace("\n", "")


def test_stats_carries_the_agents_day(cli, store, now, capsys, login):
    with store.transaction():
        store.users.upsert_user(login("sophie"), "supervisor", "", now)
    set_state(store, "alice", AgentState.READY, now - timedelta(minutes=10), config=CONFIG)
    assert cli("stats", "--json") == 0
    (alice,) = json.loads(capsys.readouterr().out)["agents"]
    assert (alice["collector"], alice["worked_seconds"]) == ("alice", 600)
    assert cli("stats") == 0
    assert "Agents today" in capsys.readouterr().out

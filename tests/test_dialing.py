"""Placing calls: the rules before dialling, the attempt id, the times, the dialers."""

from __future__ import annotations

import sys
from datetime import timedelta

import pytest
from builtin_settings import SETTINGS
from sqlfile import raw_rows, raw_write

from callcenter.config import Config, ConfigError, DialerConfig, config_from_dict
from callcenter.dialers import make_dialer
from callcenter.dialers.command import CommandDialer
from callcenter.dialers.tel import TelDialer, tel_uri
from callcenter.domain.calling import AgentState, CallEvent
from callcenter.domain.models import Outcome
from callcenter.service.dialing import (
    DialRefused,
    DialRequest,
    call_times,
    place_call,
    record_event,
    recording_path,
    set_do_not_call,
)
from callcenter.service.outcomes import log_outcome
from tests.ledger_builders import add_debtor, contact_id, count, late

CONFIG = Config()


def nothing(*_args) -> None:
    """A report callback for dialers that report nothing."""


@pytest.fixture
def debtor(store, now):
    add_debtor(store, now, "C1", invoices=[late("F1", 30, 1000_00)], contacts=["Mme Martin"])
    return contact_id(store, "C1", "Mme Martin")


def dial(store, contact, when, dialer=None, config=CONFIG):
    request = DialRequest("C1", contact, "alice", when)
    return place_call(store, dialer or TelDialer(), request, config=config, report=nothing)


def test_an_attempt_gets_its_id_and_dialled_time_before_anything_else(store, now, debtor):
    attempt = dial(store, debtor, now)
    assert len(attempt.id) == 32 and attempt.number == "+33100000000"
    times = call_times(store, attempt.id)
    assert times.dialled_at == now and times.answered_at is None and times.call_id is None
    # Which attempt a state belongs to is kept on the row only (no port reads it back).
    states = raw_rows(store, "SELECT state, attempt_id FROM agent_states")
    assert states == [("dialling", attempt.id)]


def test_talk_and_wrap_up_times_come_from_the_events_and_the_outcome_key(store, now, debtor):
    attempt = dial(store, debtor, now)
    record_event(store, attempt.id, CallEvent.RINGING, now + timedelta(seconds=2))
    record_event(store, attempt.id, CallEvent.ANSWERED, now + timedelta(seconds=9))
    record_event(store, attempt.id, CallEvent.ENDED, now + timedelta(seconds=129), cause="bye")
    # a second "ended" (the user agent says it twice) changes nothing
    assert not record_event(store, attempt.id, CallEvent.ENDED, now + timedelta(seconds=140))
    done = now + timedelta(seconds=159)
    call_id = log_outcome(
        store,
        "C1",
        Outcome.NO_ANSWER,
        collector="alice",
        now=done,
        attempt_id=attempt.id,
        config=SETTINGS,
    )
    times = call_times(store, attempt.id)
    assert times.talk == timedelta(seconds=120) and times.wrap_up == timedelta(seconds=30)
    assert times.hangup_cause == "bye" and times.call_id == call_id
    changes = store.calling.states_between(now, done + timedelta(seconds=1))
    assert [(c.collector, c.state, c.at) for c in changes] == [
        ("alice", AgentState.DIALLING, now),
        ("alice", AgentState.ON_CALL, now + timedelta(seconds=9)),
        ("alice", AgentState.WRAP_UP, now + timedelta(seconds=129)),
        ("alice", AgentState.READY, done),
    ]


def test_an_outcome_key_during_the_call_ends_it_with_no_wrap_up(store, now, debtor):
    attempt = dial(store, debtor, now)
    later = now + timedelta(seconds=20)
    log_outcome(
        store,
        "C1",
        Outcome.NO_ANSWER,
        collector="alice",
        now=later,
        attempt_id=attempt.id,
        config=SETTINGS,
    )
    times = call_times(store, attempt.id)
    assert times.ended_at == later and times.hangup_cause == "outcome_key"
    assert times.talk == times.wrap_up == timedelta(0)


def test_the_log_stays_append_only(store, now, debtor):
    import sqlite3

    attempt = dial(store, debtor, now)
    for sql in ("UPDATE call_events SET at = ''", "DELETE FROM call_attempts",
                "UPDATE agent_states SET state = 'ready'"):  # fmt: skip
        with pytest.raises(sqlite3.IntegrityError, match="append-only"), store.transaction():
            raw_write(store, sql)
    assert call_times(store, attempt.id).dialled_at == now


def test_no_dialling_outside_the_debtors_calling_hours(store, now, debtor):
    evening = now.replace(hour=20)
    with pytest.raises(DialRefused) as refused:
        dial(store, debtor, evening)
    assert refused.value.code == "dial_hours" and "25/11 09:00" in str(refused.value)
    assert count(store, "call_attempts") == 0


def test_a_do_not_call_number_is_refused_with_who_and_why_until_lifted(store, now, debtor):
    set_do_not_call(
        store, number="01 00 00 00 00", by="sophie", now=now, reason="asked by phone", config=CONFIG
    )
    with pytest.raises(DialRefused) as refused:
        dial(store, debtor, now)
    assert refused.value.code == "dial_do_not_call"
    assert refused.value.in_lang("fr") == (
        "Ne pas appeler 01 00 00 00 00 : demandé par sophie (asked by phone)"
    )
    set_do_not_call(
        store, number="+33100000000", flagged=False, by="sophie", now=now, reason="", config=CONFIG
    )
    assert dial(store, debtor, now).number == "+33100000000"


def test_a_do_not_call_contact_is_refused_whatever_its_number(store, now, debtor):
    set_do_not_call(
        store, contact_id=debtor, by="alice", now=now, reason="lawyer only", config=CONFIG
    )
    with pytest.raises(DialRefused, match="lawyer only"):
        dial(store, debtor, now)


def test_the_daily_and_weekly_caps_per_number(store, now, debtor):
    config = config_from_dict({"dialer": {"per_number_day": 5, "per_number_week": 2}})
    dial(store, debtor, now - timedelta(days=1), config=config)
    dial(store, debtor, now, config=config)
    with pytest.raises(DialRefused) as refused:
        dial(store, debtor, now + timedelta(minutes=5), config=config)
    assert refused.value.code == "dial_cap_week"
    config = config_from_dict({"dialer": {"per_number_day": 1}})
    with pytest.raises(DialRefused) as refused:
        dial(store, debtor, now + timedelta(minutes=5), config=config)
    assert refused.value.code == "dial_cap_day" and "(cap 1)" in str(refused.value)


def test_a_number_kept_as_typed_is_never_dialled(store, now):
    from callcenter.domain.models import Contact

    add_debtor(store, now, "C1", contacts=[Contact("C1", "Accueil", phone="voir standard")])
    with pytest.raises(DialRefused) as refused:
        dial(store, contact_id(store, "C1", "Accueil"), now)
    assert refused.value.code == "dial_no_number"


def test_the_command_dialer_runs_the_template_without_a_shell(store, now, debtor, tmp_path):
    out = tmp_path / "dialled.txt"
    script = f"import sys; open({str(out)!r}, 'w').write(repr(sys.argv[1:]))"
    template = f"{sys.executable} -c \"{script}\" 'tel:{{e164}}' '; rm -rf x'"
    attempt = dial(store, debtor, now, dialer=CommandDialer(template))
    assert out.read_text() == "['tel:+33100000000', '; rm -rf x']"
    assert call_times(store, attempt.id).ended_at is None


def test_a_failing_command_is_a_refusal_and_the_attempt_ends(store, now, debtor):
    dialer = CommandDialer(f"{sys.executable} -c 'import sys; sys.exit(3)' {{e164}}")
    with pytest.raises(DialRefused) as refused:
        dial(store, debtor, now, dialer=dialer)
    assert refused.value.code == "dial_failed" and "exited with 3" in str(refused.value)
    [(collector, times)] = store.calling.times_between(now, now + timedelta(seconds=1))
    assert (collector, times.hangup_cause) == ("alice", "dialer_failed")
    assert call_times(store, times.attempt_id) == times


def test_the_command_dialer_refuses_what_is_not_e164():
    from callcenter.dialers.base import DialerError

    with pytest.raises(DialerError):
        CommandDialer("echo {e164}").argv("+33 1; reboot")
    assert tel_uri("+33100000000") == "tel:+33100000000"
    with pytest.raises(ValueError):
        tel_uri("0100000000")


def test_the_settings_choose_the_dialer_and_check_it():
    assert make_dialer(DialerConfig()).kind == "tel"
    assert make_dialer(DialerConfig(kind="command", command="xdg-open tel:{e164}")).kind == (
        "command"
    )
    with pytest.raises(ConfigError, match="dialer.kind"):
        config_from_dict({"dialer": {"kind": "pigeon"}})
    with pytest.raises(ConfigError, match="must name a program and"):
        config_from_dict({"dialer": {"kind": "command", "command": "linphonecsh dial"}})
    with pytest.raises(ConfigError, match="pause_reasons"):
        config_from_dict({"agent": {"pause_reasons": ["Lunch Break"]}})


def test_recordings_are_found_by_attempt_id(tmp_path):
    (tmp_path / "abc.wav").write_bytes(b"RIFF")
    pattern = str(tmp_path / "{attempt}.wav")
    assert recording_path(pattern, "abc") == tmp_path / "abc.wav"
    assert recording_path(pattern, "other") is None and recording_path("", "abc") is None

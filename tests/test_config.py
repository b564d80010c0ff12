"""Settings: built-in defaults, the documented reference file, and clear refusals."""

from __future__ import annotations

import tomllib
from datetime import time

import pytest

from callcenter.config import DEFAULTS_FILE, Config, ConfigError, config_from_dict, load_config


def test_the_reference_file_documents_exactly_the_defaults():
    with open(DEFAULTS_FILE, "rb") as handle:
        data = tomllib.load(handle)
    assert config_from_dict(data, str(DEFAULTS_FILE)) == Config()


def test_no_file_means_defaults(monkeypatch, tmp_path):
    monkeypatch.delenv("CALLCENTER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    config = load_config()
    assert config == Config()
    assert config.queue.daily_attempt_cap == 3
    assert config.queue.promise_grace_days == 2
    assert config.queue.claim_lease_minutes == 5
    assert config.hours.windows[0] == (time(9, 0), time(12, 30))


def test_a_file_overrides_only_what_it_names(tmp_path, monkeypatch):
    path = tmp_path / "c.toml"
    path.write_text(
        'region = "FR-57"\n'
        "[hours]\n"
        'windows = ["08:30-12:00"]\n'
        "[queue]\n"
        "daily_attempt_cap = 5\n"
        "[queue.weights]\n"
        "amount = 10\n"
        "[queue.segments]\n"
        "vip = 500\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.region == "FR-57"
    assert config.hours.windows == ((time(8, 30), time(12, 0)),)
    assert config.hours.enforce is True
    assert config.queue.daily_attempt_cap == 5
    assert config.queue.promise_grace_days == 2
    assert config.queue.weights.amount == 10
    assert config.queue.weights.age == 40
    assert config.queue.segments == {"vip": 500}
    monkeypatch.setenv("CALLCENTER_CONFIG", str(path))
    assert load_config().queue.daily_attempt_cap == 5


def test_the_user_config_dir_is_searched(tmp_path, monkeypatch):
    monkeypatch.delenv("CALLCENTER_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "callcenter").mkdir()
    (tmp_path / "callcenter" / "config.toml").write_text("[queue]\nskip_delay_minutes = 7\n")
    assert load_config().queue.skip_delay_minutes == 7


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[queue]\ndaily_atempt_cap = 3\n", r"unknown key 'queue.daily_atempt_cap'"),
        ("[queue]\ndaily_attempt_cap = 'three'\n", r"queue.daily_attempt_cap must be a whole"),
        ("[queue]\ndaily_attempt_cap = 0\n", "from 1 to 50"),
        ("[queue]\nretry_delays_minutes = []\n", "non-empty list"),
        ("[queue.weights]\namount = 1.5\n", "queue.weights.amount must be a whole number"),
        ("[hours]\nwindows = ['9-12']\n", "HH:MM-HH:MM"),
        ("[hours]\nwindows = ['14:00-12:00']\n", "end after they start"),
        ("[hours]\nwindows = ['09:00-12:00', '11:00-13:00']\n", "do not overlap"),
        ("[hours]\nweekdays = [0]\n", "ISO weekday"),
        ("[hours]\nenforce = 1\n", "true or false"),
        ("hours = 3\n", "hours must be a table"),
        ("region = 'XX'\n", "not a known holidays region"),
        ("timezone = 'Mars/Olympus'\n", "not a known timezone"),
        ("[queue\n", "not valid TOML"),
        ("[queue]\ncallback_owner = 'boss'\n", "callback_owner must be me or anyone, not 'boss'"),
    ],
)
def test_mistakes_name_the_file_and_the_key(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert str(path) in str(info.value)


def test_an_explicit_missing_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="no such settings file"):
        load_config(tmp_path / "missing.toml")


def test_legal_rates_and_hint_threshold_come_from_the_settings(tmp_path):
    from datetime import date

    from callcenter.config import ConfigError, load_config

    path = tmp_path / "settings.toml"
    path.write_text(
        '[legal]\necb_rate_bp = 240\nrates_since = "2026-01-01"\n'
        "contractual_rate_bp = 1500\n[hints]\nlarge_amount_euros = 5000\n"
    )
    config = load_config(path)
    rates = config.legal_rates()
    assert (rates.ecb_bp, rates.since, rates.contractual_bp) == (240, date(2026, 1, 1), 1500)
    assert rates.penalty_bp == 1500  # an agreed rate above the floor (3 x 3.16 %) wins
    assert config.hints.large_amount_euros == 5000
    path.write_text('[legal]\nrates_since = "soon"\n')
    with pytest.raises(ConfigError, match="legal.rates_since"):
        load_config(path)


def test_a_scenario_step_the_settings_got_wrong_is_refused_with_its_place():
    data = {
        "funnel": {
            "scenarios": [
                {
                    "name": "mine",
                    "steps": [
                        {"key": "email_1", "days": 1, "channel": "email", "template": "reminder_1"},
                        {"key": "fax", "days": 3, "channel": "fax"},
                    ],
                }
            ]
        }
    }
    with pytest.raises(ConfigError) as caught:
        config_from_dict(data, "c.toml")
    assert str(caught.value).startswith("c.toml: funnel.scenarios[1].steps[2]: channel must be")
    data["funnel"]["scenarios"][0]["steps"][1] = {"key": "letter", "days": 5, "channel": "letter"}
    with pytest.raises(ConfigError, match="needs a template"):
        config_from_dict(data, "c.toml")
    data["funnel"]["scenarios"][0]["steps"].pop()
    config = config_from_dict(data, "c.toml")
    assert [s.key for s in config.funnel.scenarios[0].steps] == ["email_1"]


def test_the_database_comes_from_db_then_the_environment_then_the_setting(
    tmp_path, monkeypatch, login
):
    from callcenter.cli import main

    login("sam")
    setting, env, option = (tmp_path / n for n in ("setting.db", "env.db", "option.db"))
    config = tmp_path / "c.toml"
    config.write_text(f'[database]\nurl = "sqlite://{setting}"\n', encoding="utf-8")
    monkeypatch.delenv("CALLCENTER_DB", raising=False)
    add = ["--config", str(config), "--lang", "en", "user", "add", "sam", "--role", "supervisor"]
    assert main(add) == 0
    assert setting.exists() and not env.exists()
    monkeypatch.setenv("CALLCENTER_DB", str(env))
    assert main(add) == 0
    assert env.exists() and not option.exists()
    assert main(["--db", str(option), *add]) == 0
    assert option.exists()

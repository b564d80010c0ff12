"""Reading a settings file into :class:`~callcenter.domain.settings.Config`.

Defaults are built in (``default_config.toml`` documents each key and must
agree with them, a test checks it), so callcenter runs with no file at all.
A settings file only overrides what it names; an unknown key or a value of
the wrong type is an error naming the file and the key, because a typo that
silently keeps a default is worse than a refusal.
"""

from __future__ import annotations

import os
import re
from dataclasses import fields, replace
from datetime import date, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from callcenter.domain.dates import DEFAULT_REGION, UnknownRegion, holidays_for
from callcenter.domain.scenarios import CHANNELS, Scenario, Step
from callcenter.domain.settings import (
    CALLBACK_OWNERS,
    Config,
    DialerConfig,
    FunnelConfig,
    SmtpConfig,
)
from callcenter.i18n import CodedError, Message


class ConfigError(CodedError, ValueError):
    """A settings file that cannot be used, naming the file and the key (``config.*``)."""


DEFAULTS_FILE = Path(__file__).with_name("default_config.toml")
_REASON_CODE = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
_WINDOW = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


def config_search_path(explicit: str | os.PathLike | None = None) -> Path | None:
    """The file to read: explicit path, ``$CALLCENTER_CONFIG``, the user's config dir, or none."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("CALLCENTER_CONFIG")
    if env:
        return Path(env)
    import platformdirs  # the OS's convention: XDG on Linux, Library/ on macOS

    candidate = platformdirs.user_config_path("callcenter", appauthor=False) / "config.toml"
    return candidate if candidate.is_file() else None


def load_config(path: str | os.PathLike | None = None) -> Config:
    """Read the settings (see :func:`config_search_path`) merged over the defaults.

    An explicitly named file (argument or ``$CALLCENTER_CONFIG``) must exist.
    """
    chosen = config_search_path(path)
    if chosen is None:
        return Config()
    import tomllib  # here: with no settings file (most workstations) the start does without it

    try:
        with open(chosen, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError as exc:
        raise ConfigError("config.missing", file=chosen) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("config.not_toml", file=chosen, error=str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError("config.not_utf8", file=chosen, byte=exc.start) from exc
    except IsADirectoryError as exc:
        raise ConfigError("config.is_folder", file=chosen) from exc
    except OSError as exc:
        raise ConfigError("config.unreadable", file=chosen, error=exc.strerror) from exc
    return config_from_dict(data, source=str(chosen))


def config_from_dict(data: dict[str, Any], source: str = "<settings>") -> Config:
    """Build a Config from parsed TOML, checking every key and type."""
    config = _merge(Config(), data, source, "")
    _validate(config, source)
    return config


def _merge(base: Any, data: dict[str, Any], source: str, prefix: str) -> Any:
    known = {f.name: f for f in fields(base)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if key not in known:
            raise ConfigError(
                "config.unknown_key", file=source, key=dotted, known=", ".join(sorted(known))
            )
        current = getattr(base, key)
        changes[key] = _convert(current, value, source, dotted)
    return replace(base, **changes)


def _convert(current: Any, value: Any, source: str, key: str) -> Any:
    """Check ``value`` against the type of the default it replaces, and convert it."""

    def wrong(expected: str, **params: object) -> ConfigError:
        """``expected`` names what the key takes: ``config.expect.*``."""
        what = Message(f"config.expect.{expected}", params)
        return ConfigError("config.wrong", file=source, key=key, expected=what, value=repr(value))

    if hasattr(current, "__dataclass_fields__"):
        if not isinstance(value, dict):
            raise wrong("table")
        return _merge(current, value, source, key + ".")
    if isinstance(current, bool):
        if not isinstance(value, bool):
            raise wrong("bool")
        return value
    if isinstance(current, int):
        low, high = _bounds(key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise wrong("whole", low=low, high=high)
        return value
    if isinstance(current, str):
        if not isinstance(value, str):
            raise wrong("text")
        return value
    if key.endswith("segments"):
        low, high = -MAX_POINTS, MAX_POINTS
        if not isinstance(value, dict) or not all(
            isinstance(v, int) and not isinstance(v, bool) and low <= v <= high
            for v in value.values()
        ):
            raise wrong("segments", low=low, high=high)
        return dict(value)
    if key == "funnel.scenarios":
        return _scenarios(value, wrong, source)
    if key.endswith("windows"):
        return _windows(value, wrong)
    if key.endswith("weekdays"):
        if not isinstance(value, list) or not all(
            isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 7 for v in value
        ):
            raise wrong("weekdays")
        return frozenset(value)
    if key.endswith("pause_reasons"):
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and _REASON_CODE.match(v) for v in value)
        ):
            raise wrong("codes")
        return tuple(value)
    if isinstance(current, tuple):
        low, high = _bounds(key)
        if (
            not isinstance(value, list)
            or not value
            or not all(
                isinstance(v, int) and not isinstance(v, bool) and low <= v <= high for v in value
            )
        ):
            raise wrong("whole_list", low=low, high=high)
        return tuple(value)
    raise wrong("other")  # pragma: no cover - every default type is handled above


#: Score points per factor or segment stay within this (default_config.toml says so).
MAX_POINTS = 100_000
#: The documented range of each number (default_config.toml); beyond it a value is a
#: typo, and a huge one would overflow the date arithmetic it feeds.
_INT_BOUNDS: dict[str, tuple[int, int]] = {
    "queue.retry_delays_minutes": (1, 10_080),
    "queue.daily_attempt_cap": (1, 50),
    "queue.promise_grace_days": (0, 60),
    "queue.claim_lease_minutes": (1, 1_440),
    "queue.skip_delay_minutes": (0, 10_080),
    "queue.refused_delay_days": (0, 365),
    "queue.already_paid_check_days": (0, 365),
    "queue.contacted_rest_days": (0, 365),
    "queue.dunning_step_cap": (0, 9),
    "queue.broken_promise_memory_days": (0, 3_650),
    "legal.ecb_rate_bp": (0, 10_000),
    "legal.legal_rate_bp": (0, 10_000),
    "legal.contractual_rate_bp": (0, 10_000),
    "hints.large_amount_euros": (0, 1_000_000_000),
    "dialer.sip_port": (1, 65_535),
    "dialer.per_number_day": (1, 50),
    "dialer.per_number_week": (1, 350),
    "agent.max_wrap_up_seconds": (1, 3_600),
    "agent.max_pause_minutes": (1, 480),
    "smtp.port": (1, 65_535),
    "smtp.timeout": (1, 600),
}


def _bounds(key: str) -> tuple[int, int]:
    if key.startswith("queue.weights."):
        return 0, MAX_POINTS
    return _INT_BOUNDS[key]


_STEP_KEYS = {"key", "days", "channel", "template", "approval"}
_SCENARIO_KEYS = {"name", "segments", "min_euros", "max_euros", "risk", "steps"}
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


def _scenarios(value: Any, wrong, source: str) -> tuple[Scenario, ...]:
    """``[[funnel.scenarios]]`` tables, each with its ``steps`` (README, "Reminders")."""
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise wrong("scenarios")
    built = []
    for number, table in enumerate(value, 1):
        where = f"funnel.scenarios[{number}]"
        unknown = set(table) - _SCENARIO_KEYS
        if unknown:
            raise _scenario_error(source, where, "unknown", key=sorted(unknown)[0])
        name = table.get("name")
        if not isinstance(name, str) or not _CODE.match(name):
            raise _scenario_error(source, where, "name")
        segments = table.get("segments", [])
        if not isinstance(segments, list) or not all(isinstance(v, str) for v in segments):
            raise _scenario_error(source, where, "segments")
        bounds = []
        for key in ("min_euros", "max_euros"):
            amount = table.get(key, 0)
            if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
                raise _scenario_error(source, where, "euros", key=key)
            bounds.append(amount)
        risk = table.get("risk", "")
        if not isinstance(risk, str):
            raise _scenario_error(source, where, "risk")
        steps = _steps(table.get("steps"), where, source)
        built.append(Scenario(name, steps, tuple(segments), bounds[0], bounds[1], risk))
    return tuple(built)


def _scenario_error(source: str, where: str, problem: str, **params: object) -> ConfigError:
    """A scenario or step the settings got wrong: ``config.scenario.*`` says what."""
    what = Message(f"config.scenario.{problem}", params)
    return ConfigError("config.scenario", file=source, place=where, problem=what)


def _steps(value: Any, where: str, source: str) -> tuple[Step, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, dict) for v in value):
        raise _scenario_error(source, where, "steps")
    steps: list[Step] = []
    for number, table in enumerate(value, 1):
        here = f"{where}.steps[{number}]"
        unknown = set(table) - _STEP_KEYS
        if unknown:
            raise _scenario_error(source, here, "unknown", key=sorted(unknown)[0])
        key, days, channel = table.get("key"), table.get("days"), table.get("channel")
        template, approval = table.get("template", ""), table.get("approval", False)
        if not isinstance(key, str) or not _CODE.match(key):
            raise _scenario_error(source, here, "key")
        if any(s.key == key for s in steps):
            raise _scenario_error(source, here, "twice", key=key)
        if isinstance(days, bool) or not isinstance(days, int) or not -60 <= days <= 3650:
            raise _scenario_error(source, here, "days")
        if steps and days < steps[-1].offset_days:
            raise _scenario_error(source, here, "order")
        if channel not in CHANNELS:
            raise _scenario_error(source, here, "channel", channels=", ".join(CHANNELS))
        if not isinstance(template, str) or (template and not _CODE.match(template)):
            raise _scenario_error(source, here, "template")
        if channel in ("email", "letter", "formal_notice") and not template:
            raise _scenario_error(source, here, "needs_template", channel=channel)
        if not isinstance(approval, bool):
            raise _scenario_error(source, here, "approval")
        steps.append(Step(key, days, channel, template, approval))
    return tuple(steps)


def _windows(value: Any, wrong) -> tuple[tuple[time, time], ...]:
    if not isinstance(value, list) or not value:
        raise wrong("windows")
    windows = []
    for item in value:
        match = _WINDOW.match(item) if isinstance(item, str) else None
        if not match:
            raise wrong("window_text")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        try:
            start, end = time(h1, m1), time(h2, m2)
        except ValueError as exc:
            raise wrong("window_times") from exc
        if start >= end:
            raise wrong("window_order")
        windows.append((start, end))
    windows.sort()
    for (_, end), (start, _) in zip(windows, windows[1:], strict=False):
        if start < end:
            raise wrong("window_overlap")
    return tuple(windows)


def _validate(config: Config, source: str) -> None:
    try:
        ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError("config.timezone", file=source, zone=repr(config.timezone)) from exc
    try:  # the default is known: asking the package would load its 280 countries at start
        if config.region != DEFAULT_REGION:
            holidays_for(config.region, 2026)
    except UnknownRegion as exc:
        raise ConfigError("config.region", file=source, region=repr(config.region)) from exc
    try:
        date.fromisoformat(config.legal.rates_since)
    except ValueError as exc:
        raise ConfigError("config.rates_since", file=source) from exc
    if not config.hours.weekdays:
        raise ConfigError("config.no_weekday", file=source)
    if config.queue.callback_owner not in CALLBACK_OWNERS:
        raise ConfigError(
            "config.callback_owner", file=source, owner=repr(config.queue.callback_owner)
        )
    _validate_dialer(config.dialer, source)
    _validate_funnel(config.funnel, config.smtp, source)


def _validate_funnel(funnel: FunnelConfig, smtp: SmtpConfig, source: str) -> None:
    if funnel.language not in ("fr", "en"):
        raise ConfigError("config.funnel_language", file=source, value=repr(funnel.language))
    if not funnel.weekdays:
        raise ConfigError("config.funnel_weekdays", file=source)
    if smtp.security not in ("starttls", "ssl", "none"):
        raise ConfigError("config.smtp_security", file=source, value=repr(smtp.security))


def _validate_dialer(dialer: DialerConfig, source: str) -> None:
    import shlex

    if dialer.kind not in ("tel", "command", "sip"):
        raise ConfigError("config.dialer_kind", file=source, kind=repr(dialer.kind))
    if dialer.kind == "command":
        try:
            words = shlex.split(dialer.command)
        except ValueError as exc:
            raise ConfigError("config.dialer_command", file=source, error=str(exc)) from exc
        if not words or not any("{e164}" in word for word in words):
            raise ConfigError("config.dialer_program", file=source)
    if "{e164}" not in dialer.sip_target:
        raise ConfigError("config.sip_target", file=source)
    if dialer.recordings and "{attempt}" not in dialer.recordings:
        raise ConfigError("config.recordings", file=source)

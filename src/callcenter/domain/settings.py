"""The settings: score weights, retry delays, calling hours, holidays region.

A plain value built once by the program's wiring (``cli/wiring.py``) and
handed to every service function explicitly, so the workstation, the
dashboard and each command compute with the same numbers. Reading and
checking a settings file is :mod:`callcenter.config`'s job, above the domain.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date, time
from zoneinfo import ZoneInfo

from callcenter.domain.legal import Rates
from callcenter.domain.record import record
from callcenter.domain.scenarios import Scenario, default_scenarios


@record(slots=False)
class Hours:
    """When debtors may be called, in their own local time."""

    windows: tuple[tuple[time, time], ...] = (
        (time(9, 0), time(12, 30)),
        (time(14, 0), time(18, 30)),
    )
    weekdays: frozenset[int] = frozenset({1, 2, 3, 4, 5})  # ISO: 1 = Monday
    enforce: bool = True


@record(slots=False)
class Weights:
    """Points per score factor (see default_config.toml for each meaning)."""

    amount: int = 100
    age: int = 40
    broken_promise: int = 1000
    callback_due: int = 800
    promise_today: int = 150
    silence: int = 30
    never_contacted: int = 60
    attempts_today: int = 80
    dunning_step: int = 25
    written_unanswered: int = 40


#: Who a callback is for: only the collector who set it, or anyone allowed to work the debtor.
CALLBACK_OWNERS = ("me", "anyone")


@record(slots=False)
class QueueConfig:
    """Delays and limits that decide when a debtor comes back into the queue."""

    retry_delays_minutes: tuple[int, ...] = (120, 240)
    daily_attempt_cap: int = 3
    promise_grace_days: int = 2
    claim_lease_minutes: int = 5
    skip_delay_minutes: int = 60
    refused_delay_days: int = 2
    already_paid_check_days: int = 5
    contacted_rest_days: int = 1
    dunning_step_cap: int = 6
    formal_steps_by_supervisor: bool = True
    broken_promise_memory_days: int = 180
    #: Who a callback is offered to by default: "anyone" allowed to work the debtor, or
    #: "me" (only the collector who asked for it); each callback may say otherwise.
    callback_owner: str = "anyone"
    weights: Weights = field(default_factory=Weights)
    segments: dict[str, int] = field(
        default_factory=lambda: {
            "key_account": 150,
            "grand_compte": 150,
            "public": 50,
            "standard": 0,
        }
    )


@record(slots=False)
class Legal:
    """Reference rates for statutory late penalties; they change every half-year."""

    ecb_rate_bp: int = 215  # ECB main refinancing rate, basis points (2.15 %)
    legal_rate_bp: int = 316  # legal interest rate between professionals (3.16 %)
    rates_since: str = "2025-07-01"
    contractual_rate_bp: int = 0  # 0: the terms of sale name no rate


@record(slots=False)
class HintsConfig:
    """Thresholds the negotiation hints use."""

    large_amount_euros: int = 10_000


@record(slots=False)
class DialerConfig:
    """How the workstation dials, and the rules no dialler may break (README, "Dialling")."""

    #: "tel" (a tel: link the terminal hands to a softphone), "command" or "sip".
    kind: str = "tel"
    #: For "command": the program and its arguments, ``{e164}`` replaced by the number;
    #: split like a shell would but run without one.
    command: str = ""
    #: For "sip": baresip's ctrl_tcp control interface.
    sip_host: str = "127.0.0.1"
    sip_port: int = 4444
    #: What baresip dials: ``{e164}`` alone lets it complete the URI with its account's domain.
    sip_target: str = "{e164}"
    #: Calls to one number per calendar day (home timezone) and per rolling 7 days.
    per_number_day: int = 3
    per_number_week: int = 10
    #: Where the PBX leaves recordings: ``{attempt}`` is the call attempt's id; "" for none.
    recordings: str = ""


@record(slots=False)
class AgentConfig:
    """A collector's states: pause reasons offered, and how long wrap-up and pauses may last."""

    pause_reasons: tuple[str, ...] = ("lunch", "break", "training", "admin", "meeting")
    max_wrap_up_seconds: int = 120
    max_pause_minutes: int = 60


@record(slots=False)
class FunnelConfig:
    """The written funnel (README, "Reminders"): scenarios, when to send, what to sign."""

    scenarios: tuple[Scenario, ...] = field(default_factory=default_scenarios)
    #: When ``callcenter remind`` sends, home time: ISO weekdays and "HH:MM-HH:MM" windows.
    weekdays: frozenset[int] = frozenset({1, 2, 3, 4, 5})
    windows: tuple[tuple[time, time], ...] = ((time(9, 0), time(17, 0)),)
    #: A folder of templates overriding the shipped ones ("" : the shipped ones only).
    templates: str = ""
    #: A folder of invoice copies, a file per invoice named after its number ("" : none).
    invoice_copies: str = ""
    #: Where e-mails go as .eml files when no SMTP host is set, and where letters go as PDF.
    outbox: str = ""
    print_folder: str = ""
    #: The creditor as the letters name it, its From address, payment details, signature.
    creditor: str = ""
    sender: str = ""
    payment_details: str = ""
    signature: str = ""
    #: Language of the messages ("fr" or "en").
    language: str = "fr"
    #: true: a debtor the funnel wrote to waits for its scenario's call step before the
    #: phone queue; one it cannot write to (no address, no written step) is called at once.
    calls_wait_for_scenario: bool = True


@record(slots=False)
class SmtpConfig:
    """The mail server; the password comes from the environment variable named here."""

    host: str = ""
    port: int = 587
    #: "starttls", "ssl" or "none" (loopback test servers only).
    security: str = "starttls"
    user: str = ""
    password_env: str = "CALLCENTER_SMTP_PASSWORD"
    #: Seconds to wait for the server.
    timeout: int = 30


@record(slots=False)
class DatabaseConfig:
    """Which database a team works in, when neither ``--db`` nor ``$CALLCENTER_DB`` says."""

    #: A path, ``sqlite:///path`` or ``postgresql://...``; empty: the default SQLite file.
    url: str = ""


@record(slots=False)
class Config:
    """Everything a settings file may say, with the built-in defaults."""

    region: str = "FR"
    timezone: str = "Europe/Paris"
    hours: Hours = field(default_factory=Hours)
    queue: QueueConfig = field(default_factory=QueueConfig)
    legal: Legal = field(default_factory=Legal)
    hints: HintsConfig = field(default_factory=HintsConfig)
    dialer: DialerConfig = field(default_factory=DialerConfig)
    agent: AgentConfig = field(default_factory=AgentConfig)
    funnel: FunnelConfig = field(default_factory=FunnelConfig)
    smtp: SmtpConfig = field(default_factory=SmtpConfig)
    database: DatabaseConfig = field(default_factory=DatabaseConfig)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def legal_rates(self) -> Rates:
        """The statutory-penalty rates these settings name."""
        legal = self.legal
        return Rates(
            ecb_bp=legal.ecb_rate_bp,
            legal_bp=legal.legal_rate_bp,
            since=date.fromisoformat(legal.rates_since),
            contractual_bp=legal.contractual_rate_bp or None,
        )

"""The ways the workstation dials, one class each, chosen by ``[dialer] kind``."""

from __future__ import annotations

from callcenter.config import DialerConfig
from callcenter.dialers.base import Attempt, Dialer, DialerError, Report

__all__ = ["Attempt", "Dialer", "DialerError", "Report", "make_dialer"]


def make_dialer(settings: DialerConfig) -> Dialer:
    """The dialer the settings name (checked when the settings were read)."""
    if settings.kind == "command":
        from callcenter.dialers.command import CommandDialer

        return CommandDialer(settings.command)
    if settings.kind == "sip":
        from callcenter.dialers.baresip import BaresipDialer

        return BaresipDialer(settings.sip_host, settings.sip_port, settings.sip_target)
    from callcenter.dialers.tel import TelDialer

    return TelDialer()

"""A real SMTP server on loopback (aiosmtpd) that keeps what it accepts: the funnel's tests."""

from __future__ import annotations

import socket
from email import message_from_bytes, policy

import pytest


class Inbox:
    """Collects every message the server accepted; refuses addresses at refused.example."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.endswith("@refused.example"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


@pytest.fixture
def smtp():
    """``(inbox, port)``: the server runs in its own thread on 127.0.0.1 for one test."""
    controller_module = pytest.importorskip("aiosmtpd.controller", reason="aiosmtpd not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = controller_module.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()

"""``command``: a program of the collector's workstation places the call.

Suited to a local workstation (the program runs where callcenter runs, not
on the collector's laptop when callcenter runs over SSH): ``linphonecsh dial
{e164}``, ``xdg-open tel:{e164}``. The template is split once like a shell
would, then run without one: the number (validated E.164, digits and ``+``)
replaces ``{e164}`` inside the words, so nothing in it can become a second
command.
"""

from __future__ import annotations

import shlex
import subprocess

from callcenter.dialers.base import Attempt, DialerError, Report

#: How long the program may take to hand the call over (it should return at once).
TIMEOUT_S = 10.0


class CommandDialer:
    kind = "command"
    links = False
    reports = False

    def __init__(self, template: str) -> None:
        self.words = shlex.split(template)
        if not self.words or not any("{e164}" in word for word in self.words):
            raise ValueError("the dialer command must name a program and {e164}")

    def argv(self, e164: str) -> list[str]:
        if not (e164.startswith("+") and e164[1:].isdigit() and 8 <= len(e164) <= 16):
            raise DialerError(f"not an E.164 number: {e164!r}")
        return [word.replace("{e164}", e164) for word in self.words]

    def dial(self, attempt: Attempt, report: Report) -> None:
        argv = self.argv(attempt.number)
        try:
            done = subprocess.run(
                argv,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DialerError(f"{argv[0]}: {exc}") from exc
        if done.returncode != 0:
            said = done.stderr.decode(errors="replace").strip().splitlines()[-1:] or [""]
            raise DialerError(f"{argv[0]} exited with {done.returncode} {said[0]}".strip())

    def hang_up(self, attempt: Attempt) -> None:
        """The program's phone is the collector's; hanging up is done there."""

    def close(self) -> None:
        pass

"""``sip``: baresip places the call and tells us what happens, through ``ctrl_tcp``.

baresip's ``ctrl_tcp`` module takes commands and sends events as JSON in
netstrings (``<length>:<json>,``) on one TCP connection: ``{"command":
"dial", "params": "sip:…", "token": …}`` is answered by ``{"response": true,
"ok": …, "token": …}``; the call's life comes as ``{"event": true, "class":
"call", "type": "CALL_RINGING" | "CALL_ESTABLISHED" | "CALL_CLOSED", "param":
…}``, ``param`` of ``CALL_CLOSED`` being the hang-up cause. The workstation
dials one call at a time, so every call event belongs to the attempt being
dialled. baresip runs next to the collector (its ``menu`` and ``ctrl_tcp``
modules loaded, ``ctrl_tcp_listen`` where ``[dialer] sip_host``/``sip_port``
say); the README shows a configuration.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from callcenter.dialers.base import Attempt, DialerError, Report
from callcenter.domain.calling import CallEvent

#: baresip's call events and what they mean for an attempt.
EVENTS = {
    "CALL_RINGING": CallEvent.RINGING,
    "CALL_PROGRESS": CallEvent.RINGING,
    "CALL_ESTABLISHED": CallEvent.ANSWERED,
    "CALL_CLOSED": CallEvent.ENDED,
}
#: Seconds to connect to baresip and to get the answer to a command.
TIMEOUT_S = 5.0
#: A netstring longer than this is not baresip talking.
MAX_MESSAGE = 1 << 20


def netstring(payload: dict) -> bytes:
    data = json.dumps(payload).encode()
    return str(len(data)).encode() + b":" + data + b","


def read_netstrings(buffer: bytearray) -> list[dict]:
    """Take every complete netstring off the front of ``buffer``; bad JSON is skipped."""
    found = []
    while True:
        colon = buffer.find(b":")
        if colon < 0:
            return found
        length_text = bytes(buffer[:colon])
        if not length_text.isdigit() or int(length_text) > MAX_MESSAGE:
            raise ValueError("not a netstring from baresip")
        end = colon + 1 + int(length_text)
        if len(buffer) < end + 1:
            return found
        body = bytes(buffer[colon + 1 : end])
        del buffer[: end + 1]
        try:
            found.append(json.loads(body))
        except ValueError:
            continue


class BaresipDialer:
    kind = "sip"
    links = False
    reports = True

    def __init__(
        self,
        host: str,
        port: int,
        target: str = "{e164}",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.host, self.port, self.target = host, port, target
        self.clock = clock or (lambda: datetime.now(UTC))
        self._sock: socket.socket | None = None
        self._lock = threading.Lock()
        self._current: tuple[Attempt, Report] | None = None
        self._answers: dict[str, dict] = {}
        self._answered = threading.Condition()
        self._tokens = 0

    # -- the Dialer interface -----------------------------------------------------------
    def dial(self, attempt: Attempt, report: Report) -> None:
        if not (attempt.number.startswith("+") and attempt.number[1:].isdigit()):
            raise DialerError(f"not an E.164 number: {attempt.number!r}")
        with self._lock:
            self._current = (attempt, report)
        answer = self._command("dial", self.target.replace("{e164}", attempt.number))
        if not answer.get("ok"):
            with self._lock:
                self._current = None
            raise DialerError(f"baresip: {str(answer.get('data', '')).strip() or 'refused'}")

    def hang_up(self, attempt: Attempt) -> None:
        with self._lock:
            current = self._current
        if current is not None and current[0].id == attempt.id:
            self._command("hangup", "")

    def close(self) -> None:
        with self._lock:
            sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    # -- talking to baresip ------------------------------------------------------------
    def _command(self, command: str, params: str) -> dict:
        sock = self._connected()
        with self._answered:
            self._tokens += 1
            token = f"callcenter-{self._tokens}"
        try:
            sock.sendall(netstring({"command": command, "params": params, "token": token}))
        except OSError as exc:
            self.close()
            raise DialerError(f"baresip at {self.host}:{self.port}: {exc}") from exc
        with self._answered:
            if not self._answered.wait_for(lambda: token in self._answers, TIMEOUT_S):
                raise DialerError(f"baresip at {self.host}:{self.port} did not answer")
            return self._answers.pop(token)

    def _connected(self) -> socket.socket:
        with self._lock:
            if self._sock is not None:
                return self._sock
            try:
                sock = socket.create_connection((self.host, self.port), timeout=TIMEOUT_S)
            except OSError as exc:
                raise DialerError(
                    f"baresip is not listening at {self.host}:{self.port} ({exc.strerror or exc})"
                ) from exc
            sock.settimeout(None)
            self._sock = sock
        threading.Thread(target=self._read, args=(sock,), daemon=True, name="baresip").start()
        return sock

    def _read(self, sock: socket.socket) -> None:
        """baresip's side of the connection, until it closes: answers and call events."""
        buffer = bytearray()
        while True:
            try:
                data = sock.recv(65536)
            except OSError:
                return
            if not data:
                return
            buffer += data
            try:
                messages = read_netstrings(buffer)
            except ValueError:
                return
            for message in messages:
                self._handle(message)

    def _handle(self, message: dict) -> None:
        if message.get("response"):
            with self._answered:
                self._answers[str(message.get("token"))] = message
                self._answered.notify_all()
            return
        event = EVENTS.get(str(message.get("type")))
        if not message.get("event") or message.get("class") != "call" or event is None:
            return
        with self._lock:
            current = self._current
            if event is CallEvent.ENDED:
                self._current = None
        if current is not None:
            attempt, report = current
            cause = str(message.get("param", "")) if event is CallEvent.ENDED else ""
            report(attempt.id, event, self.clock(), cause)

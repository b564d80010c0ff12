"""End to end on loopback: baresip (driven through ctrl_tcp) dials SIPp, which answers,
talks for two seconds and hangs up; the attempt gets its times and the hang-up cause.

Both are Debian packages (``baresip``, ``sip-tester``) that ``.ci/run`` installs; the
test starts them itself in a folder of its own and skips, saying so, where they are absent.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
import wave
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from callcenter.config import config_from_dict
from callcenter.dialers.baresip import BaresipDialer, netstring, read_netstrings
from callcenter.domain.calling import CallEvent
from callcenter.domain.models import Outcome
from callcenter.service.dialing import call_times
from callcenter.tui.desk import Desk
from tests.ledger_builders import add_debtor, contact_id

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MISSING = [name for name in ("baresip", "sipp") if shutil.which(name) is None]
needs_sip = pytest.mark.skipif(
    bool(MISSING),
    reason=f"{' and '.join(MISSING)} not installed (apt-get install baresip sip-tester)",
)


def free_port(kind=socket.SOCK_STREAM) -> int:
    with socket.socket(socket.AF_INET, kind) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_listening(port: int, seconds: float = 10.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on 127.0.0.1:{port}")


def baresip_folder(folder: Path, sip_port: int, ctrl_port: int) -> Path:
    """A baresip configuration of its own: no sound card (a silent file is the microphone)."""
    silence = folder / "silence.wav"
    with wave.open(str(silence), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\0\0" * 8000 * 10)
    config = folder / "baresip"
    config.mkdir()
    (config / "config").write_text(
        f"sip_listen 127.0.0.1:{sip_port}\n"
        f"audio_source aufile,{silence}\n"
        f"audio_player aufile,{folder / 'heard.wav'}\n"
        f"audio_alert aufile,{folder / 'alert.wav'}\n"
        "module_path /usr/lib/baresip/modules\n"
        "module g711.so\nmodule aufile.so\n"
        "module_app account.so\nmodule_app menu.so\nmodule_app ctrl_tcp.so\n"
        f"ctrl_tcp_listen 127.0.0.1:{ctrl_port}\n"
    )
    (config / "accounts").write_text("<sip:collector@127.0.0.1>;regint=0\n")
    return config


@pytest.fixture
def sip_peers(tmp_path):
    """SIPp waiting for one call, baresip ready to place it; both stopped afterwards."""
    sipp_port, sip_port, ctrl_port = free_port(socket.SOCK_DGRAM), free_port(), free_port()
    started = []
    try:
        started.append(subprocess.Popen(
            ["sipp", "-sf", str(FIXTURES / "sipp_answer_talk_2s.xml"), "-i", "127.0.0.1",
             "-p", str(sipp_port), "-m", "1", "-nostdin", "-timeout", "30s"],
            cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
        config = baresip_folder(tmp_path, sip_port, ctrl_port)
        started.append(subprocess.Popen(
            ["baresip", "-f", str(config)], cwd=tmp_path, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
        wait_listening(ctrl_port)
        yield ctrl_port, sipp_port
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()


@needs_sip
def test_baresip_dials_sipp_and_the_attempt_gets_its_times_and_cause(store, sip_peers):
    ctrl_port, sipp_port = sip_peers
    now = datetime.now(UTC).replace(microsecond=0)  # the log keeps whole seconds
    add_debtor(store, now, "C1", contacts=["Mme Martin"])
    config = config_from_dict({"hours": {"enforce": False}})
    dialer = BaresipDialer("127.0.0.1", ctrl_port, f"sip:{{e164}}@127.0.0.1:{sipp_port}")
    desk = Desk(store, collector="alice", lang="fr", config=config, dialer=dialer)
    seen: list[CallEvent] = []
    ended = threading.Event()

    def reported(attempt_id, event, at, cause):
        seen.append(event)
        if event is CallEvent.ENDED:
            ended.set()

    try:
        attempt = desk.dial("C1", contact_id(store, "C1", "Mme Martin"), now, reported)
        assert ended.wait(15), f"the call never ended (events: {seen})"
        later = datetime.now(UTC)
        desk.log("C1", Outcome.NO_ANSWER, later, attempt_id=attempt.id)
    finally:
        desk.close()
    times = call_times(store, attempt.id)
    assert seen[-2:] == [CallEvent.ANSWERED, CallEvent.ENDED]
    assert times.dialled_at == now and times.answered_at is not None
    assert timedelta(seconds=1) <= times.talk <= timedelta(seconds=4)  # 2 s, whole seconds
    assert times.hangup_cause == "Connection reset by peer"  # the debtor hung up (BYE)
    assert times.call_id is not None and times.wrap_up >= timedelta(0)


def test_netstrings_are_read_whole_and_in_order():
    buffer = bytearray(netstring({"a": 1}) + netstring({"b": 2})[:5])
    assert read_netstrings(buffer) == [{"a": 1}]
    buffer += netstring({"b": 2})[5:]
    assert read_netstrings(buffer) == [{"b": 2}] and buffer == bytearray()


def test_a_missing_baresip_is_a_clear_refusal():
    from callcenter.dialers.base import Attempt, DialerError

    dialer = BaresipDialer("127.0.0.1", free_port())
    with pytest.raises(DialerError, match="baresip is not listening at 127.0.0.1"):
        dialer.dial(Attempt("x", "C1", 1, "+33100000000", "alice"), lambda *a: None)

"""``callcenter serve`` in a real browser: log in, work two outcomes, read the database.

Debian's Chromium, driven by Playwright (``executable_path``: no browser is
downloaded). The page may only reach the server on loopback: every other
request (textual-serve's page asks for a web font) is aborted in the browser.
Skipped, saying why, where Chromium or Playwright is missing; ``.ci/run``
installs Chromium.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from callcenter.cli import main

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PASSWORD = "correct horse battery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until(condition, timeout: float, what: str, every: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _read(db: Path, sql: str, *params):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.fixture
def served(tmp_path, monkeypatch, now):
    """A demo database with a password for alice, served on a free loopback port."""
    if CHROMIUM is None:
        pytest.skip("no Chromium here (apt-get install chromium; .ci/run does)")
    pytest.importorskip("playwright.sync_api", reason="playwright (the dev extra) is missing")
    pytest.importorskip("textual_serve", reason="textual-serve (the web extra) is missing")
    db = tmp_path / "team.db"
    monkeypatch.setenv("CALLCENTER_NOW", now.isoformat())
    assert main(["--db", str(db), "demo", "--debtors", "100", "--seed", "3"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["--db", str(db), "--as", "sophie", "user", "password", "alice", "--stdin"]) == 0
    port = _free_port()
    env = {**os.environ, "CALLCENTER_NOW": now.isoformat(), "COLUMNS": "120"}
    server = subprocess.Popen(
        [sys.executable, "-m", "callcenter", "--db", str(db), "--lang", "en", "serve",
         "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        _wait_until(lambda: _listening(port), 30, "the server to listen")
        yield db, f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def test_log_in_and_work_two_outcomes_in_chromium(served):
    from playwright.sync_api import sync_playwright

    db, url = served
    before = _read(db, "SELECT coalesce(max(id), 0) FROM calls")[0][0]  # the demo's history
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", _loopback_only)
            page.goto(url + "/")
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            page.wait_for_timeout(1500)  # the login screen paints
            page.locator("textarea.xterm-helper-textarea").focus()  # keys go to the terminal
            _type_line(page, "alice")
            _type_line(page, "wrong password")
            page.wait_for_timeout(2000)  # refused after a pause, the password field cleared
            assert _calls(db, before) == 0 and not _claimed(db)
            _type_line(page, PASSWORD)
            first = _start_session(page, db)
            page.keyboard.press("n")  # no answer
            _wait_until(lambda: _calls(db, before) == 1, 20, "the first outcome in the database")
            second = _wait_until(lambda: _claimed(db, other_than=first), 20, "the next debtor")
            page.wait_for_timeout(1000)  # the next dossier is painted
            page.keyboard.press("v")  # voicemail
            _wait_until(lambda: _calls(db, before) == 2, 20, "the second outcome in the database")
        finally:
            browser.close()
    rows = _read(
        db,
        "SELECT debtor_code, collector, outcome, entered_by FROM calls WHERE id > ? ORDER BY id",
        before,
    )
    assert rows == [(first, "alice", "no_answer", None), (second, "alice", "voicemail", None)]


def _loopback_only(route) -> None:
    if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1")):
        route.continue_()
    else:
        route.abort()


def _type_line(page, text: str) -> None:
    """One field and Enter, then a pause as a person makes: the focus moves to the next field."""
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    page.wait_for_timeout(1000)


def _start_session(page, db: Path) -> str:
    """Enter starts the session once the login is through: pressed until a debtor is claimed."""
    for _ in range(20):
        page.wait_for_timeout(1500)
        claimed = _claimed(db)
        if claimed:
            return claimed
        page.keyboard.press("Enter")
    raise AssertionError("no debtor was claimed for alice after logging in")


def _claimed(db: Path, other_than: str | None = None) -> str | None:
    rows = _read(
        db,
        "SELECT debtor_code FROM queue_state WHERE claimed_by = 'alice' AND debtor_code IS NOT ?",
        other_than,
    )
    return rows[0][0] if rows else None


def _calls(db: Path, after_id: int) -> int:
    return _read(db, "SELECT count(*) FROM calls WHERE id > ?", after_id)[0][0]

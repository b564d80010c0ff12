"""The login screen of the served apps (``callcenter serve``): a name and a password.

In a browser there is no operating-system login to trust, and nothing the
browser sends may choose the user: the served process starts on this screen,
and only a name whose password matches its stored hash opens the workstation
or the dashboard, as that user. The check runs in a thread (hashing takes a
noticeable fraction of a second, and reads the database); after a few wrong
tries the session ends, so guessing costs a reconnection each time.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, Static
from textual.worker import Worker, WorkerState

from callcenter.i18n import Locale
from callcenter.service.identity import Identity

#: Wrong tries before the session closes (the visitor reloads the page to try again).
MAX_TRIES = 5
#: A wrong password is answered after this pause, a brake on guessing.
FAILURE_PAUSE_S = 1.0

Check = Callable[[str, str], Identity | None]


class LoginScreen(Screen[Identity]):
    """Asks who you are; dismissed with the identity once the password matched."""

    DEFAULT_CSS = """
    LoginScreen { align: center middle; }
    LoginScreen > Vertical { width: 52; height: auto; border: round $accent; padding: 1 2; }
    LoginScreen Input { margin-bottom: 1; }
    LoginScreen #login-error { color: $error; height: auto; }
    """

    def __init__(self, ui: Locale, check: Check, title: str) -> None:
        super().__init__()
        self.ui = ui
        self.check = check
        self.heading = title
        self.failures = 0
        self.checking = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.heading, id="login-title")
            yield Label(self.ui.t("login.name"))
            yield Input(id="login-name", max_length=64)
            yield Label(self.ui.t("login.password"))
            yield Input(id="login-password", password=True, max_length=256)
            yield Static("", id="login-error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#login-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = self.query_one("#login-name", Input).value.strip()
        password = self.query_one("#login-password", Input).value
        if event.input.id == "login-name" or not password:
            self.query_one("#login-password", Input).focus()
            return
        if self.checking or not name:
            return
        self.checking = True
        self.query_one("#login-error", Static).update(self.ui.t("login.checking"))
        self._check(name, password)

    @work(thread=True, exclusive=True, name="login-check")
    def _check(self, name: str, password: str) -> Identity | None:
        identity = self.check(name, password)
        if identity is None:
            time.sleep(FAILURE_PAUSE_S)
        return identity

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The check's answer, once its worker has finished (dismissing ends the screen's
        workers: done from inside the worker, it would cancel the check itself)."""
        if event.worker.name == "login-check" and event.state == WorkerState.SUCCESS:
            self._checked(event.worker.result)

    def _checked(self, identity: Identity | None) -> None:
        self.checking = False
        if identity is not None:
            self.dismiss(identity)
            return
        self.failures += 1
        if self.failures >= MAX_TRIES:
            self.app.exit(return_code=1)
            return
        password = self.query_one("#login-password", Input)
        password.value = ""
        password.focus()
        self.query_one("#login-error", Static).update(self.ui.t("login.refused"))

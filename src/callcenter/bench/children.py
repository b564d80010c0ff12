"""Code the bench runs in separate processes, so that start-up and memory are real.

``python -m callcenter.bench.children session DB N``: a headless workstation at
160x48 takes N outcomes by key; prints the latencies and the peak RSS.
``... cold DB``: start the workstation, ask for the first debtor, exit once it
is painted; prints the monotonic time of that paint. ``... hello``: the same
for a bare Textual app showing one line, as the yardstick.

Imports stay inside the functions: what a child imports is part of what it times.
"""

from __future__ import annotations

import json
import sys
import time

SIZE = (160, 48)
#: Outcome keys without a dialog (no answer, voicemail, busy), pressed in turn.
OUTCOME_KEYS = ("n", "v", "b")
COLLECTOR = "chloe"
WAIT_LIMIT_S = 10.0


def _workstation(db: str, app_class=None):
    from callcenter.bench.fixtures import NOW
    from callcenter.config import load_config
    from callcenter.i18n import detect_locale
    from callcenter.store.db import Store
    from callcenter.tui.app import WorkstationApp, running_clock
    from callcenter.tui.desk import Desk

    store = Store.open(db)
    desk = Desk(store, collector=COLLECTOR, lang="fr", config=load_config(None))
    app_class = app_class or WorkstationApp
    return app_class(desk, detect_locale("fr"), running_clock(NOW)), store


async def _until(app, condition, what: str) -> None:
    import asyncio

    deadline = time.monotonic() + WAIT_LIMIT_S
    while not condition():
        if time.monotonic() > deadline:
            said = [n.message for n in getattr(app, "_notifications", ())]
            raise TimeoutError(f"waited {WAIT_LIMIT_S:.0f} s for {what}; the screen said {said}")
        await asyncio.sleep(0.0005)


async def session(db: str, outcomes: int) -> dict:
    """Press ``outcomes`` outcome keys; time each from the action to the next dossier painted."""
    app, store = _workstation(db)
    action_marks: list[float] = []
    from_action, from_key = [], []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await _until(app, lambda: app.shown_code is not None, "the first dossier")
        screen = app.session
        original = screen.action_outcome

        def timed_outcome(name: str) -> None:
            action_marks.append(time.monotonic())
            return original(name)

        screen.action_outcome = timed_outcome  # the binding looks the action up on the instance
        for n in range(outcomes):
            # A collector spends minutes on the phone between two keys: start each
            # outcome from a quiet screen, with the prefetch of the next dossier done.
            await app.workers.wait_for_complete()
            await pilot.pause()
            before = app.shown_at
            pressed = time.monotonic()
            await pilot.press(OUTCOME_KEYS[n % len(OUTCOME_KEYS)])
            await _until(
                app, lambda before=before: app.shown_at > before, f"dossier after outcome {n}"
            )
            from_action.append(app.shown_at - action_marks[-1])
            from_key.append(app.shown_at - pressed)
        rss_kb = _peak_rss_kb()
    store.close()
    return {"from_action_s": from_action, "from_key_s": from_key, "peak_rss_kb": rss_kb}


def cold(db: str) -> dict:
    """Start the workstation, ask for a debtor as soon as the screen is up, stop when painted."""
    from callcenter.tui.app import WorkstationApp

    class FirstDossier(WorkstationApp):
        asked = False

        def on_ready(self) -> None:
            self.set_interval(0.001, self._watch)

        def _watch(self) -> None:
            screen = self.session
            if not self.asked and screen is not None and screen.is_mounted:
                self.asked = True
                screen.action_next()  # what Enter does
            if self.shown_code is not None:
                self.exit()

    app, store = _workstation(db, FirstDossier)
    app.run(headless=True, size=SIZE)
    store.close()
    return {"painted_at": app.shown_at, "code": app.shown_code, "peak_rss_kb": _peak_rss_kb()}


def hello() -> dict:
    """A bare Textual app: one line of text, stop when it is painted."""
    from textual.app import App
    from textual.widgets import Static

    class Hello(App):
        painted_at = 0.0

        def compose(self):
            yield Static("Hello")

        def on_mount(self) -> None:
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            self.painted_at = time.monotonic()
            self.exit()

    app = Hello()
    app.run(headless=True, size=SIZE)
    return {"painted_at": app.painted_at, "peak_rss_kb": _peak_rss_kb()}


def _peak_rss_kb() -> int:
    """Peak resident memory of this process, in KiB.

    Linux's ``ru_maxrss`` survives ``exec`` and so reports the bench parent's
    size at fork time; ``VmHWM`` belongs to this program's own address space.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main(argv: list[str]) -> int:
    kind = argv[0]
    if kind == "session":
        import asyncio

        result = asyncio.run(session(argv[1], int(argv[2])))
    elif kind == "cold":
        result = cold(argv[1])
    elif kind == "hello":
        result = hello()
    else:
        print(f"unknown child {kind!r}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

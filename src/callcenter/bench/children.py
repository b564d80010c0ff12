"""Code the bench runs in separate processes, so that start-up and memory are real.

``python -m callcenter.bench.children session DB N``: a headless workstation at
160x48 takes N outcomes by key; prints the latencies and the peak RSS.
``... cold DB``: start the workstation, ask for the first debtor, exit once it
is painted; prints the monotonic time of that paint. ``... hello``: the same
for a bare Textual app showing one line, as the yardstick. ``... frame N [ROWS]``:
the next debtor's floor, N full repaints of a bare app with comparable widgets
(a table of ROWS rows, 30 by default). ``... fec DB FILE``: import an FEC file
into a new database; prints the seconds and the peak RSS.

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
    from callcenter.tui.gc_pause import pause_start

    pause_start()  # as ``callcenter`` does (cli/wiring.py), before the workstation is imported
    from callcenter.bench.fixtures import NOW
    from callcenter.clock import running_clock
    from callcenter.config import load_config
    from callcenter.i18n import detect_locale
    from callcenter.store import open_database
    from callcenter.tui.app import WorkstationApp
    from callcenter.tui.desk import Desk

    store = open_database(db)
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
    from callcenter.tui.widgets.invoices import InvoicesTable

    action_marks: list[float] = []
    from_action, from_key, rows = [], [], []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await _until(app, lambda: app.shown_code is not None, "the first dossier")
        screen = app.session
        table = screen.query_one(InvoicesTable)
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
            rows.append(table.row_count)
        rss_kb = _peak_rss_kb()
    store.close()
    return {
        "from_action_s": from_action,
        "from_key_s": from_key,
        "table_rows": rows,
        "peak_rss_kb": rss_kb,
    }


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
            if self.shown_code is not None:  # quit as a collector does: the claim goes back,
                self.desk.close(self.clock())  # so the next run claims instead of resuming
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


#: The frame floor's screen: what the session repaints per debtor, without the app.
FRAME_ROWS = 30
FRAME_COLUMNS = ("number", "issued", "due", "late", "amount", "open", "docs", "dispute")
FRAME_PANELS = ("header", "contacts", "calls", "reasons", "hints", "history")


def _frame_content(n: int, table_rows: int = FRAME_ROWS):
    """Rows for the table and text for the six panels; ``n`` changes every cell."""
    from rich.text import Text

    rows = [
        tuple(
            Text(f"{name[:3].upper()}-{n:04d}-{row:02d}", justify="right") for name in FRAME_COLUMNS
        )
        for row in range(table_rows)
    ]
    panels = {
        name: Text("\n".join(f"{name} {n} line {line}: " + "x" * (40 + n % 7) for line in range(6)))
        for name in FRAME_PANELS
    }
    return rows, panels


async def frame(rounds: int, table_rows: int = FRAME_ROWS) -> dict:
    """The frame floor: a bare Textual app at the session's size repaints the same cells.

    Two columns of panels like the session screen (a ``DataTable`` of
    ``table_rows`` rows and six bordered text panels); each round replaces every row and every text,
    and is timed from the update to the end of the refresh that paints it,
    the way ``session`` times a dossier. No database, no workstation code:
    the price of one full frame in Textual on this machine. The garbage
    collector gets the session's treatment (``tui/gc_pause.py``): paused from
    the update to the paint, and what the app holds after its first frame frozen.
    """
    import gc

    from textual.app import App
    from textual.containers import Horizontal, VerticalScroll
    from textual.widgets import DataTable, Static

    class Frame(App):
        CSS = """
        #body { height: 1fr; layout: horizontal; }
        VerticalScroll { width: 1fr; height: 100%; }
        Static { border: round $primary; height: auto; }
        DataTable { height: auto; max-height: 24; border: round $primary 50%; }
        """
        painted_at = 0.0

        def compose(self):
            yield Static(id="header")
            with Horizontal(id="body"):
                with VerticalScroll():
                    yield Static(id="contacts")
                    yield DataTable(id="table")
                    yield Static(id="calls")
                with VerticalScroll():
                    for name in ("reasons", "hints", "history"):
                        yield Static(id=name)

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.cursor_type = "none"
            table.zebra_stripes = True
            table.add_columns(*FRAME_COLUMNS)

        def repaint(self, rows, panels) -> None:
            gc.disable()  # as the session does from the outcome key to the paint
            table = self.query_one(DataTable)
            table.clear()
            table.add_rows(rows)
            for name, text in panels.items():
                self.query_one(f"#{name}", Static).update(text)
            self.call_after_refresh(self._painted)

        def _painted(self) -> None:
            self.painted_at = time.monotonic()
            gc.enable()

    app = Frame()
    taken: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for n in range(rounds + 1):
            await pilot.pause()
            rows, panels = _frame_content(
                n, table_rows
            )  # untimed: the floor is Textual's work alone
            before = app.painted_at
            started = time.monotonic()
            app.repaint(rows, panels)
            await _until(app, lambda before=before: app.painted_at > before, f"frame {n}")
            if n:  # the first round lays the widgets out for the first time
                taken.append(app.painted_at - started)
            else:  # what the session does once its first dossier is painted
                gc.collect()
                gc.freeze()
    return {"frame_s": taken}


def fec(db: str, path: str) -> dict:
    """Import the FEC file ``path`` into a new database ``db``: seconds and this process's peak RSS."""
    from callcenter.bench.fixtures import NOW
    from callcenter.config import load_config
    from callcenter.service.imports import import_fec
    from callcenter.store import open_database

    store = open_database(db)
    config = load_config(None)
    try:
        started = time.perf_counter()
        import_fec(store, path, now=NOW, config=config)
        taken = time.perf_counter() - started
    finally:
        store.close()
    return {"seconds": taken, "peak_rss_kb": _peak_rss_kb()}


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


def run(*args: str) -> tuple[dict, float]:
    """Run a child in a new Python process; its JSON answer and the monotonic time of the spawn."""
    import os
    import subprocess

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    env.pop("CALLCENTER_CONFIG", None)
    spawned = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "callcenter.bench.children", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench child {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1]), spawned


def main(argv: list[str]) -> int:
    kind = argv[0]
    if kind == "session":
        import asyncio

        result = asyncio.run(session(argv[1], int(argv[2])))
    elif kind == "cold":
        result = cold(argv[1])
    elif kind == "hello":
        result = hello()
    elif kind == "fec":
        result = fec(argv[1], argv[2])
    elif kind == "frame":
        import asyncio

        result = asyncio.run(frame(*(int(a) for a in argv[1:3])))
    else:
        print(f"unknown child {kind!r}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

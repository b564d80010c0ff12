"""Many collectors on one file: a stress run through the same calls as the workstation.

``scripts/stress`` starts N collector processes (separate processes, like
separate SSH sessions) on one database. Each loops ``claim_next`` -> read the
dossier -> write the claim (``hold_claim``, as the workstation does once the
dossier is painted) -> ``log_outcome`` (sometimes ``undo_outcome``) M times, recording:

* every hold as (debtor, claimed, released) on the machine-wide monotonic
  clock, taken strictly inside the real hold (from the pick, the debtor only
  reserved and its claim not yet written, to before the outcome started), so
  two overlapping holds of one debtor by two collectors prove a double claim;
* every call id a service call returned, which must all be in ``calls``;
* every "database is locked/busy" error that reached the caller;
* the latency of each outcome (its commit included) and of each claim.

The processes share a synthetic clock: a business-day morning plus the real
time elapsed since the common start, so leases expire at real speed while
the queue stays inside calling hours whatever time the run happens at.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import random
import statistics
import sys
import tempfile
import threading
import time
import traceback
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from callcenter.domain.models import Contact, Debtor, Dossier, Invoice, Outcome, Role
from callcenter.domain.settings import Config
from callcenter.store import Store, open_database
from callcenter.store.backends import sqlite_path
from callcenter.store.errors import database_errors
from callcenter.store.sqlite.db import SQLITE_VERSION, WAL_LIMIT_BYTES

#: Tuesday 24 November 2026, 10:00 in Paris: a business day inside calling hours.
BASE_NOW = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
#: The stress run computes with the built-in settings, whatever the machine has.
SETTINGS = Config()

#: What collectors mostly log; weights roughly those of a real calling session.
OUTCOME_WEIGHTS: tuple[tuple[Outcome, int], ...] = (
    (Outcome.NO_ANSWER, 30),
    (Outcome.VOICEMAIL, 12),
    (Outcome.BUSY, 6),
    (Outcome.PROMISE, 18),
    (Outcome.CALLBACK, 10),
    (Outcome.REFUSED, 4),
    (Outcome.SKIP, 4),
    (Outcome.ALREADY_PAID, 4),
    (Outcome.DISPUTE, 4),
    (Outcome.WRONG_NUMBER, 3),
    (Outcome.PAYMENT_PLAN, 3),
    (Outcome.PAID, 2),
)


# -- building a database -------------------------------------------------------------


def build_database(
    path: Path, *, debtors: int, seed: int, now: datetime = BASE_NOW, demo: bool = False
) -> dict:
    """A database of ``debtors`` accounts, scored and ready to call.

    By default every debtor is overdue and in the shared pool, so each outcome
    lands on a fresh debtor and the run measures contention, not an empty
    queue. ``demo`` uses the demo generator instead (real history, about a
    third of the debtors callable) and hands every portfolio to the shared pool
    so that the stress collectors may call them.
    """
    store = open_database(path)
    try:
        if demo:
            summary = _build_demo(store, debtors=debtors, seed=seed, now=now)
        else:
            summary = _build_simple(store, debtors=debtors, seed=seed, now=now)
        from callcenter.service.queue import rescore

        rescore(store, now=now, config=SETTINGS)
    finally:
        store.close()
    return summary


def _build_demo(store: Store, *, debtors: int, seed: int, now: datetime) -> dict:
    from callcenter.service.demo import generate
    from callcenter.service.portfolios import move_portfolio

    summary = generate(store, debtors=debtors, seed=seed, now=now)
    supervisor = store.admin.any_supervisor()
    for collector in store.admin.assigned_collectors():
        move_portfolio(store, collector, None, actor=supervisor, now=now)
    return {k: v for k, v in summary.items() if isinstance(v, int)} | {"builder": "demo"}


def _build_simple(store: Store, *, debtors: int, seed: int, now: datetime) -> dict:
    rng = random.Random(seed)
    today = now.date()
    people, contacts, invoices = [], [], []
    for n in range(debtors):
        code = f"S{n:05d}"
        people.append(Debtor(code=code, name=f"Client {n} SARL", payment_terms_days=30))
        contacts.append(
            Contact(
                code,
                f"Comptable {n}",
                Role.ACCOUNTANT,
                phone=f"01{n:08d}",
                decision_maker=rng.random() < 0.5,
            )
        )
        for k in range(rng.randint(1, 3)):
            due = today - timedelta(days=rng.randint(5, 200))
            amount = rng.randint(200, 2_000_000)
            invoices.append(
                Invoice(code, f"F{n}-{k}", due - timedelta(days=30), due, amount, amount)
            )
    with store.transaction():
        store.ledger.upsert_debtors(people, now)
        store.ledger.upsert_contacts(contacts)
        store.ledger.upsert_invoices(invoices)
    return {"debtors": debtors, "invoices": len(invoices), "builder": "stress"}


# -- one collector ------------------------------------------------------------------


@dataclass
class WorkerResult:
    collector: str
    session: str = ""
    holds: list[tuple[str, int, int]] = field(default_factory=list)
    logged: list[tuple[int, str, str]] = field(default_factory=list)  # (call id, code, outcome)
    undone: list[tuple[int, int]] = field(default_factory=list)  # (undo id, undone id)
    outcome_ms: list[float] = field(default_factory=list)
    claim_ms: list[float] = field(default_factory=list)
    lock_errors: int = 0
    refused_inputs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    empty_claims: int = 0
    lost_leases: int = 0


class SharedClock:
    """``BASE_NOW`` plus the real seconds elapsed since the common start."""

    def __init__(self, started: float, base: datetime = BASE_NOW):
        self.started = started
        self.base = base

    def now(self) -> datetime:
        return self.base + timedelta(seconds=time.time() - self.started)


def run_worker(
    db: str,
    collector: str,
    outcomes: int,
    seed: int,
    started: float,
    undo_rate: float = 0.05,
    announce: bool = False,
    session: str | None = None,
    pace: tuple[float, float] | None = None,
    duration: float | None = None,
    gate: StartGate | None = None,
) -> dict:
    """One workstation window of ``collector``; returns a JSON-able :class:`WorkerResult`.

    Like the workstation, it claims under its own ``session`` id, so one login
    may work in several windows at once. With ``pace`` (seconds, low and high) it
    spends a random time of that range on the phone between claim and outcome, as
    a real collector does, starts at a random moment of the first LOW seconds, and
    stops after ``duration`` seconds if given. With a ``gate`` the common start is
    the gate's, once every process is ready (``started`` is then ignored).
    """
    from callcenter.service.outcomes import OutcomeError

    rng = random.Random(seed)
    session = session or f"{collector}-{os.getpid()}"
    result = WorkerResult(collector, session)
    store = open_database(db)
    _warm_up()
    if gate is not None:
        started = gate.ready_and_wait()
    clock = SharedClock(started)
    until = started + duration if duration else None
    _wait_until(started)
    if pace:  # a team logs in over a while, not all in the same millisecond
        _on_the_phone(rng, (0.0, pace[0]), until)
    empty_streak = 0
    try:
        while len(result.logged) < outcomes and empty_streak < 50:
            if until is not None and time.time() >= until:
                break
            try:
                code = _claim(store, collector, clock, result)
                if code is None:
                    empty_streak += 1
                    time.sleep(0.02)
                    continue
                empty_streak = 0
                shown = _show(store, code, clock, result)
                if announce:  # the claim is in the file by now
                    _say("CLAIMED", code)
                if pace:
                    if not _on_the_phone(rng, pace, until):
                        break
                _work_one(store, shown, collector, clock, rng, result, undo_rate, announce)
            except OutcomeError as exc:
                result.refused_inputs.append(str(exc)[:200])
            except database_errors() as exc:
                if _is_lock_error(exc):
                    result.lock_errors += 1
                else:
                    result.errors.append(f"{type(exc).__name__}: {exc}"[:300])
            except Exception as exc:  # noqa: BLE001 - a stress run reports, it does not stop
                result.errors.append(
                    f"{type(exc).__name__}: {exc} @ {traceback.format_exc(limit=-2)}"[:600]
                )
    finally:
        store.close()
    return asdict(result)


def _warm_up() -> None:
    """Load what a workstation has loaded before its first claim (the service modules, the
    holiday calendars), so the run measures the file, not a hundred interpreters starting."""
    from callcenter.domain import dates
    from callcenter.service import dossier, outcomes, queue  # noqa: F401

    dates.holidays_for(dates.DEFAULT_REGION, BASE_NOW.year)


class StartGate:
    """The common start of a run: set once every collector process has opened the file.

    On a loaded machine a hundred interpreters take far longer to start than any fixed
    delay; collectors already working would be measured against the CPU the others
    spend importing. Manager proxies, so it crosses the spawn boundary.
    """

    def __init__(self, manager, expected: int):
        self.expected = expected
        self._ready = manager.Queue()
        self._go = manager.Event()
        self._start = manager.dict()

    def ready_and_wait(self) -> float:
        self._ready.put(os.getpid())
        self._go.wait()
        return self._start["at"]

    def open(self, futures: list, lead: float = 0.5) -> float:
        """Wait for every process, then start them all ``lead`` seconds from now.

        A process that failed before it was ready raises here instead of hanging the run.
        """
        waiting = self.expected
        while waiting:
            try:
                self._ready.get(timeout=1.0)
                waiting -= 1
            except queue.Empty:
                for future in futures:
                    if future.done():
                        future.result()  # raises what went wrong in the process
        at = time.time() + lead
        self._start["at"] = at
        self._go.set()
        return at


def _on_the_phone(rng: random.Random, pace: tuple[float, float], until: float | None) -> bool:
    """The call itself: a paced collector talks between taking a debtor and saving the outcome.

    False when the run ends first: the call is cut, nothing saved (cutting it short
    instead would make every collector save at the same last instant, a burst that no
    real team produces).
    """
    seconds = rng.uniform(*pace)
    if until is not None and time.time() + seconds >= until:
        time.sleep(max(until - time.time(), 0.0))
        return False
    time.sleep(seconds)
    return True


def _claim(store: Store, collector: str, clock: SharedClock, result: WorkerResult) -> str | None:
    from callcenter.service.queue import claim_next, hold_claim

    started = time.perf_counter()
    code = claim_next(
        store,
        collector=collector,
        now=clock.now(),
        config=SETTINGS,
        session=result.session,
        hold=False,  # written after the dossier is read, as the workstation does after the paint
    )
    result.claim_ms.append((time.perf_counter() - started) * 1000)
    if code is None:
        hold_claim(store)  # nobody to call: the previous claim is given back all the same
        result.empty_claims += 1
    return code


class _Shown(NamedTuple):
    """A debtor picked, its dossier read and its claim written; since when it is held."""

    code: str
    record: Dossier
    held_from: int
    now: datetime


def _show(store: Store, code: str, clock: SharedClock, result: WorkerResult) -> _Shown:
    """Read the dossier of the debtor just picked, then write its claim, as the workstation
    paints it and then holds it: before the collector is on the phone."""
    from callcenter.service.dossier import dossier
    from callcenter.service.queue import hold_claim

    held_from = time.monotonic_ns()
    now = clock.now()
    record = dossier(store, code, today=now.date())
    if not hold_claim(store):
        result.lost_leases += 1
    return _Shown(code, record, held_from, now)


def _work_one(
    store: Store,
    shown: _Shown,
    collector: str,
    clock: SharedClock,
    rng: random.Random,
    result: WorkerResult,
    undo_rate: float,
    announce: bool,
) -> None:
    from callcenter.service.outcomes import log_outcome, undo_outcome
    from callcenter.service.queue import renew_claim

    code, record, held_from, now = shown
    if rng.random() < 0.3 and not renew_claim(
        store, code, collector=collector, now=clock.now(), config=SETTINGS, session=result.session
    ):
        result.lost_leases += 1
    outcome, extra = _choose_outcome(record, now, rng)
    held_until = time.monotonic_ns()
    started = time.perf_counter()
    try:
        call_id = log_outcome(
            store, code, outcome, collector=collector, now=clock.now(), config=SETTINGS, **extra
        )
    finally:
        result.holds.append((code, held_from, held_until))
    result.outcome_ms.append((time.perf_counter() - started) * 1000)
    result.logged.append((call_id, code, str(outcome)))
    if announce:
        _say("LOGGED", call_id, code)
    if rng.random() < undo_rate:
        started = time.perf_counter()
        undo_id = undo_outcome(
            store, call_id, collector=collector, now=clock.now(), config=SETTINGS
        )
        result.outcome_ms.append((time.perf_counter() - started) * 1000)
        result.undone.append((undo_id, call_id))
        if announce:
            _say("LOGGED", undo_id, code)


def _choose_outcome(record, now: datetime, rng: random.Random) -> tuple[Outcome, dict]:
    """An outcome and the inputs the workstation would have asked for it."""
    from callcenter.domain.dates import add_business_days

    outcome = rng.choices([o for o, _ in OUTCOME_WEIGHTS], [w for _, w in OUTCOME_WEIGHTS])[0]
    today = now.date()
    open_numbers = [i.number for i in record.open_invoices if i.open_cents > 0 and not i.disputed]
    live_contacts = [c.id for c in record.contacts if not c.wrong_number]
    if outcome is Outcome.DISPUTE and not open_numbers:
        outcome = Outcome.NO_ANSWER
    if outcome is Outcome.WRONG_NUMBER and not live_contacts:
        outcome = Outcome.VOICEMAIL
    extra: dict = {"note": rng.choice(["", "rappeler la compta", "<b>[red]x[/]</b>", "é🙂"])}
    if live_contacts:
        extra["contact_id"] = rng.choice(live_contacts)
    if outcome is Outcome.PROMISE:
        extra["promise_date"] = add_business_days(today, rng.randint(1, 10))
        extra["amount_cents"] = rng.randint(100, 500_000)
        extra["confirmed"] = True  # a random amount may exceed the balance: asked and confirmed
    elif outcome is Outcome.REFUSED:
        extra["reason"] = "trésorerie tendue"
    elif outcome is Outcome.ALREADY_PAID:
        extra["paid_on"] = today - timedelta(days=rng.randint(0, 10))
    elif outcome is Outcome.CALLBACK:
        extra["callback_at"] = now + timedelta(hours=rng.randint(1, 48))
    elif outcome is Outcome.SKIP:
        extra["reason"] = "pas le bon moment"
    elif outcome is Outcome.DISPUTE:
        extra["invoice_numbers"] = rng.sample(open_numbers, k=1)
        extra["reason"] = "livraison incomplète"
    elif outcome is Outcome.WRONG_NUMBER:
        extra["contact_id"] = rng.choice(live_contacts)
    elif outcome is Outcome.PAYMENT_PLAN:
        first = add_business_days(today, rng.randint(2, 5))
        extra["instalments"] = [
            (first, 10_000),
            (first + timedelta(days=30), 10_000),
            (first + timedelta(days=60), 10_000),
        ]
    return outcome, extra


def _is_lock_error(exc: BaseException) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


def _wait_until(moment: float) -> None:
    delay = moment - time.time()
    if delay > 0:
        time.sleep(delay)


def _say(*words) -> None:
    print(*words, flush=True)


# -- the run ------------------------------------------------------------------------


def run(
    db: Path,
    *,
    collectors: int = 20,
    outcomes: int = 200,
    seed: int = 1,
    undo_rate: float = 0.05,
    windows: int = 1,
    pace: tuple[float, float] | None = None,
    duration: float | None = None,
) -> dict:
    """Start the collectors together, wait for them, and judge what they recorded.

    With ``windows`` > 1 the processes share logins: each collector works in that
    many windows at once (process n is window n of login n // windows). ``pace``
    and ``duration`` make a paced run: each outcome follows a call of ``pace``
    seconds, and everyone stops after ``duration`` seconds.
    """
    load_before = round(os.getloadavg()[0], 2)  # the run itself raises the load at the end
    context = get_context("spawn")
    wal = WalWatch(db) if sqlite_path(db) is not None else NoWal()
    with (
        context.Manager() as manager,
        wal,
        ProcessPoolExecutor(max_workers=collectors, mp_context=context) as pool,
    ):
        gate = StartGate(manager, collectors)
        futures = [
            pool.submit(
                run_worker,
                str(db),
                f"c{n // windows:03d}",
                outcomes,
                seed * 1000 + n,
                0.0,
                undo_rate,
                session=f"w{n:03d}",
                pace=pace,
                duration=duration,
                gate=gate,
            )
            for n in range(collectors)
        ]
        started = gate.open(futures)
        results = [f.result() for f in futures]
    summary = judge(db, results, seconds=time.time() - started, collectors=collectors)
    summary["wal"] = wal.report()
    summary["machine"]["load_average_1min_before"] = load_before
    if pace:
        summary["pace_seconds"] = list(pace)
        summary["duration_seconds"] = duration
    return summary


class NoWal:
    """A server database has no WAL file beside it to watch (the server bounds its own)."""

    def __enter__(self) -> NoWal:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def report(self) -> dict:
        return {}


class WalWatch:
    """Samples the size of the ``-wal`` file during a run: it must stay bounded.

    A background thread of the parent process stats the file every 20 ms (the
    collectors are other processes, so it costs them nothing but a stat).
    """

    def __init__(self, db: Path, every: float = 0.02):
        self.wal = Path(f"{db}-wal")
        self.db = db
        self.every = every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> WalWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.every)
        self._sample()

    def _sample(self) -> None:
        try:
            self.peak = max(self.peak, self.wal.stat().st_size)
        except OSError:
            pass  # no WAL at this instant (not created yet, or removed at the last close)

    def report(self) -> dict:
        mib = 1024 * 1024
        return {
            "peak_mib": round(self.peak / mib, 1),
            "database_mib": round(self.db.stat().st_size / mib, 1),
            # The store truncates it past WAL_LIMIT_BYTES; one burst of commits may overshoot.
            "bounded": self.peak <= 2 * WAL_LIMIT_BYTES,
        }


def judge(db: Path, results: list[dict], *, seconds: float, collectors: int) -> dict:
    """Turn the workers' records into the numbers that must be zero, and the latencies."""
    holds = [
        (code, a, b, f"{r['collector']}/{r['session']}")
        for r in results
        for code, a, b in r["holds"]
    ]
    logged = [tuple(x) for r in results for x in r["logged"]]
    undone = [tuple(x) for r in results for x in r["undone"]]
    outcome_ms = [x for r in results for x in r["outcome_ms"]]
    claim_ms = [x for r in results for x in r["claim_ms"]]
    store = open_database(db, readonly=True)
    try:
        lost, misfiled = _lost_outcomes(store, results)
        from callcenter.service.admin import check

        report = check(store, now=SharedClock(time.time() - seconds).now(), quick=True)
        rows = store.admin.table_counts()
    finally:
        store.close()
    return {
        "collectors": collectors,
        "outcomes_logged": len(logged),
        "undos": len(undone),
        "seconds": round(seconds, 1),
        "outcomes_per_second": round((len(logged) + len(undone)) / max(seconds, 1e-9), 1),
        "double_claims": len(double_claims(holds)),
        "double_claim_examples": double_claims(holds)[:5],
        "lost_outcomes": lost,
        "misfiled_outcomes": misfiled,
        "lock_errors_shown": sum(r["lock_errors"] for r in results),
        "other_errors": sum(len(r["errors"]) for r in results),
        "error_examples": [e for r in results for e in r["errors"]][:5],
        "refused_inputs": sum(len(r["refused_inputs"]) for r in results),
        "refused_examples": sorted({e for r in results for e in r["refused_inputs"]})[:5],
        "lost_leases": sum(r["lost_leases"] for r in results),
        "empty_claims": sum(r["empty_claims"] for r in results),
        "commit_ms": _percentiles(outcome_ms),
        "claim_ms": _percentiles(claim_ms),
        "calls_in_db": rows.get("calls", 0),
        "check_ok": report.ok,
        "check_errors": [f.name for f in report.errors],
        "machine": machine(),
    }


def double_claims(holds: list[tuple[str, int, int, str]]) -> list[dict]:
    """Pairs of holds of one debtor by two holders (collector/window) that overlap in time."""
    by_code: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for code, start, end, who in holds:
        by_code[code].append((start, end, who))
    found = []
    for code, spans in by_code.items():
        spans.sort()
        latest_end, latest_who = spans[0][1], spans[0][2]
        for start, end, who in spans[1:]:
            if start < latest_end and who != latest_who:
                found.append({"debtor": code, "collectors": sorted({who, latest_who})})
            if end > latest_end:
                latest_end, latest_who = end, who
    return found


def _lost_outcomes(store: Store, results: list[dict]) -> tuple[int, int]:
    """Returned call ids missing from ``calls`` (lost) or recorded differently (misfiled)."""
    expected: dict[int, tuple[str, str]] = {}
    for r in results:
        for call_id, code, _outcome in r["logged"]:
            expected[call_id] = (code, r["collector"])
        for undo_id, _undone in r["undone"]:
            expected[undo_id] = ("", r["collector"])
    found = store.admin.call_rows(list(expected))
    lost = sum(1 for call_id in expected if call_id not in found)
    misfiled = sum(
        1
        for call_id, (code, who) in expected.items()
        if call_id in found and (found[call_id][1] != who or (code and found[call_id][0] != code))
    )
    return lost, misfiled


def _percentiles(values: list[float]) -> dict:
    if not values:
        return {"p50": None, "p99": None, "max": None, "n": 0}
    ordered = sorted(values)
    cuts = (
        statistics.quantiles(ordered, n=100, method="inclusive")
        if len(ordered) > 1
        else [ordered[0]] * 99
    )
    return {
        "p50": round(cuts[49], 1),
        "p99": round(cuts[98], 1),
        "max": round(ordered[-1], 1),
        "n": len(ordered),
    }


def machine() -> dict:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": SQLITE_VERSION,
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        # Other work on the machine shifts the latencies: say how busy it was.
        "load_average_1min": round(os.getloadavg()[0], 2),
    }


def passed(summary: dict) -> bool:
    return (
        summary["double_claims"] == 0
        and summary["lost_outcomes"] == 0
        and summary["misfiled_outcomes"] == 0
        and summary["lock_errors_shown"] == 0
        and summary["other_errors"] == 0
        and summary["check_ok"]
        and summary.get("wal", {}).get("bounded", True)
    )


# -- command line -------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="scripts/stress",
        description="N collector processes on one database; prints JSON, exit 1 on any "
        "double claim, lost outcome or lock error shown.",
    )
    parser.add_argument("--collectors", "-n", type=int, default=20)
    parser.add_argument("--outcomes", "-m", type=int, default=200, help="outcomes per collector")
    parser.add_argument("--debtors", type=int, help="default: enough for every outcome, +25%%")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--undo-rate", type=float, default=0.05)
    parser.add_argument(
        "--windows", type=int, default=1, help="windows per login (processes share logins)"
    )
    parser.add_argument(
        "--db",
        help="database to use: a SQLite path, or an empty postgresql://... database the "
        "ledger is built for then copied into (default: a fresh temporary SQLite file)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="build with the demo generator (history included)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    parser.add_argument(
        "--pace",
        type=_pace,
        metavar="LOW-HIGH",
        help="paced run: each collector spends LOW to HIGH seconds on each call (e.g. 30-120)",
    )
    parser.add_argument(
        "--duration", type=float, help="stop after this many seconds (default with --pace: 300)"
    )
    args = parser.parse_args(argv)
    if args.pace and args.duration is None:
        args.duration = 300.0
    if args.duration:  # nobody can log more than one outcome per LOW seconds
        fastest = args.pace[0] if args.pace else 0.001
        args.outcomes = min(args.outcomes, int(args.duration / max(fastest, 0.001)) + 1)
    debtors = args.debtors or int(args.collectors * args.outcomes * 1.25) + 50
    if args.demo and not args.debtors:
        debtors *= 3  # about a third of a demo ledger is callable at once
    folder = None
    server = args.db is not None and sqlite_path(args.db) is None
    if args.db is None or server:
        folder = tempfile.mkdtemp(prefix="callcenter-stress-")
    if server:  # built as a SQLite file, then moved over as a team would be
        assert folder is not None
        built = Path(folder) / "stress.db"
        build_database(built, debtors=debtors, seed=args.seed, demo=args.demo)
        from callcenter.service.moving import move_team

        if not move_team(built, args.db).ok:
            raise SystemExit("the copy to the server does not match the built ledger")
    else:
        args.db = Path(args.db) if args.db else Path(str(folder)) / "stress.db"
        if not args.db.exists():
            build_database(args.db, debtors=debtors, seed=args.seed, demo=args.demo)
    summary = run(
        args.db,
        collectors=args.collectors,
        outcomes=args.outcomes,
        seed=args.seed,
        undo_rate=args.undo_rate,
        windows=args.windows,
        pace=args.pace,
        duration=args.duration,
    )
    summary["debtors"] = debtors
    summary["db"] = str(args.db) if not server else "postgresql"
    sys.stdout.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    if folder and not args.keep:
        for leftover in Path(folder).iterdir():
            leftover.unlink()
        os.rmdir(folder)
    return 0 if passed(summary) else 1


def _pace(text: str) -> tuple[float, float]:
    """``30-120`` -> (30.0, 120.0)."""
    low, sep, high = text.partition("-")
    try:
        pace = (float(low), float(high if sep else low))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected LOW-HIGH seconds, e.g. 30-120"
        ) from None
    if not 0 <= pace[0] <= pace[1]:
        raise argparse.ArgumentTypeError(f"{text!r}: expected 0 <= LOW <= HIGH")
    return pace


def worker_main(argv: list[str]) -> int:
    """``python -m callcenter.stress worker DB COLLECTOR OUTCOMES SEED STARTED``: one
    announcing collector (prints CLAIMED/LOGGED lines), used by the kill test."""
    db, collector, outcomes, seed, started = argv
    result = run_worker(db, collector, int(outcomes), int(seed), float(started), announce=True)
    _say("DONE", json.dumps({"errors": result["errors"], "lock_errors": result["lock_errors"]}))
    return 0

"""Measure a big CSV import: ``python tests/bench_import_csv.py [ROWS]`` (default 1 000 000).

Not collected by pytest (a benchmark, not a test). Writes 20 000 clients and
ROWS invoices as CSV in a temporary folder, imports the clients, then imports
the invoices with ``callcenter import csv`` in a child process while a probe
thread takes the write lock every 10 ms, the way a collector's save would. It
prints JSON: the import's wall time, the child's peak RSS, the longest wait of
the probe (how long the import held the write lock) and the load average.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from builtin_settings import SETTINGS

from callcenter.service.imports import import_csv
from callcenter.store import open_database

CLIENTS = 20_000
NOW = "2026-11-24T10:00:00+01:00"


def write_clients(path: Path, count: int = CLIENTS) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write("code;name;segment\n")
        for n in range(count):
            out.write(f"C{n:05d};Client {n} SARL;standard\n")


def write_invoices(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write("client_code;number;issue_date;due_date;amount;open_amount\n")
        for n in range(rows):
            cents = rng.randrange(5_000, 2_000_000)
            paid = rng.random() < 0.7
            day = 1 + n % 28
            month = 1 + (n // 28) % 12
            out.write(
                f"C{rng.randrange(CLIENTS):05d};F{n:07d};{day:02d}/{month:02d}/2026;;"
                f"{cents // 100},{cents % 100:02d};{'0' if paid else ''}\n"
            )


class LockProbe(threading.Thread):
    """Takes and releases the write lock every 10 ms; keeps the longest wait."""

    def __init__(self, db: Path):
        super().__init__(daemon=True)
        self.db, self.longest, self.stop = db, 0.0, threading.Event()

    def run(self) -> None:
        conn = sqlite3.connect(self.db, isolation_level=None, timeout=600)
        while not self.stop.is_set():
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("COMMIT")
            self.longest = max(self.longest, time.perf_counter() - started)
            time.sleep(0.01)
        conn.close()


def main(rows: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="csv-bench-"))
    try:
        db, clients, invoices = folder / "team.db", folder / "clients.csv", folder / "inv.csv"
        write_clients(clients)
        write_invoices(invoices, rows)
        store = open_database(db)
        from datetime import datetime

        import_csv(store, "clients", clients, now=datetime.fromisoformat(NOW), config=SETTINGS)
        store.close()
        probe = LockProbe(db)
        probe.start()
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", "import sys; from callcenter.cli import main; sys.exit(main())",
             "--db", str(db), "import", "csv", "invoices", str(invoices), "--json"],
            env={**os.environ, "CALLCENTER_NOW": NOW}, stdout=subprocess.PIPE,
        )  # fmt: skip
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        report = json.loads(child.stdout.read())
        probe.stop.set()
        probe.join()
        return {
            "rows": rows,
            "exit": os.waitstatus_to_exitcode(status),
            "invoices": report["invoices"],
            "import_seconds": round(seconds, 2),
            "longest_lock_wait_seconds": round(probe.longest, 2),
            "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
            "csv_mib": round(invoices.stat().st_size / 2**20, 1),
            "load_average": os.getloadavg(),
        }
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    print(json.dumps(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000), indent=2))

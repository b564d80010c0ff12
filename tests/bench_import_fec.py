"""Measure the FEC import rate: ``python tests/bench_import_fec.py [LINES]`` (default 1 000 000).

Not collected by pytest (a benchmark, not a test). Writes a synthetic ledger
(20 000 customers; sales of three lines, seven in ten paid by a bank entry of
two lines) to a temporary directory, imports it twice into a fresh database
(first import, then the same file again) and prints lines per second, wall
clock and CPU time. On a shared machine the CPU figure is the steadier one.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from builtin_settings import SETTINGS

from callcenter.service.imports import import_fec
from callcenter.store import open_database

HEADER = (
    "JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum"
    "\tCompAuxLib\tPieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet"
    "\tValidDate\tMontantdevise\tIdevise\n"
)


def _amount(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


def write_ledger(path: Path, lines: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    written, number = 0, 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        while written < lines:
            number += 1
            customer = f"C{rng.randrange(20_000):05d}"
            day = f"2026{rng.randint(1, 11):02d}{rng.randint(1, 28):02d}"
            total = rng.randint(1_000, 500_000)
            net = total * 5 // 6
            ref = f"FA{number:07d}"
            head = f"VT\tVentes\t{number}\t{day}\t"
            tail = f"\t\t\t{day}\t\t\n"
            out.write(f"{head}411000\tClients\t{customer}\tClient {customer}\t{ref}\t{day}"
                      f"\tFacture\t{_amount(total)}\t0,00{tail}")  # fmt: skip
            out.write(
                f"{head}706000\tVentes\t\t\t{ref}\t{day}\tFacture\t0,00\t{_amount(net)}{tail}"
            )
            out.write(f"{head}445710\tTVA\t\t\t{ref}\t{day}\tFacture\t0,00"
                      f"\t{_amount(total - net)}{tail}")  # fmt: skip
            written += 3
            if rng.random() < 0.7:
                number += 1
                paid = total if rng.random() < 0.8 else total // 2
                head = f"BQ\tBanque\t{number}\t{day}\t"
                out.write(f"{head}411000\tClients\t{customer}\tClient {customer}\tVIR{number}"
                          f"\t{day}\tReglement\t0,00\t{_amount(paid)}{tail}")  # fmt: skip
                out.write(f"{head}512000\tBanque\t\t\tVIR{number}\t{day}\tReglement"
                          f"\t{_amount(paid)}\t0,00{tail}")  # fmt: skip
                written += 2


def main(lines: int) -> None:
    now = datetime(2026, 11, 24, 9, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ledger.txt"
        write_ledger(path, lines)
        store = open_database(Path(folder) / "bench.db")
        for label in ("first import", "same file again"):
            wall, cpu = time.perf_counter(), time.process_time()
            report = import_fec(store, path, now=now, config=SETTINGS)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(
                f"{label}: {report.lines:,} lines, {report.customers:,} customers,"
                f" {report.invoices:,} invoices in {wall:.2f} s wall ({report.lines / wall:,.0f}"
                f" lines/s), {cpu:.2f} s CPU ({report.lines / cpu:,.0f} lines/s)"
            )
        store.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)

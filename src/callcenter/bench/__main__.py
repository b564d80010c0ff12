"""``scripts/bench [--small] [--only NAMES] [--out FILE] [--rebuild] [--profile]``, or
``scripts/bench --scaling [--debtors N,N] [--fec-lines N,N]``: one JSON report on stdout.

Progress goes to stderr so that stdout stays a single JSON document.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from time import perf_counter

from callcenter.bench.stats import load, machine

MEASURES = ("queue_pick", "next_debtor", "cold_start", "fec_import", "figures")
#: The measures that read the bench ledger (through a working copy of it).
LEDGER_MEASURES = frozenset(MEASURES) - {"fec_import"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scripts/bench", description="Time callcenter on a large generated ledger."
    )
    parser.add_argument(
        "--small", action="store_true", help="a tiny ledger and few repetitions (for the tests)"
    )
    parser.add_argument(
        "--cache", default=".bench", metavar="DIR", help="where the ledger is cached (.bench)"
    )
    parser.add_argument("--rebuild", action="store_true", help="build the ledger again")
    parser.add_argument(
        "--only",
        metavar="NAMES",
        help=f"comma-separated subset of: {', '.join(MEASURES)} (memory comes with next_debtor)",
    )
    parser.add_argument("--out", metavar="FILE", help="also write the report to FILE")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also write pyinstrument profiles of the next-debtor worker path and the figures"
        " to the cache folder",
    )
    parser.add_argument(
        "--scaling",
        action="store_true",
        help="measure next debtor, queue pick and figures at several ledger sizes and the FEC"
        " import at several file sizes; report the growth exponents",
    )
    parser.add_argument(
        "--debtors",
        metavar="N,N",
        help="ledger sizes for --scaling (default 10000,100000,1000000; '' skips them)",
    )
    parser.add_argument(
        "--fec-lines",
        metavar="N,N",
        help="FEC sizes for --scaling (default 100000,1000000,5000000; '' skips them)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    from callcenter.bench import fixtures, measures

    args = build_parser().parse_args(argv)
    if args.scaling:
        return _scaling(args)
    chosen = _chosen(args.only)
    size = fixtures.SMALL if args.small else fixtures.FULL
    cache = Path(args.cache)
    started = perf_counter()
    report: dict = {
        "bench": size.name,
        "command": "scripts/bench" + (" --small" if args.small else ""),
        "machine": machine(),
        "load": load(),
    }
    # The FEC import starts from an empty database: run alone, it needs no ledger
    # (building one takes minutes, copying the 100 000-debtor one ~2 GB).
    if chosen & LEDGER_MEASURES or args.profile:
        ledger, build = fixtures.cached_ledger(cache, size, rebuild=args.rebuild)
        report["ledger"] = {**fixtures.ledger_counts(ledger), **build, "file": str(ledger)}
        work = fixtures.working_copy(ledger, cache)
    if "queue_pick" in chosen:
        _say("queue pick")
        report["queue_pick"] = measures.queue_pick(work, size)
    if "next_debtor" in chosen:
        _say("next debtor (headless workstation) and memory")
        report["next_debtor"], report["memory"] = measures.next_debtor_and_memory(work, size)
    if "cold_start" in chosen:
        _say("cold start")
        report["cold_start"] = measures.cold_start(work, size)
    if "figures" in chosen:
        _say("supervisor figures")
        report["figures"] = measures.figures_refresh(work, size)
    if "fec_import" in chosen:
        _say("FEC file")
        fec, lines = fixtures.fec_file(cache, size)
        _say(f"FEC import of {lines:,} lines")
        report["fec_import"] = measures.fec_import(fec, lines, cache, size)
    if args.profile:
        from callcenter.bench import profiles

        _say("profiles")
        report["profiles"] = [
            str(profiles.next_debtor_path(work, min(size.outcomes, 50), cache)),
            str(profiles.figures_path(work, 3, cache)),
        ]
    report["all_ok"] = all(v.get("ok", True) for v in report.values() if isinstance(v, dict))
    report["load_after"] = load()
    report["seconds"] = round(perf_counter() - started, 1)
    return _print(report, args.out)


def _scaling(args: argparse.Namespace) -> int:
    from callcenter.bench import scaling

    started = perf_counter()
    debtors = scaling.parse_sizes(args.debtors, scaling.DEBTORS)
    fec_lines = scaling.parse_sizes(args.fec_lines, scaling.FEC_LINES)
    report = {
        "bench": "scaling",
        "command": "scripts/bench --scaling"
        + (f" --debtors {args.debtors or chr(39) * 2}" if args.debtors is not None else "")
        + (f" --fec-lines {args.fec_lines or chr(39) * 2}" if args.fec_lines is not None else ""),
        "machine": machine(),
        "load": load(),
        **scaling.scaling(Path(args.cache), debtors, fec_lines),
    }
    report["load_after"] = load()
    report["seconds"] = round(perf_counter() - started, 1)
    return _print(report, args.out)


def _print(report: dict, out: str | None) -> int:
    text = json.dumps(report, indent=2, ensure_ascii=False)
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


def _chosen(only: str | None) -> set[str]:
    if not only:
        return set(MEASURES)
    names = {n.strip() for n in only.split(",") if n.strip()}
    unknown = names - set(MEASURES)
    if unknown:
        raise SystemExit(f"scripts/bench: unknown measure(s): {', '.join(sorted(unknown))}")
    return names


def _say(what: str) -> None:
    print(f"bench: {what}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())

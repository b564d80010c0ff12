"""scripts/bench: every figure with its floor and ratio, the --scaling mode, the small helpers."""

from __future__ import annotations

import json
import math

import pytest

from callcenter.bench import fixtures, scaling
from callcenter.bench.__main__ import MEASURES, main
from callcenter.bench.stats import percentile, ratio, slope


@pytest.fixture(scope="session")
def bench_cache(tmp_path_factory):
    """One small bench ledger per test worker: building it is most of a bench test's time."""
    cache = tmp_path_factory.mktemp("bench")
    _, info = fixtures.cached_ledger(cache, fixtures.SMALL)
    assert info["cached"] is False and info["build"]["debtors"] == fixtures.SMALL.debtors
    return cache


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile([7.0], 95) == 7.0
    assert percentile([3, 1, 2], 100) == 3
    with pytest.raises(ValueError):
        percentile([], 50)


def test_slope_is_the_log_log_growth_exponent():
    sizes = [10_000, 100_000, 1_000_000]
    assert slope(sizes, [5.0, 5.0, 5.0]) == 0
    assert slope(sizes, [1.0, 10.0, 100.0]) == 1
    assert slope(sizes, [1.0, 100.0, 10_000.0]) == 2
    assert slope([10, 100], [4.0, 2.0]) == pytest.approx(-0.301, abs=0.001)
    assert slope([10], [1.0]) is None
    assert slope([10, 100], [0.0, 1.0]) is None  # a zero cannot be put on a log scale


def test_ratio_over_a_zero_floor_is_infinite():
    assert ratio(3.0, 2.0) == 1.5
    assert ratio(1.0, 0.0) == math.inf


def test_sizes_are_parsed_or_refused():
    assert scaling.parse_sizes("100_000,10000", (1,)) == (10_000, 100_000)
    assert scaling.parse_sizes(None, (5, 6)) == (5, 6)
    assert scaling.parse_sizes("", (5, 6)) == ()  # --debtors '': that series is skipped
    with pytest.raises(SystemExit, match="whole numbers"):
        scaling.parse_sizes("10k", (1,))
    with pytest.raises(SystemExit, match="positive"):
        scaling.parse_sizes("0", (1,))


def test_unknown_measure_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="unknown measure"):
        main(["--small", "--cache", str(tmp_path), "--only", "speed_of_light"])


def test_the_fec_import_alone_builds_and_copies_no_ledger(tmp_path, capsys):
    cache = tmp_path / "cache"
    assert main(["--small", "--cache", str(cache), "--only", "fec_import"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "ledger" not in report and report["fec_import"]["lines"] >= fixtures.SMALL.fec_lines
    assert not list(cache.glob("*.db"))  # neither the ledger nor its working copy


def test_cached_ledger_is_reused(bench_cache):
    first = fixtures.ledger_path(bench_cache, fixtures.SMALL)
    again, info = fixtures.cached_ledger(bench_cache, fixtures.SMALL)
    assert again == first and info == {"cached": True}


@pytest.mark.slow
def test_small_bench_reports_every_figure_with_its_floor(bench_cache, tmp_path, capsys):
    out = tmp_path / "report.json"
    assert main(["--small", "--cache", str(bench_cache), "--out", str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == json.loads(out.read_text(encoding="utf-8"))
    assert report["machine"]["cores"] >= 1 and report["machine"]["cpu"]
    assert report["ledger"]["debtors"] == fixtures.SMALL.debtors
    for name in (*MEASURES, "memory"):
        figure = report[name]
        assert isinstance(figure["ok"], bool) and figure["target"], name
        assert figure["floor"]["what"] and figure["ratio"] > 0, name
        assert len(figure["load"]) == 2, name
    latency = report["next_debtor"]
    assert 0 < latency["p50_ms"] <= latency["p95_ms"] < 10_000
    assert latency["floor"]["p50_ms"] > 0 and latency["floor"]["table_rows"] >= 0
    assert latency["ratio"] == pytest.approx(
        latency["p50_ms"] / latency["floor"]["p50_ms"], abs=0.02
    )
    assert report["memory"]["peak_rss_mb"] > report["memory"]["floor"]["peak_rss_mb"] > 10
    fec = report["fec_import"]
    assert fec["lines"] >= fixtures.SMALL.fec_lines
    assert fec["floor"]["sum_s"] == pytest.approx(
        fec["floor"]["csv_read_s"] + fec["floor"]["executemany_s"], abs=0.002
    )
    assert report["queue_pick"]["claim_next_us"] > report["queue_pick"]["floor"]["raw_top1_us"] > 0
    assert report["queue_pick"]["same_debtor_us"] > 0 and report["queue_pick"]["first_round_us"] > 0
    assert report["cold_start"]["first_dossier_s"] > 0
    assert report["cold_start"]["floor"]["hello_app_s"] > 0
    assert report["figures"]["floor"]["count_calls_ms"] >= 0
    assert report["all_ok"] == all(report[n]["ok"] for n in (*MEASURES, "memory"))


@pytest.mark.slow
def test_scaling_reports_an_exponent_per_series(tmp_path, capsys):
    cache = tmp_path / "cache"
    args = ["--scaling", "--debtors", "150,300", "--fec-lines", "1000,3000", "--cache", str(cache)]
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out)
    assert [p["debtors"] for p in report["ledgers"]] == [150, 300]
    assert all(p["lines"] >= n for p, n in zip(report["fec_imports"], (1000, 3000), strict=True))
    for point in report["fec_imports"]:
        assert point["peak_rss_mb"] > 10 and point["seconds"] > 0
        # Short imports are timed before and after the long ones; the mean is the figure.
        assert point["runs"] == 2
        assert point["seconds"] == pytest.approx(sum(point["seconds_each"]) / 2, abs=0.002)
    assert set(report["exponents"]) == set(report["targets"]) == set(report["exponents_ok"])
    assert all(isinstance(v, float | int) for v in report["exponents"].values())
    assert report["ok"] == all(report["exponents_ok"].values())

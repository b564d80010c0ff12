"""scripts/bench --small runs end to end and reports every figure with its target."""

from __future__ import annotations

import json

import pytest

from callcenter.bench import fixtures
from callcenter.bench.__main__ import MEASURES, main
from callcenter.bench.stats import percentile


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile([7.0], 95) == 7.0
    assert percentile([3, 1, 2], 100) == 3
    with pytest.raises(ValueError):
        percentile([], 50)


def test_unknown_measure_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="unknown measure"):
        main(["--small", "--cache", str(tmp_path), "--only", "speed_of_light"])


def test_small_bench_reports_every_measure(tmp_path, capsys):
    out = tmp_path / "report.json"
    assert main(["--small", "--cache", str(tmp_path / "cache"), "--out", str(out)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == json.loads(out.read_text(encoding="utf-8"))
    assert report["machine"]["cores"] >= 1 and report["machine"]["cpu"]
    assert report["ledger"]["debtors"] == fixtures.SMALL.debtors
    assert report["ledger"]["cached"] is False
    for name in (*MEASURES, "memory"):
        figure = report[name]
        assert isinstance(figure["ok"], bool) and figure["target"], name
    latency = report["next_debtor"]
    assert 0 < latency["p50_ms"] <= latency["p95_ms"] < 10_000
    assert report["memory"]["peak_rss_mb"] > 10
    assert report["fec_import"]["lines"] >= fixtures.SMALL.fec_lines
    assert report["queue_pick"]["claim_next_ms"] > 0
    assert report["cold_start"]["first_dossier_s"] > 0 and report["cold_start"]["hello_app_s"] > 0
    assert report["all_ok"] == all(report[n]["ok"] for n in (*MEASURES, "memory"))


def test_cached_ledger_is_reused(tmp_path):
    first, info = fixtures.cached_ledger(tmp_path, fixtures.SMALL)
    assert info["cached"] is False and info["build"]["debtors"] == fixtures.SMALL.debtors
    again, info = fixtures.cached_ledger(tmp_path, fixtures.SMALL)
    assert again == first and info == {"cached": True}

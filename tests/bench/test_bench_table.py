"""`make bench`'s table of signed-in figures (issue 19), built from made-up runs:
the ratios, the targets and the dashes where a figure does not apply. No wrk, no
server: bench/run_bench.py is loaded as a module."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "bench" / "run_bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("run_bench", SOURCE)
    module = importlib.util.module_from_spec(spec)
    sys.modules["run_bench"] = module  # dataclasses look their module up
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["run_bench"]
    return module


def run(bench, rps, p50=10.0, p99=30.0):
    return bench.Run(rps=rps, p50_ms=p50, p99_ms=p99, errors=0)


def page(bench, **extra):
    fields = {
        "label": "contribution list",
        "path": "/musterstadt/participation/",
        "status": 200,
        "queries": 5,
        "signed_in_queries": 6,
        "small_path": "/beispielheim/participation/",
        "small_status": 200,
        "small_queries": 4,
        "klein_path": "/kleinstadt/participation/",
        "klein_status": 200,
        "klein_queries": 6,
        "deep_path": "/musterstadt/participation/?after=abc",
        "deep_queries": 6,
    }
    return bench.Page(**{**fields, **extra})


def cells(line):
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_ratios_are_means_of_the_rounds(bench):
    p = page(bench)
    p.reference = [run(bench, 1000), run(bench, 2000)]
    p.signed_in = [run(bench, 300), run(bench, 400, p50=20, p99=100)]
    p.kleinstadt = [run(bench, 600), run(bench, 400)]
    p.deep = [run(bench, 300), run(bench, 200)]
    assert math.isclose(p.signed_in_ratio, (0.3 + 0.2) / 2)
    # Musterstadt takes 600/300 and 400/400 of Kleinstadt's time: 1.5 on average.
    assert math.isclose(p.size_ratio, (2.0 + 1.0) / 2)
    assert math.isclose(p.deep_ratio, (1.0 + 2.0) / 2)
    assert math.isclose(p.tail, 65 / 15)

    row = cells(bench.signed_in_table([p])[2])
    assert row[1] == "6 / 6 / 6"
    assert row[2:] == [
        "350",
        "15.0",
        "25%",
        "20%",
        "–",
        "1.50×",
        "1.50×",
        "4.33×",
        "yes",
    ]
    # Against a bare-Django floor at 50 % of the minimal view, 25 % is half of it.
    assert cells(bench.signed_in_table([p], floor=0.5)[2])[6] == "50%"


def test_each_missed_target_is_named(bench):
    p = page(bench, label="API actor list", path="/api/v1/municipalities/x/actors")
    p.reference = [run(bench, 1000)]
    p.signed_in = [run(bench, 250, p50=5, p99=80)]  # 25 %: under the API's 30 %
    p.kleinstadt = [run(bench, 500)]  # twice as slow with the big data
    p.deep = [run(bench, 100)]  # page 500 takes 2.5 times as long
    row = cells(bench.signed_in_table([p])[2])
    assert row[5] == "30%"
    assert row[-1] == "**no** (ratio, size, depth, p99)"


def test_figures_that_do_not_apply_are_dashes(bench):
    # No Kleinstadt twin (same path, e.g. /oparl/bodies/) and no deep page.
    p = page(
        bench,
        label="oparl bodies",
        path="/oparl/bodies/",
        klein_path="/oparl/bodies/",
        deep_path="",
    )
    p.reference = [run(bench, 1000)]
    p.signed_in = [run(bench, 500)]
    row = cells(bench.signed_in_table([p])[2])
    assert row[1] == "6 / –"
    assert row[7:9] == ["–", "–"]
    assert row[-1] == "yes"
    # A Kleinstadt page that does not answer like Musterstadt's is no twin either.
    assert not page(bench, klein_status=404).has_kleinstadt

"""The benchmark's key-press figures are the medians of several readers' runs."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def bench_run():
    # run.py imports its neighbours (ptytiming) by name, as a script beside them does.
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


def test_each_figure_is_its_median_over_the_runs_and_the_runs_are_kept(bench_run) -> None:
    runs = [
        {"cursor move p95 ms": 9.0, "gc ms": 300.0, "presses": 246},
        {"cursor move p95 ms": 27.0, "gc ms": 310.0, "presses": 246},
        {"cursor move p95 ms": 11.0, "gc ms": 290.0, "presses": 246},
    ]
    figures = bench_run.median_of_runs(runs)
    # One run slowed by the machine's load does not set the figure.
    assert figures["cursor move p95 ms"] == 11.0
    assert figures["gc ms"] == 300.0
    assert figures["presses"] == 246
    assert figures["runs"] == runs

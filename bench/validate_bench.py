"""How long loading and validating one briefing takes, and library throughput.

    python bench/validate_bench.py [--runs N] [--count N]

Generates a small library (bench/generate_library.py: ~30 KB briefings), then times
`load_briefing` (parse, format check, resolution, citation matching) per file, and the whole
`load_library`. Prints a table and writes JSON to bench/results/validate.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefing.library import load_library
from briefing.loader import load_briefing
from briefing.yamlsafe import read_yaml_file

BENCH = Path(__file__).resolve().parent


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed loads of each briefing")
    parser.add_argument("--count", type=int, default=20, help="generated briefings")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder)
        subprocess.run(
            [
                sys.executable,
                str(BENCH / "generate_library.py"),
                str(library),
                "--count",
                str(args.count),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        files = sorted(library.glob("*.yaml"))
        sizes = [path.stat().st_size for path in files]
        parse_ms: list[float] = []
        load_ms: list[float] = []
        for path in files:
            for _ in range(args.runs):
                start = time.perf_counter()
                read_yaml_file(path)
                parse_ms.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                result = load_briefing(path)
                load_ms.append((time.perf_counter() - start) * 1000)
                assert result.briefing is not None, result.findings
        start = time.perf_counter()
        load_library([library])
        whole = time.perf_counter() - start

    figures = {
        "briefings": len(files),
        "mean_size_kb": statistics.mean(sizes) / 1024,
        "parse_ms_p50": statistics.median(parse_ms),
        "parse_ms_p95": percentile(parse_ms, 0.95),
        "load_and_validate_ms_p50": statistics.median(load_ms),
        "load_and_validate_ms_p95": percentile(load_ms, 0.95),
        "library_briefings_per_second": len(files) / whole,
    }
    width = max(map(len, figures))
    for name, value in figures.items():
        print(
            f"{name:<{width}}  {value:,.1f}"
            if isinstance(value, float)
            else f"{name:<{width}}  {value}"
        )
    results = BENCH / "results"
    results.mkdir(exist_ok=True)
    (results / "validate.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()

"""How fast the reader shows its first screen, against the floor of importing Textual at all.

    python bench/startup_bench.py [--runs N] [--width W] [--height H] [LIBRARY ...]

Runs `briefing LIBRARY` in a pseudo-terminal and times from launch until first content (the
navigator's title) and until a complete screen (the first briefing's overview) reach the
terminal. Each run alternates the floor (`python -c "import textual.app"` run to exit), the
bundled library, and each LIBRARY given, so all see the same machine load. Reports medians and
their ratios to the floor (budgets 1.5x first, 2.0x complete) and to the bundled library
(budget 1.2x). Each library has a cache directory of its own under --cache, filled before the
runs (a warm cache); reading state and settings start empty.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from ptytiming import COMPLETE, FIRST_CONTENT, compile_reader, floor, reader_times

from briefing.library import bundled_content_dir

BENCH = Path(__file__).resolve().parent
MARKERS = {"first": FIRST_CONTENT, "complete": COMPLETE}


def warm(library: Path, cache: Path) -> None:
    """Fill the library's cache (its entries, metadata and search index), as a reader would."""
    code = (
        "import sys; from briefing.library.catalog import Catalog; "
        "Catalog.open(sys.argv[1:]).refresh()"
    )
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(cache))
    subprocess.run([sys.executable, "-c", code, str(library)], env=env, check=True)


def environment(cache: Path, home: Path) -> dict[str, str]:
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(cache))
    # Empty reading state, no settings file: the user's own do not change the measure.
    env["BRIEFING_STATE_DIR"] = str(home / "state")
    env["BRIEFING_CONFIG"] = str(home / "config.toml")
    return env


def summary(name: str, values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    return (
        f"{name:<28} median {statistics.median(ms):6.0f} ms   "
        f"min {ms[0]:6.0f}   max {ms[-1]:6.0f}   (n={len(ms)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--width", type=int, default=120)
    parser.add_argument("--height", type=int, default=40)
    parser.add_argument(
        "--cache",
        type=Path,
        default=BENCH / "results" / "startup-cache",
        help="where each library's cache is kept between runs",
    )
    parser.add_argument("libraries", nargs="*", type=Path, help="libraries besides the bundled one")
    options = parser.parse_args()

    libraries = {"bundled": bundled_content_dir()}
    libraries.update({path.name: path.resolve() for path in options.libraries})
    size = (options.width, options.height)
    compile_reader()
    with tempfile.TemporaryDirectory(prefix="briefing-startup-") as home:
        envs = {}
        for index, (name, library) in enumerate(libraries.items()):
            cache = options.cache / f"library-{index}-{library.name}"
            warm(library, cache)
            envs[name] = environment(cache, Path(home))
        # One run of each first, so the file cache is warm for all.
        floor()
        for name, library in libraries.items():
            reader_times([str(library)], MARKERS, env=envs[name], size=size)
        floors: list[float] = []
        times: dict[str, dict[str, list[float]]] = {
            name: {"first": [], "complete": []} for name in libraries
        }
        for _ in range(options.runs):
            floors.append(floor())
            for name, library in libraries.items():
                run = reader_times([str(library)], MARKERS, env=envs[name], size=size)
                for marker in MARKERS:
                    times[name][marker].append(run[marker])

    print("load average (1, 5, 15 min): " + ", ".join(f"{load:.2f}" for load in os.getloadavg()))
    print(summary("floor, import textual.app", floors))
    base = statistics.median(floors)
    bundled = {marker: statistics.median(times["bundled"][marker]) for marker in MARKERS}
    for name in libraries:
        for marker in MARKERS:
            values = times[name][marker]
            print(summary(f"{name}: {marker}", values))
        first, complete = (statistics.median(times[name][m]) for m in MARKERS)
        line = f"  ÷ floor {first / base:.2f}x first, {complete / base:.2f}x complete"
        if name != "bundled":
            line += (
                f"; ÷ bundled {first / bundled['first']:.2f}x first, "
                f"{complete / bundled['complete']:.2f}x complete"
            )
        print(line)
    print("budgets: first ≤ 1.5x the floor, complete ≤ 2.0x; a large library ≤ 1.2x the bundled")


if __name__ == "__main__":
    main()

"""How long does saving the reading state take? Times `flush` for a typical and a large state.

    python bench/state_bench.py [--dir DIR] [--repeat 50]

A save re-reads the file under the lock, applies the pending changes and replaces the file
atomically (with two fsyncs), so its cost is mostly the disk's. Run it on the disk that holds
the real state directory (the default is a temporary directory under it) for honest figures.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from briefing import locations
from briefing.model import Section
from briefing.state import StateStore


def fill(store: StateStore, briefings: int, read_per_briefing: int) -> None:
    for b in range(briefings):
        for i in range(read_per_briefing):
            store.mark_read(f"briefing-{b}", f"item-{i:05d}")
        store.remember_place(f"briefing-{b}", Section.QUOTES, "item-00000")
        store.toggle_bookmark(f"briefing-{b}", "item-00001")
    store.flush()


def time_saves(path: Path, repeat: int) -> list[float]:
    store, _ = StateStore.open(path)
    times = []
    for index in range(repeat):
        store.remember_place("briefing-0", Section.QUESTIONS, f"q-{index}")
        started = time.perf_counter()
        store.flush()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, help="where to write (default: beside the real state)")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    base = args.dir or locations.state_dir().parent
    base.mkdir(parents=True, exist_ok=True)
    cases = {
        "typical (3 briefings, 100 read each)": (3, 100),
        "large (20 x 10,000 read)": (20, 10_000),
    }
    with tempfile.TemporaryDirectory(dir=base) as folder:
        for name, (briefings, read) in cases.items():
            path = Path(folder) / name.split()[0] / "state.json"
            store, _ = StateStore.open(path)
            fill(store, briefings, read)
            times = sorted(time_saves(path, args.repeat))
            print(
                f"{name}: {path.stat().st_size:,} bytes; save p50 "
                f"{statistics.median(times) * 1000:.1f} ms, p95 "
                f"{times[int(len(times) * 0.95) - 1] * 1000:.1f} ms, max {times[-1] * 1000:.1f} ms"
            )


if __name__ == "__main__":
    main()

"""The CPU cost of a cursor move in each pane of the reader (the budget is one frame, ~16 ms).

    python bench/keypress_bench.py [PATH ...] [--presses N]

Opens the reader headless on a library (default: the bundled briefings), moves the cursor
through the navigator, the items of the largest section and the detail, and reports the CPU
time per key press, including the repaint (each press is given 50 ms to be drawn). CPU time,
not wall time; and the cost of a key bound to nothing, pressed the same way, is subtracted:
that is the test pilot's own overhead, not the reader's.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from briefing.library import bundled_content_dir, load_library
from briefing.model import Section
from briefing.tui.app import BriefingApp
from briefing.tui.start import Start


async def measure(app: BriefingApp, presses: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        async def run(name: str, keys: list[str]) -> None:
            costs = []
            for key in keys:
                start = time.process_time()
                await pilot.press(key)
                await pilot.pause(0.05)
                costs.append(time.process_time() - start - overhead)
            results[name] = costs

        overhead = 0.0
        await run("unbound", ["z"] * 20)
        overhead = statistics.median(results.pop("unbound"))

        await pilot.press("4")  # questions: the items pane
        await run("items", ["down", "up"] * (presses // 2))
        await pilot.press("shift+tab")
        await run("navigator", ["down", "up"] * (presses // 2))
        await pilot.press("tab", "tab")
        await run("detail", ["down", "up"] * (presses // 2))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--presses", type=int, default=60)
    options = parser.parse_args()
    library = load_library(options.paths or [bundled_content_dir()])
    biggest = max(
        range(len(library.entries)),
        key=lambda i: (
            (library.entries[i].briefing or library.entries[0].briefing).count(Section.QUESTIONS)
            if library.entries[i].briefing
            else -1
        ),
    )
    app = BriefingApp(library, Start(entry=biggest))
    results = asyncio.run(measure(app, options.presses))
    for name, costs in results.items():
        ms = sorted(c * 1000 for c in costs)
        print(
            f"{name:<10} median {statistics.median(ms):5.1f} ms CPU   "
            f"p90 {ms[int(len(ms) * 0.9)]:5.1f}   max {ms[-1]:5.1f}   (n={len(ms)})"
        )


if __name__ == "__main__":
    main()

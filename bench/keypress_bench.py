"""The CPU cost of a cursor move in each pane of the reader (the budget is one frame, ~16 ms).

    python bench/keypress_bench.py [PATH ...] [--presses N]

Opens the reader headless on a library (default: the bundled briefings), as the command does
(the collector paused until the first screen is drawn), moves the cursor through the items of
the largest Questions section, the navigator and the detail, and reports the CPU time per key
press from the key until the reader is idle again with its screen repainted (`pilot.pause()`
waits for idle, then runs the screen's pending update), p50, p95 and max. CPU time, not wall
time; the cost of a key bound to nothing, pressed the same way, is subtracted: that is the test
pilot's own overhead, not the reader's. "items, first visit" moves the same way with what the
reader keeps of the items it has shown forgotten before each press (see bench/run.py).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
from pathlib import Path

# bench/run.py, beside this script (a script's folder is on the path).
from run import KeyTimer, percentile

from briefing.library import bundled_content_dir, load_library
from briefing.model import Section
from briefing.tui.app import BriefingApp
from briefing.tui.start import Start


async def measure(app: BriefingApp, presses: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        timer = KeyTimer(app, pilot, results)
        await timer.calibrate()
        await pilot.press("4")  # questions: the items pane
        await timer.run("items", ["down", "up"] * (presses // 2))
        await timer.run("items, first visit", ["down", "up"] * (presses // 2), fresh=True)
        await pilot.press("shift+tab")
        await timer.run("navigator", ["down", "up"] * (presses // 2))
        await pilot.press("tab", "tab")
        await timer.run("detail", ["down", "up"] * (presses // 2))
    print(f"pilot overhead subtracted: {timer.overhead:.1f} ms a press")
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
            briefing.count(Section.QUESTIONS)
            if (briefing := library.entries[i].briefing) is not None
            else -1
        ),
    )
    # As `briefing read` starts: the app resumes the collector once the first screen is drawn.
    gc.disable()
    app = BriefingApp(library, Start(entry=biggest))
    results = asyncio.run(measure(app, options.presses))
    for name, costs in results.items():
        print(
            f"{name:<20} p50 {statistics.median(costs):5.1f} ms CPU   "
            f"p95 {percentile(costs, 0.95):5.1f}   max {max(costs):5.1f}   (n={len(costs)})"
        )


if __name__ == "__main__":
    main()

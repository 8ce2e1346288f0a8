"""The cost of the cross-reference index, and of following a link in the reader.

    python bench/links_bench.py [PATH ...] [--follows N]

Loads a library (default: the bundled briefings), then reports:
- the time to build the party index across the library, and each briefing's link index;
- the time to list the links of every item of every briefing (what the detail pane asks for);
- the CPU time per key press to follow a link in the reader and to come back (enter on a
  link of a party's detail, then backspace), including the repaint (each press is given 50 ms
  to be drawn), less the cost of a key bound to nothing: the pilot's own overhead.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from briefing.library import Library, bundled_content_dir, load_library
from briefing.links import BriefingLinks, LibraryLinks, PartyAppearances


def index_costs(library: Library) -> dict[str, float]:
    briefings = library.briefings
    start = time.perf_counter()
    PartyAppearances(briefings)
    appearances = time.perf_counter() - start

    start = time.perf_counter()
    for briefing in briefings:
        BriefingLinks(briefing)
    per_briefing = (time.perf_counter() - start) / max(len(briefings), 1)

    links = LibraryLinks(briefings)
    items = 0
    start = time.perf_counter()
    for briefing in briefings:
        for _, item in briefing.all_items():
            links.links(briefing, item)
            items += 1
    every_item = time.perf_counter() - start
    return {
        "briefings": len(briefings),
        "items": items,
        "party index, whole library (ms)": appearances * 1000,
        "link index, per briefing (ms)": per_briefing * 1000,
        "links of every item, first time (ms)": every_item * 1000,
        "links of one item, mean (µs)": every_item / max(items, 1) * 1e6,
    }


async def follow_costs(library: Library, follows: int) -> dict[str, list[float]]:
    from briefing.model import Section
    from briefing.tui.app import BriefingApp
    from briefing.tui.start import Start

    party = next(
        (index, entry.briefing.parties[0].id)
        for index, entry in enumerate(library.entries)
        if entry.briefing is not None and entry.briefing.parties
    )
    app = BriefingApp(library, Start(party[0], Section.PARTIES, party[1], "detail"))
    costs: dict[str, list[float]] = {"unbound": [], "follow a link": [], "back": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()

        async def press(name: str, key: str) -> None:
            start = time.process_time()
            await pilot.press(key)
            await pilot.pause(0.05)
            costs[name].append(time.process_time() - start)

        # A key bound to nothing costs the pilot's own overhead, which is subtracted.
        for _ in range(follows):
            await press("unbound", "z")
        overhead = statistics.median(costs.pop("unbound"))
        for _ in range(follows):
            await pilot.press("down")
            await press("follow a link", "enter")
            await press("back", "backspace")
        for name in costs:
            costs[name] = [cost - overhead for cost in costs[name]]
    return costs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--follows", type=int, default=20)
    args = parser.parse_args()
    library = load_library(args.paths or [bundled_content_dir()])
    for name, value in index_costs(library).items():
        print(f"{name:>40}: {value:,.3f}" if isinstance(value, float) else f"{name:>40}: {value}")
    if args.follows:
        for name, values in asyncio.run(follow_costs(library, args.follows)).items():
            label = f"{name}, CPU per press (ms)"
            median, worst = statistics.median(values) * 1000, max(values) * 1000
            print(f"{label:>40}: median {median:.1f}, max {worst:.1f}")


if __name__ == "__main__":
    main()

"""What the reader adds to search on a large library: the search box's round trip and the palette.

    python bench/find_bench.py [--count 10000] [--repeat 5]

Uses the saved search index of `bench/search_bench.py` (run that first) and, for the palette,
go-to targets of the generated briefings' shape. Prints, per query, p50/p95 of:

- `finder`: `Finder.search`, the function the search box calls (the engine, plus each hit's
  landing);
- `box`: the last key of a query typed in the search box (its hits for the query less that key
  already listed, as when typing) until the new hits are listed and drawn, in a headless reader
  (the debounce set to 1 ms; the thread hop and the list's redraw included): wall time, and the
  process's CPU time (every thread) over the same span;
- `palette, a list`: `GoTo.match` over about 38 targets a briefing, gathered beforehand, as for
  a library read as a list (every briefing loaded);
- `palette, a catalog`: what the palette does for a catalog, `CatalogGoTo`: briefings and
  sections (from the briefings' titles, as from a catalog's records) matched by `GoTo`, then
  parties, questions and quotes found in the search index and scored by their labels. Timed
  whole (`match`), and its parts (`headings`, `items`), each p50/p95.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from briefing.finder import Finder
from briefing.goto import CatalogGoTo, GoTo, Target, TargetKind
from briefing.library import Library
from briefing.model import Section
from briefing.search import SearchIndex

HERE = Path(__file__).resolve().parent
QUERIES = ["ceasefire", "pipel", "refrendum", "cease talks", "water treaty", "hos", "Wednesday"]
# Seconds to wait for a query's hits before calling it a failure, not a figure.
WAIT = 10
PALETTE_QUERIES = [*QUERIES, "questions", "party 7", "ceasefire quotes", "minister"]


def percentiles(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {1000 * statistics.median(ordered):7.2f} ms  p95 {1000 * p95:7.2f} ms"


def stand_in_entries(index: SearchIndex) -> list[SimpleNamespace]:
    """Library entries that know only their briefing's id: all a hit's landing needs, except an
    issue's first position (none here, so an issue lands on its section)."""
    return [
        SimpleNamespace(briefing=SimpleNamespace(id=briefing_id, positions=()))
        for briefing_id in index.briefing_ids()
    ]


def palette_targets(count: int) -> GoTo:
    """Targets of `count` briefings of the generated shape, without loading them."""
    words = [
        "ceasefire",
        "pipeline",
        "referendum",
        "water",
        "treaty",
        "talks",
        "hostage",
        "border",
        "tariff",
    ]
    targets = []
    for entry in range(count):
        title = f"{words[entry % 9].title()} talks {entry} in {words[(entry * 7) % 9]}"
        targets.append(Target(TargetKind.BRIEFING, title, title, entry, Section.OVERVIEW))
        for section in list(Section)[1:]:
            targets.append(Target(TargetKind.SECTION, section.title, title, entry, section))
        for n in range(29):
            name = f"{words[(entry + n) % 9]} party {n % 13}"
            targets.append(Target(TargetKind.PARTY, name, title, entry, Section.PARTIES, str(n)))
    return GoTo([], targets)


def catalog_palette(index: SearchIndex, finder: Finder) -> CatalogGoTo:
    """The palette of a catalog of the indexed briefings: headings from their titles."""
    from briefing.library.catalog import BriefingMeta, CatalogEntries

    metas = [
        BriefingMeta(f"{briefing_id}.yaml", briefing_id, title, "", "", [], [], 0, 0)
        for briefing_id, title in index.titles()
    ]
    records = CatalogEntries(SimpleNamespace(metas=metas))  # type: ignore[arg-type]
    return CatalogGoTo(GoTo(records), finder)


async def box_round_trip(
    finder: Finder, repeat: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    from textual.widgets import Input

    from briefing.tui.app import BriefingApp
    from briefing.tui.screens import search
    from briefing.tui.screens.search import SearchScreen

    search.DEBOUNCE = 0.001  # the wait for a pause in typing is not the reader's cost
    app = BriefingApp(Library(()))
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}

    async def show(screen: SearchScreen, box: Input, text: str) -> None:
        box.value = text
        deadline = time.perf_counter() + WAIT
        while screen.searched != text:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"no hits listed for {text!r} in {WAIT} s")
            await asyncio.sleep(0.0005)
        await pilot.pause()  # drawn

    async with app.run_test(size=(120, 40)) as pilot:
        screen = SearchScreen(finder)
        await app.push_screen(screen)
        await pilot.pause()
        box = screen.query_one(Input)
        for query in QUERIES:
            for _ in range(repeat):
                await show(screen, box, query[:-1])  # typed so far, its hits listed
                await pilot.pause(0.05)
                started, used = time.perf_counter(), time.process_time()
                await show(screen, box, query)  # and the last key
                wall.setdefault(query, []).append(time.perf_counter() - started)
                cpu.setdefault(query, []).append(time.process_time() - used)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    saved = HERE / "results" / f"search-index-{args.count}-seed0-v1.msgpack"
    if not saved.exists():
        print(f"no saved index at {saved}: run bench/search_bench.py --count {args.count}")
        return 1
    index = SearchIndex.from_bytes(saved.read_bytes())
    finder = Finder(stand_in_entries(index))  # type: ignore[arg-type]
    finder.use(index)
    print(f"{len(index)} briefings indexed")

    print("\nfinder (the search box's function)")
    for query in QUERIES:
        times = []
        for _ in range(args.repeat * 4):
            started = time.perf_counter()
            found = finder.search(query)
            times.append(time.perf_counter() - started)
        print(f"  {query:<14} {percentiles(times)}  {len(found or ())} hits")

    print("\nbox (last key to hits drawn, in a headless reader): wall, then CPU")
    wall, cpu = asyncio.run(box_round_trip(finder, args.repeat))
    for query in wall:
        print(f"  {query:<14} {percentiles(wall[query])}   {percentiles(cpu[query])}")
    every_wall = [t for times in wall.values() for t in times]
    every_cpu = [t for times in cpu.values() for t in times]
    print(f"  {'all':<14} {percentiles(every_wall)}   {percentiles(every_cpu)}")

    started = time.perf_counter()
    goto = palette_targets(args.count)
    gathered = time.perf_counter() - started
    print(f"\npalette, a list ({len(goto)} targets, gathered in {gathered:.1f} s)")
    for query in PALETTE_QUERIES:
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            goto.match(query)
            times.append(time.perf_counter() - started)
        print(f"  {query:<14} {percentiles(times)}")

    started = time.perf_counter()
    palette = catalog_palette(index, finder)
    gathered = time.perf_counter() - started
    print(
        f"\npalette, a catalog ({len(palette.targets)} briefings and sections, gathered in "
        f"{gathered:.1f} s; items from the index): whole, headings, items"
    )
    every: list[float] = []
    for query in PALETTE_QUERIES:
        whole, headings, items = [], [], []
        for _ in range(args.repeat * 2):
            started = time.perf_counter()
            found = palette.match(query)
            whole.append(time.perf_counter() - started)
            started = time.perf_counter()
            palette.headings.match(query)
            headings.append(time.perf_counter() - started)
            started = time.perf_counter()
            palette.items(query)
            items.append(time.perf_counter() - started)
        every += whole
        kinds = sorted({match.target.kind.value for match in found})
        print(
            f"  {query:<22} {percentiles(whole)} | {percentiles(headings)} | "
            f"{percentiles(items)}  {', '.join(kinds)}"
        )
    print(f"  {'all':<22} {percentiles(every)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

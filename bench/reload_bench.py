"""How soon does the reader show an edit? Times live reload from a file's write to the screen.

    python bench/reload_bench.py [--edits 10] [--library PATH]

A headless reader (`App.run_test`, 120×40) reads a copy of the library (the bundled one by
default), as a plain library and through its catalog (as `briefing FOLDER` does); the first
briefing's title is rewritten `--edits` times, then broken and fixed again. Each figure is wall
time from the write until the reader shows the change: the new title in the header, or the
banner that keeps the last good version. The watcher's debounce (`tui.live`) is most of it.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from briefing.library import bundled_content_dir, discover, load_library
from briefing.library.cache import LibraryCache
from briefing.library.catalog import Catalog
from briefing.tui.app import BriefingApp
from briefing.tui.options import ReaderOptions
from briefing.tui.start import Start
from briefing.tui.widgets.reload_banner import ReloadBanner

# Give up on a change that has not shown after this long.
PATIENCE = 10.0


async def until(pilot, condition: Callable[[], bool]) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > PATIENCE:
            raise TimeoutError("the change never showed")
        await pilot.pause(0.005)
    return time.perf_counter() - started


def reader(kind: str, folder: Path, work: Path) -> BriefingApp:
    options = ReaderOptions(paths=(folder,), state_file=work / "state.json")
    if kind == "library":
        return BriefingApp(load_library([folder]), Start(), options)
    catalog = Catalog.open([folder], LibraryCache(work / "cache"))
    return BriefingApp(catalog.library(), Start(), options)


async def measure(kind: str, folder: Path, work: Path, edits: int) -> dict[str, list[float]]:
    first = discover([folder])[0][0]
    text = first.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    app = reader(kind, folder, work)
    times: dict[str, list[float]] = {"edit": [], "invalid edit": [], "fix": []}
    async with app.run_test(size=(120, 40)) as pilot:
        live = app.session.live
        assert live is not None
        await until(pilot, lambda: live.ready)
        catalog = getattr(app.library.entries, "catalog", None)
        if catalog is not None:
            await until(pilot, lambda: catalog.warm and catalog.complete)
        await pilot.pause(0.5)
        banner = app.screen.query_one(ReloadBanner)
        for number in range(edits):
            title = f"Edited {number}"
            first.write_text(text.replace(title_line, f"title: {title}"), encoding="utf-8")
            times["edit"].append(await until(pilot, lambda t=title: app.screen.title == t))
            await pilot.pause(0.2)
            first.write_text(text.replace(title_line, "title: [\n"), encoding="utf-8")
            times["invalid edit"].append(await until(pilot, lambda: banner.stale is not None))
            await pilot.pause(0.2)
            first.write_text(text, encoding="utf-8")
            times["fix"].append(await until(pilot, lambda: banner.stale is None))
            await pilot.pause(0.2)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--library", type=Path, default=bundled_content_dir())
    args = parser.parse_args()
    print(f"{'reader':<10} {'change':<13} {'median':>8} {'max':>8}  (ms, {args.edits} each)")
    for kind in ("library", "catalog"):
        with tempfile.TemporaryDirectory() as work_dir:
            work = Path(work_dir)
            folder = work / "library"
            shutil.copytree(args.library, folder)
            results = asyncio.run(measure(kind, folder, work, args.edits))
        for change, times in results.items():
            median, most = statistics.median(times) * 1000, max(times) * 1000
            print(f"{kind:<10} {change:<13} {median:>8.0f} {most:>8.0f}")


if __name__ == "__main__":
    main()

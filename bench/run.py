"""The performance benchmark: one command, a table on screen and JSON in bench/results/.

    python bench/run.py            # bundled, 1,000 and 10,000 generated briefings
    python bench/run.py --quick    # bundled and 1,000: a few minutes

For each library it measures, each in a fresh process:
- start-up in a pseudo-terminal, to first content (the navigator's title) and to a complete
  screen (the first briefing's overview in the detail pane), alternating runs with the floor
  (`python -c "import textual.app"`) and with the bundled library, reported as medians and as
  ratios to both; with a warm cache, and once with an empty one (cold);
- key presses to repaint, in CPU time (p50/p95), the test pilot's own cost subtracted: cursor
  moves (between items shown before, and to items shown for the first time), pane switches,
  section jumps and briefing switches; the medians of several readers' figures;
- load and validate throughput (briefings per second), without the cache, with a cold cache and
  with a warm one, and with the garbage collector paused or running;
- peak memory (RSS) of each of those processes, and of the reader;
- the first page of a search, on the catalog's saved index.

Generated libraries are kept in bench/results/ (gitignored) between runs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ptytiming import COMPLETE, FIRST_CONTENT, compile_reader, floor, reader_times

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"

KEY_ACTIONS = (
    "cursor move",
    "cursor move, first visit",
    "cursor move, reading on",
    "pane switch",
    "section jump",
    "briefing switch",
)
BUDGETS = {
    "first content / floor": 1.5,
    "complete screen / floor": 2.0,
    "warm start-up / bundled": 1.2,
    "cold first briefing / bundled": 2.0,
    "cursor move p95 ms": 16.0,
    "cursor move, first visit p95 ms": 16.0,
    "cursor move, reading on p95 ms": 16.0,
    "pane switch p95 ms": 50.0,
    "section jump p95 ms": 50.0,
    "search first page p95 ms": 100.0,
}


# --- libraries ---------------------------------------------------------------------------------


def bundled() -> Path:
    from briefing.library import bundled_content_dir

    return bundled_content_dir()


def generated(count: int) -> Path:
    folder = RESULTS / f"library-{count}-seed0"
    done = folder / ".complete"
    if not done.exists() and len(list(folder.glob("*.yaml"))) == count:
        done.write_text("", encoding="utf-8")  # made by an earlier run or by the generator
    if not done.exists():
        print(f"generating {count} briefings in {folder} …", flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(
            [
                sys.executable,
                str(BENCH / "generate_library.py"),
                str(folder),
                "--count",
                str(count),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        done.write_text("", encoding="utf-8")
    return folder


# --- probes: each runs in a fresh process and prints one JSON object ---------------------------


def probe(kind: str, library: Path, cache: Path | None, *extra: str) -> dict:
    env = dict(os.environ)
    if cache is not None:
        env["BRIEFING_CACHE_DIR"] = str(cache)
    command = [sys.executable, str(Path(__file__)), "--probe", kind, str(library), *extra]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"probe {kind} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_probe(kind: str, library: Path, extra: list[str]) -> dict:
    from briefing.library import load_library
    from briefing.library.bulk import default_jobs, quiet_gc, validate_paths
    from briefing.library.cache import LibraryCache

    start = time.perf_counter()
    figures: dict[str, object] = {}
    if kind == "load-plain":
        count = len(load_library([library]).entries)
    elif kind in ("load-cached-gc-paused", "load-cached-gc-running"):
        if kind.endswith("running"):
            import briefing.library.bulk as bulk

            bulk.quiet_gc = contextlib.nullcontext  # type: ignore[assignment]
        count = len(load_library([library], cache=LibraryCache(), jobs=1).entries)
    elif kind in ("validate-no-cache", "validate-cache"):
        cache = LibraryCache() if kind == "validate-cache" else None
        count = len(validate_paths([library], cache, jobs=default_jobs()).files)
    elif kind == "validate-gc-running":
        import briefing.library.bulk as bulk

        bulk.quiet_gc = contextlib.nullcontext  # type: ignore[assignment]
        count = len(validate_paths([library], LibraryCache(), jobs=default_jobs()).files)
    elif kind == "catalog":
        from briefing.library.catalog import Catalog

        catalog = Catalog.open([library])
        figures["open_s"] = time.perf_counter() - start
        figures["warm"] = catalog.warm
        at = time.perf_counter()
        catalog.refresh()
        figures["refresh_s"] = time.perf_counter() - at
        at = time.perf_counter()
        index = catalog.search_index()
        figures["search_load_s"] = time.perf_counter() - at
        queries = ["ceasefire", "port", "minister talks", "harbour", "grain", "envoy said"]
        queries += ["border guard", "electoral commission", "wednesday", "pro", "negotia"]
        times = []
        with quiet_gc():
            for _ in range(5):
                for query in queries:
                    at = time.perf_counter()
                    index.search(query, 20)
                    times.append((time.perf_counter() - at) * 1000)
        figures["search_p50_ms"] = statistics.median(times)
        figures["search_p95_ms"] = percentile(times, 0.95)
        count = len(catalog)
    elif kind == "keys":
        figures.update(key_costs(library, int(extra[0]) if extra else 30))
        count = 0
    else:
        raise SystemExit(f"unknown probe {kind}")
    figures["seconds"] = time.perf_counter() - start
    figures["files"] = count
    figures["peak_rss_mb"] = peak_rss_mb()
    return figures


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# --- key presses -------------------------------------------------------------------------------


def key_costs(library: Path, presses: int) -> dict[str, float]:
    """CPU time per key press, repaint included, in a headless reader on `library`.

    Each press is timed from the key until the reader is idle again and its screen repainted
    (`pilot.pause()` waits for idle, then runs the screen's pending update). The pilot's own
    cost, the median of a key bound to nothing pressed the same way, is subtracted. The time
    spent in the garbage collector during the presses is reported with them.

    Cursor moves are measured three ways: down and up between two items (each shown before,
    from what the detail kept); the same with what the reader keeps of the items it has shown
    forgotten before each press, as when an item is shown for the first time and the keys come
    too fast for the reader to make it ready; and down through items never shown, section
    after section, resting on each as a reader reads it (the reader makes the items beside the
    one read ready meanwhile; the rest is not timed).
    """
    import asyncio
    import gc

    # As `briefing LIBRARY` opens it: the collector paused until the first screen is drawn
    # (the reader then freezes what start-up made and resumes it), through the catalog (warm
    # here: the catalog probe ran).
    gc.disable()
    from briefing.library.catalog import Catalog
    from briefing.tui.app import BriefingApp

    app = BriefingApp(Catalog.open([library]).library())
    costs: dict[str, list[float]] = {}
    collecting = {"ms": 0.0, "at": 0.0}

    def collector(phase: str, info: dict) -> None:
        if phase == "start":
            collecting["at"] = time.process_time()
        else:
            collecting["ms"] += (time.process_time() - collecting["at"]) * 1000

    async def measure() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.5)
            # What start-up leaves to the background (the catalog's check against the files,
            # the search index's load) is done first: its threads' CPU time is not a key's.
            while not app.screen.finder.ready or app.workers:
                await app.workers.wait_for_complete()
                await pilot.pause(0.2)

            await pilot.press("4")  # questions, in the items pane
            timer = KeyTimer(app, pilot, costs)
            await timer.calibrate()
            gc.callbacks.append(collector)
            try:
                await timer.run("cursor move", ["down", "up"] * (presses // 2))
                await timer.run(
                    "cursor move, first visit", ["down", "up"] * (presses // 2), fresh=True
                )
                await timer.read_on("cursor move, reading on", presses)
                await timer.run("section jump", list("2345678") * (presses // 7 + 1))
                await timer.run("pane switch", ["tab"] * presses)
                await timer.run("briefing switch", ["]", "]", "[", "["] * (presses // 4 + 1))
            finally:
                gc.callbacks.remove(collector)
            overhead.append(timer.overhead)
            await pilot.press("shift+tab")

    overhead: list[float] = []
    asyncio.run(measure())
    out = {"pilot overhead ms": overhead[0], "gc ms": collecting["ms"]}
    out["presses"] = sum(len(values) for values in costs.values())
    for name, values in costs.items():
        out[f"{name} p50 ms"] = statistics.median(values)
        out[f"{name} p95 ms"] = percentile(values, 0.95)
    return out


# Seconds a reader rests on an item before the next cursor move (`KeyTimer.read_on`): longer
# than the reader waits before making the items beside it ready (tui/screens/in_depth.py).
READING_REST = 0.3


class KeyTimer:
    """Times key presses in a headless reader, gathering the costs by name in `costs`: CPU ms
    from the key until the reader is idle with its screen repainted (`pilot.pause()` waits for
    idle, then runs the screen's pending update), less the pilot's own cost, measured by
    `calibrate` as the median of a key bound to nothing pressed the same way."""

    def __init__(self, app, pilot, costs: dict[str, list[float]]) -> None:
        self.app, self.pilot, self.costs = app, pilot, costs
        self.overhead = 0.0

    async def press(self, key: str) -> float:
        start = time.process_time()
        await self.pilot.press(key)
        await self.pilot.pause()
        return (time.process_time() - start) * 1000

    async def calibrate(self) -> None:
        self.overhead = statistics.median([await self.press("z") for _ in range(20)])

    async def read_on(self, name: str, presses: int, rest: float = READING_REST) -> None:
        """Down through items never shown, section after section, resting `rest` seconds on each
        (untimed) as a reader reads it: `presses` moves, each to an item shown for the first
        time."""
        from briefing.tui.widgets.items import ItemsPane

        forget_details(self.app)
        items = self.app.screen.query_one(ItemsPane)
        sections = iter("2345678" * presses)
        while len(self.costs.get(name, ())) < presses:
            if items.highlighted is None or items.highlighted >= items.option_count - 1:
                section = next(sections, None)
                if section is None:
                    break  # no section with two items or more
                await self.pilot.press(section)  # the next section's first item
            await self.pilot.pause(rest)
            await self.pilot.pause()
            if items.highlighted is None or items.highlighted >= items.option_count - 1:
                continue  # a section of one item, or none
            self.costs.setdefault(name, []).append(await self.press("down") - self.overhead)

    async def run(self, name: str, keys: list[str], fresh: bool = False) -> None:
        """Press each key and note its cost; `fresh`: as if each item shown were new."""
        for key in keys:
            if fresh:
                forget_details(self.app)
            self.costs.setdefault(name, []).append(await self.press(key) - self.overhead)


def forget_details(app) -> None:
    """Forget the items' details the reader keeps rendered (the next one shown is new to it)."""
    from briefing.tui.widgets.detail import DetailPane

    screen = app.screen
    screen._linked.clear()
    detail = screen.query_one(DetailPane)
    detail._kept.clear()
    detail._key = None


# --- start-up in a pseudo-terminal (bench/ptytiming.py, shared with bench/startup_bench.py) --


def reader(library: Path, cache: Path, timeout: float = 60) -> dict[str, float]:
    """Seconds to first content and to a complete screen, and the reader's peak RSS."""
    env = dict(os.environ, BRIEFING_CACHE_DIR=str(cache))
    # Empty reading state, no settings file: the user's own do not change the measure.
    env["BRIEFING_STATE_DIR"] = str(cache / "state")
    env["BRIEFING_CONFIG"] = str(cache / "config.toml")
    markers = {"first": FIRST_CONTENT, "complete": COMPLETE}
    return reader_times([str(library)], markers, env=env, timeout=timeout)


def startup(libraries: dict[str, Path], caches: dict[str, Path], runs: int) -> dict:
    """Alternating runs: the floor, then the reader on each library with a warm cache."""
    for name, library in libraries.items():
        reader(library, caches[name])  # warm the file cache and the library cache
    floor()
    floors: list[float] = []
    firsts: dict[str, list[float]] = {name: [] for name in libraries}
    completes: dict[str, list[float]] = {name: [] for name in libraries}
    rss: dict[str, float] = {}
    for _ in range(runs):
        floors.append(floor())
        for name, library in libraries.items():
            times = reader(library, caches[name])
            firsts[name].append(times["first"])
            completes[name].append(times["complete"])
            rss[name] = max(rss.get(name, 0.0), times.get("rss_mb", 0.0))
    out = {"floor_s": statistics.median(floors), "libraries": {}}
    base_first = statistics.median(firsts["bundled"])
    base_complete = statistics.median(completes["bundled"])
    for name in libraries:
        first, complete = statistics.median(firsts[name]), statistics.median(completes[name])
        out["libraries"][name] = {
            "first_s": first,
            "complete_s": complete,
            "first_over_floor": first / out["floor_s"],
            "complete_over_floor": complete / out["floor_s"],
            "first_over_bundled": first / base_first,
            "complete_over_bundled": complete / base_complete,
            "reader_rss_mb": rss[name],
        }
    return out


# --- the whole run -----------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="bundled and 1,000 briefings only")
    parser.add_argument("--runs", type=int, default=None, help="start-up runs (default 15, 9)")
    parser.add_argument("--presses", type=int, default=40, help="presses per key measure")
    parser.add_argument(
        "--key-runs", type=int, default=3, help="readers the key presses are measured in"
    )
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--probe", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.probe:
        kind, library, *extra = options.probe
        print(json.dumps(run_probe(kind, Path(library), extra)))
        return

    counts = [1000] if options.quick else [1000, 10000]
    runs = options.runs or (9 if options.quick else 15)
    libraries = {"bundled": bundled()}
    libraries.update({str(count): generated(count) for count in counts})
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    compile_reader()
    report: dict = {"machine": machine(), "quick": options.quick, "libraries": {}}
    caches = {name: work / f"cache-{name}" for name in libraries}
    try:
        for name, library in libraries.items():
            print(f"\n== {name}: {library}", flush=True)
            report["libraries"][name] = measure_library(name, library, caches[name], work, options)
        print("\n== start-up (warm caches), alternating with the floor", flush=True)
        report["startup"] = startup(libraries, caches, runs)
        print("== start-up with an empty cache (cold)", flush=True)
        cold = {}
        for name, library in libraries.items():
            if name == "bundled":
                continue
            empty = work / f"cold-{name}"
            cold[name] = reader(library, empty, timeout=300)
            shutil.rmtree(empty, ignore_errors=True)
        report["cold_startup"] = cold
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report["budgets"] = budgets(report)
    out = options.out or RESULTS / f"bench-{'quick' if options.quick else 'full'}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print_table(report)
    print(f"\nJSON: {out}")


def measure_library(name: str, library: Path, cache: Path, work: Path, options) -> dict:
    figures: dict = {}
    size = len(list(library.glob("*.y*ml")))
    small = size <= 1000

    def step(label: str, kind: str, cache_dir: Path | None, *extra: str) -> dict:
        print(f"  {label} …", end="", flush=True)
        result = probe(kind, library, cache_dir, *extra)
        seconds = result["seconds"]
        files = result["files"]
        if files:
            result["per_second"] = files / seconds
        print(f" {seconds:.2f} s", flush=True)
        figures[label] = result
        return result

    cold = work / f"cold-{name}"
    if small:
        step("load, no cache, 1 process", "load-plain", None)
    step("validate, no cache, all cores", "validate-no-cache", None)
    step("validate, cold cache, all cores", "validate-cache", cold)
    step("validate, warm cache, all cores", "validate-cache", cold)
    if small:
        step("validate, warm cache, GC running", "validate-gc-running", cold)
        step("load all, warm cache, GC paused", "load-cached-gc-paused", cold)
        step("load all, warm cache, GC running", "load-cached-gc-running", cold)
    shutil.rmtree(cold, ignore_errors=True)
    step("catalog, cold (build index)", "catalog", cache)
    step("catalog, warm", "catalog", cache)
    print(f"  key presses, {options.key_runs} readers …", end="", flush=True)
    started = time.perf_counter()
    runs = [probe("keys", library, cache, str(options.presses)) for _ in range(options.key_runs)]
    print(f" {time.perf_counter() - started:.2f} s", flush=True)
    figures["key presses"] = median_of_runs(runs)
    return figures


def median_of_runs(runs: list[dict]) -> dict:
    """Each figure's median over the runs (a reader each), and every run's figures: one run's
    p95 is its second-slowest press of 40, which one burst of the machine's load can set."""
    figures = {
        key: statistics.median(run[key] for run in runs)
        for key, value in runs[0].items()
        if isinstance(value, (int, float))
    }
    figures["runs"] = runs
    return figures


def machine() -> dict:
    cpu = platform.processor() or ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError):
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split(":", 1)[1].strip()
    from briefing.library.bulk import default_jobs

    return {
        "cpu": cpu,
        "cores": default_jobs(),
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def budgets(report: dict) -> list[dict]:
    rows = []

    def add(name: str, library: str, value: float) -> None:
        limit = BUDGETS[name]
        rows.append(
            {
                "budget": name,
                "library": library,
                "limit": limit,
                "value": value,
                "holds": value <= limit,
            }
        )

    for library, figures in report["startup"]["libraries"].items():
        add("first content / floor", library, figures["first_over_floor"])
        add("complete screen / floor", library, figures["complete_over_floor"])
        if library != "bundled":
            add("warm start-up / bundled", library, figures["first_over_bundled"])
    base = report["startup"]["libraries"]["bundled"]["complete_s"]
    for library, times in report.get("cold_startup", {}).items():
        add("cold first briefing / bundled", library, times["complete"] / base)
    for library, figures in report["libraries"].items():
        keys = figures.get("key presses", {})
        for action in (
            "cursor move",
            "cursor move, first visit",
            "cursor move, reading on",
            "pane switch",
            "section jump",
        ):
            if f"{action} p95 ms" in keys:
                add(f"{action} p95 ms", library, keys[f"{action} p95 ms"])
        warm = figures.get("catalog, warm", {})
        if "search_p95_ms" in warm:
            add("search first page p95 ms", library, warm["search_p95_ms"])
    return rows


def print_table(report: dict) -> None:
    print("\n" + "=" * 100)
    machine = report["machine"]
    print(f"machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory']}")
    print(f"\n{'library':<9} {'measure':<36} {'seconds':>9} {'files/s':>9} {'peak RSS':>9}")
    for library, figures in report["libraries"].items():
        for label, result in figures.items():
            if label == "key presses":
                continue
            rate = f"{result['per_second']:9.0f}" if "per_second" in result else " " * 9
            print(
                f"{library:<9} {label:<36} {result['seconds']:9.2f} {rate} "
                f"{result['peak_rss_mb']:7.0f}MB"
            )
    print(f"\n{'library':<9} {'key press (CPU, repaint included)':<36} {'p50 ms':>9} {'p95 ms':>9}")
    for library, figures in report["libraries"].items():
        keys = figures.get("key presses", {})
        for action in KEY_ACTIONS:
            if f"{action} p50 ms" in keys:
                print(
                    f"{library:<9} {action:<36} {keys[f'{action} p50 ms']:9.1f} "
                    f"{keys[f'{action} p95 ms']:9.1f}"
                )
        if "gc ms" in keys:
            print(
                f"{library:<9} (medians of {len(keys['runs'])} readers; pilot's own cost "
                f"subtracted: {keys['pilot overhead ms']:.1f} ms a press; in the collector: "
                f"{keys['gc ms']:.0f} ms over {keys['presses']:.0f} presses)"
            )
    start = report["startup"]
    print(f"\nstart-up (median), floor `import textual.app`: {start['floor_s'] * 1000:.0f} ms")
    print(
        f"{'library':<9} {'first ms':>9} {'complete':>9} {'first/fl':>9} {'compl/fl':>9} "
        f"{'vs bundled':>10} {'reader RSS':>10}"
    )
    for library, f in start["libraries"].items():
        print(
            f"{library:<9} {f['first_s'] * 1000:9.0f} {f['complete_s'] * 1000:9.0f} "
            f"{f['first_over_floor']:8.2f}x {f['complete_over_floor']:8.2f}x "
            f"{f['first_over_bundled']:9.2f}x {f['reader_rss_mb']:8.0f}MB"
        )
    for library, times in report.get("cold_startup", {}).items():
        print(
            f"cold {library}: first content {times['first'] * 1000:.0f} ms, first briefing "
            f"{times['complete'] * 1000:.0f} ms"
        )
    print(f"\n{'budget':<36} {'library':<9} {'limit':>7} {'value':>9}  holds")
    for row in report["budgets"]:
        print(
            f"{row['budget']:<36} {row['library']:<9} {row['limit']:7.1f} {row['value']:9.2f}  "
            f"{'yes' if row['holds'] else 'NO'}"
        )


if __name__ == "__main__":
    main()

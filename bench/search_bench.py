"""How fast is search on a large library? Build (or load) the index and time a fixed query set.

    python bench/search_bench.py [--count 10000] [--seed 0] [--repeat 20] [--rebuild]

Generates the library under bench/results/ on first use, indexes it in parallel (one partial
index per worker, merged), and keeps the serialised index there so later runs load it. Prints
p50/p95/max per query class and overall, the build time, the index size and the memory, and
writes the same figures as JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import platform
import resource
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from briefing.library import discover
from briefing.loader import load_briefing
from briefing.search import INDEX_VERSION, IndexFormatError, SearchIndex

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PAGE = 20


def _generator():
    spec = importlib.util.spec_from_file_location("generate_library", HERE / "generate_library.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def rss_bytes() -> int:
    """The resident memory of this process now (Linux), or its peak elsewhere."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _index_chunk(paths: list[str]) -> tuple[bytes, float, float, int]:
    """Load and index some briefings: (index bytes, load seconds, index seconds, errors)."""
    index = SearchIndex()
    loading = indexing = 0.0
    errors = 0
    for path in paths:
        started = time.perf_counter()
        result = load_briefing(Path(path))
        loaded = time.perf_counter()
        if result.briefing is None:
            errors += 1
            continue
        index.add(result.briefing)
        indexing += time.perf_counter() - loaded
        loading += loaded - started
    return index.to_bytes(), loading, indexing, errors


def build_index(library: Path, jobs: int) -> tuple[SearchIndex, dict[str, float]]:
    files, _ = discover([library])
    started = time.perf_counter()
    step = max(1, -(-len(files) // (jobs * 8)))
    chunks = [[str(p) for p in files[i : i + step]] for i in range(0, len(files), step)]
    index = SearchIndex()
    loading = indexing = merging = 0.0
    errors = 0
    with ProcessPoolExecutor(jobs) as pool:
        for data, load_s, index_s, bad in pool.map(_index_chunk, chunks):
            merge_started = time.perf_counter()
            index.merge(SearchIndex.from_bytes(data))
            merging += time.perf_counter() - merge_started
            loading, indexing, errors = loading + load_s, indexing + index_s, errors + bad
    if errors:
        raise SystemExit(f"{errors} generated briefings failed to load")
    figures = {
        "briefings": len(files),
        "jobs": jobs,
        "wall_s": time.perf_counter() - started,
        "load_cpu_s": loading,
        "index_cpu_s": indexing,
        "index_per_briefing_ms": 1000 * indexing / max(len(files), 1),
        "merge_s": merging,
    }
    return index, figures


def queries(seed: int) -> dict[str, list[str]]:
    """Realistic queries for the generated world: names, topics, prefixes, typos, phrases."""
    world = _generator().make_world(seed)
    people = [p for members in world.members.values() for p in members if p.kind == "person"]
    surnames = [p.name.split()[-1] for p in people[:40:8]]
    place, city = world.states[3].name, world.cities[7]

    def typo(word: str, at: int) -> str:
        at = min(at, len(word) - 2)
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]  # two letters swapped

    return {
        "exact": ["ceasefire", "pipeline", "referendum", surnames[0], place, city, "Wednesday"],
        "prefix": ["cease", "pipel", "refer", surnames[1][:4], place[:3], "hos", "ex"],
        "typo": [
            "ceasfire",
            "pipleine",
            "refrendum",
            typo(surnames[2], 2),
            typo(place, 1),
            surnames[3][:-2] + surnames[3][-1],  # a letter left out
        ],
        "multi-word": [
            "sea route",
            "grain exports harvest",
            f"{surnames[4]} talks",
            "frank useful",
            f"talks in {city}",
            "inspected at sea vessels",
            "drones airspace radar",
        ],
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def summarise(times_ms: list[float]) -> dict[str, float]:
    return {
        "p50_ms": statistics.median(times_ms),
        "p95_ms": percentile(times_ms, 0.95),
        "max_ms": max(times_ms),
        "runs": len(times_ms),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="briefings (default 10000)")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed (default 0)")
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query (default 20)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the saved index")
    args = parser.parse_args(argv)

    RESULTS.mkdir(parents=True, exist_ok=True)
    library = RESULTS / f"library-{args.count}-seed{args.seed}"
    if not (library / ".complete").exists():
        started = time.perf_counter()
        _generator().generate(library, args.count, args.seed, args.jobs)
        (library / ".complete").write_text("")
        print(f"generated {args.count} briefings in {time.perf_counter() - started:.1f} s")

    baseline_rss = rss_bytes()
    saved = RESULTS / f"search-index-{args.count}-seed{args.seed}-v{INDEX_VERSION}.msgpack"
    build: dict[str, float] | None = None
    index = None
    if saved.exists() and not args.rebuild:
        started = time.perf_counter()
        try:
            index = SearchIndex.from_bytes(saved.read_bytes())
        except IndexFormatError as error:
            print(f"rebuilding the saved index: {error}")
        load_s = time.perf_counter() - started
    if index is None:
        index, build = build_index(library, args.jobs)
        started = time.perf_counter()
        index = SearchIndex.from_bytes(index.to_bytes())  # measure the loaded form, as cached
        saved.write_bytes(index.to_bytes())
        load_s = None
    gc.collect()
    index_rss = rss_bytes() - baseline_rss
    data = index.to_bytes()
    started = time.perf_counter()
    reloaded = SearchIndex.from_bytes(data)
    from_bytes_s = time.perf_counter() - started
    del reloaded, data

    results: dict[str, dict] = {}
    every: list[float] = []
    hits: dict[str, int] = {}
    for kind, texts in queries(args.seed).items():
        times: list[float] = []
        for text in texts:
            for _ in range(args.repeat):
                started = time.perf_counter()
                found = index.search(text, PAGE)
                times.append(1000 * (time.perf_counter() - started))
            hits[text] = len(found)
        results[kind] = summarise(times)
        every += times
    results["overall"] = summarise(every)

    report = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "briefings": len(index),
        "vocabulary": index.vocabulary_size,
        "page": PAGE,
        "build": build,
        "load_saved_index_s": load_s,
        "from_bytes_s": from_bytes_s,
        "index_bytes": len(index.to_bytes()),
        "index_rss_bytes": index_rss,
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "queries": results,
        "hits_on_first_page": hits,
    }
    out = RESULTS / f"search-{args.count}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(report, indent=2) + "\n")

    print(f"{len(index)} briefings indexed, vocabulary {index.vocabulary_size:,} words")
    if build:
        print(
            f"build: {build['wall_s']:.1f} s wall on {build['jobs']} workers "
            f"(loading {build['load_cpu_s']:.1f} s CPU, "
            f"indexing {build['index_cpu_s']:.1f} s CPU = "
            f"{build['index_per_briefing_ms']:.2f} ms a briefing, "
            f"merging {build['merge_s']:.1f} s)"
        )
    else:
        print(f"loaded the saved index in {load_s:.2f} s")
    print(f"from_bytes: {from_bytes_s:.2f} s; serialised: {report['index_bytes'] / 1e6:.1f} MB")
    print(f"memory held by the index: {index_rss / 1e6:.0f} MB RSS (after building or loading)")
    print(f"\n{'queries':<12}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}{'runs':>7}")
    for kind, figures in results.items():
        print(
            f"{kind:<12}{figures['p50_ms']:>10.2f}{figures['p95_ms']:>10.2f}"
            f"{figures['max_ms']:>10.2f}{figures['runs']:>7}"
        )
    print(f"\nwritten to {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

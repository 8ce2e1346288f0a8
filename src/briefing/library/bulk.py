"""Loading many briefing files at once: in chunks, across processes, with the GC out of the way.

Parsing is CPU-bound Python, so a library of thousands is loaded by a process pool, a chunk of
files per task. Workers answer with cache entries (`library.cache`): compact bytes that cross
the process boundary cheaply and that the parent decodes into only what it needs (a full result
for the reader, findings and an outline for validation, metadata for the catalog). Entries also
land in the on-disk cache when one is given, so the next run skips the parsing.

Loading builds millions of small objects that reference counting frees alone; a generational
collection triggered by them only walks the ones still alive, again and again (keeping 1,000
models alive doubled a load's time). Bulk loads therefore run with the collector paused.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from briefing.findings import Finding
from briefing.library import Outline, cross_check, discover
from briefing.library.cache import LibraryCache, build_entry, cached_entry
from briefing.library.entries import (
    Entry,
    decode_entry,
    entry_findings,
    entry_locations,
    entry_result,
)
from briefing.loader import LoadResult
from briefing.search import SearchIndex

CHUNK = 32
# Fewer files than this are loaded in this process: starting a pool costs ~0.3 s.
MIN_FOR_POOL = 96

Progress = Callable[[int, int], None]


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


@contextmanager
def quiet_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector (reference counting goes on freeing)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Chunk:
    """What a worker made of some files: their entries' bytes, and their search index if asked."""

    paths: tuple[str, ...]
    entries: tuple[bytes, ...]
    search: bytes | None = None


def load_chunk(paths: Sequence[str], cache_dir: str | None, with_search: bool) -> Chunk:
    """Entries for `paths` from the cache, or loaded (and cached); runs in a worker process."""
    cache = LibraryCache(Path(cache_dir)) if cache_dir is not None else None
    index = SearchIndex() if with_search else None
    entries = []
    with quiet_gc():
        for name in paths:
            path = Path(name)
            data = cached_entry(path, cache) if cache is not None else None
            result: LoadResult | None = None
            if data is None:
                result, data = build_entry(path, cache)
            entries.append(data)
            if index is not None:
                if result is None:
                    entry = decode_entry(data)
                    result = entry_result(entry, path) if entry else None
                if result is not None and result.briefing is not None:
                    index.add(result.briefing)
    return Chunk(tuple(paths), tuple(entries), index.to_bytes() if index is not None else None)


def load_chunks(
    paths: Sequence[Path],
    cache: LibraryCache | None,
    *,
    jobs: int | None = None,
    with_search: bool = False,
    chunk: int = CHUNK,
    on_progress: Progress | None = None,
) -> Iterator[Chunk]:
    """Every file's entry, a chunk at a time, as they are made (not in order).

    With `jobs` above 1 and enough files, chunks are made by a pool of that many processes.
    """
    names = [str(path) for path in paths]
    cache_dir = str(cache.directory) if cache is not None and cache.write else None
    if cache is not None and not cache.write:
        cache_dir = None
    jobs = default_jobs() if jobs is None else jobs
    total, done = len(names), 0
    pieces = [names[at : at + chunk] for at in range(0, total, chunk)]
    if jobs <= 1 or total < MIN_FOR_POOL:
        for piece in pieces:
            made = load_chunk(piece, cache_dir, with_search)
            done += len(piece)
            if on_progress:
                on_progress(done, total)
            yield made
        return
    context = _start_method()
    if context.get_start_method() != "fork":
        _start_resource_tracker()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        # A bounded window of tasks in flight: results are used as they come, not all at once.
        waiting = iter(pieces)
        running = set()
        for piece in waiting:
            running.add(pool.submit(load_chunk, piece, cache_dir, with_search))
            if len(running) >= jobs * 2:
                break
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                made = future.result()
                done += len(made.paths)
                next_piece = next(waiting, None)
                if next_piece is not None:
                    running.add(pool.submit(load_chunk, next_piece, cache_dir, with_search))
                if on_progress:
                    on_progress(done, total)
                yield made


def _start_method() -> multiprocessing.context.BaseContext:
    """`fork` (instant) in a single-threaded process; `spawn` where threads run, as in the
    reader: a thread holding a lock at the fork would leave it held forever in the child."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


_tracker_lock = threading.Lock()


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, which a spawned pool needs, with a real stderr.

    The tracker hands its process this process's stderr; inside the reader, Textual has replaced
    `sys.stderr` with a capture whose `fileno()` is -1, and starting the tracker then fails
    ("bad value(s) in fds_to_keep"), so the pool never starts. It gets /dev/null instead: it
    only ever writes warnings about leaked semaphores, which must not land on the reader's screen.
    """
    from multiprocessing import resource_tracker

    with _tracker_lock:
        try:
            if sys.stderr is not None and sys.stderr.fileno() >= 0:
                resource_tracker.ensure_running()
                return
        except (AttributeError, OSError, ValueError):
            pass
        captured = sys.stderr
        with open(os.devnull, "w") as devnull:
            sys.stderr = devnull
            try:
                resource_tracker.ensure_running()
            finally:
                if sys.stderr is devnull:  # unless it was set meanwhile (the app ending)
                    sys.stderr = captured


def search_index_of(
    paths: Sequence[Path], cache: LibraryCache | None, on_progress: Progress | None = None
) -> SearchIndex:
    """A search index of these briefing files, made a chunk at a time on every core; each
    chunk's index is merged here (quick: its numbers shifted, no text read), then counted."""
    index = SearchIndex()
    done, total = 0, len(paths)
    for made in load_chunks(paths, cache, with_search=True):
        if made.search is not None:
            index.merge(SearchIndex.from_bytes(made.search))
        done += len(made.paths)
        if on_progress is not None:
            on_progress(done, total)
    return index


def load_results(
    paths: Sequence[Path],
    cache: LibraryCache | None,
    *,
    jobs: int | None = None,
    on_progress: Progress | None = None,
) -> list[LoadResult]:
    """Every file's full load result, in the order of `paths`."""
    by_name: dict[str, LoadResult] = {}
    with quiet_gc():
        for made in load_chunks(paths, cache, jobs=jobs, on_progress=on_progress):
            for name, data in zip(made.paths, made.entries, strict=True):
                by_name[name] = _result(Path(name), data)
    return [by_name[str(path)] for path in paths]


def _result(path: Path, data: bytes) -> LoadResult:
    entry = decode_entry(data)
    result = entry_result(entry, path) if entry is not None else None
    if result is None:
        # A source vanished between the worker's load and now: load it here, as it is now.
        result, _ = build_entry(path, None)
    return result


# --- validation: every finding, without keeping every model ------------------------------------


@dataclass(frozen=True, slots=True)
class Checked:
    """One briefing file's validation: its id when it loaded, and every finding."""

    path: Path
    briefing_id: str | None
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return self.briefing_id is not None


@dataclass(frozen=True, slots=True)
class Validation:
    files: tuple[Checked, ...]
    # Problems that belong to no single briefing file (an unreadable directory).
    problems: tuple[Finding, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.problems + tuple(f for checked in self.files for f in checked.findings)


def validate_paths(
    paths: Sequence[Path],
    cache: LibraryCache | None = None,
    *,
    jobs: int | None = None,
    on_progress: Progress | None = None,
) -> Validation:
    """Check every briefing file under `paths`, alone and across the library.

    Equal in findings to `load_library`, but memory holds findings and outlines, not models.
    """
    files, problems = discover(paths)
    checked: dict[str, tuple[Checked, Outline | None]] = {}
    with quiet_gc():
        for made in load_chunks(files, cache, jobs=jobs, on_progress=on_progress):
            for name, data in zip(made.paths, made.entries, strict=True):
                checked[name] = _checked(Path(name), data)
    ordered = [checked[str(path)] for path in files]
    extra, broken = cross_check([outline for _, outline in ordered if outline is not None])
    final = []
    for one, _ in ordered:
        if one.path in extra:
            one = Checked(
                one.path,
                None if one.path in broken else one.briefing_id,
                one.findings + tuple(extra[one.path]),
            )
        final.append(one)
    return Validation(tuple(final), tuple(problems))


def _checked(path: Path, data: bytes) -> tuple[Checked, Outline | None]:
    entry = decode_entry(data)
    if entry is None:  # pragma: no cover - entries made by this program always decode
        result = _result(path, data)
        outline = Outline.of(result.briefing, path) if result.briefing else None
        return Checked(path, outline.id if outline else None, result.findings), outline
    return _checked_entry(path, entry)


def _checked_entry(path: Path, entry: Entry) -> tuple[Checked, Outline | None]:
    findings = entry_findings(entry, path)
    record = entry.briefing
    if record is None:
        return Checked(path, None, findings), None
    outline = Outline(
        path=path,
        id=record.id,
        party_names=tuple((p.id, p.name) for p in record.parties),
        locations=entry_locations(entry),
    )
    return Checked(path, record.id, findings), outline

"""The full collections wait for the reader to be idle (tui/collector.py)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from briefing.library import Library
from briefing.tui.app import BriefingApp
from briefing.tui.collector import FULL_EVERY, IDLE_ALLOCATIONS, IdleCollector
from briefing.tui.start import Start


@pytest.fixture(autouse=True)
def thresholds() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


class Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


class Timers:
    def __init__(self) -> None:
        self.intervals: list[float] = []

    def set_interval(self, interval: float, callback: object, *, name: str | None = None) -> None:
        self.intervals.append(interval)


def promoted_garbage() -> weakref.ref[Node]:
    """A cycle that a young collection has moved on to the oldest generation, then dropped."""
    node = Node()
    gc.collect(1)  # young collections: it survives them while referenced
    gc.collect(1)
    found = weakref.ref(node)
    del node
    return found


def test_full_collections_are_ten_times_rarer_while_it_runs_and_as_before_after() -> None:
    young, middle, _ = gc.get_threshold()
    collector = IdleCollector()
    timers = Timers()
    collector.start(timers)  # type: ignore[arg-type]
    assert gc.get_threshold() == (young, middle, FULL_EVERY)
    assert timers.intervals and timers.intervals[0] > 0
    collector.stop()
    assert gc.get_threshold()[2] != FULL_EVERY


def test_an_idle_look_collects_the_garbage_that_reached_the_oldest_generation() -> None:
    collector = IdleCollector()
    collector.start(Timers())  # type: ignore[arg-type]
    try:
        garbage = promoted_garbage()
        collector.look()  # notes the counts
        assert garbage() is not None and collector.collections == 0
        collector.look()  # nothing happened since: idle
        assert garbage() is None
        assert collector.collections == 1
        collector.look()  # and nothing new to collect: no second full collection
        assert collector.collections == 1
    finally:
        collector.stop()


def test_no_full_collection_while_the_reader_is_busy() -> None:
    collector = IdleCollector()
    collector.start(Timers())  # type: ignore[arg-type]
    try:
        garbage = promoted_garbage()
        collector.look()
        kept = [[] for _ in range(IDLE_ALLOCATIONS * 2)]  # a key press's worth of objects
        collector.look()
        assert garbage() is not None and collector.collections == 0
        del kept
    finally:
        collector.stop()


@pytest.mark.anyio
async def test_the_reader_starts_the_collector_with_its_first_screen_and_stops_it_at_the_end(
    library: Library,
) -> None:
    before = gc.get_threshold()
    app = BriefingApp(library, Start())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(40):
            if gc.get_threshold()[2] == FULL_EVERY:
                break
            await pilot.pause(0.05)
        assert gc.get_threshold()[2] == FULL_EVERY
    assert gc.get_threshold() == before

"""SVG snapshots of finding things: the search box with its hits, and a filtered pane.

Update with `pytest tests/tui/test_find_snapshots.py --snapshot-update` and look at the report
before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.library import Library, load_library
from briefing.tui.screens.search import DEBOUNCE
from tests.tui.conftest import LIBRARY, make_app

REPO = Path(__file__).parents[2]


@pytest.fixture
def library(monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.chdir(REPO)
    return load_library([path.relative_to(REPO) for path in LIBRARY])


async def settle(pilot) -> None:
    await pilot.pause(DEBOUNCE + 0.05)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["wide", "narrow"])
def test_search_results(snap_compare, library: Library, size: tuple[int, int]) -> None:
    async def type_a_query(pilot) -> None:
        await settle(pilot)
        await pilot.press("slash", *"westmark")
        await settle(pilot)
        await pilot.press("down")

    assert snap_compare(make_app(library), run_before=type_a_query, terminal_size=size)


def test_filtered_positions(snap_compare, library: Library) -> None:
    async def filter_positions(pilot) -> None:
        await pilot.press("right_square_bracket", "3", "f", "down", "space", "enter")
        await pilot.pause()

    assert snap_compare(make_app(library), run_before=filter_positions, terminal_size=(120, 40))

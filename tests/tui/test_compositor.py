"""The reader's compositor writes what Textual's writes, drawing only the widgets it updates."""

from __future__ import annotations

import itertools
import random
from functools import partial
from importlib.metadata import version

import pytest
from textual._compositor import Compositor
from textual.geometry import Region
from textual.widget import Widget

from briefing.library import Library
from briefing.model import Section
from briefing.tui import internals
from briefing.tui.compositor import UpdateCompositor, covered, reader_compositor
from briefing.tui.internals import CHECKED_WITH, textual_version
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.navigator import Navigator
from tests.tui.conftest import make_app

pytestmark = pytest.mark.anyio


def written(compositor: Compositor, regions: list[Region], console, textual: bool) -> str:
    """What a partial update of these regions writes to the terminal."""
    compositor._dirty_regions = set(regions)
    if textual:
        compositor._get_renders = partial(Compositor._get_renders, compositor)  # type: ignore[method-assign]
    try:
        update = compositor.render_partial_update()
    finally:
        compositor.__dict__.pop("_get_renders", None)
    return "" if update is None else update.render_segments(console)


def dirty_sets(compositor: Compositor, seed: int) -> list[list[Region]]:
    """Each widget's region alone, pairs of them, and random rectangles and lines."""
    screen = compositor.size.region
    regions = [region for region, _ in compositor.visible_widgets.values() if region]
    found = [[region] for region in regions]
    found += [[a, b] for a, b in itertools.pairwise(regions)]
    pick = random.Random(seed)
    for _ in range(40):
        x, y = pick.randrange(screen.width), pick.randrange(screen.height)
        width = pick.randint(1, screen.width - x)
        height = pick.choice([1, 1, 2, pick.randint(1, screen.height - y)])
        found.append([Region(x, y, width, height)])
    # As the screen marks them: within it.
    return [[region.intersection(screen) for region in regions] for regions in found]


@pytest.mark.parametrize("size", [(120, 40), (90, 30), (60, 24)], ids=["three", "two", "one"])
async def test_a_partial_update_writes_what_textuals_compositor_writes(
    library: Library, size: tuple[int, int]
) -> None:
    app = make_app(library, briefing_id="harbour-talks", section=Section.POSITIONS)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        compositor = app.screen._compositor
        assert isinstance(compositor, UpdateCompositor)
        for step, keys in enumerate([(), ("down", "down"), ("tab",), ("s",), ("m",)]):
            await pilot.press(*keys)
            await pilot.pause()
            for regions in dirty_sets(compositor, step):
                ours = written(compositor, regions, app.console, textual=False)
                theirs = written(compositor, regions, app.console, textual=True)
                assert ours == theirs, (keys, regions)


async def test_a_change_in_the_detail_draws_neither_the_other_panes_nor_what_is_under_it(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="harbour-talks", section=Section.POSITIONS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        drawn: list[str] = []
        draw = Widget.render_lines

        def spy(self: Widget, crop: Region):
            drawn.append(type(self).__name__)
            return draw(self, crop)

        monkeypatch.setattr(Widget, "render_lines", spy)
        monkeypatch.setattr(Navigator, "render_lines", spy)
        detail = app.screen.query_one(DetailPane)
        compositor = app.screen._compositor
        written(compositor, [detail.region], app.console, textual=False)
        assert "DetailPane" in drawn
        assert not {"Navigator", "ItemsPane", "TitleBar", "KeyHints"} & set(drawn)
        # The screen and the panes' container are under the detail there.
        assert not {"ReaderScreen", "Horizontal"} & set(drawn)


def test_the_installed_textual_is_one_the_compositor_was_compared_with() -> None:
    # The comparison above runs on the Textual installed for the tests: a new one is added to
    # CHECKED_WITH once it passes there.
    assert textual_version() == version("textual")
    assert textual_version() in CHECKED_WITH
    assert isinstance(reader_compositor(), UpdateCompositor)


def test_another_textual_keeps_its_own_compositor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(internals, "textual_version", lambda: "99.0.0")
    made = reader_compositor()
    assert type(made) is Compositor


def test_a_region_is_covered_only_where_every_place_in_it_is_under_another() -> None:
    region = Region(10, 5, 20, 4)
    left, right = Region(0, 0, 18, 20), Region(18, 0, 30, 20)
    assert covered(region, [left, right])
    assert covered(region, [Region(0, 0, 100, 100)])
    assert not covered(region, [])
    assert not covered(region, [left])
    # A gap of one column, or of one row.
    assert not covered(region, [left, Region(19, 0, 30, 20)])
    top, lower = Region(0, 0, 100, 7), Region(0, 8, 100, 10)
    assert not covered(region, [top, lower])
    assert covered(region, [top, Region(0, 7, 100, 10)])
    # Bands of rows covered by different regions, overlapping each other.
    assert covered(region, [Region(0, 5, 25, 2), Region(20, 5, 20, 2), Region(5, 7, 40, 2)])

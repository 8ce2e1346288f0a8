"""The panes' vertical scrollbars are drawn as Textual draws them, only faster (scrollbar.py)."""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from briefing.library import Library
from briefing.model import Section
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.navigator import Navigator
from briefing.tui.widgets.scrollbar import QuickScrollBar
from tests.tui.conftest import make_app

pytestmark = pytest.mark.anyio


def as_textual_draws_it(bar: ScrollBar, region: Region) -> list[Strip]:
    bar._styles_cache.clear()
    return ScrollBar.render_lines(bar, region)


def assert_drawn_alike(bar: ScrollBar) -> None:
    assert isinstance(bar, QuickScrollBar)
    width, height = bar.size
    assert height > 0, "the bar is shown"
    for region in (Region(0, 0, width, height), Region(0, 2, width, height - 4)):
        quick = [list(strip) for strip in bar.render_lines(region)]
        assert quick == [list(strip) for strip in as_textual_draws_it(bar, region)]


async def test_every_pane_scrolls_with_a_bar_drawn_as_textual_draws_it(library: Library) -> None:
    app = make_app(library, briefing_id="harbour-talks", section=Section.OVERVIEW)
    async with app.run_test(size=(120, 9)) as pilot:
        await pilot.pause()
        screen = app.screen
        detail, items, navigator = (
            screen.query_one(kind) for kind in (DetailPane, ItemsPane, Navigator)
        )
        navigator.root.expand_all()
        await pilot.pause()
        for pane in (detail, items, navigator):
            bar = pane.vertical_scrollbar
            assert_drawn_alike(bar)
            positions = {bar.position}
            for _ in range(3):
                pane.scroll_relative(y=2, animate=False)
                await pilot.pause()
                assert_drawn_alike(bar)
                positions.add(bar.position)
            assert len(positions) > 1, "the thumb moved"
        # Under the mouse, and in another theme.
        detail.vertical_scrollbar.mouse_over = True
        assert_drawn_alike(detail.vertical_scrollbar)
        app.theme = "textual-light"
        await pilot.pause()
        assert_drawn_alike(detail.vertical_scrollbar)

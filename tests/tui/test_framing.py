"""The panes frame their lines as Textual frames them, keeping framed lines by their content
(framing.py), and the items pane draws its lines as OptionList draws them (items.py)."""

from __future__ import annotations

import pytest
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList

from briefing.library import Library
from briefing.model import Section
from briefing.tui import internals
from briefing.tui.widgets import framing
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.framing import FramingCache, framing_cache
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.navigator import Navigator
from tests.tui.conftest import first_arguments, lines_drawn, make_app

pytestmark = pytest.mark.anyio

PANES = (Navigator, ItemsPane, DetailPane)


def segments(strips: list[Strip]) -> list[list]:
    return [list(strip) for strip in strips]


def as_textual_frames_it(pane: Widget) -> list[list]:
    return segments(StylesCache().render_widget(pane, pane.outer_size.region))


def as_the_pane_frames_it(pane: Widget) -> list[list]:
    """Every line of the pane drawn again by its own cache (lines kept by content reused)."""
    pane._styles_cache.set_dirty(pane.outer_size.region)
    return segments(pane._styles_cache.render_widget(pane, pane.outer_size.region))


def assert_framed_alike(pane: Widget) -> None:
    assert isinstance(pane._styles_cache, FramingCache)
    assert as_the_pane_frames_it(pane) == as_textual_frames_it(pane), type(pane).__name__


@pytest.mark.parametrize("size", [(120, 12), (90, 14), (60, 12)], ids=["three", "two", "one"])
async def test_every_pane_frames_its_lines_as_textual_does_scrolled_focused_and_not(
    library: Library, size: tuple[int, int]
) -> None:
    app = make_app(library, briefing_id="harbour-talks", section=Section.POSITIONS)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one(Navigator).root.expand_all()
        await pilot.pause()
        for keys in [(), ("down", "down", "down"), ("tab",), ("tab", "down"), ("shift+tab",)]:
            await pilot.press(*keys)
            await pilot.pause()
            for kind in PANES:
                pane = screen.query_one(kind)
                if pane.display and pane.size.height:
                    assert_framed_alike(pane)
                    pane.scroll_relative(y=1, animate=False)
                    await pilot.pause()
                    assert_framed_alike(pane)
        app.theme = "textual-light"
        await pilot.pause()
        for kind in PANES:
            pane = screen.query_one(kind)
            if pane.display and pane.size.height:
                assert_framed_alike(pane)


async def test_a_line_scrolled_to_another_row_is_not_framed_again(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="harbour-talks", section=Section.OVERVIEW)
    async with app.run_test(size=(120, 12)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        assert detail.max_scroll_y > 2, "the detail scrolls"
        framed = []
        frame = Strip.adjust_cell_length

        def spy(strip: Strip, *args: object) -> Strip:
            framed.append(strip)
            return frame(strip, *args)

        monkeypatch.setattr(Strip, "adjust_cell_length", spy)
        detail.scroll_relative(y=1, animate=False)
        await pilot.pause()
        # One line came into view: the others were framed when they were shown a row lower.
        assert len(framed) == 1
        assert_framed_alike(detail)


async def test_a_pane_styled_beyond_border_and_padding_is_framed_by_textual(
    library: Library,
) -> None:
    app = make_app(library, briefing_id="harbour-talks", section=Section.OVERVIEW)
    async with app.run_test(size=(120, 12)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        detail.styles.tint = Color(200, 0, 0, 0.3)
        await pilot.pause()
        assert_framed_alike(detail)
        assert detail._styles_cache._edges is None
        detail.styles.tint = Color(0, 0, 0, 0)
        detail.styles.opacity = 0.5
        await pilot.pause()
        assert_framed_alike(detail)
        assert detail._styles_cache._edges is None


def test_another_textual_frames_with_its_own_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    assert isinstance(framing_cache(), FramingCache)
    monkeypatch.setattr(internals, "textual_version", lambda: "99.0.0")
    assert type(framing.framing_cache()) is StylesCache


async def test_the_items_pane_draws_each_line_as_an_option_list_draws_it(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="harbour-talks", section=Section.POSITIONS)
    # Two rows in view: the heading scrolls out.
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.pause()
        items = app.screen.query_one(ItemsPane)
        await pilot.press("down", "down")
        await pilot.pause()
        assert items.max_scroll_y > 0, "the list scrolls"
        assert any(option.disabled for option in items.options), "a heading is drawn too"
        height = items.scrollable_content_region.height
        for top in (0, items.max_scroll_y):
            items.scroll_to(y=top, animate=False)
            await pilot.pause()
            for hovering in (None, 0, items.highlighted, items.highlighted - 1):
                items._mouse_hovering_over = hovering
                # The last rows are past the list's end: a blank line.
                for y in range(height + 2):
                    items._drawing = True
                    ours = items.render_line(y)
                    items._drawing = None
                    theirs = OptionList.render_line(items, y)
                    assert list(ours) == list(theirs), (top, hovering, y)
        # Outside a pass over the lines, as OptionList draws them.
        drawn = lines_drawn(items, monkeypatch)
        assert list(items.render_line(0)) == list(OptionList.render_line(items, 0))
        assert drawn == [0]


async def test_with_another_textual_the_items_pane_draws_as_an_option_list(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="harbour-talks", section=Section.POSITIONS)
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.pause()
        items = app.screen.query_one(ItemsPane)
        monkeypatch.setattr(internals, "textual_version", lambda: "99.0.0")
        passes = first_arguments(OptionList, "render_line", monkeypatch)
        items.refresh()
        await pilot.pause()
        assert passes and items._drawing is None

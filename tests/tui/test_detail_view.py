"""The detail pane: each item rendered once, and showing another one laying out nothing."""

from __future__ import annotations

import pytest
from rich.text import Text

from briefing.library import Library
from briefing.model import Section
from briefing.tui.widgets.detail import DetailPane
from tests.tui.conftest import detail_text, make_app

pytestmark = pytest.mark.anyio


def long_text(lines: int) -> Text:
    return Text("\n".join(f"line {n}" for n in range(lines)))


async def test_going_back_to_an_item_draws_it_from_what_was_kept(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.QUESTIONS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        first_text, first_lines = detail_text(app), detail._lines
        converted: list[Text] = []
        convert = detail._convert

        def spy(text: Text):
            converted.append(text)
            return convert(text)

        monkeypatch.setattr(detail, "_convert", spy)
        await pilot.press("down")
        await pilot.pause()
        assert detail_text(app) != first_text
        assert len(converted) == 1
        await pilot.press("up")
        await pilot.pause()
        # The first item again: neither rendered, converted nor wrapped again.
        assert detail_text(app) == first_text
        assert detail._lines is first_lines
        assert len(converted) == 1


async def test_the_same_key_again_only_scrolls_back_to_the_start(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        text = long_text(200)
        detail.show("Long", text, key="long")
        await pilot.pause()
        lines = detail._lines
        detail.scroll_to(y=50, animate=False)
        await pilot.pause()
        assert detail.scroll_offset.y == 50
        detail.show("Long", text, key="long")
        await pilot.pause()
        assert detail.scroll_offset.y == 0
        assert detail._lines is lines


async def test_a_new_text_lays_out_nothing_and_still_scrolls_to_its_end(
    library: Library,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        detail.show("Long", long_text(200), key="a")
        await pilot.pause()
        assert detail.show_vertical_scrollbar
        detail.show("Longer", long_text(300), key="b")
        # A longer text changes the scrollable size, not the layout of the screen.
        assert not detail._layout_required
        assert detail.virtual_size.height == 300
        await pilot.pause()
        detail.scroll_end(animate=False)
        await pilot.pause()
        assert detail.scroll_offset.y == 300 - detail.scrollable_content_region.height
        assert detail.vertical_scrollbar.window_virtual_size == 300

"""The detail pane: each item rendered once, and showing another one laying out nothing."""

from __future__ import annotations

import html
import re

import pytest
from rich.text import Text

from briefing.library import Library
from briefing.model import Section
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.navigator import Navigator
from tests.tui.conftest import detail_text, make_app, texts_converted

pytestmark = pytest.mark.anyio


def screen_rows(app) -> list[str]:
    """The characters on screen, row by row, from a screenshot."""
    rows: dict[float, list[tuple[float, str]]] = {}
    pattern = r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>'
    for match in re.finditer(pattern, app.export_screenshot()):
        x, y = float(match.group(1)), float(match.group(2))
        text = html.unescape(re.sub(r"<[^>]+>", "", match.group(3))).replace("\xa0", " ")
        rows.setdefault(y, []).append((x, text))
    lines = []
    for _, row in sorted(rows.items()):
        line = ""
        for x, text in sorted(row):
            # Each cell is 12.2 units wide in Textual's screenshots.
            line = line.ljust(round(x / 12.2)) + text
        lines.append(line)
    return lines


def detail_rows(app) -> list[str]:
    """The detail pane's text on screen, inside its border."""
    region = app.screen.query_one(DetailPane).content_region
    return [row[region.x : region.right] for row in screen_rows(app)[region.y : region.bottom]]


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
        converted = texts_converted(detail, monkeypatch)
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


async def test_moving_between_items_leaves_nothing_of_the_last_one_on_screen(
    library: Library,
) -> None:
    """What is on screen after moving to an item is what opening it afresh shows."""
    app = make_app(library, briefing_id="river-treaty", section=Section.PARTIES)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        items = app.screen.query_one(ItemsPane)
        seen = []
        for key in ["down", "down", "down", "up", "down", "down", "up", "up"]:
            await pilot.press(key)
            await pilot.pause()
            item = items.rows[items.highlighted]
            seen.append((item.id, detail_rows(app)))
    await assert_shown_as_opened_afresh(library, "river-treaty", Section.PARTIES, seen)


async def assert_shown_as_opened_afresh(
    library: Library, briefing_id: str, section: Section, seen: list[tuple[str, list[str]]]
) -> None:
    """Each (item id, detail rows) seen is what a reader opened at that item shows."""
    for item_id, shown in seen:
        fresh = make_app(library, briefing_id=briefing_id, section=section, item_id=item_id)
        async with fresh.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert detail_rows(fresh) == shown, item_id


async def test_another_text_under_the_same_key_is_shown(library: Library) -> None:
    """A key names what a text shows; a new text under it (a reload) replaces the one kept."""
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        detail.show("Item", Text("before the edit"), key="item")
        await pilot.pause()
        detail.show("Item", Text("after the edit"), key="item")
        await pilot.pause()
        assert detail_text(app) == "after the edit"
        assert [line.plain for line in detail._lines] == ["after the edit"]


def count_layouts(screen, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one each time the screen is laid out from now on."""
    layouts: list[int] = []
    refresh_layout = screen._refresh_layout
    monkeypatch.setattr(
        screen, "_refresh_layout", lambda *a, **k: layouts.append(1) or refresh_layout(*a, **k)
    )
    return layouts


async def test_moving_through_the_sections_lays_out_nothing(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each section shown fills the items and the detail anew: their rows and texts change
    their scrolling only, never the layout of the whole screen (which repaints every pane)."""
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one(Navigator).focus()
        await pilot.pause()
        layouts = count_layouts(screen, monkeypatch)
        shown = set()
        for key in ["down"] * 7 + ["up"] * 7:
            await pilot.press(key)
            await pilot.pause()
            shown.add(app.screen.section)
        assert len(shown) >= 5  # sections long and short, with and without a scrollbar
        assert layouts == []


async def test_switching_panes_lays_out_nothing(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pane switch restyles the two panes it concerns: nothing moves, so nothing is laid out
    (a layout repaints every pane)."""
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        layouts = count_layouts(app.screen, monkeypatch)
        focused = set()
        for key in ["tab"] * 4 + ["shift+tab"] * 4:
            await pilot.press(key)
            await pilot.pause()
            focused.add(app.focused.id if app.focused else None)
        assert {"navigator", "items", "detail"} <= focused
        assert layouts == []

"""The items pane: wrapped rows under their text; what a cursor move or a section jump repaints."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from briefing.library import Library
from briefing.model import Section
from briefing.render.marks import UNREAD_MARK, item_marks
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.key_hints import KeyHints
from briefing.tui.widgets.navigator import Navigator, Place
from briefing.tui.widgets.reload_banner import ReloadBanner
from tests.tui.conftest import RIVER, detail_text, lines_drawn, make_app, screen_text

pytestmark = pytest.mark.anyio

NARROW = (80, 24)
MARKS_WIDTH = len(item_marks(read=False, bookmarked=False))


def pane_lines(items: ItemsPane) -> list[str]:
    """The items pane's rows as drawn, inside its border and padding."""
    width, height = items.outer_size
    offset = items.content_offset
    inner = items.scrollable_content_region.width
    strips = items.render_lines(Region(0, 0, width, height))
    return [strip.text[offset.x : offset.x + inner] for strip in strips[offset.y : -1]]


async def test_a_wrapped_row_continues_under_its_text_not_its_marks(library: Library) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.POSITIONS)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        items = app.screen.query_one(ItemsPane)
        lines = pane_lines(items)
        marked = [at for at, line in enumerate(lines) if line.startswith(UNREAD_MARK)]
        wrapped = [at for at in marked if at + 1 < len(lines) and lines[at + 1].strip()]
        wrapped = [at for at in wrapped if not lines[at + 1].startswith(UNREAD_MARK)]
        assert wrapped, lines
        for at in wrapped:
            text_column = MARKS_WIDTH
            follower = lines[at + 1]
            # Under the text: as far in as the text after the marks, and no further.
            assert follower[:text_column] == " " * text_column, (lines[at], follower)
            assert follower[text_column] != " ", (lines[at], follower)


async def test_rows_without_marks_are_not_indented(library: Library) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.POSITIONS)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        items = app.screen.query_one(ItemsPane)
        # The issue headings carry no marks: they start at the pane's edge.
        options = zip(items.options, items.rows, strict=True)
        headings = [str(option.prompt) for option, row in options if row is None]
        lines = pane_lines(items)
        for heading in headings:
            assert any(line.startswith(heading[:20]) for line in lines), (heading, lines)


async def test_a_cursor_move_repaints_two_rows_and_the_count_not_the_list(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.QUESTIONS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        items = app.screen.query_one(ItemsPane)
        assert items.has_focus
        assert "1 of 2" in screen_text(app)
        drawn = lines_drawn(items, monkeypatch)
        await pilot.press("down")
        await pilot.pause()
        rows = {
            line
            for index in (0, 1)
            for line in range(
                items._index_to_line[index], items._index_to_line[index] + items._heights[index]
            )
        }
        assert set(drawn) == rows
        # The count in the border changed too.
        assert "2 of 2" in screen_text(app)


async def test_a_section_jump_repaints_two_lines_of_the_library_not_the_tree(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.QUESTIONS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        navigator = app.screen.query_one(Navigator)
        drawn = lines_drawn(navigator, monkeypatch)
        await pilot.press("5")
        await pilot.pause()
        assert navigator.cursor_node.data == Place(RIVER, Section.TIMELINE)
        # The line the cursor left and the one it reached.
        assert len(set(drawn)) == 2, drawn


async def test_a_section_jump_leaves_the_empty_reload_banner_alone(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.QUESTIONS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        banner = app.screen.query_one(ReloadBanner)
        updates: list[object] = []
        monkeypatch.setattr(banner, "update", updates.append)
        await pilot.press("5", "]")
        await pilot.pause()
        # Nothing was stale and nothing is: updating it would lay out the screen each time.
        assert updates == []
        assert not banner.has_class("-shown")


async def test_with_three_panes_a_pane_switch_restyles_only_the_two_panes_it_concerns(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.QUESTIONS)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.screen.focused_pane() == "items"
        restyled = []
        restyle = app.update_styles
        monkeypatch.setattr(
            app, "update_styles", lambda node, animate=True: (restyled.append(node), restyle(node))
        )
        await pilot.press("tab")
        await pilot.pause()
        # Each once, for its change of focus: no class that three panes do not use is changed.
        panes = app.screen.query_one("#items"), app.screen.query_one("#detail")
        assert sorted(map(id, restyled)) == sorted(map(id, panes))


async def test_a_pane_switch_does_not_repaint_the_screen_behind_the_panes(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.QUESTIONS)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        drawn = lines_drawn(screen, monkeypatch)
        await pilot.press("tab")
        await pilot.pause()
        assert screen.focused is screen.query_one("#detail")
        assert drawn == []


async def test_a_burst_of_cursor_moves_shows_only_the_item_the_cursor_stops_on(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.PARTIES)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        items = screen.query_one(ItemsPane)
        shown: list[str] = []
        show = screen.show_item_detail

        def spy(briefing, item) -> None:
            shown.append(item.id)
            show(briefing, item)

        monkeypatch.setattr(screen, "show_item_detail", spy)
        # Three moves before the reader gets to answer any: as keys held down arrive.
        for _ in range(3):
            items.action_cursor_down()
        await pilot.pause()
        stop = items.rows[items.highlighted]
        assert shown == [stop.id]
        assert detail_text(app).startswith(stop.name)


async def test_the_key_hints_repaint_only_when_they_change(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.QUESTIONS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hints = app.screen.query_one(KeyHints)
        drawn: list[int] = []
        render = hints.render
        monkeypatch.setattr(hints, "render", lambda: (drawn.append(1), render())[1])
        # Every pane shows the same keys here: moving between them repaints no hint.
        await pilot.press("tab", "tab", "tab")
        await pilot.pause()
        assert drawn == []
        listed = list(hints.hints())
        monkeypatch.setattr(hints, "hints", lambda: iter(listed[:1]))
        await pilot.press("tab")
        await pilot.pause()
        assert drawn
        assert "Palette" not in screen_text(app)

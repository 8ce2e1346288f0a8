"""The navigator keeps its drawn lines while they show the same (Navigator.render_line)."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import Tree

from briefing.library import Library
from briefing.model import Section
from briefing.tui.widgets.navigator import Navigator
from tests.tui.conftest import make_app

pytestmark = pytest.mark.anyio


def assert_drawn_as_tree_draws(navigator: Navigator) -> None:
    navigator._pseudo_class_state = navigator.get_pseudo_class_state()
    for y in range(navigator.size.height):
        kept = list(navigator.render_line(y))
        navigator._line_cache.clear()
        assert kept == list(Tree.render_line(navigator, y)), f"line {y}"


async def test_kept_lines_are_what_tree_draws_through_focus_moves_hover_and_theme(
    library: Library,
) -> None:
    app = make_app(library, briefing_id="harbour-talks", section=Section.PARTIES)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        navigator = app.screen.query_one(Navigator)
        steps = ["shift+tab", "tab", "down", "down", "enter", "shift+tab", "up", "tab", "tab"]
        for key in steps:
            await pilot.press(key)
            await pilot.pause()
            assert_drawn_as_tree_draws(navigator)
        navigator.root.expand_all()
        await pilot.pause()
        assert_drawn_as_tree_draws(navigator)
        for row in (2, 3, 1, 5):  # the mouse over a briefing, its sections, another briefing
            await pilot.hover(Navigator, offset=(4, row))
            await pilot.pause()
            assert navigator.hover_line >= 0
            assert_drawn_as_tree_draws(navigator)
        app.theme = "textual-light"
        await pilot.pause()
        assert_drawn_as_tree_draws(navigator)


async def test_focus_coming_or_going_redraws_only_the_cursor_and_what_is_under_it(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="harbour-talks", section=Section.PARTIES)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        navigator = app.screen.query_one(Navigator)
        navigator.root.expand_all()
        navigator.focus()
        await pilot.pause()
        shown = min(len(navigator._tree_lines), navigator.size.height)
        drawn: list[int] = []
        draw = Tree.render_line

        def counted(self: Tree, y: int):
            drawn.append(y)
            return draw(self, y)

        monkeypatch.setattr(Tree, "render_line", counted)
        await pilot.press("tab")  # the navigator loses focus
        await pilot.pause()
        assert shown > 10
        assert 0 < len(drawn) <= 2, drawn


async def test_labels_are_measured_as_tree_measures_them_and_kept_as_given(
    library: Library,
) -> None:
    app = make_app(library, briefing_id="harbour-talks", section=Section.PARTIES)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        navigator = app.screen.query_one(Navigator)
        for expanded in (False, True):
            if expanded:
                navigator.root.expand_all()
                await pilot.pause()
            nodes = list(navigator._tree_nodes.values())
            assert any(node.allow_expand for node in nodes)
            for node in nodes:
                assert navigator.get_label_width(node) == Tree.get_label_width(navigator, node)
        two_lines = Text("first\nsecond")
        assert navigator.process_label(two_lines).plain == "first"
        one_line = Text("a title")
        assert navigator.process_label(one_line) is one_line

"""The navigator draws its lines as Tree draws them, with less work: it keeps its drawn lines while
they show the same, works out its style once a repaint, and lays out once for a batch of nodes."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Tree

from briefing.library import Library
from briefing.model import Section
from briefing.tui.widgets.navigator import Navigator, Place
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


async def test_a_repaint_works_out_the_navigators_style_once_and_draws_as_tree_draws(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library, briefing_id="harbour-talks", section=Section.PARTIES)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        navigator = app.screen.query_one(Navigator)
        navigator.root.expand_all()
        await pilot.pause()
        worked_out: list[int] = []
        style_of = type(navigator).rich_style

        def counted(self: Navigator):
            worked_out.append(1)
            return style_of.fget(self)

        monkeypatch.setattr(type(navigator), "rich_style", property(counted))
        drawn: dict[int, Strip] = {}
        draw = navigator.render_line

        def kept(y: int) -> Strip:
            drawn[y] = draw(y)
            return drawn[y]

        monkeypatch.setattr(navigator, "render_line", kept)
        navigator._drawn.clear()
        navigator._line_cache.clear()
        navigator._styles_cache.clear()
        navigator.render_lines(Region(0, 0, *navigator.outer_size))
        assert sorted(drawn) == list(range(navigator.size.height))
        # Once by the navigator and once by Textual for the border: not once or twice a line.
        assert len(worked_out) <= 2
        monkeypatch.undo()
        for y, strip in drawn.items():
            navigator._line_cache.clear()
            assert list(strip) == list(Tree.render_line(navigator, y)), f"line {y}"


async def test_opening_a_group_lays_the_tree_out_once_not_once_a_node(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.tui.widgets.navigator as navigator_module

    # Two briefings to a group: the three of the library make two groups.
    monkeypatch.setattr(navigator_module, "GROUP_OVER", 1)
    monkeypatch.setattr(navigator_module, "GROUP_SIZE", 2)
    app = make_app(library)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        navigator = app.screen.query_one(Navigator)
        layouts: list[int] = []
        invalidate = Tree._invalidate

        def counted(self: Tree) -> None:
            layouts.append(1)
            invalidate(self)

        monkeypatch.setattr(Tree, "_invalidate", counted)
        navigator.arrange(range(len(library.entries)))
        assert len(layouts) == 1
        layouts.clear()
        # Into the closed group: its briefings added, the group and the briefing expanded.
        navigator.go_to(Place(2, Section.QUOTES))
        assert len(layouts) == 1
        await pilot.pause()
        assert navigator.cursor_node is not None
        assert navigator.cursor_node.data == Place(2, Section.QUOTES) or (
            navigator.cursor_node.data == Place(2)  # a broken briefing has no sections
        )
        assert [str(group.label).split("  ")[0] for group in navigator.root.children] == [
            "1–2",
            "3–3",
        ]
        assert len(navigator.root.children[1].children) == 1

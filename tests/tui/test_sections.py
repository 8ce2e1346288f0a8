"""Every section of every good fixture briefing, and the broken one, as the reader shows them."""

from __future__ import annotations

import pytest

from briefing.library import Library
from briefing.model import Position, Section
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.navigator import Navigator
from tests.tui.conftest import BROKEN, HARBOUR, RIVER, detail_text, item_rows, make_app

pytestmark = pytest.mark.anyio
SIZE = (120, 40)
SECTIONS = [s for s in Section if s is not Section.OVERVIEW]


@pytest.mark.parametrize("entry", [HARBOUR, RIVER])
@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.value)
async def test_each_section_lists_its_items_and_shows_each_in_full(
    library: Library, entry: int, section: Section
) -> None:
    briefing = library.entries[entry].briefing
    assert briefing is not None
    app = make_app(library, briefing_id=briefing.id, section=section)
    async with app.run_test(size=SIZE) as pilot:
        items = app.screen.query_one(ItemsPane)
        shown = [row for row in items.rows if row is not None]
        expected = list(briefing.items(section))
        if section is Section.POSITIONS:
            # Grouped by issue, each group under its issue's heading.
            expected = [p for i in briefing.issues for p in expected if p.issue.id == i.id]
            headings = [
                str(o.prompt)
                for o, row in zip(items.options, items.rows, strict=True)
                if row is None
            ]
            assert headings == [
                i.title for i in briefing.issues if any(p.issue.id == i.id for p in expected)
            ]
        assert shown == expected
        for index, item in enumerate(expected):
            if index:
                await pilot.press("down")
            text = detail_text(app)
            for citation in getattr(item, "citations", ()):
                assert citation.source.title in text
            assert main_text(item) in text
        assert items.border_subtitle == f"{len(expected)} of {len(expected)}"


def main_text(item: object) -> str:
    """The field that says what an item is: a party's name, a question, a quote..."""
    for field in ("name", "stance", "question", "event", "label", "quote", "title"):
        if isinstance(value := getattr(item, field, None), str):
            return value
    raise AssertionError(item)


async def test_positions_are_grouped_under_their_issue(library: Library) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.POSITIONS)
    async with app.run_test(size=SIZE):
        rows = item_rows(app)
        assert rows[0] == "The summer flow downstream"
        assert rows[1].startswith("Eastmark: ")
        assert rows[2].startswith("Westmark farmers' groups: ")
        assert rows[3] == "Approval by the parliaments"
        assert all(isinstance(row, Position) for row in app.screen.query_one(ItemsPane).rows[4:])


async def test_the_timeline_is_in_date_order_with_each_date_marked(library: Library) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.TIMELINE)
    async with app.run_test(size=SIZE):
        rows = item_rows(app)
        assert rows[0].startswith("2024-05-14 ○ context")
        assert rows[1].startswith("2024-06 ● sourced")


async def test_the_overview_lists_the_sections_and_opens_them(library: Library) -> None:
    app = make_app(library, briefing_id="river-treaty")
    async with app.run_test(size=SIZE) as pilot:
        assert item_rows(app) == [
            "About this briefing",
            "Parties 6",
            "Positions 3",
            "Questions 2",
            "Timeline 2",
            "Figures 2",
            "Quotes 2",
            "Sources 1",
        ]
        text = detail_text(app)
        assert "Key figures" in text and "   2  questions" in text
        await pilot.press("down", "down", "down", "enter")
        assert app.screen.section is Section.QUESTIONS
        assert item_rows(app)[0] == "Will Westmark's parliament approve the treaty in June?"


async def test_an_item_named_at_start_is_open_in_the_detail(library: Library) -> None:
    app = make_app(library, item_id="fig-people")
    async with app.run_test(size=SIZE):
        assert app.screen.entry == RIVER
        assert detail_text(app).startswith("about 2 million people supplied by the river")
        assert app.screen.focused_pane() == "detail"


# --- a broken briefing ---------------------------------------------------------------------------


async def test_a_broken_briefing_is_marked_and_shows_its_errors(library: Library) -> None:
    app = make_app(library)
    async with app.run_test(size=SIZE) as pilot:
        navigator = app.screen.query_one(Navigator)
        labels = [node.label.plain for node in navigator.root.children]
        assert labels[BROKEN] == "✗ zz-broken.yaml [broken]"
        await pilot.press("end")  # the broken file, the last node
        assert app.screen.entry == BROKEN
        assert app.screen.sub_title == "could not be loaded"
        rows = item_rows(app)
        assert rows[0].startswith("✗ error 4:8 `as_of`")
        assert rows[1] == "✗ error 12:5 unknown key `nickname`"
        await pilot.press("enter")
        assert app.screen.focused_pane() == "items"
        await pilot.press("down")
        text = detail_text(app)
        assert "zz-broken.yaml:12:5" in text
        assert "hint: did you mean `name`?" in text
        # A broken briefing has no sections to open or jump to; the rest still work.
        await pilot.press("4")
        assert app.screen.entry == BROKEN
        await pilot.press("left_square_bracket")
        assert app.screen.entry == RIVER
        assert item_rows(app)[0] == "About this briefing"


async def test_sections_jumped_to_survive_passing_a_broken_briefing(library: Library) -> None:
    app = make_app(library, briefing_id="river-treaty", section=Section.QUOTES)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        assert app.screen.entry == BROKEN
        await pilot.press("left_square_bracket")
        assert (app.screen.entry, app.screen.section) == (RIVER, Section.QUOTES)

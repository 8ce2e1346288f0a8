"""While an item is read, the items beside it are made ready: moving to one only shows it."""

from __future__ import annotations

import pytest

from briefing.library import Library
from briefing.model import Section
from briefing.tui.screens import in_depth
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.items import ItemsPane
from tests.tui.conftest import lines_drawn, make_app, texts_converted
from tests.tui.test_detail_view import assert_shown_as_opened_afresh, detail_rows

pytestmark = pytest.mark.anyio


async def rest(pilot, app) -> None:
    """Stay on the item long enough for the items beside it to be made ready."""
    await pilot.pause(in_depth.PREPARE_AFTER + 0.05)
    await pilot.pause()
    assert app.screen._preparing is None


@pytest.mark.parametrize(
    ("section", "keys"),
    [
        (Section.PARTIES, ("down", "up", "up")),  # below, and back up past the one read
        (Section.POSITIONS, ("down", "down", "up")),  # over a heading, to the next issue's
    ],
)
async def test_the_items_beside_the_one_read_are_ready_when_reached(
    library: Library, monkeypatch: pytest.MonkeyPatch, section: Section, keys: tuple[str, ...]
) -> None:
    # Long enough that a press is measured before the next items are made ready.
    monkeypatch.setattr(in_depth, "PREPARE_AFTER", 0.5)
    app = make_app(library, briefing_id="river-treaty", section=section)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        await pilot.press("down")
        await rest(pilot, app)
        converted = texts_converted(detail, monkeypatch)
        drawn = lines_drawn(detail, monkeypatch)
        draw = detail._draw
        new_lines: list[int] = []
        monkeypatch.setattr(detail, "_draw", lambda *a: new_lines.append(a[1]) or draw(*a))
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            assert converted == [] and new_lines == [], key
            assert drawn  # the pane was repainted, from lines drawn ahead
            await rest(pilot, app)  # which makes the next ones ready
            converted.clear()
            new_lines.clear()


async def test_what_was_made_ready_shows_as_a_fresh_opening_does(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(in_depth, "PREPARE_AFTER", 0.05)
    app = make_app(library, briefing_id="river-treaty", section=Section.PARTIES)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        items = app.screen.query_one(ItemsPane)
        seen = []
        for _ in range(3):
            await rest(pilot, app)
            await pilot.press("down")
            await pilot.pause()
            seen.append((items.rows[items.highlighted].id, detail_rows(app)))
    await assert_shown_as_opened_afresh(library, "river-treaty", Section.PARTIES, seen)


async def test_moving_on_before_the_moment_is_up_makes_nothing_ready(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Long beside a press, so that no machine is slow enough to prepare between two.
    monkeypatch.setattr(in_depth, "PREPARE_AFTER", 1.0)
    app = make_app(library, briefing_id="river-treaty", section=Section.PARTIES)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        made: list[int] = []
        prepare = app.screen._prepare_neighbours
        monkeypatch.setattr(app.screen, "_prepare_neighbours", lambda: made.append(1) or prepare())
        for key in ("down", "down", "up", "down"):
            await pilot.press(key)
            await pilot.pause(0.05)
        assert made == []
        await pilot.pause(1.2)
        assert made == [1]


async def test_what_was_made_ready_is_collected_young_while_the_reader_reads(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(in_depth, "PREPARE_AFTER", 0.05)
    events: list[str] = []
    # On the class, before the reader starts: a timer set earlier holds the method it was given.
    prepare = in_depth.InDepthScreen._prepare_neighbours
    monkeypatch.setattr(
        in_depth.InDepthScreen,
        "_prepare_neighbours",
        lambda screen: events.append("made") or prepare(screen),
    )
    app = make_app(library, briefing_id="river-treaty", section=Section.PARTIES)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        events.clear()  # the collections before counting start are not this test's
        monkeypatch.setattr(
            in_depth.gc, "collect", lambda generation=2: events.append(f"collected {generation}")
        )
        await pilot.press("down")
        await rest(pilot, app)
        # Each time items are made ready (the first screen's may come too), then collected.
        assert events and events == ["made", "collected 1"] * (len(events) // 2)


async def test_the_first_item_has_only_the_one_below_made_ready(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(in_depth, "PREPARE_AFTER", 0.05)
    app = make_app(library, briefing_id="river-treaty", section=Section.PARTIES)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        items = app.screen.query_one(ItemsPane)
        detail = app.screen.query_one(DetailPane)
        await pilot.press("down", "up")  # on the first item, shown again
        await rest(pilot, app)
        assert items.highlighted == 0
        kept = {key[1] for key in detail._kept}
        assert items.rows[1].id in kept
        assert items.rows[-1].id not in kept  # nothing above the first: not the last one

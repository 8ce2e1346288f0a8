"""Reading state in the reader: places restored, items read and counted, bookmarks, notices."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from briefing.library import Library
from briefing.model import Section
from briefing.render.marks import BOOKMARK_MARK, UNREAD_MARK
from briefing.tui.app import BriefingApp
from briefing.tui.options import ReaderOptions
from briefing.tui.screens.bookmarks import BookmarksScreen
from briefing.tui.start import Start
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.navigator import Navigator
from tests.tui.conftest import (
    FIXTURES,
    HARBOUR,
    RIVER,
    first_arguments,
    focused_pane,
    marked_rows,
    screen_text,
)

pytestmark = pytest.mark.anyio
SIZE = (120, 36)


def reader(library: Library, state: Path, start: Start | None = None) -> BriefingApp:
    return BriefingApp(library, start or Start(), ReaderOptions(state_file=state))


def highlighted_id(app: BriefingApp) -> str | None:
    items = app.screen.query_one(ItemsPane)
    row = items.rows[items.highlighted] if items.highlighted is not None else None
    return getattr(row, "id", None)


def saved(state: Path) -> dict:
    return json.loads(state.read_text(encoding="utf-8"))


async def test_the_last_section_and_item_are_restored_on_the_next_launch(
    library: Library, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    app = reader(library, state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "down")  # Figures, the second one
        assert highlighted_id(app) == "fig-jobs-lost"
    assert saved(state)["briefings"]["harbour-talks"]["place"] == {
        "section": "figures",
        "item": "fig-jobs-lost",
    }

    again = reader(library, state)
    async with again.run_test(size=SIZE):
        assert again.screen.section is Section.FIGURES
        assert highlighted_id(again) == "fig-jobs-lost"
        assert focused_pane(again) == "items"


async def test_a_start_named_on_the_command_line_wins_over_the_saved_place(
    library: Library, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    async with reader(library, state).run_test(size=SIZE) as pilot:
        await pilot.press("6")
    app = reader(library, state, Start(HARBOUR, Section.QUESTIONS, None, "items"))
    async with app.run_test(size=SIZE):
        assert app.screen.section is Section.QUESTIONS


async def test_an_opened_item_is_read_and_its_unread_mark_goes(
    library: Library, tmp_path: Path
) -> None:
    app = reader(library, tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        rows = marked_rows(app)
        assert all(row.startswith(UNREAD_MARK) for row in rows), rows
        await pilot.press("enter")
        await pilot.pause()
        rows = marked_rows(app)
        assert not rows[0].startswith(UNREAD_MARK) and rows[1].startswith(UNREAD_MARK)
        assert app.session.reading.state("harbour-talks").read == {"fig-days-closed"}


async def test_moving_past_an_item_does_not_read_it_but_staying_does(
    library: Library, tmp_path: Path
) -> None:
    app = reader(library, tmp_path / "state.json")
    app.session.reading.read_after = 0.6
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "down", "up", "down")
        await pilot.pause(0.9)
        # Only the item the cursor stayed on, in the visible detail pane, was read.
        assert app.session.reading.state("harbour-talks").read == {"fig-jobs-lost"}


async def test_the_narrow_layout_reads_only_what_is_opened(
    library: Library, tmp_path: Path
) -> None:
    app = reader(library, tmp_path / "state.json")
    app.session.reading.read_after = 0.1
    async with app.run_test(size=(90, 30)) as pilot:
        await pilot.press("6", "down")
        await pilot.pause(0.3)
        assert app.session.reading.state("harbour-talks").read == frozenset()


async def test_the_navigator_counts_unread_items_per_section(
    library: Library, tmp_path: Path
) -> None:
    app = reader(library, tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        navigator = app.screen.query_one(Navigator)

        def figures_label() -> str:
            harbour = navigator.root.children[HARBOUR]
            node = next(c for c in harbour.children if c.data.section is Section.FIGURES)
            return str(node.label)

        await pilot.press("6")
        assert figures_label() == f"Figures 2 {UNREAD_MARK}2"
        await pilot.press("enter")
        await pilot.pause()
        assert figures_label() == f"Figures 2 {UNREAD_MARK}1"
        await pilot.press("escape", "down", "enter")
        await pilot.pause()
        assert figures_label() == "Figures 2"


async def test_b_toggles_a_bookmark_and_B_lists_them_and_goes_there(
    library: Library, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    app = reader(library, state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "down", "b")
        assert marked_rows(app)[1].startswith(f"{UNREAD_MARK}{BOOKMARK_MARK}")
        assert saved(state)["briefings"]["harbour-talks"]["bookmarks"] == ["fig-jobs-lost"]
        await pilot.press("]", "4", "b")  # the river treaty's first question
        await pilot.press("[", "2")  # back to harbour talks, Parties
        await pilot.press("B")
        assert isinstance(app.screen, BookmarksScreen)
        text = screen_text(app)
        assert "The Portville harbour talks · Figures" in text
        assert "The Silver River treaty · Questions" in text
        await pilot.press("down", "enter")
        assert not isinstance(app.screen, BookmarksScreen)
        assert app.screen.entry == RIVER and app.screen.section is Section.QUESTIONS
        assert focused_pane(app) == "items"
        await pilot.press("b")  # off again
        assert marked_rows(app)[0][1:2] != BOOKMARK_MARK
    assert saved(state)["briefings"]["river-treaty"].get("bookmarks", []) == []


async def test_the_bookmark_list_says_when_there_are_none(library: Library, tmp_path: Path) -> None:
    app = reader(library, tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("B")
        assert "No bookmarks yet" in screen_text(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, BookmarksScreen)


async def test_b_on_something_that_is_no_item_rings_the_bell(
    library: Library, tmp_path: Path
) -> None:
    app = reader(library, tmp_path / "state.json")
    bells = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b")  # the overview
        assert bells == [1]


async def test_a_broken_state_file_is_moved_aside_with_a_notice(
    library: Library, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    state.write_text('{"version": 1, "briefings": {"x": [bold]', encoding="utf-8")
    app = reader(library, state)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("moved to" in m and "starting afresh" not in m for m in messages), messages
        assert all(not n.markup for n in app._notifications)
    assert any(p.name.startswith("state.json.broken-") for p in tmp_path.iterdir())


async def test_a_state_that_cannot_be_saved_is_a_notice_not_a_crash(
    library: Library, tmp_path: Path
) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the state directory should be", encoding="utf-8")
    app = reader(library, blocked / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "down", "b")
        # Saved in the background: the notice comes with the next look at the saves (a second).
        for _ in range(40):
            await pilot.pause(0.05)
            messages = [n.message for n in app._notifications]
            if any("cannot be saved" in m for m in messages):
                break
        assert any("cannot be saved" in m for m in messages), messages


async def test_the_theme_chosen_is_remembered(library: Library, tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    app = reader(library, state)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert saved(state)["theme"] == "nord"
    again = reader(library, state)
    async with again.run_test(size=SIZE):
        assert again.theme == "nord"


async def test_without_a_state_file_nothing_is_written(library: Library, tmp_path: Path) -> None:
    app = BriefingApp(library, Start(), ReaderOptions(state_file=None))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "enter", "b")
        assert app.session.reading.state("harbour-talks").bookmarks == ("fig-days-closed",)
    assert list(tmp_path.iterdir()) == []


def test_no_state_and_the_environment_say_where_state_and_settings_are(tmp_path: Path) -> None:
    from briefing.cli import build_parser
    from briefing.cli.read import reader_options

    environ = {"BRIEFING_STATE_DIR": str(tmp_path / "s"), "BRIEFING_CONFIG": str(tmp_path / "c")}
    folder = FIXTURES / "reader"
    args = build_parser(["read"]).parse_args(["read", str(folder)])
    options = reader_options(args, environ)
    assert options.state_file == tmp_path / "s" / "state.json"
    assert options.config_file == tmp_path / "c"
    assert options.paths == (folder,)
    args = build_parser(["read"]).parse_args(["read", "--no-state", str(folder)])
    assert reader_options(args, environ).state_file is None


def test_tests_keep_away_from_the_real_state_and_settings() -> None:
    from briefing import locations

    assert locations.STATE_DIR_VARIABLE in os.environ
    assert locations.state_file().is_relative_to(Path(os.environ["BRIEFING_STATE_DIR"]))
    assert locations.config_file() == Path(os.environ["BRIEFING_CONFIG"])


async def test_a_lock_held_by_another_reader_never_holds_up_a_key(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process holds the state's lock (a reader stuck mid-save): keys answer at once,
    the reader says it cannot save, and saves once the lock is free."""
    import subprocess
    import sys
    import time

    state = tmp_path / "state.json"
    lock = tmp_path / "state.json.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('held', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        app = reader(library, state)
        said = first_arguments(app, "notify", monkeypatch)
        async with app.run_test(size=SIZE) as pilot:
            slowest = 0.0
            for key in ["6", "down", "b", "down", "b", "up", "enter", "escape", "3", "down"] * 3:
                started = time.monotonic()
                await pilot.press(key)
                await pilot.pause()
                slowest = max(slowest, time.monotonic() - started)
                await pilot.pause(0.1)  # the save timer comes round meanwhile
            assert slowest < 0.5, f"a key took {slowest:.2f} s"
            assert not state.exists()  # nothing could be saved yet
            assert any("another reader has held the lock" in str(notice) for notice in said)
            holder.stdin.close()  # the other reader lets go
            holder.wait(timeout=10)
            deadline = time.monotonic() + 10
            while not state.exists() and time.monotonic() < deadline:
                await pilot.pause(0.1)
            assert saved(state)["briefings"]["harbour-talks"]["bookmarks"]
    finally:
        holder.kill()

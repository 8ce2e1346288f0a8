"""Each briefing reopens where it was left: with [ and ], from the library, from the palette,
within a session and on the next launch; at its section when the item is gone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.library import Library, load_library
from briefing.model import Section
from briefing.tui.app import BriefingApp
from briefing.tui.options import ReaderOptions
from briefing.tui.start import Start
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.navigator import Navigator
from tests.tui.conftest import FIXTURES, HARBOUR, RIVER, focused_pane

pytestmark = pytest.mark.anyio
SIZE = (120, 36)


def reader(library: Library, state: Path) -> BriefingApp:
    return BriefingApp(library, Start(), ReaderOptions(state_file=state))


def at(app: BriefingApp) -> tuple[int, Section, str | None]:
    """The briefing, section and item the reader shows."""
    items = app.screen.query_one(ItemsPane)
    row = items.rows[items.highlighted] if items.highlighted is not None else None
    return app.screen.entry, app.screen.section, getattr(row, "id", None)


def navigator_at(app: BriefingApp) -> tuple[int, Section | None] | None:
    node = app.screen.query_one(Navigator).cursor_node
    return (node.data.entry, node.data.section) if node and node.data else None


async def read_two_briefings(pilot) -> None:
    """Harbour talks left at its second figure; the river treaty at its second question."""
    await pilot.press("6", "down")
    await pilot.press("]", "4", "down")
    await pilot.pause()


async def test_brackets_go_back_to_where_each_briefing_was_left(
    library: Library, tmp_path: Path
) -> None:
    app = reader(library, tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await read_two_briefings(pilot)
        assert at(app) == (RIVER, Section.QUESTIONS, "q-eastmark-date")
        await pilot.press("[")
        await pilot.pause()
        assert at(app) == (HARBOUR, Section.FIGURES, "fig-jobs-lost")
        assert navigator_at(app) == (HARBOUR, Section.FIGURES)
        await pilot.press("]")
        await pilot.pause()
        assert at(app) == (RIVER, Section.QUESTIONS, "q-eastmark-date")


async def test_a_briefing_never_read_opens_at_the_same_section(
    library: Library, tmp_path: Path
) -> None:
    app = reader(library, tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "]")
        await pilot.pause()
        assert at(app) == (RIVER, Section.TIMELINE, "ev-signed")


async def test_the_library_opens_a_briefing_where_it_was_left(
    library: Library, tmp_path: Path
) -> None:
    app = reader(library, tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await read_two_briefings(pilot)
        navigator = app.screen.query_one(Navigator)
        navigator.focus()
        navigator.go_to(navigator.cursor_node.data.__class__(HARBOUR))
        await pilot.pause()
        # On the briefing's own line, the items show where it was left...
        assert at(app) == (HARBOUR, Section.FIGURES, "fig-jobs-lost")
        await pilot.press("enter")
        await pilot.pause()
        # ... and opening it puts the cursor on that section; nothing is forgotten.
        assert navigator_at(app) == (HARBOUR, Section.FIGURES)
        assert at(app) == (HARBOUR, Section.FIGURES, "fig-jobs-lost")
        assert focused_pane(app) == "navigator"
        await pilot.press("]")
        await pilot.pause()
        assert at(app) == (RIVER, Section.QUESTIONS, "q-eastmark-date")


async def test_the_palette_opens_a_briefing_where_it_was_left(
    library: Library, tmp_path: Path
) -> None:
    app = reader(library, tmp_path / "state.json")
    async with app.run_test(size=SIZE) as pilot:
        await read_two_briefings(pilot)
        await pilot.press("ctrl+p", *"portville harbour")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        assert at(app) == (HARBOUR, Section.FIGURES, "fig-jobs-lost")


async def test_every_briefing_reopens_where_it_was_left_on_the_next_launch(
    library: Library, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    async with reader(library, state).run_test(size=SIZE) as pilot:
        await read_two_briefings(pilot)
        await pilot.press("[")
    again = reader(library, state)
    async with again.run_test(size=SIZE) as pilot:
        assert at(again) == (HARBOUR, Section.FIGURES, "fig-jobs-lost")
        await pilot.press("]")
        await pilot.pause()
        assert at(again) == (RIVER, Section.QUESTIONS, "q-eastmark-date")


async def test_a_briefing_whose_item_is_gone_reopens_at_its_section(tmp_path: Path) -> None:
    folder = tmp_path / "library"
    shutil.copytree(FIXTURES / "reader", folder)
    (folder / "zz-broken.yaml").unlink()
    shutil.copy(FIXTURES / "good" / "harbour-talks.yaml", folder / "a-harbour.yaml")
    shutil.copytree(FIXTURES / "good" / "sources", folder / "sources", dirs_exist_ok=True)
    state = tmp_path / "state.json"
    async with reader(load_library([folder]), state).run_test(size=SIZE) as pilot:
        await read_two_briefings(pilot)
        await pilot.press("[")
    treaty = folder / "river-treaty.yaml"
    text = treaty.read_text(encoding="utf-8")
    treaty.write_text(text.replace("q-eastmark-date", "q-eastmark-timing"), encoding="utf-8")
    again = reader(load_library([folder]), state)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("2", "]")
        await pilot.pause()
        assert at(again) == (1, Section.QUESTIONS, "q-westmark-vote")


def test_a_grouped_library_opens_with_the_briefing_and_its_group_in_view(
    tmp_path: Path,
) -> None:
    """In a real terminal, on 400 briefings (listed in groups of 100): the cursor starts on
    the first briefing's overview, and the briefing's line and its group's, above it, are in
    view (they were scrolled away, leaving the sections unexplained)."""
    import importlib.util
    import os
    import sys

    from tests.tui.terminal import BRIEFING, TMUX, Terminal

    if TMUX is None or not BRIEFING.exists():
        pytest.skip("needs tmux and `briefing`")
    bench = Path(__file__).resolve().parents[2] / "bench" / "generate_library.py"
    spec = importlib.util.spec_from_file_location("generate_library", bench)
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generator
    spec.loader.exec_module(generator)
    generator.generate(tmp_path / "library", 400, seed=2, jobs=1)
    terminal = Terminal(f"briefing-groups-{os.getpid()}")
    terminal.start(
        f"BRIEFING_CACHE_DIR={tmp_path / 'cache'} {BRIEFING} --no-state {tmp_path / 'library'}"
        "; sleep 30",
        120,
        40,
    )
    try:
        terminal.wait_for(lambda s: "Overview" in s and "Parties" in s, timeout=60)
        screen = terminal.wait_for(lambda s: "1–100" in s.splitlines()[2], timeout=10)
        lines = screen.splitlines()
        assert "├─ ▼" in lines[3] and "Overview" in lines[4], screen
    finally:
        terminal.close()

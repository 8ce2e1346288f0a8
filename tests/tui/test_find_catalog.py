"""Finding things in a library read through its catalog, and the search index's timing at start-up:
the palette's parties, questions and quotes come from the index; the index is loaded once the
first screen is complete, or at the first `/`, and the box says so until it is there."""

from __future__ import annotations

import asyncio
import shutil
import threading
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, OptionList, Static

from briefing import finder as finder_module
from briefing.finder import Finder
from briefing.library import Library
from briefing.library.cache import LibraryCache
from briefing.library.catalog import Catalog
from briefing.model import Section
from briefing.tui import find
from briefing.tui.app import BriefingApp
from briefing.tui.screens.reader import ReaderScreen
from briefing.tui.screens.search import DEBOUNCE, SearchScreen
from briefing.tui.start import Start
from briefing.tui.widgets.items import ItemsPane
from tests.conftest import FIXTURES
from tests.tui.conftest import LIBRARY, RIVER, detail_text

RIVER_FOLDER = FIXTURES / "reader"

pytestmark = pytest.mark.anyio
SIZE = (120, 40)


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    store = LibraryCache(tmp_path / "cache")
    Catalog.open(LIBRARY, store).refresh(jobs=1)
    opened = Catalog.open(LIBRARY, store)  # as the reader opens it: records, nothing loaded
    assert opened.warm
    return opened


async def settle(pilot, app: BriefingApp) -> None:
    await pilot.pause(DEBOUNCE + 0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def palette(pilot, app: BriefingApp, query: str) -> list[str]:
    """Open the palette, type `query`, and wait for its items (which wait for the index)."""
    await pilot.press("ctrl+p")
    assert CommandPalette.is_open(app)
    await pilot.press(*["space" if char == " " else char for char in query])
    for _ in range(50):
        await pilot.pause(0.1)
        if reader(app).finder.ready:
            break
    await app.workers.wait_for_complete()
    await pilot.pause(0.5)  # the palette lists what it gathered every quarter of a second
    return [str(o.prompt) for o in app.screen.query_one(OptionList).options]


def reader(app: BriefingApp) -> ReaderScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, ReaderScreen)
    return screen


def status(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status", Static).content)


# --- the palette on a catalog --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected", "section", "item"),
    [
        ("okafr", "Lena Okafor  party · The Silver River treaty", Section.PARTIES, "lena-okafor"),
        (
            "eastmark parliament vote",
            "When will Eastmark's parliament vote?  question · The Silver River treaty",
            Section.QUESTIONS,
            "q-eastmark-date",
        ),
        (
            "fair deal farmers",
            "This is a fair deal for farmers on both banks  quote · The Silver River treaty",
            Section.QUOTES,
            "quote-fair-deal",
        ),
    ],
)
async def test_the_palette_of_a_catalog_goes_to_parties_questions_and_quotes(
    catalog: Catalog, query: str, expected: str, section: Section, item: str
) -> None:
    app = BriefingApp(catalog.library(), Start())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, app)
        loaded = catalog.loaded
        listed = await palette(pilot, app, query)
        assert listed[0] == expected
        # Listing it read no briefing in full: the records and the index were enough.
        assert catalog.loaded == loaded
        await pilot.press("enter")
        await pilot.pause()
        screen = reader(app)
        items = screen.query_one(ItemsPane)
        row = items.rows[items.highlighted] if items.highlighted is not None else None
        assert (screen.entry, screen.section, getattr(row, "id", None)) == (RIVER, section, item)


async def test_the_palette_of_a_catalog_has_the_apps_commands(catalog: Catalog) -> None:
    app = BriefingApp(catalog.library(), Start())
    async with app.run_test(size=SIZE) as pilot:
        for command in ["Theme", "Help", "Quit"]:
            listed = await palette(pilot, app, command.lower())
            assert any(line.startswith(command) for line in listed), (command, listed)
            await pilot.press("escape")
            await pilot.pause()


# --- when the index is loaded --------------------------------------------------------------------


async def test_the_index_waits_for_the_first_screen_then_loads_unasked(library: Library) -> None:
    app = BriefingApp(library, Start())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = reader(app)
        # The first screen is drawn, and nothing has started on the index yet.
        assert "In this briefing" in detail_text(app)
        assert not screen.finder.ready and not screen.indexing
        await pilot.pause(find.INDEX_DELAY + 0.3)
        await app.workers.wait_for_complete()
        assert screen.finder.ready


async def test_slash_at_once_at_start_up_says_loading_then_lists_hits(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    allowed = threading.Event()
    read = Catalog.search_index

    def slow_read(self: Catalog):
        allowed.wait(10)
        return read(self)

    monkeypatch.setattr(Catalog, "search_index", slow_read)
    app = BriefingApp(catalog.library(), Start())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"okafor")
        await pilot.pause(DEBOUNCE + 0.05)
        box = app.screen
        assert isinstance(box, SearchScreen)
        assert reader(app).indexing  # `/` started it, well before INDEX_DELAY
        assert status(box) == "loading the search index…"
        # The reader keeps answering keys meanwhile.
        await pilot.press("backspace", "r")
        assert box.query_one(Input).value == "okafor"
        allowed.set()
        await settle(pilot, app)
        listed = [str(o.prompt) for o in box.query_one(OptionList).options]
        assert listed and listed[0].startswith("party")
        assert status(box) == f"{len(listed)} hits"


async def test_a_large_plain_library_counts_its_indexing_in_the_box(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Three briefings counted as a large library would be, one at a time, the second held back.
    monkeypatch.setattr(finder_module, "PROGRESS_FROM", 1)
    monkeypatch.setattr(finder_module, "PROGRESS_EVERY", 1)
    allowed = threading.Event()
    add = finder_module.SearchIndex.add

    def slow_add(self, briefing):
        if briefing.id != "harbour-talks":
            allowed.wait(10)
        return add(self, briefing)

    monkeypatch.setattr(finder_module.SearchIndex, "add", slow_add)
    app = BriefingApp(library, Start())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"okafor")
        for _ in range(50):
            await pilot.pause(0.05)
            if status(app.screen) == "indexing the library… 1 of 3 briefings":
                break
        assert status(app.screen) == "indexing the library… 1 of 3 briefings"
        allowed.set()
        await settle(pilot, app)
        assert status(app.screen).endswith("hits")


def test_progress_is_said_only_for_a_large_library(library: Library) -> None:
    finder = Finder(library.entries)
    assert finder.progress_text() == "indexing the library…"
    told: list[tuple[int, int]] = []
    finder.build(on_progress=lambda done, total: told.append((done, total)))
    assert told == [(3, 3)]  # every PROGRESS_EVERY briefings, and at the end
    assert finder.indexed == (3, 3)


async def test_the_palette_gathers_a_catalogs_briefings_again_after_a_refresh(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "reader"
    shutil.copytree(RIVER_FOLDER, folder)
    store = LibraryCache(tmp_path / "cache")
    Catalog.open([folder], store).refresh(jobs=1)
    catalog = Catalog.open([folder], store)
    app = BriefingApp(catalog.library(), Start())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        await settle(pilot, app)  # the reader's own check of the records, after start-up
        await palette(pilot, app, "silver")
        await pilot.press("escape")
        first = reader(app).goto
        assert first is not None
        await asyncio.to_thread(catalog.refresh, jobs=1)  # nothing changed
        await palette(pilot, app, "silver")
        await pilot.press("escape")
        assert reader(app).goto is first
        river = (folder / "river-treaty.yaml").read_text(encoding="utf-8")
        renamed = river.replace("id: river-treaty", "id: copy")
        (folder / "copy.yaml").write_text(renamed, encoding="utf-8")
        await asyncio.to_thread(catalog.refresh, jobs=1)  # a file came: the records listed again
        listed = await palette(pilot, app, "silver")
        assert reader(app).goto is not first
        assert listed[0].startswith("The Silver River treaty  briefing")

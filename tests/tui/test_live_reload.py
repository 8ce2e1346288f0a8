"""Live reload: the reader follows edits on disk, keeps its place, and never shows a broken edit."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from briefing.filters import ItemFilter, LibraryFilter
from briefing.library import load_library
from briefing.model import Section
from briefing.tui.app import BriefingApp
from briefing.tui.options import ReaderOptions
from briefing.tui.start import Start
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.navigator import Navigator
from briefing.tui.widgets.reload_banner import ReloadBanner
from tests.tui.conftest import FIXTURES, detail_text, item_rows

pytestmark = pytest.mark.anyio
SIZE = (120, 36)
# A change shows within a second (bench/reload_bench.py); the rest is slack for a loaded machine.
WITHIN = 5.0


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(FIXTURES / "good", target)
    shutil.copy(FIXTURES / "reader" / "river-treaty.yaml", target)
    shutil.copy(FIXTURES / "reader" / "sources" / "river-treaty.txt", target / "sources")
    return target


def watching(paths: list[Path], tmp_path: Path, start: Start | None = None) -> BriefingApp:
    options = ReaderOptions(paths=tuple(paths), state_file=tmp_path / "state.json")
    return BriefingApp(load_library(paths), start or Start(), options)


async def wait_for(pilot: Pilot, condition: Callable[[], bool], what: str) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > WITHIN:
            raise AssertionError(f"not within {WITHIN} s: {what}")
        await pilot.pause(0.02)
    return time.monotonic() - started


async def watcher_ready(pilot: Pilot, app: BriefingApp) -> None:
    await wait_for(
        pilot,
        lambda: app.session.watching,
        "the watcher started",
    )


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def titles(app: BriefingApp) -> list[str]:
    navigator = app.screen.query_one(Navigator)
    return [str(node.label) for node in navigator.root.children]


async def test_an_edit_shows_and_the_reader_keeps_its_place(folder: Path, tmp_path: Path) -> None:
    harbour = folder / "harbour-talks.yaml"
    app = watching([folder], tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await watcher_ready(pilot, app)
        await pilot.press("6", "down", "enter")  # Figures, the second, open in the detail
        assert "jobs" in detail_text(app).lower()
        replace_in(harbour, "lost their jobs\n", "lost their jobs at the port\n")
        # How soon is bench/reload_bench.py's to measure; here, that it shows at all.
        await wait_for(
            pilot, lambda: "jobs at the port" in detail_text(app), "the edit in the detail"
        )
        assert app.screen.section is Section.FIGURES
        assert "jobs at the port" in item_rows(app)[1]


def reader_on(kind: str, folder: Path, tmp_path: Path) -> BriefingApp:
    """The reader on a folder: loaded as a library, or read through its catalog (as the
    command opens a folder)."""
    if kind == "library":
        return watching([folder], tmp_path)
    from briefing.library.cache import LibraryCache
    from briefing.library.catalog import Catalog

    catalog = Catalog.open([folder], LibraryCache(tmp_path / "cache"))
    options = ReaderOptions(paths=(folder,), state_file=tmp_path / "state.json")
    return BriefingApp(catalog.library(), Start(), options)


async def ready(pilot: Pilot, app: BriefingApp) -> None:
    """The watcher is watching and, for a catalog, its first check against the files is done."""
    await watcher_ready(pilot, app)
    entries = app.library.entries
    catalog = getattr(entries, "catalog", None)
    if catalog is not None:
        await wait_for(
            pilot,
            lambda: (
                catalog.warm
                and not any(w.group == "catalog" and not w.is_finished for w in app.workers)
            ),
            "the catalog's first check",
        )


@pytest.mark.parametrize("kind", ["library", "catalog"])
async def test_an_invalid_edit_keeps_the_last_good_version_until_fixed(
    kind: str, folder: Path, tmp_path: Path
) -> None:
    harbour = folder / "harbour-talks.yaml"
    good = harbour.read_text(encoding="utf-8")
    app = reader_on(kind, folder, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("4")
        rows = item_rows(app)
        banner = app.screen.query_one(ReloadBanner)
        harbour.write_text(good.replace("  - id: southland\n", "  - id: southland\n  oops: [\n"))
        await wait_for(pilot, lambda: banner.stale is not None, "the banner")
        assert item_rows(app) == rows
        assert app.screen.title == "The Portville harbour talks"
        # The navigator still lists the good version, not a broken file.
        assert titles(app) == ["The Portville harbour talks", "The Silver River treaty"]
        shown = str(banner.render())
        assert "harbour-talks.yaml has 1 error" in shown
        assert "last good version" in shown
        assert banner.stale.errors[0].location is not None
        where = banner.stale.errors[0].location
        assert f"{where.line}:{where.column}" in shown
        assert banner.display

        # Another edit with errors: still the last good version, with the new errors.
        harbour.write_text(good.replace("  - id: northland\n", "  - id: northland\n  bad: [\n"))
        await wait_for(
            pilot,
            lambda: banner.stale is not None and banner.stale.errors[0].location != where,
            "the new errors",
        )
        assert item_rows(app) == rows

        harbour.write_text(good.replace("title: The Portville", "title: Fixed, the Portville"))
        await wait_for(pilot, lambda: banner.stale is None, "the banner to go")
        assert not banner.display
        assert app.screen.title.startswith("Fixed, the Portville")
        assert "Fixed, the Portville harbour talks" in titles(app)


@pytest.mark.parametrize("kind", ["library", "catalog"])
async def test_an_invalid_edit_of_another_briefing_is_a_notice(
    kind: str, folder: Path, tmp_path: Path
) -> None:
    river = folder / "river-treaty.yaml"
    good = river.read_text(encoding="utf-8")
    app = reader_on(kind, folder, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("]", "[")  # the river treaty was opened, then left
        river.write_text(good.replace("title: The Silver", "title: [\n"), encoding="utf-8")
        await wait_for(
            pilot,
            lambda: any("river-treaty.yaml" in str(n.title) for n in app._notifications),
            "a notice",
        )
        assert titles(app) == ["The Portville harbour talks", "The Silver River treaty"]
        await pilot.press("]")
        assert app.screen.title == "The Silver River treaty"
        assert app.screen.query_one(ReloadBanner).stale is not None


async def test_new_and_deleted_files_appear_and_disappear(folder: Path, tmp_path: Path) -> None:
    app = watching([folder], tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await watcher_ready(pilot, app)
        await pilot.press("]")  # to the river treaty
        before = titles(app)
        assert before == ["The Portville harbour talks", "The Silver River treaty"]
        river = folder / "river-treaty.yaml"
        copy = folder / "another.yaml"
        copy.write_text(
            river.read_text(encoding="utf-8")
            .replace("id: river-treaty", "id: another")
            .replace("title: The Silver", "title: Another Silver"),
            encoding="utf-8",
        )
        await wait_for(pilot, lambda: len(titles(app)) == 3, "the new file")
        assert "Another Silver River treaty" in titles(app)
        # Still on the river treaty, now the third entry.
        assert app.screen.title == "The Silver River treaty"
        river.unlink()
        await wait_for(pilot, lambda: len(titles(app)) == 2, "the deleted file to go")
        assert "The Silver River treaty" not in titles(app)


async def test_a_named_file_deleted_while_open_stays_with_a_notice(
    folder: Path, tmp_path: Path
) -> None:
    harbour = folder / "harbour-talks.yaml"
    app = watching([harbour], tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await watcher_ready(pilot, app)
        banner = app.screen.query_one(ReloadBanner)
        harbour.unlink()
        await wait_for(pilot, lambda: banner.stale is not None, "the deleted notice")
        assert "was deleted: showing the last version read" in str(banner.render())
        assert titles(app) == ["The Portville harbour talks"]


async def test_an_edited_source_reloads_the_briefing_citing_it(
    folder: Path, tmp_path: Path
) -> None:
    source = folder / "sources" / "harbour-talks.txt"
    app = watching([folder / "harbour-talks.yaml"], tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await watcher_ready(pilot, app)
        banner = app.screen.query_one(ReloadBanner)
        text = source.read_text(encoding="utf-8")
        source.write_text("Nothing the briefing quotes.\n", encoding="utf-8")
        await wait_for(pilot, lambda: banner.stale is not None, "the source's errors")
        source.write_text(text, encoding="utf-8")
        await wait_for(pilot, lambda: banner.stale is None, "the source mended")


async def test_a_library_read_through_its_catalog_follows_edits(
    folder: Path, tmp_path: Path
) -> None:
    from briefing.library.cache import LibraryCache
    from briefing.library.catalog import Catalog

    catalog = Catalog.open([folder], LibraryCache(tmp_path / "cache"))
    options = ReaderOptions(paths=(folder,), state_file=tmp_path / "state.json")
    app = BriefingApp(catalog.library(), Start(), options)
    async with app.run_test(size=SIZE) as pilot:
        await watcher_ready(pilot, app)
        await wait_for(pilot, lambda: catalog.warm, "the catalog's first check")
        replace_in(
            folder / "harbour-talks.yaml", "title: The Portville", "title: Edited, the Portville"
        )
        await wait_for(pilot, lambda: "Edited, the Portville harbour talks" in titles(app), "edit")


def listed_titles(app: BriefingApp) -> list[str]:
    navigator = app.screen.query_one(Navigator)
    return [str(navigator._briefing_nodes[i].label) for i in navigator.listed]


def write_copy(folder: Path, name: str, briefing_id: str, title: str, tags: str) -> Path:
    text = (folder / "river-treaty.yaml").read_text(encoding="utf-8")
    copy = folder / name
    copy.write_text(
        text.replace("id: river-treaty", f"id: {briefing_id}")
        .replace("title: The Silver River treaty", f"title: {title}")
        .replace("tags: [water, treaty]", f"tags: [{tags}]"),
        encoding="utf-8",
    )
    return copy


@pytest.mark.parametrize("kind", ["library", "catalog"])
async def test_the_library_filter_and_order_outlast_reloads(
    kind: str, folder: Path, tmp_path: Path
) -> None:
    write_copy(folder, "aqueduct.yaml", "aqueduct", "An aqueduct for Eastmark", "water")
    app = reader_on(kind, folder, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        navigator = app.screen.query_one(Navigator)
        await pilot.press("o")  # by title
        app.screen._library_filtered(LibraryFilter(tags=frozenset({"water"})))
        await pilot.pause()
        assert listed_titles(app) == ["An aqueduct for Eastmark", "The Silver River treaty"]
        title = "Library (2 of 3) · tag: water · by title"
        assert navigator.pane_title == title
        await pilot.press("]")  # the next briefing listed
        assert app.screen.title == "The Silver River treaty"

        # An edit, a file added (kept by the filter, placed by the order), one added that the
        # filter leaves out, and one deleted: the filter and the order still hold.
        replace_in(
            folder / "harbour-talks.yaml", "title: The Portville", "title: Edited, the Portville"
        )
        write_copy(folder, "canal.yaml", "canal", "A canal to the sea", "water")
        write_copy(folder, "tolls.yaml", "tolls", "Bridge tolls", "trade")
        await wait_for(pilot, lambda: len(navigator.listed) == 3, "the new file listed")
        assert listed_titles(app) == [
            "A canal to the sea",
            "An aqueduct for Eastmark",
            "The Silver River treaty",
        ]
        assert navigator.pane_title == "Library (3 of 5) · tag: water · by title"
        assert app.screen.title == "The Silver River treaty"  # the reader's place is kept
        (folder / "aqueduct.yaml").unlink()
        await wait_for(pilot, lambda: len(navigator.listed) == 2, "the deleted file gone")
        assert listed_titles(app) == ["A canal to the sea", "The Silver River treaty"]
        assert navigator.pane_title == "Library (2 of 4) · tag: water · by title"
        assert app.screen.title == "The Silver River treaty"


@pytest.mark.parametrize("kind", ["library", "catalog"])
async def test_an_item_filter_and_the_place_outlast_a_reload(
    kind: str, folder: Path, tmp_path: Path
) -> None:
    app = reader_on(kind, folder, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("]", "3")  # the river treaty's positions
        app.screen._items_filtered(ItemFilter(parties=frozenset({"westmark"})))
        await pilot.pause()
        await pilot.press("down")
        filtered = item_rows(app)
        items = app.screen.query_one(ItemsPane)
        assert "Filtered to party: Westmark" in item_rows(app)[0]
        chosen = items.highlighted
        assert chosen is not None
        detail = detail_text(app)
        replace_in(
            folder / "river-treaty.yaml", "title: The Silver River treaty", "title: The river pact"
        )
        await wait_for(pilot, lambda: app.screen.title == "The river pact", "the edit")
        assert app.screen.section is Section.POSITIONS
        assert "Filtered to party: Westmark" in item_rows(app)[0]
        assert item_rows(app) == filtered
        assert items.highlighted == chosen
        assert detail_text(app) == detail


@pytest.mark.parametrize("kind", ["library", "catalog"])
async def test_the_briefings_open_in_the_navigator_stay_open_when_files_come(
    kind: str, folder: Path, tmp_path: Path
) -> None:
    app = reader_on(kind, folder, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("]", "2")  # the river treaty, open at its parties
        navigator = app.screen.query_one(Navigator)

        def expanded() -> list[str]:
            return [str(n.label) for n in navigator.root.children if n.is_expanded]

        before = expanded()
        assert "The Silver River treaty" in before
        # A file listed first moves every briefing down a place.
        write_copy(folder, "aaa.yaml", "aaa", "An added briefing", "water")
        await wait_for(pilot, lambda: len(titles(app)) == 3, "the new file")
        assert titles(app)[0] == "An added briefing"
        assert expanded() == before
        assert app.screen.title == "The Silver River treaty"


async def test_files_added_while_the_reader_was_closed_keep_its_place(
    folder: Path, tmp_path: Path
) -> None:
    from briefing.library.cache import LibraryCache
    from briefing.library.catalog import Catalog

    store = LibraryCache(tmp_path / "cache")
    Catalog.open([folder], store).refresh(jobs=1)
    # Listed before the others: the saved index no longer says which file each entry is.
    write_copy(folder, "aaa.yaml", "aaa", "An added briefing", "water")
    catalog = Catalog.open([folder], store)
    assert catalog.warm and len(catalog) == 2
    options = ReaderOptions(paths=(folder,), state_file=tmp_path / "state.json")
    app = BriefingApp(catalog.library(), Start(), options)
    async with app.run_test(size=SIZE) as pilot:
        assert app.screen.title == "The Portville harbour talks"
        await wait_for(pilot, lambda: len(titles(app)) == 3, "the catalog's check")
        await ready(pilot, app)
        assert titles(app) == [
            "An added briefing",
            "The Portville harbour talks",
            "The Silver River treaty",
        ]
        assert app.screen.title == "The Portville harbour talks"
        await pilot.press("]")
        assert app.screen.title == "The Silver River treaty"


@pytest.mark.parametrize("kind", ["library", "catalog"])
async def test_an_edited_source_in_a_folder_reloads_the_briefing_citing_it(
    kind: str, folder: Path, tmp_path: Path
) -> None:
    source = folder / "sources" / "harbour-talks.txt"
    app = reader_on(kind, folder, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        banner = app.screen.query_one(ReloadBanner)
        text = source.read_text(encoding="utf-8")
        source.write_text("Nothing the briefing quotes.\n", encoding="utf-8")
        await wait_for(pilot, lambda: banner.stale is not None, "the source's errors")
        codes = {f.code for f in banner.stale.errors}
        assert codes <= {"excerpt-not-found", "quote-not-found"}, codes
        source.write_text(text, encoding="utf-8")
        await wait_for(pilot, lambda: banner.stale is None, "the source mended")

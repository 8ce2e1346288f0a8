"""The reader on a catalog: records listed at once, groups opened lazily, the index filled live."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.library.cache import LibraryCache
from briefing.library.catalog import Catalog, Progress
from briefing.tui import widgets
from briefing.tui.app import BriefingApp
from briefing.tui.widgets.navigator import Navigator, Place
from tests.tui.conftest import FIXTURES

pytestmark = pytest.mark.anyio
COUNT = 7


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Seven good briefings, each with its own id and title."""
    good = FIXTURES / "good"
    folder = tmp_path / "library"
    shutil.copytree(good / "sources", folder / "sources")
    text = (good / "harbour-talks.yaml").read_text(encoding="utf-8")
    for number in range(COUNT):
        copy = text.replace("id: harbour-talks", f"id: talks-{number}").replace(
            "title: The Portville harbour talks", f"title: Talks number {number}"
        )
        (folder / f"talks-{number}.yaml").write_text(copy, encoding="utf-8")
    return folder


@pytest.fixture
def grouped(monkeypatch: pytest.MonkeyPatch) -> None:
    # Group past 3 briefings, 3 to a group: groups of a small library behave as a large one's.
    monkeypatch.setattr(widgets.navigator, "GROUP_OVER", 3)
    monkeypatch.setattr(widgets.navigator, "GROUP_SIZE", 3)


def warm_catalog(folder: Path, tmp_path: Path, keep: int = 16) -> Catalog:
    store = LibraryCache(tmp_path / "cache")
    Catalog.open([folder], store).refresh(jobs=1)
    catalog = Catalog.open([folder], store, keep=keep)
    assert catalog.warm
    return catalog


async def settle(app: BriefingApp, pilot) -> None:
    catalog = app.library.entries.catalog
    for _ in range(100):
        await pilot.pause(0.05)
        if catalog.warm and catalog.complete and not app.workers:
            break
    await pilot.pause()


async def test_a_large_library_is_listed_in_groups_opened_lazily(
    folder: Path, tmp_path: Path, grouped: None
) -> None:
    catalog = warm_catalog(folder, tmp_path, keep=2)
    app = BriefingApp(catalog.library())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        navigator = app.screen.query_one(Navigator)
        groups = navigator.root.children
        assert [str(group.label) for group in groups] == [
            "1–3  Talks number 0 … Talks number 2",
            "4–6  Talks number 3 … Talks number 5",
            "7–7  Talks number 6 … Talks number 6",
        ]
        # The first briefing is shown, so its group is open; the others hold no nodes yet.
        assert len(groups[0].children) == 3
        assert not groups[1].children and not groups[2].children
        assert navigator.listed == list(range(COUNT))
        navigator.go_to(Place(5))
        await pilot.pause()
        assert len(groups[1].children) == 3
        assert navigator.cursor_node.data == Place(5)
        # Stepping briefing by briefing crosses into an unopened group.
        await pilot.press("]")
        await pilot.pause()
        assert navigator.cursor_node.data.entry == 6
        assert app.screen.entry == 6
        # Full briefings are loaded on demand and the oldest dropped.
        assert catalog.loaded <= 2


async def test_going_to_a_briefing_opens_its_group_by_where_it_is_listed(
    folder: Path, tmp_path: Path, grouped: None
) -> None:
    catalog = warm_catalog(folder, tmp_path)
    app = BriefingApp(catalog.library())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        navigator = app.screen.query_one(Navigator)
        # Listed in reverse, the groups hold 6-4, 3-1 and 0: entry 1 is in the second group.
        navigator.arrange([6, 5, 4, 3, 2, 1, 0])
        await pilot.pause()
        navigator.go_to(Place(1))
        await pilot.pause()
        groups = navigator.root.children
        assert [node.data.entry for node in groups[1].children] == [3, 2, 1]
        assert not groups[0].children and not groups[2].children
        assert navigator.cursor_node.data == Place(1)
        # An entry left out of the listing has no group: going to it leaves the cursor.
        navigator.arrange([0, 1, 2, 3])
        await pilot.pause()
        navigator.go_to(Place(2))
        await pilot.pause()
        navigator.go_to(Place(5))
        await pilot.pause()
        assert navigator.cursor_node.data == Place(2)


async def test_enter_on_a_group_opens_it(folder: Path, tmp_path: Path, grouped: None) -> None:
    catalog = warm_catalog(folder, tmp_path)
    app = BriefingApp(catalog.library())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        navigator = app.screen.query_one(Navigator)
        navigator.focus()
        group = navigator.root.children[2]
        navigator.move_cursor(group, animate=False)
        await pilot.press("enter")
        await pilot.pause()
        assert group.is_expanded and len(group.children) == 1


async def test_a_cold_catalog_fills_the_navigator_as_it_is_indexed(
    folder: Path, tmp_path: Path
) -> None:
    catalog = Catalog.open([folder], LibraryCache(tmp_path / "cache"))
    assert not catalog.warm
    app = BriefingApp(catalog.library())
    async with app.run_test(size=(120, 40)) as pilot:
        navigator = app.screen.query_one(Navigator)
        # Listed by file name while pending, then by title once indexed; the first is shown.
        await settle(app, pilot)
        labels = [str(node.label) for node in navigator.root.children]
        assert labels == [f"Talks number {n}" for n in range(COUNT)]
        assert navigator.pane_title == "Library"
        assert app.screen.title == "Talks number 0"
    assert Catalog.open([folder], LibraryCache(tmp_path / "cache")).warm


async def test_indexing_shows_its_progress(folder: Path, tmp_path: Path) -> None:
    catalog = warm_catalog(folder, tmp_path)
    app = BriefingApp(catalog.library())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        navigator = app.screen.query_one(Navigator)
        app._show_progress(Progress(1234, 10000))
        assert navigator.pane_title == "Library"
        assert str(navigator.border_subtitle) == "indexing 1,234 of 10,000"
        app._show_progress(Progress(10000, 10000))
        assert navigator.pane_title == "Library" and not str(navigator.border_subtitle)


async def test_indexing_that_fails_says_why_and_leaves_no_count(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalog = Catalog.open([folder], LibraryCache(tmp_path / "cache"))  # cold: to be indexed

    def broken_refresh(**_: object) -> Progress:
        app.call_from_thread(navigator.show_progress, 0, COUNT)  # it had begun
        raise OSError("[b]the disk[/b] went away\x1b[2J")

    monkeypatch.setattr(catalog, "refresh", broken_refresh)
    app = BriefingApp(catalog.library())
    async with app.run_test(size=(120, 40)) as pilot:
        navigator = app.screen.query_one(Navigator)
        for _ in range(60):
            await pilot.pause(0.05)
            if app._notifications:
                break
        (notice,) = list(app._notifications)
        assert notice.severity == "error"
        assert "[b]the disk[/b] went away" in notice.message
        assert "\x1b" not in notice.message
        assert "indexing" not in str(navigator.border_subtitle).lower()

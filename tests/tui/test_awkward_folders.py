"""The reader on folders that fight back: a symlink loop, a folder it may not read, the file
being read deleted or replaced by a directory, as a library and through its catalog."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.tui.widgets.navigator import Navigator
from tests.test_library import unreadable
from tests.tui.conftest import FIXTURES, screen_text
from tests.tui.test_live_reload import SIZE, reader_on, ready, titles, wait_for

pytestmark = pytest.mark.anyio


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(FIXTURES / "good", target)
    shutil.copy(FIXTURES / "reader" / "river-treaty.yaml", target)
    shutil.copy(FIXTURES / "reader" / "sources" / "river-treaty.txt", target / "sources")
    (target / "loop").symlink_to(target)
    (target / "self.yaml").symlink_to(target / "self.yaml")
    locked = target / "locked"
    locked.mkdir()
    (locked / "hidden.yaml").write_text("id: hidden\n", encoding="utf-8")
    return target


@pytest.mark.parametrize("kind", ["library", "catalog"])
async def test_a_loop_and_an_unreadable_folder_leave_the_rest_readable(
    kind: str, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreadable(monkeypatch, folder / "locked")
    app = reader_on(kind, folder, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        # Each briefing once (the loop is not followed); the looping link is a broken entry.
        assert titles(app)[:2] == ["The Portville harbour talks", "The Silver River treaty"]
        assert len(titles(app)) == 3 and "self.yaml" in titles(app)[2]
        await pilot.press("]", "]")
        assert "symbolic links" in screen_text(app)
        await pilot.press("[")
        assert app.screen.title == "The Silver River treaty"


@pytest.mark.parametrize("kind", ["library", "catalog"])
async def test_the_briefing_read_deleted_then_made_a_directory(
    kind: str, folder: Path, tmp_path: Path
) -> None:
    app = reader_on(kind, folder, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot, app)
        await pilot.press("]", "4")  # the river treaty's questions
        river = folder / "river-treaty.yaml"
        river.unlink()
        await wait_for(pilot, lambda: "The Silver River treaty" not in titles(app), "it goes")
        assert app.screen.title != "The Silver River treaty"
        river.mkdir()  # a directory where the file was: searched, holding nothing
        (river / "notes.txt").write_text("nothing to read", encoding="utf-8")
        await pilot.pause(0.5)
        assert "The Silver River treaty" not in titles(app)
        assert app.screen.query_one(Navigator).listed

"""An empty library is a state of its own: what is there to read, said plainly, and no key
sequence crashes the reader, whether it started empty or its last briefing was deleted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.library import load_library
from briefing.library.catalog import Catalog
from briefing.tui.app import BriefingApp
from briefing.tui.options import ReaderOptions
from briefing.tui.start import Start
from tests.tui.conftest import FIXTURES, detail_text, screen_lines
from tests.tui.test_live_reload import SIZE, wait_for, watcher_ready

pytestmark = pytest.mark.anyio

# Every key the reader binds, pressed in the empty library.
KEYS = [
    *"jkhlgG[]bBey123456789mscCnNfFo",
    *["tab", "shift+tab", "enter", "escape", "left", "right", "up", "down"],
    *["home", "end", "pageup", "pagedown", "backspace", "alt+left", "alt+right"],
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "library"
    shutil.copytree(FIXTURES / "good", target)
    return target


def empty_shown(app: BriefingApp) -> bool:
    return "No briefings" in "\n".join(screen_lines(app))


async def press_every_key(pilot, app: BriefingApp) -> None:
    for key in KEYS:
        await pilot.press(key)
        await pilot.pause()
        if app.screen is not app.screen_stack[0]:
            await pilot.press("escape")  # a picker, help or bookmarks
            await pilot.pause()
        assert app.return_code is None, key


@pytest.mark.parametrize("kind", ["library", "catalog"])
async def test_the_last_briefing_deleted_leaves_an_empty_library(
    folder: Path, tmp_path: Path, kind: str
) -> None:
    options = ReaderOptions(paths=(folder,), state_file=tmp_path / "state.json")
    library = Catalog.open([folder]).library() if kind == "catalog" else load_library([folder])
    app = BriefingApp(library, Start(), options)
    async with app.run_test(size=SIZE) as pilot:
        await watcher_ready(pilot, app)
        await pilot.press("3", "j")
        (folder / "harbour-talks.yaml").unlink()
        await wait_for(pilot, lambda: not app.screen.library.entries, "the library to empty")
        await pilot.pause()
        assert empty_shown(app)
        assert str(folder) in " ".join(detail_text(app).split())
        await press_every_key(pilot, app)
        # A briefing added again is read at once.
        shutil.copy(FIXTURES / "good" / "harbour-talks.yaml", folder)
        await wait_for(pilot, lambda: bool(app.screen.library.entries), "the briefing back")
        await pilot.pause()
        assert "Portville harbour talks" in "\n".join(screen_lines(app))
        await pilot.press("3", "j")
        assert app.return_code is None


async def test_a_reader_started_on_an_empty_folder_answers_every_key(tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    app = BriefingApp(load_library([empty]), Start())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert empty_shown(app)
        await press_every_key(pilot, app)

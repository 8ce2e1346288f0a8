"""`e` opens the briefing in the curator's editor at the selected item's line."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from briefing.library import load_library
from briefing.tui.app import BriefingApp
from briefing.tui.options import ReaderOptions
from briefing.tui.start import Start
from tests.tui.conftest import FIXTURES, item_rows
from tests.tui.driver import CapturingDriver

pytestmark = pytest.mark.anyio
SIZE = (120, 36)

# An editor called `vim` (so it is given `+LINE`) that records how it was called and, like a
# curator, changes a figure's label.
FAKE_EDITOR = """#!{python}
import json, sys
from pathlib import Path
Path({calls!r}).write_text(json.dumps(sys.argv[1:]))
target = Path(sys.argv[-1])
text = target.read_text(encoding="utf-8")
edited = text.replace("lost their jobs\\n", "lost their jobs, edited\\n")
target.write_text(edited, encoding="utf-8")
"""


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "good", tmp_path / "library")
    return tmp_path / "library" / "harbour-talks.yaml"


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    calls = tmp_path / "calls.json"
    script = tmp_path / "bin" / "vim"
    script.parent.mkdir()
    script.write_text(FAKE_EDITOR.format(python=sys.executable, calls=str(calls)), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    return calls


def reader(harbour: Path, tmp_path: Path) -> BriefingApp:
    options = ReaderOptions(paths=(harbour,), state_file=tmp_path / "state.json")
    app = BriefingApp(load_library([harbour]), Start(), options)
    # Hands the terminal over as a real one would, so the editor runs with the app suspended.
    app.driver_class = CapturingDriver
    return app


async def test_e_opens_the_editor_at_the_items_line_and_the_edit_shows(
    harbour: Path, tmp_path: Path, editor: Path
) -> None:
    app = reader(harbour, tmp_path)
    async with app.run_test(headless=False, size=SIZE) as pilot:
        while not app.session.watching:
            await pilot.pause(0.01)
        await pilot.press("6", "down")
        line = app.library.entries[0].briefing.locations["fig-jobs-lost"].line
        await pilot.press("e")
        assert json.loads(editor.read_text()) == [f"+{line}", str(harbour)]
        assert "<suspended>" in app._driver.written and "<resumed>" in app._driver.written
        for _ in range(250):
            if "lost their jobs, edited" in item_rows(app)[1]:
                break
            await pilot.pause(0.02)
        assert "lost their jobs, edited" in item_rows(app)[1]
        assert app.screen.section.value == "figures"


async def test_e_says_what_to_set_when_no_editor_is_set(
    harbour: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    app = reader(harbour, tmp_path)
    async with app.run_test(headless=False, size=SIZE) as pilot:
        await pilot.press("e")
        (notice,) = list(app._notifications)
        assert "$VISUAL or $EDITOR" in notice.message and not notice.markup

"""Start-up: the first screen is drawn before anything it does not show is imported or started.

Each check runs the reader in a fresh process (a test process has imported everything already),
opened as `briefing FOLDER` opens it: through the folder's catalog, with a warm cache.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.screen import Screen

from briefing.cli import main
from briefing.library import Library
from briefing.model import Section
from briefing.state import StateStore
from briefing.tui.app import BriefingApp
from briefing.tui.options import ReaderOptions
from briefing.tui.start import Start
from tests.tui.conftest import FIXTURES

pytestmark = pytest.mark.anyio

# Modules the first screen has no use for: the YAML parser (briefings come from the cache), the
# watcher, fuzzy matching and the palette's targets, the TOML parser (there is no settings file),
# the process pool, live reload and the search engine (loaded with the search index, after it),
# the positions matrix (a DataTable, made when first opened), Rich's emoji table (for markup:
# every label is text already).
NOT_AT_FIRST_SCREEN = (
    "yaml",
    "watchfiles",
    "rapidfuzz",
    "briefing.goto",
    "briefing.tui.commands",
    "tomllib",
    "briefing.library.bulk",
    "multiprocessing",
    "briefing.library.reload",
    "briefing.search",
    "briefing.finder",
    "briefing.tui.widgets.matrix",
    "textual.widgets._data_table",
    "rich._emoji_codes",
)

READER = textwrap.dedent(
    """
    import asyncio, json, sys
    from pathlib import Path

    from briefing.library.catalog import Catalog
    from briefing.tui.app import BriefingApp
    from briefing.tui.options import ReaderOptions
    from briefing.tui.start import Start

    folder = Path(sys.argv[1])
    app = BriefingApp(
        Catalog.open([folder]).library(), Start(), ReaderOptions.for_user((folder,))
    )

    async def run():
        async with app.run_test(size=(120, 40)) as pilot:
            first = sorted(sys.modules)
            watching_at_first = app.session.watching
            await pilot.pause(1.0)
            print(json.dumps({
                "first": first,
                "watching_at_first": watching_at_first,
                "watching_later": app.session.watching,
                "later": sorted(sys.modules),
            }))

    asyncio.run(run())
    """
)


def run_reader(folder: Path, home: Path) -> dict:
    env = dict(os.environ)
    env["BRIEFING_STATE_DIR"] = str(home / "state")
    env["BRIEFING_CONFIG"] = str(home / "config.toml")
    # A warm cache, as a reader that has opened the folder before leaves it.
    warm = (
        "import sys; from briefing.library.catalog import Catalog; "
        "Catalog.open(sys.argv[1:]).refresh()"
    )
    subprocess.run([sys.executable, "-c", warm, str(folder)], env=env, check=True)
    done = subprocess.run(
        [sys.executable, "-c", READER, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run_reader(FIXTURES / "reader", tmp_path_factory.mktemp("home"))


def imported(modules: list[str], name: str) -> bool:
    return any(m == name or m.startswith(name + ".") for m in modules)


def test_the_first_screen_imports_nothing_it_does_not_show(started: dict) -> None:
    assert [name for name in NOT_AT_FIRST_SCREEN if imported(started["first"], name)] == []


def test_the_files_are_watched_once_the_first_screen_is_drawn(started: dict) -> None:
    assert not started["watching_at_first"]
    assert not imported(started["first"], "watchfiles")
    assert started["watching_later"]
    assert imported(started["later"], "watchfiles")


@pytest.mark.parametrize("collecting", [True, False])
def test_a_reader_that_cannot_open_leaves_the_collector_as_it_was(collecting: bool) -> None:
    # `briefing read` pauses the collector for its start-up; a usage error must not leave it so.
    was = gc.isenabled()
    try:
        gc.enable() if collecting else gc.disable()
        assert main(["read", str(FIXTURES / "no-such-folder")]) == 2
        assert gc.isenabled() is collecting
    finally:
        gc.enable() if was else gc.disable()


async def test_a_saved_place_is_on_the_first_frame_with_its_pane_focused(
    library: Library, tmp_path: Path
) -> None:
    state = tmp_path / "state.json"
    store, _ = StateStore.open(state)
    store.remember_place("harbour-talks", Section.FIGURES, None)
    assert store.flush()
    app = BriefingApp(library, Start(), ReaderOptions(state_file=state))
    first: list[tuple[list[str | None], str]] = []
    display = app._display

    def displayed(screen: Screen, renderable: object) -> None:
        # The first frame written to the terminal: the pane drawn focused (the focused pane's
        # border is heavy, see reader.tcss), and the section in the items pane.
        if renderable is not None and not first:
            panes = screen.query(".pane").results()
            drawn_focused = [p.id for p in panes if p.display and p.styles.border_top[0] == "heavy"]
            first.append((drawn_focused, screen.query_one("#items").pane_title))
        display(screen, renderable)

    app._display = displayed  # type: ignore[method-assign]
    async with app.run_test(size=(120, 36)):
        pass
    assert first == [(["items"], "Figures (2)")]


@pytest.mark.parametrize(("width", "layout"), [(130, "-three"), (100, "-two"), (60, "-one")])
async def test_the_first_frame_is_laid_out_for_the_terminal_width(
    library: Library, width: int, layout: str
) -> None:
    app = BriefingApp(library, Start())
    first: list[list[str]] = []
    display = app._display

    def displayed(screen: Screen, renderable: object) -> None:
        if renderable is not None and not first:
            first.append(sorted(c for c in screen.classes if c in ("-one", "-two", "-three")))
        display(screen, renderable)

    app._display = displayed  # type: ignore[method-assign]
    async with app.run_test(size=(width, 36)):
        pass
    assert first == [[layout]]

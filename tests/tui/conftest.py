"""The reader's tests: a stable fixture library, loaded by the same factory the command uses."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from textual.geometry import Region

from briefing.library import Library, load_library
from briefing.model import Section
from briefing.tui.app import BriefingApp
from briefing.tui.start import Start, locate

FIXTURES = Path(__file__).parent.parent / "fixtures"
# Two good briefings, then a broken one: harbour-talks, river-treaty, zz-broken.
LIBRARY = [FIXTURES / "good" / "harbour-talks.yaml", FIXTURES / "reader"]
HARBOUR, RIVER, BROKEN = 0, 1, 2

# The anyio plugin runs the async Pilot tests on asyncio.
pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def private_state_and_settings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No reader test reads or writes the real reading state or settings in the home directory."""
    from briefing import locations

    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv(locations.STATE_DIR_VARIABLE, str(home / "state"))
    monkeypatch.setenv(locations.CONFIG_VARIABLE, str(home / "config.toml"))


@pytest.fixture(autouse=True)
def no_preparing_by_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The details beside the one read are made ready after a moment's rest (in_depth.py):
    tests that count what is converted or drawn would count them too, or not, by how fast the
    machine runs. They are made only in the tests of it (test_prepare.py), when asked."""
    from briefing.tui.screens import in_depth

    monkeypatch.setattr(in_depth, "PREPARE_AFTER", 24 * 3600.0)


@pytest.fixture(scope="session")
def library() -> Library:
    loaded = load_library(LIBRARY)
    assert [entry.ok for entry in loaded.entries] == [True, True, False]
    return loaded


def make_app(
    library: Library,
    *,
    briefing_id: str | None = None,
    section: Section | None = None,
    item_id: str | None = None,
) -> BriefingApp:
    """The app as `briefing read` builds it: the start worked out first, then injected."""
    start = locate(library, briefing_id=briefing_id, section=section, item_id=item_id)
    return BriefingApp(library, start)


@pytest.fixture
def app(library: Library) -> BriefingApp:
    return BriefingApp(library, Start())


def detail_text(app: BriefingApp) -> str:
    """What the detail pane shows, as plain text."""
    from briefing.tui.widgets.detail import DetailPane

    return app.screen.query_one(DetailPane).text.plain


def item_rows(app: BriefingApp) -> list[str]:
    """The rows of the items pane, as plain text, without their reading marks."""
    from briefing.tui.widgets.items import ItemsPane

    return [label.plain for label in app.screen.query_one(ItemsPane).labels]


def marked_rows(app: BriefingApp) -> list[str]:
    """The rows of the items pane as shown, reading marks and all."""
    from briefing.tui.widgets.items import ItemsPane

    items = app.screen.query_one(ItemsPane)
    return [str(option.prompt) for option in items.options]


def focused_pane(app: BriefingApp) -> str:
    return app.screen.focused_pane()


def screen_text(app: BriefingApp) -> str:
    """The characters on screen, without styles, from a screenshot."""
    svg = app.export_screenshot()
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


# Rich's SVG export: a cell is 0.61 of the 20-pixel font wide; blank runs are not written.
_CELL_WIDTH = 20 * 0.61
_TEXT = re.compile(
    r'<text[^>]* x="([0-9.]+)"[^>]*clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>([^<]*)</text>'
)


def screen_lines(app: BriefingApp) -> list[str]:
    """The screen as a person sees it: one string per row, each character in its column."""
    size = app.size
    rows = [[" "] * size.width for _ in range(size.height)]
    for x, y, text in _TEXT.findall(app.export_screenshot()):
        column = round(float(x) / _CELL_WIDTH)
        row = rows[int(y)]
        for offset, character in enumerate(html.unescape(text).replace("\xa0", " ")):
            if column + offset < len(row):
                row[column + offset] = character
    return ["".join(row) for row in rows]


def region_text(app: BriefingApp, region: Region) -> list[str]:
    """The lines of a region of the screen (a pane's content, say)."""
    lines = screen_lines(app)
    return [line[region.x : region.right] for line in lines[region.y : region.bottom]]


def first_arguments(target: object, method: str, monkeypatch: pytest.MonkeyPatch) -> list:
    """The first argument of each call to `target.method` from now on, in order."""
    seen: list = []
    call = getattr(target, method)

    def spy(first, *rest, **named):
        seen.append(first)
        return call(first, *rest, **named)

    monkeypatch.setattr(target, method, spy)
    return seen


def texts_converted(view: object, monkeypatch: pytest.MonkeyPatch) -> list:
    """The texts a text view converts (its `_convert`) from now on, in order."""
    return first_arguments(view, "_convert", monkeypatch)


def lines_drawn(widget: object, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The lines `widget` draws (its `render_line`) from now on, in order."""
    return first_arguments(widget, "render_line", monkeypatch)

"""Hostile content through the reader: nothing from it reaches the terminal as a control.

The app runs with a driver that keeps every string the reader writes to the terminal (see
`driver.py`). Textual's own output is escape sequences of a few known kinds; any other ESC, any
C1 control, or a bidi override in what remains came from content. Checked per character: the
stream is text, so UTF-8 continuation bytes are never mistaken for C1 controls.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from briefing.library import Library, load_library
from briefing.loader import LoadResult
from briefing.model import Section
from briefing.tui.app import BriefingApp
from briefing.tui.options import ReaderOptions
from briefing.tui.start import Start
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.navigator import Navigator, Place
from tests.hostile import hostile, hostile_library, is_unsafe
from tests.tui.conftest import screen_text
from tests.tui.driver import CapturingDriver

pytestmark = pytest.mark.anyio
SIZE = (160, 50)
# What Textual itself writes: styles (SGR), cursor moves and visibility, synchronised updates,
# the pointer's shape, and hyperlinks, which must lead to http(s) only.
TEXTUAL = re.compile(
    r"\x1b\[[0-9;]*m"
    r"|\x1b\[[0-9]+;[0-9]+H"
    r"|\x1b\[\?(?:25|2026|1049|1000|1003|1015|1006|2004|1004)[hl]"
    r"|\x1b\]22;[a-z-]*\x07"
    r"|\x1b\]8;[^;\x07\x1b]*;(?:https?://[^\x07\x1b]*)?\x1b\\"
)
# Items shown in full from the section of 10,000: the first and last few, not every one.
SAMPLE = 20


def from_content(written: str) -> list[str]:
    rest = TEXTUAL.sub("", written)
    return sorted({f"U+{ord(c):04X}" for c in rest if is_unsafe(c) or c == "\x1b"})


def links(written: str) -> list[str]:
    return re.findall(r"\x1b\]8;[^;\x07\x1b]*;([^\x07\x1b]*)", written)


@pytest.fixture(scope="module")
def hostile_reader_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return load_library([hostile_library(tmp_path_factory.mktemp("hostile"))])


def capturing(library: Library, options: ReaderOptions | None = None) -> BriefingApp:
    app = BriefingApp(library, Start(), options or ReaderOptions())
    app.driver_class = CapturingDriver
    return app


def rows_to_show(entry: LoadResult, section: Section, items: ItemsPane) -> list[int]:
    indexes = [i for i, row in enumerate(items.rows) if row is not None]
    if len(indexes) > 2 * SAMPLE:
        indexes = indexes[:SAMPLE] + indexes[-SAMPLE:]
    return indexes


async def test_every_hostile_fixture_renders_without_a_control_from_content(
    hostile_reader_library: Library,
) -> None:
    library = hostile_reader_library
    app = capturing(library)
    async with app.run_test(headless=False, size=SIZE) as pilot:
        driver = app._driver
        assert isinstance(driver, CapturingDriver)
        screen = app.screen
        navigator = screen.query_one(Navigator)
        items = screen.query_one(ItemsPane)
        checked = 0
        for index, entry in enumerate(library.entries):
            sections = list(Section) if entry.briefing else [Section.OVERVIEW]
            for section in sections:
                navigator.go_to(Place(index, section if entry.briefing else None))
                screen.show(index, section)
                await pilot.pause()
                for row in rows_to_show(entry, section, items):
                    items.highlighted = row
                    await pilot.pause()
                    checked += 1
                written = "".join(driver.written)
                driver.written.clear()
                assert from_content(written) == [], (entry.path.name, section)
                assert all(re.match(r"https?://", url) for url in links(written)), links(written)
        assert checked > 100
        # Every tree label was drawn: each briefing's sections are in the navigator.
        assert all(node.children or not node.allow_expand for node in navigator.root.children)


def toml_string(text: str) -> str:
    """`text` as a TOML basic string, controls escaped as TOML allows."""
    escaped = "".join(
        f"\\u{ord(c):04x}" if c in '"\\' or is_unsafe(c) or c == "\x1b" else c for c in text
    )
    return f'"{escaped}"'


async def test_notices_and_banners_with_hostile_text_write_no_controls(
    hostile_reader_library: Library, tmp_path: Path
) -> None:
    config = tmp_path / "config.toml"
    label = hostile("binding")
    escaped = toml_string(label)
    config.write_text(f'theme = {escaped}\n[keymap]\n{escaped} = "x"\n', encoding="utf-8")
    app = capturing(hostile_reader_library, ReaderOptions(config_file=config))
    async with app.run_test(headless=False, size=SIZE) as pilot:
        await pilot.pause()
        app.notify(label, markup=False)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("no theme is called" in m for m in messages), messages
        assert any("is not a binding id" in m for m in messages), messages
        written = "".join(app._driver.written)
        assert from_content(written) == []
        assert "[@click=app.quit]x[/]" in screen_text(app)


async def test_markup_is_shown_literally_and_clicking_it_does_nothing(
    hostile_reader_library: Library,
) -> None:
    library = hostile_reader_library
    index = next(
        i for i, e in enumerate(library.entries) if e.briefing and e.briefing.id == "hostile-text"
    )
    app = capturing(library)
    async with app.run_test(headless=False, size=SIZE) as pilot:
        app.screen.query_one(Navigator).go_to(Place(index, Section.QUESTIONS))
        app.screen.show(index, Section.QUESTIONS)
        await pilot.pause()
        markup = "[@click=app.quit]x[/]"
        hits = []
        for pane in (app.screen.query_one(ItemsPane), app.screen.query_one(DetailPane)):
            region = pane.content_region
            for y in range(region.height):
                line = pane.render_line(y).text
                if markup in line:
                    # In cells, on the `x` between the tags, where a live @click would be.
                    x = cell_len(line[: line.index(markup)]) + len("[@click=app.quit]")
                    hits.append((region.x + x, region.y + y))
        assert hits, "the markup is not shown as text"
        clicked = 0
        for x, y in hits:
            if x < SIZE[0]:
                await pilot.click(offset=(x, y))
                await pilot.pause()
                clicked += 1
                assert app.is_running and app.return_code is None
        assert clicked


def test_the_check_tells_textuals_output_from_content() -> None:
    assert from_content("\x1b[1;97;40m\x1b[3;1Hé 停火 \u0301\x1b[0m\x1b]22;default\x07") == []
    assert from_content("\x1b]8;id=1;https://example.org\x1b\\x\x1b]8;;\x1b\\") == []
    for leak in ["\x1b[2J", "\x1b]52;c;SGk=\x07", "\x9b31m", "\u202e", "\x1b]8;;file:///etc\x1b\\"]:
        assert from_content(f"\x1b[0mtext{leak}"), repr(leak)

"""No row of the items list loses text: every item's whole label is on screen when it is selected.

Read off the screen, as a person reads it: at each of four sizes, every section of the bundled
briefings and of a generated one is walked with the keys, and at each item the lines of the items
pane, joined, must hold the item's full label (a position's whole stance, say). A row whose last
wrapped line were dropped would run into the next row's text and fail. The same app is then
resized, given another theme and filtered, and walked again.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.filters import ItemFilter, party_choices
from briefing.library import Library, bundled_content_dir, load_library
from briefing.model import Briefing, Item, Section
from briefing.render.labels import issue_heading, item_label
from briefing.render.marks import BOOKMARK_MARK, UNREAD_MARK
from briefing.tui.app import BriefingApp
from briefing.tui.start import Start
from tests.tui.conftest import region_text

pytestmark = pytest.mark.anyio

BENCH = Path(__file__).resolve().parents[2] / "bench"
SIZES = [(60, 20), (80, 24), (120, 40), (160, 50)]
# After the walk at each size, the same app at another size.
RESIZED = {(60, 20): (100, 30), (80, 24): (130, 36), (120, 40): (64, 22), (160, 50): (90, 28)}
SECTIONS = [section for section in Section if section is not Section.OVERVIEW]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The bundled briefings and a generated one (long stances, many parties)."""
    spec = importlib.util.spec_from_file_location("generate_library", BENCH / "generate_library.py")
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = generator
    spec.loader.exec_module(generator)
    folder = tmp_path_factory.mktemp("generated")
    generator.generate(folder, 1, seed=11, jobs=1)
    loaded = load_library([bundled_content_dir(), folder])
    assert len(loaded.briefings) == 4
    return loaded


def listed(
    briefing: Briefing, section: Section, kept: ItemFilter | None = None
) -> Iterator[tuple[Item, str | None]]:
    """The items of a section in the order the list shows them, each with the heading above
    it when it is the first under one (positions are listed under their issue); only the
    positions a filter keeps, if given."""
    if section is Section.POSITIONS:
        for issue in briefing.issues:
            under = [
                p
                for p in briefing.positions
                if p.issue.id == issue.id and (kept is None or kept.accepts(p))
            ]
            for at, position in enumerate(under):
                yield position, issue_heading(issue).plain if at == 0 else None
    else:
        for item in briefing.items(section):
            yield item, None


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def items_pane_text(app: BriefingApp) -> str:
    """The items pane's lines, joined, without the reading marks before the rows."""
    pane = app.screen.query_one("#items")
    joined = " ".join(region_text(app, pane.scrollable_content_region))
    return flat(joined.replace(UNREAD_MARK, " ").replace(BOOKMARK_MARK, " "))


async def walk_section(
    pilot, app: BriefingApp, items: list[tuple[Item, str | None]], lead: str = ""
) -> list[str]:
    """Down through a section's list: each item must be on screen whole once selected, and
    whatever the pane shows must be a stretch of the list's text (after `lead`, a line above
    the rows) with nothing left out."""
    rows = [lead] + [
        text for item, heading in items for text in (heading, item_label(item).plain) if text
    ]
    whole_list = flat(" ".join(rows))
    missing = []
    await pilot.press("home")
    for at, (item, _) in enumerate(items):
        if at:
            await pilot.press("down")
        await pilot.pause()
        shown = items_pane_text(app)
        label = flat(item_label(item).plain)
        if label not in shown:
            missing.append(f"{app.size} {item.id}: {label!r} is not whole in {shown!r}")
        if shown not in whole_list:
            missing.append(f"{app.size} at {item.id}: {shown!r} leaves out some of the list")
    return missing


async def walk_library(pilot, app: BriefingApp, library: Library) -> list[str]:
    missing = []
    for number, entry in enumerate(library.entries):
        assert entry.briefing is not None
        if number:
            await pilot.press("]")
        for section in SECTIONS:
            await pilot.press(str(list(Section).index(section) + 1))
            missing += await walk_section(pilot, app, list(listed(entry.briefing, section)))
    return missing


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
async def test_every_row_is_shown_whole(size: tuple[int, int], library: Library) -> None:
    app = BriefingApp(library, Start())
    async with app.run_test(size=size) as pilot:
        missing = await walk_library(pilot, app, library)

        # The same app, resized, in another theme, then filtered: the last briefing's positions.
        last = library.briefings[-1]
        positions = list(listed(last, Section.POSITIONS))
        await pilot.resize_terminal(*RESIZED[size])
        await pilot.press("3")
        missing += await walk_section(pilot, app, positions)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.press("3")
        missing += await walk_section(pilot, app, positions)

        await pilot.press("f")
        await pilot.pause()
        await pilot.press("space", "enter")  # the first party the picker lists
        await pilot.pause()
        first_party = party_choices(last, Section.POSITIONS)[0].id
        kept = ItemFilter(frozenset({first_party}))
        missing += await walk_section(
            pilot,
            app,
            list(listed(last, Section.POSITIONS, kept)),
            lead=f"Filtered to {kept.describe(last)} · F shows all",
        )
    assert missing == []

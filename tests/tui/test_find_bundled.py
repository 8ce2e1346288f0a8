"""Done when every item of the bundled briefings can be reached by typing a word from it: a sample
of every kind, typed into the search box of the reader on the bundled library, chosen, and landed
on. (tests/test_finder.py checks every item, without the screen.)"""

from __future__ import annotations

from collections import Counter

import pytest

from briefing.finder import Landing
from briefing.library import Library, bundled_content_dir, load_library
from briefing.model import Section
from briefing.search import PASSAGE, entries, index_terms
from briefing.tui.app import BriefingApp
from briefing.tui.screens.reader import ReaderScreen
from briefing.tui.screens.search import DEBOUNCE, SearchScreen
from briefing.tui.start import Start
from briefing.tui.widgets.items import ItemsPane

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def bundled() -> Library:
    library = load_library([bundled_content_dir()])
    assert len(library.briefings) == len(library.entries) >= 3
    return library


def samples(library: Library) -> list[tuple[str, str, Landing]]:
    """For each section of items, its first item in each briefing: the rarest word of its text
    (the one a reader would type), and where it lands."""
    texts: dict[tuple[str, str], str] = {}
    frequency: Counter[str] = Counter()
    for briefing in library.briefings:
        for _, rank, item_id, text, _ in entries(briefing):
            frequency.update(index_terms(text))
            if rank != PASSAGE:
                texts[(briefing.id, item_id)] = text
    chosen = []
    for entry, result in enumerate(library.entries):
        briefing = result.briefing
        assert briefing is not None
        seen: set[Section] = set()
        for section, item in briefing.all_items():
            if section in seen or section is Section.SOURCES:
                continue
            seen.add(section)
            text = texts[(briefing.id, item.id)]
            word = min(index_terms(text), key=lambda term: (frequency[term], term))
            chosen.append((f"{briefing.id}/{item.id}", word, Landing(entry, section, item.id)))
    return chosen


def test_the_sample_covers_every_section_of_items(bundled: Library) -> None:
    sections = {landing.section for _, _, landing in samples(bundled)}
    assert sections == set(Section) - {Section.OVERVIEW, Section.SOURCES}


@pytest.mark.parametrize("number", range(0, 21, 4))
async def test_typing_a_word_of_a_bundled_item_reaches_it(bundled: Library, number: int) -> None:
    chosen = samples(bundled)
    name, word, landing = chosen[number % len(chosen)]
    app = BriefingApp(bundled, Start())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *word)
        await pilot.pause(DEBOUNCE + 0.05)
        await app.workers.wait_for_complete()
        await pilot.pause()
        box = app.screen
        assert isinstance(box, SearchScreen)
        landings = [found.landing for found in box.found]
        assert landing in landings, (name, word)
        for _ in range(landings.index(landing)):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        items = reader.query_one(ItemsPane)
        row = items.rows[items.highlighted] if items.highlighted is not None else None
        assert (reader.entry, reader.section, getattr(row, "id", None)) == (
            landing.entry,
            landing.section,
            landing.item_id,
        ), (name, word)

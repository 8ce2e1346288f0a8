"""The reader's search: an index that arrives late, and where each hit lands.

The last test is the issue's measure of done: every item of the bundled briefings can be reached
by typing one word from it, through the same function the reader's search box calls.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest

from briefing.finder import Finder, Landing
from briefing.library import Library, bundled_content_dir, load_library
from briefing.model import Briefing, Issue, Item, Section
from briefing.search import PASSAGE, SearchIndex, entries, index_terms

FIXTURES = Path(__file__).parent / "fixtures"
HARBOUR, RIVER = 0, 1


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([FIXTURES / "good" / "harbour-talks.yaml", FIXTURES / "reader"])


@pytest.fixture(scope="module")
def finder(library: Library) -> Finder:
    finder = Finder(library.entries)
    finder.build()
    return finder


def landings(finder: Finder, query: str) -> list[Landing]:
    found = finder.search(query)
    assert found is not None
    return [f.landing for f in found]


def test_no_hits_until_there_is_an_index(library: Library) -> None:
    finder = Finder(library.entries)
    assert not finder.ready
    assert finder.search("harbour") is None
    finder.use(SearchIndex.build(library.briefings))
    assert finder.ready
    assert finder.search("harbour")


def test_each_kind_lands_in_its_section_at_its_row(finder: Finder) -> None:
    assert Landing(RIVER, Section.PARTIES, "lena-okafor") in landings(finder, "Okafor")
    assert Landing(HARBOUR, Section.QUESTIONS, "q-second-round") in landings(finder, "Friday")
    assert Landing(HARBOUR, Section.QUOTES, "quote-frank-and-useful") in landings(finder, "frank")
    assert Landing(HARBOUR, Section.FIGURES, "fig-jobs-lost") in landings(finder, "1,200 jobs")
    assert Landing(HARBOUR, Section.TIMELINE, "ev-talks-open") in landings(finder, "officials")


def test_a_briefing_lands_on_its_overview(finder: Finder) -> None:
    assert Landing(RIVER, Section.OVERVIEW) in landings(finder, "Silver River treaty")[:2]


def test_an_issue_lands_on_its_first_position(finder: Finder, library: Library) -> None:
    harbour = library.entries[HARBOUR].briefing
    assert harbour is not None
    first = next(p for p in harbour.positions if p.issue.id == "harbour-reopening")
    assert Landing(HARBOUR, Section.POSITIONS, first.id) in landings(finder, "Reopening")


def test_a_passage_of_a_source_lands_at_the_matched_word(finder: Finder, library: Library) -> None:
    found = finder.search("Monday Portville")
    assert found is not None
    passage = next(f for f in found if f.landing.source_offset is not None)
    landing = passage.landing
    assert (landing.entry, landing.section, landing.item_id) == (
        HARBOUR,
        Section.SOURCES,
        "harbour-article",
    )
    text = library.entries[HARBOUR].briefing.sources[0].text
    assert text[landing.source_offset :].split()[0].strip(".,").lower() in {"monday", "portville"}


def test_hits_of_briefings_the_reader_does_not_show_are_left_out(library: Library) -> None:
    # An index saved for a larger library (a cache) may know briefings this one lacks.
    finder = Finder(library.entries[HARBOUR : HARBOUR + 1])
    finder.use(SearchIndex.build(library.briefings))
    assert landings(finder, "Okafor") == []
    assert landings(finder, "Northland")


def test_searches_from_several_threads_take_turns(finder: Finder) -> None:
    errors: list[BaseException] = []
    queries = ["harbour", "river", "Okafor", "treaty farmers", "Friday", "Northlnd"]

    def run() -> None:
        try:
            for _ in range(30):
                for query in queries:
                    assert finder.search(query) is not None
        except BaseException as error:  # pragma: no cover - only on failure
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors


def test_a_large_library_read_as_a_list_is_indexed_from_its_files_as_in_memory(
    library: Library, finder: Finder, monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.finder

    monkeypatch.setattr(briefing.finder, "IN_PROCESSES_FROM", 1)  # three count as many
    told: list[tuple[int, int]] = []
    from_files = Finder(library.entries)
    from_files.build(on_progress=lambda done, total: told.append((done, total)))
    assert told[-1] == (2, 2) and from_files.indexed == (2, 2)  # the broken file is not read
    for query in ["okafor", "harbour", "reopening", "westmark farmers", "quota"]:
        assert from_files.search(query) == finder.search(query)


# --- a new version of the library (a live reload) ------------------------------------------------


def test_a_new_version_of_the_library_reuses_the_index_changed_for_what_changed(
    library: Library,
) -> None:
    import dataclasses

    from msgspec.structs import replace

    before = Finder(library.entries)
    index = before.build()
    harbour, _, broken = library.entries
    assert harbour.briefing is not None
    edited = replace(
        harbour, briefing=dataclasses.replace(harbour.briefing, title="The Quokka talks")
    )
    # The river briefing's file is gone; the harbour briefing was edited; the broken one stayed.
    after = Finder([edited, broken])
    added: list[str] = []
    add = index.add
    index.add = lambda briefing: (added.append(briefing.id), add(briefing))[1]  # type: ignore[method-assign]
    assert after.build(previous=before) is index
    assert added == ["harbour-talks"]  # only the edited one indexed again
    assert landings(after, "quokka") == [Landing(0, Section.OVERVIEW)]
    assert landings(after, "okafor") == []  # the river briefing's party left with it
    assert index.briefing_ids() == ["harbour-talks"]


# --- done: every bundled item, by a word from it -------------------------------------------------


def expected(entry: int, briefing: Briefing, section: Section, item: Item) -> Landing:
    if isinstance(item, Issue):
        first = next(p.id for p in briefing.positions if p.issue.id == item.id)
        return Landing(entry, Section.POSITIONS, first)
    return Landing(entry, section, item.id)


def test_every_bundled_item_is_reached_by_a_word_from_it() -> None:
    library = load_library([bundled_content_dir()])
    assert len(library.briefings) == len(library.entries) >= 3  # every bundled briefing loads
    finder = Finder(library.entries)
    finder.build()

    # Each item's own text, as indexed, and how many entries hold each word: the rarest word
    # of an item is the one a reader would type to find it.
    texts: dict[tuple[str, str], str] = {}
    frequency: Counter[str] = Counter()
    for briefing in library.briefings:
        for _, rank, item_id, text, _ in entries(briefing):
            frequency.update(index_terms(text))
            if rank != PASSAGE:
                texts[(briefing.id, item_id)] = text

    checked = 0
    for entry, result in enumerate(library.entries):
        briefing = result.briefing
        assert briefing is not None, result.findings
        wanted: list[tuple[str, Landing]] = [("", Landing(entry, Section.OVERVIEW))]
        for section, item in briefing.all_items():
            wanted.append((item.id, expected(entry, briefing, section, item)))
        for issue in briefing.issues:
            if any(p.issue.id == issue.id for p in briefing.positions):
                wanted.append((issue.id, expected(entry, briefing, Section.POSITIONS, issue)))
        for item_id, landing in wanted:
            text = texts.get((briefing.id, item_id))
            assert text is not None, f"{briefing.id} {item_id!r} is not indexed"
            word = min(index_terms(text), key=lambda term: (frequency[term], term))
            assert landing in landings(finder, word), (briefing.id, item_id, word)
            checked += 1
    assert checked > 50


def test_a_catalog_is_searched_with_its_saved_index_loading_only_what_it_shows(
    tmp_path: Path,
) -> None:
    from briefing.library.cache import LibraryCache
    from briefing.library.catalog import Catalog

    roots = [FIXTURES / "good" / "harbour-talks.yaml", FIXTURES / "reader"]
    catalog = Catalog.open(roots, LibraryCache(tmp_path / "cache"))
    catalog.refresh(jobs=1)
    reopened = Catalog.open(roots, LibraryCache(tmp_path / "cache"))
    finder = Finder(reopened.library().entries)
    finder.build()
    assert Landing(RIVER, Section.PARTIES, "lena-okafor") in landings(finder, "Okafor")
    assert reopened.loaded == 0
    assert landings(finder, "Reopening")[0].item_id == "pos-northland-boats-first"
    assert reopened.loaded == 1  # an issue's first position needs its briefing

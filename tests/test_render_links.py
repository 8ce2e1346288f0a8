"""Rendering links and marked sources: every link findable by its meta, every cited span marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style
from rich.text import Text

from briefing.library import Library, load_library
from briefing.links import LibraryLinks, Relation
from briefing.model import Briefing
from briefing.render.links import LINK_MARK, linked_detail
from briefing.render.source import CLOSE_MARK, OPEN_MARK, marked_source, span_heading

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([FIXTURES / "good" / "harbour-talks.yaml", FIXTURES / "links"])


@pytest.fixture(scope="module")
def links(library: Library) -> LibraryLinks:
    return LibraryLinks(library.briefings)


@pytest.fixture(scope="module")
def talks(library: Library) -> Briefing:
    return library.by_id("harbour-talks")


def meta_runs(text: Text, key: str) -> dict[object, str]:
    """The words carrying each value of a meta key, joined in order."""
    found: dict[object, str] = {}
    for span in text.spans:
        style = span.style
        if isinstance(style, Style) and key in style.meta:
            value = style.meta[key]
            found[value] = found.get(value, "") + text.plain[span.start : span.end]
    return found


def detail(links: LibraryLinks, briefing: Briefing, item_id: str) -> tuple[Text, tuple]:
    item = briefing.find(item_id)[1]
    found = links.links(briefing, item)
    title_of = lambda briefing_id: links.briefing(briefing_id).title  # noqa: E731
    return linked_detail(briefing, item, found, title_of), found


def test_each_link_is_marked_with_its_index_in_order(links: LibraryLinks, talks: Briefing) -> None:
    text, found = detail(links, talks, "southland")
    runs = meta_runs(text, "link")
    assert sorted(runs) == list(range(len(found)))
    assert "Reopening the harbour" in runs[0]
    also = next(i for i, link in enumerate(found) if link.relation is Relation.ALSO_IN)
    assert runs[also] == "The return of the fishing boats"
    # Each link starts a line with the arrow: its shape says it is a link, not only its style.
    for value, words in runs.items():
        line = next(line for line in text.plain.splitlines() if words.split("\n")[0] in line)
        assert LINK_MARK in line, (value, line)


def test_a_party_lists_its_positions_once(links: LibraryLinks, talks: Briefing) -> None:
    text, _ = detail(links, talks, "southland")
    assert text.plain.count("package deal") == 1
    assert "In other briefings" in text.plain


def test_citations_are_links_followed_by_their_passage(
    links: LibraryLinks, talks: Briefing
) -> None:
    text, found = detail(links, talks, "pos-northland-boats-first")
    runs = meta_runs(text, "link")
    cited = [i for i, link in enumerate(found) if link.relation is Relation.CITATION]
    assert len(cited) == 1
    assert runs[cited[0]] == LINK_MARK + "Talks open on Portville harbour"
    assert "[1] → Talks open on Portville harbour" in text.plain


def test_a_source_marks_every_cited_span(links: LibraryLinks, talks: Briefing) -> None:
    source = talks.sources[0]
    spans = links.of(talks).spans(source.id)
    text = marked_source(source, spans, current=None)
    assert text.plain.count(OPEN_MARK) == len(spans) == text.plain.count(CLOSE_MARK)
    unmarked = text.plain.replace(OPEN_MARK, "").replace(CLOSE_MARK, "")
    assert unmarked.split() == source.text.split()
    # Marked in shape and underline, so NO_COLOR still shows them.
    console = Console(no_color=True, force_terminal=True, width=200)
    with console.capture() as captured:
        console.print(text)
    assert "\x1b[4m" in captured.get()
    assert OPEN_MARK in captured.get()


def test_the_current_span_is_found_by_its_meta(links: LibraryLinks, talks: Briefing) -> None:
    source = talks.sources[0]
    spans = links.of(talks).spans(source.id)
    for index, span in enumerate(spans):
        text = marked_source(source, spans, current=index)
        current = meta_runs(text, "current")[True]
        words = current.replace(OPEN_MARK, "").replace(CLOSE_MARK, "")
        assert " ".join(words.split()).startswith(
            " ".join(source.text[span.start : span.end][:8].split())
        )
        heading = span_heading(source, spans, index).plain
        assert heading.startswith(f"Cited span {index + 1} of {len(spans)}")


def test_a_position_link_leaves_out_what_its_heading_item_says(
    links: LibraryLinks, talks: Briefing
) -> None:
    text, _ = detail(links, talks, "southland")
    assert "→ Reopening the harbour: Southland's foreign minister" in text.plain
    index = links.of(talks)
    issue = index.issue("harbour-reopening")
    found = links.links(talks, issue)
    issue_text = linked_detail(talks, issue, found, lambda briefing_id: briefing_id).plain
    assert "→ Northland: Northland wants the harbour kept closed" in issue_text
    assert "→ Southland: Southland's foreign minister" in issue_text

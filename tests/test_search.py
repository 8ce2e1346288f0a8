"""The search index: matching, ranking, snippets, incremental changes, serialising, the CLI."""

from __future__ import annotations

import datetime
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.library import bundled_content_dir, load_library
from briefing.model import Briefing, Section
from briefing.search import (
    FUZZY,
    INDEX_VERSION,
    IndexFormatError,
    Kind,
    SearchIndex,
    entries,
    fold,
    index_terms,
    make_snippet,
    passages,
    query_words,
)

FIXTURES = Path(__file__).parent / "fixtures"
SEARCH = FIXTURES / "search"
GOOD = FIXTURES / "good"


@pytest.fixture(scope="module")
def briefings() -> dict[str, Briefing]:
    library = load_library([SEARCH, GOOD])
    assert not [f for f in library.findings if f.is_error]
    return {briefing.id: briefing for briefing in library.briefings}


@pytest.fixture(scope="module")
def index(briefings: dict[str, Briefing]) -> SearchIndex:
    return SearchIndex.build(briefings.values())


def found(index: SearchIndex, query: str, limit: int = 50) -> list[tuple[str, str]]:
    return [(hit.briefing_id, hit.item_id) for hit in index.search(query, limit)]


def note(briefing_id: str, title: str, summary: str = "A note.") -> Briefing:
    """A briefing with only a title and summary: enough to test matching and ranking."""
    return Briefing(
        id=briefing_id,
        title=title,
        as_of=datetime.date(2024, 1, 1),
        status="developing",
        summary=summary,
        path=Path(f"{briefing_id}.yaml"),
    )


# --- the issue's examples ----------------------------------------------------------------------


def test_a_typo_in_a_name_finds_it(index: SearchIndex) -> None:
    hits = index.search("Hanyeh")
    assert hits[0].kind is Kind.PARTY and hits[0].item_id == "ismail-haniyeh"
    assert ("aid-route", "ev-visit-egypt") in found(index, "Hanyeh")
    assert any(hit.kind is Kind.SOURCE for hit in hits)
    for hit in hits:
        assert any(hit.snippet.text[s:e] == "Haniyeh" for s, e in hit.snippet.spans)


def test_cyprus_route_finds_the_sea_route_items_and_only_items_with_both(
    index: SearchIndex,
) -> None:
    hits = found(index, "cyprus route")
    assert ("aid-route", "sea-route") in hits
    assert ("aid-route", "pos-cyprus-corridor") in hits
    assert ("aid-route", "") in hits  # its title says "sea route", its summary "Cyprus"
    # The quote mentions the sea route but not Cyprus; the question says "sea lane".
    assert ("aid-route", "quote-wont-replace") not in hits
    assert ("aid-route", "q-route-opens") not in hits
    assert found(index, "route cyprus") == hits  # the order of the words does not matter


def test_the_example_queries_rank_exact_matches_first(index: SearchIndex) -> None:
    hits = index.search("cyprus route")
    assert hits[0].item_id == "sea-route"  # a heading that holds both words exactly


# --- matching ----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["jose ramirez", "JOSÉ RAMÍREZ", "José", "Jose\u0301", "rAmIrEz"])
def test_case_and_accents_are_ignored(index: SearchIndex, query: str) -> None:
    assert ("aid-route", "jose-ramirez") in found(index, query)


def test_accents_in_the_text_are_ignored_for_an_unaccented_query() -> None:
    index = SearchIndex.build([note("cafe", "The Café Müller talks")])
    assert found(index, "cafe muller") == [("cafe", "")]
    assert found(index, "CAFÉ") == [("cafe", "")]


@pytest.mark.parametrize("query", ["won't replace", "won’t replace", "“very serious”"])
def test_straight_and_typographic_quotes_match_each_other(index: SearchIndex, query) -> None:
    assert found(index, query)


def test_a_typographic_apostrophe_in_the_text_matches_a_straight_one() -> None:
    index = SearchIndex.build([note("quotes", "They won’t sign", summary='He said "no deal".')])
    assert found(index, "won't") == [("quotes", "")]
    assert found(index, "“no deal”") == [("quotes", "")]


def test_a_word_prefix_matches(index: SearchIndex) -> None:
    assert ("aid-route", "pos-cyprus-corridor") in found(index, "corri")
    assert ("harbour-talks", "harbour-reopening") in found(index, "harb reop")


def test_every_word_must_match(index: SearchIndex) -> None:
    assert found(index, "haniyeh portville") == []
    assert found(index, "zzzzqqqq") == []


def test_common_words_are_not_required(index: SearchIndex) -> None:
    assert found(index, "frank and useful") == found(index, "frank useful")
    assert found(index, "the ") == []
    assert query_words("The talks, of the harbour") == ["talks", "harbour"]


def test_a_common_word_being_typed_is_the_start_of_a_word() -> None:
    index = SearchIndex.build([note("shenia", "Shenia's envoy"), note("other", "Talks")])
    assert found(index, "She") == [("shenia", "")]
    assert found(index, "envoy she") == [("shenia", "")]
    assert found(index, "She ") == []  # a space says the word is complete
    assert found(index, "envoy she.") == found(index, "envoy")


def test_short_words_are_not_matched_fuzzily(index: SearchIndex) -> None:
    # "gazo" is one typo from "gaza"; "ga" is only a prefix.
    assert found(index, "gazo")
    assert all(quality > FUZZY for _, quality in index.expand("gaz").terms[0])


def test_a_limit_of_hits() -> None:
    index = SearchIndex.build(note(f"n{i}", f"Harbour note {i}") for i in range(30))
    assert len(index.search("harbour", 7)) == 7
    assert len(index.search("harbour", 100)) == 30
    assert index.search("harbour", 0) == []


# --- ranking -----------------------------------------------------------------------------------


def test_exact_then_prefix_then_typo() -> None:
    index = SearchIndex.build(
        [
            note("typo", "Talks on the roite"),
            note("prefix", "Talks on the routes"),
            note("exact", "Talks on the route"),
        ]
    )
    assert [hit.briefing_id for hit in index.search("route")] == ["exact", "prefix", "typo"]
    scores = [hit.score for hit in index.search("route")]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 3


def test_exact_matches_in_a_passage_beat_prefix_matches_in_a_title(index: SearchIndex) -> None:
    hits = index.search("useful")
    kinds = [hit.kind for hit in hits]
    assert kinds.index(Kind.SOURCE) < len(kinds)  # found in the source text
    prefix_hits = index.search("usef")
    assert min(h.score for h in hits) > max(h.score for h in prefix_hits)


def test_headings_rank_above_items_and_items_above_passages(index: SearchIndex) -> None:
    hits = index.search("haniyeh")
    ranks = {
        Kind.PARTY: 0,
        Kind.EVENT: 1,
        Kind.SOURCE: 2,
    }
    ordered = [ranks[hit.kind] for hit in hits if hit.kind in ranks]
    assert ordered == sorted(ordered)
    assert hits[0].score > hits[-1].score


def test_the_best_page_is_found_in_a_large_index() -> None:
    """Early stopping must not lose the best hits, wherever they are in the index."""
    notes = [note(f"n{i:03}", f"Shipping note {i}", summary="Cargo ships.") for i in range(300)]
    notes.insert(150, note("best", "Shipping shipping", summary="Cargo ships near cyprus."))
    index = SearchIndex.build(notes)
    hits = index.search("cargo cyprus", 5)
    assert [hit.briefing_id for hit in hits] == ["best"]
    assert index.search("shipping", 3)[0].kind is Kind.BRIEFING


# --- snippets and locations --------------------------------------------------------------------


def test_snippet_spans_cover_the_matched_words(index: SearchIndex) -> None:
    for query in ["harbour", "cyprus route", "Hanyeh", "trucks"]:
        matched = index.expand(query).matched
        for hit in index.search(query):
            assert hit.snippet.spans
            for start, end in hit.snippet.spans:
                assert fold(hit.snippet.text[start:end]) in matched


def test_a_long_text_is_cut_around_the_match() -> None:
    text = "word " * 100 + "needle " + "word " * 100
    start = text.index("needle")
    snippet = make_snippet(text, [(start, start + 6)], width=60)
    assert snippet.text.startswith("…") and snippet.text.endswith("…")
    assert len(snippet.text) <= 62
    (span,) = snippet.spans
    assert snippet.text[span[0] : span[1]] == "needle"


def test_whitespace_in_a_snippet_is_one_line() -> None:
    text = "First  line\n\n  second\tline with needle"
    start = text.index("needle")
    snippet = make_snippet(text, [(start, start + 6)])
    assert "\n" not in snippet.text and "  " not in snippet.text
    assert snippet.text[snippet.spans[0][0] : snippet.spans[0][1]] == "needle"


def test_a_source_hit_points_at_the_word_in_the_source(
    index: SearchIndex, briefings: dict[str, Briefing]
) -> None:
    hit = next(h for h in index.search("Larnaca") if h.kind is Kind.SOURCE and h.source_offset)
    text = briefings["aid-route"].sources[0].text
    assert text[hit.source_offset : hit.source_offset + 7] == "Larnaca"
    assert hit.section is Section.SOURCES


def test_passages_cover_the_source_and_keep_offsets() -> None:
    text = ("One sentence here. " * 40).strip() + "\n\nA second paragraph.\n"
    found_passages = list(passages(text))
    assert len(found_passages) > 2
    for offset, passage in found_passages:
        assert text[offset : offset + len(passage)] == passage
    assert found_passages[-1][1] == "A second paragraph."


def test_hits_say_where_the_item_is_shown(index: SearchIndex) -> None:
    queries = ["cyprus", "truce", "trucks"]
    sections = {hit.kind: hit.section for q in queries for hit in index.search(q)}
    assert sections[Kind.ISSUE] is Section.POSITIONS
    assert sections[Kind.POSITION] is Section.POSITIONS
    assert sections[Kind.FIGURE] is Section.FIGURES
    assert sections[Kind.BRIEFING] is Section.OVERVIEW


# --- every item can be found -------------------------------------------------------------------


def _assert_every_item_is_found_by_each_of_its_words(briefings: list[Briefing]) -> None:
    index = SearchIndex.build(briefings)
    wanted = [
        (briefing.id, item_id, index_terms(text))
        for briefing in briefings
        for _, _, item_id, text, _ in entries(briefing)
    ]
    words = set().union(*(terms for _, _, terms in wanted))
    hits = {word: set(found(index, word, limit=100_000)) for word in words}
    for briefing_id, item_id, terms in wanted:
        for word in terms:
            assert (briefing_id, item_id) in hits[word], (briefing_id, item_id, word)


def test_every_item_of_the_fixtures_is_found_by_any_of_its_words(
    briefings: dict[str, Briefing],
) -> None:
    _assert_every_item_is_found_by_each_of_its_words(list(briefings.values()))
    ids = {item_id for b in briefings.values() for _, _, item_id, _, _ in entries(b)}
    expected = {item.id for b in briefings.values() for _, item in b.all_items()}
    assert expected <= ids  # every item has an entry


def test_every_item_of_the_bundled_briefings_is_found_by_any_of_its_words() -> None:
    library = load_library([bundled_content_dir()])
    assert len(library.briefings) == len(library.entries) >= 3  # every bundled briefing loads
    _assert_every_item_is_found_by_each_of_its_words(list(library.briefings))


# --- building it one briefing at a time --------------------------------------------------------


def test_removing_a_briefing_forgets_it_and_nothing_else(briefings: dict[str, Briefing]) -> None:
    index = SearchIndex.build(briefings.values())
    assert index.remove("harbour-talks")
    assert "harbour-talks" not in index and len(index) == 1
    assert found(index, "portville") == []
    assert not index.expand("portville").terms[0]  # the word left the vocabulary
    assert ("aid-route", "ismail-haniyeh") in found(index, "haniyeh")
    assert not index.remove("harbour-talks")


def test_adding_back_and_replacing(briefings: dict[str, Briefing]) -> None:
    index = SearchIndex.build(briefings.values())
    before = found(index, "harbour")
    index.remove("harbour-talks")
    index.add(briefings["harbour-talks"])
    assert found(index, "harbour") == before
    index.add(briefings["harbour-talks"])  # the same id again replaces it
    assert found(index, "harbour") == before
    assert sorted(index.briefing_ids()) == ["aid-route", "harbour-talks"]


def test_an_edited_briefing_replaces_its_old_text() -> None:
    index = SearchIndex.build([note("a", "Talks on grain"), note("b", "Grain exports")])
    index.add(note("a", "Talks on fishing"))
    assert found(index, "grain") == [("b", "")]
    assert found(index, "fishing") == [("a", "")]


def test_merging_indexes_built_apart_equals_building_one(briefings: dict[str, Briefing]) -> None:
    whole = SearchIndex.build(briefings.values())
    merged = SearchIndex.build([briefings["aid-route"]])
    merged.merge(SearchIndex.build([briefings["harbour-talks"]]))
    for query in ["harbour", "cyprus route", "Hanyeh", "talks", "frank"]:
        assert found(merged, query) == found(whole, query)
    merged.remove("aid-route")
    assert found(merged, "haniyeh") == []
    assert found(merged, "portville")


# --- serialising -------------------------------------------------------------------------------


def test_a_round_trip_through_bytes_keeps_every_answer(index: SearchIndex) -> None:
    data = index.to_bytes()
    loaded = SearchIndex.from_bytes(data)
    for query in ["harbour", "cyprus route", "Hanyeh", "reop", "josé", "1,200"]:
        assert loaded.search(query) == index.search(query)
    assert loaded.to_bytes() == data
    loaded.remove("aid-route")
    loaded.add(note("new", "A cyprus note"))
    assert found(loaded, "cyprus") == [("new", "")]


def test_bytes_are_compact(index: SearchIndex) -> None:
    text_size = sum(len(text) for b in index_source(index) for *_, text, _ in entries(b))
    assert len(index.to_bytes()) < 2 * text_size


def index_source(index: SearchIndex) -> list[Briefing]:
    library = load_library([SEARCH, GOOD])
    return [b for b in library.briefings if b.id in index]


def test_another_version_or_damage_is_refused(index: SearchIndex) -> None:
    import msgspec

    data = index.to_bytes()
    state = msgspec.msgpack.decode(data)
    state[0] = INDEX_VERSION + 1
    with pytest.raises(IndexFormatError, match="version"):
        SearchIndex.from_bytes(msgspec.msgpack.encode(state))
    with pytest.raises(IndexFormatError):
        SearchIndex.from_bytes(b"not an index")
    with pytest.raises(IndexFormatError):
        SearchIndex.from_bytes(data[: len(data) // 2])


# --- the domain stays apart from the user interface ----------------------------------------------


def test_searching_never_imports_textual() -> None:
    code = (
        "import sys\n"
        "from briefing.search import SearchIndex\n"
        "from briefing.library import load_library\n"
        f"lib = load_library([__import__('pathlib').Path({str(SEARCH)!r})])\n"
        "assert SearchIndex.build(lib.briefings).search('hanyeh')\n"
        "bad = [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- the command line --------------------------------------------------------------------------


def test_cli_prints_ranked_hits_as_plain_text(capsys) -> None:
    code = main(["search", "Hanyeh", "--library", str(SEARCH)])
    out = capsys.readouterr().out
    assert code == 0
    assert "\x1b" not in out
    first = out.splitlines()[0].split()
    assert first[:4] == ["party", "aid-route", "›", "ismail-haniyeh"]
    assert "Ismail Haniyeh" in out


def test_cli_words_may_be_given_apart(capsys) -> None:
    assert main(["search", "cyprus", "route", "--library", str(SEARCH), "--limit", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "sea-route" in lines[0]


def test_cli_json(capsys) -> None:
    code = main(["search", "cyprus route", "--library", str(SEARCH), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["version"] == 1 and report["words"] == ["cyprus", "route"]
    hit = report["hits"][0]
    assert set(hit) >= {"kind", "briefing", "item", "section", "snippet", "spans", "score"}
    assert hit["item"] == "sea-route" and hit["section"] == "positions"
    assert hit["file"].endswith("aid-route.yaml") and isinstance(hit["line"], int)
    for start, end in hit["spans"]:
        assert fold(hit["snippet"][start:end]) in {"cyprus", "route"}


def test_cli_exit_codes(capsys, tmp_path: Path) -> None:
    assert main(["search", "zzzzqqqq", "--library", str(SEARCH)]) == 1
    assert main(["search", "of the.", "--library", str(SEARCH)]) == 2
    assert "common words (of, the) are ignored" in capsys.readouterr().err
    assert main(["search", "cyprus", "--library", str(tmp_path / "missing")]) == 2
    with pytest.raises(SystemExit) as exit_:
        main(["search", "cyprus", "--limit", "0"])
    assert exit_.value.code == 2
    capsys.readouterr()


def test_cli_no_hits_in_json_is_an_empty_list(capsys) -> None:
    assert main(["search", "zzzzqqqq", "--library", str(SEARCH), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["hits"] == []


def test_a_loaded_index_takes_changes_to_lists_it_loaded(briefings: dict[str, Briefing]) -> None:
    loaded = SearchIndex.from_bytes(SearchIndex.build(briefings.values()).to_bytes())
    loaded.add(note("more", "More harbour talks"))
    assert ("more", "") in found(loaded, "harbour")
    assert ("harbour-talks", "") in found(loaded, "harbour")
    loaded.merge(SearchIndex.build([note("merged", "Harbour news")]))
    assert ("merged", "") in found(loaded, "harbour")


# --- kinds and labels: what the command palette asks of the index ------------------------------


def test_a_search_can_be_kept_to_some_kinds(index: SearchIndex) -> None:
    everything = index.search("haniyeh", 50)
    assert {hit.kind for hit in everything} - {Kind.PARTY}  # his name is in other entries too
    parties = index.search("haniyeh", 50, kinds={Kind.PARTY})
    assert [(hit.kind, hit.item_id) for hit in parties] == [(Kind.PARTY, "ismail-haniyeh")]
    wanted = {Kind.QUESTION, Kind.QUOTE}
    kept = index.search("land crossings", 50, kinds=wanted)
    assert kept and {hit.kind for hit in kept} <= wanted
    assert {hit.item_id for hit in kept} >= {"q-route-opens", "quote-wont-replace"}
    # Source passages are never of those kinds: none is listed, whatever the query.
    assert not [hit for hit in kept if hit.source_offset is not None]


def test_a_hit_carries_its_label(index: SearchIndex) -> None:
    labels = {
        (hit.kind, hit.item_id): hit.label
        for query in ["haniyeh", "sea lane open", "replace land crossings"]
        for hit in index.search(query, 50)
    }
    assert labels[(Kind.PARTY, "ismail-haniyeh")] == "Ismail Haniyeh"
    assert labels[(Kind.QUESTION, "q-route-opens")] == (
        "Will the sea lane open before the land crossings do?"
    )
    assert labels[(Kind.QUOTE, "quote-wont-replace")] == "won't replace the land crossings"


def test_titles_of_the_briefings_indexed(briefings: dict[str, Briefing]) -> None:
    index = SearchIndex.build(briefings.values())
    assert index.titles() == [(b.id, b.title) for b in briefings.values()]


# --- every text field the issue names is searched ----------------------------------------------

FIELDS_SOURCE = (
    "The kumquat report. Officials said the aardvark plan would go ahead. "
    "The iguana count was 40 a day. Envoys said the jacaranda deal holds.\n"
)
FIELDS_BRIEFING = """\
format: 1
id: fields
title: The aardvark plan
as_of: 2024-01-02
status: developing
summary: A bassoon of a summary.
sources:
  - id: report
    title: A report
    file: sources/fields.txt
parties:
  - id: cormorant-party
    name: Cormorant
    kind: state
    summary: A dulcimer party.
issues:
  - id: plan
    title: The lemur issue
positions:
  - id: pos-plan
    party: cormorant-party
    issue: plan
    stance: Backs the plan, an echidna stance.
    cites:
      - excerpt: the aardvark plan would go ahead
questions:
  - id: q-plan
    question: Will the flamingo hold?
    why: It matters.
    watch:
      - The gazebo signal
    cites:
      - excerpt: the aardvark plan would go ahead
timeline:
  - id: ev-plan
    when: 2024-01-01
    when_basis: context
    event: The hyacinth meeting.
    cites:
      - excerpt: the aardvark plan would go ahead
figures:
  - id: fig-count
    value: "40"
    label: iguana a day
    cites:
      - excerpt: The iguana count was 40 a day
quotes:
  - id: quote-deal
    speaker: cormorant-party
    quote: the jacaranda deal holds
    cites:
      - excerpt: the jacaranda deal holds
"""


@pytest.mark.parametrize(
    ("field", "word", "kind", "item_id"),
    [
        ("title", "aardvark", Kind.BRIEFING, ""),
        ("summary", "bassoon", Kind.BRIEFING, ""),
        ("party name", "cormorant", Kind.PARTY, "cormorant-party"),
        ("party summary", "dulcimer", Kind.PARTY, "cormorant-party"),
        ("issue title", "lemur", Kind.ISSUE, "plan"),
        ("stance", "echidna", Kind.POSITION, "pos-plan"),
        ("question", "flamingo", Kind.QUESTION, "q-plan"),
        ("watch signal", "gazebo", Kind.QUESTION, "q-plan"),
        ("event", "hyacinth", Kind.EVENT, "ev-plan"),
        ("figure", "iguana", Kind.FIGURE, "fig-count"),
        ("quote", "jacaranda", Kind.QUOTE, "quote-deal"),
        ("source text", "kumquat", Kind.SOURCE, "report"),
    ],
)
def test_every_text_field_is_searched(
    tmp_path: Path, field: str, word: str, kind: Kind, item_id: str
) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "fields.txt").write_text(FIELDS_SOURCE, encoding="utf-8")
    (tmp_path / "fields.yaml").write_text(FIELDS_BRIEFING, encoding="utf-8")
    library = load_library([tmp_path / "fields.yaml"])
    assert not [f for f in library.findings if f.is_error], library.findings
    hits = SearchIndex.build(library.briefings).search(word)
    assert (hits[0].kind, hits[0].item_id) == (kind, item_id), field


def test_cli_reuses_the_index_saved_with_the_library_cache(
    capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["search", "haniyeh", "--library", str(SEARCH), "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)

    def no_indexing(*args, **kwargs):
        raise AssertionError("a warm library is not indexed again")

    monkeypatch.setattr(SearchIndex, "add", no_indexing)
    monkeypatch.setattr(SearchIndex, "build", no_indexing)
    assert main(["search", "haniyeh", "--library", str(SEARCH), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == first


def test_cli_searches_right_when_the_saved_index_is_damaged(capsys) -> None:
    from briefing.library.cache import LibraryCache
    from briefing.library.catalog import Catalog

    assert main(["search", "haniyeh", "--library", str(SEARCH), "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)
    catalog = Catalog.open([SEARCH], LibraryCache())
    with sqlite3.connect(catalog.database_path) as database:  # the saved index, cut short
        database.execute("UPDATE search_changes SET data = substr(data, 1, length(data) / 2)")
        database.execute("UPDATE search_base SET data = substr(data, 1, length(data) / 2)")
    assert main(["search", "haniyeh", "--library", str(SEARCH), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == first


def test_a_merged_index_ranks_and_keeps_kinds_as_one_built_whole(
    briefings: dict[str, Briefing],
) -> None:
    whole = SearchIndex.build(briefings.values())
    merged = SearchIndex()
    for briefing in briefings.values():  # in chunks of one, as worker processes send them
        merged.merge(SearchIndex.from_bytes(SearchIndex.build([briefing]).to_bytes()))
    for query in ["harbour", "haniyeh", "talks", "land crossings", "egypt"]:
        assert merged.search(query, 50) == whole.search(query, 50)
        for kinds in [{Kind.PARTY}, {Kind.QUESTION, Kind.QUOTE}, {Kind.SOURCE}]:
            assert merged.search(query, 50, kinds=kinds) == whole.search(query, 50, kinds=kinds)

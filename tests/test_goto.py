"""Go-to targets for the command palette: what is listed, and how a few letters find it."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from briefing.goto import GoTo, TargetKind, targets, word_spans
from briefing.library import Library, load_library
from briefing.loader import LoadResult
from briefing.model import Briefing, Party, Section

FIXTURES = Path(__file__).parent / "fixtures"
HARBOUR, RIVER = 0, 1


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([FIXTURES / "good" / "harbour-talks.yaml", FIXTURES / "reader"])


@pytest.fixture(scope="module")
def goto(library: Library) -> GoTo:
    return GoTo(library.entries)


def first(goto: GoTo, query: str) -> tuple[str, int, Section, str | None]:
    target = goto.match(query)[0].target
    return target.kind.value, target.entry, target.section, target.item_id


def test_every_briefing_section_party_question_and_quote_is_a_target(library: Library) -> None:
    listed = list(targets(library.entries))
    for entry, result in enumerate(library.entries):
        briefing = result.briefing
        if briefing is None:
            assert not [t for t in listed if t.entry == entry]  # a broken file has none
            continue
        mine = [t for t in listed if t.entry == entry]
        assert [t.section for t in mine if t.kind is TargetKind.SECTION] == list(Section)[1:]
        assert {t.item_id for t in mine if t.kind is TargetKind.PARTY} == {
            p.id for p in briefing.parties
        }
        assert {t.item_id for t in mine if t.kind is TargetKind.QUESTION} == {
            q.id for q in briefing.questions
        }
        assert {t.item_id for t in mine if t.kind is TargetKind.QUOTE} == {
            q.id for q in briefing.quotes
        }
        assert sum(t.kind is TargetKind.BRIEFING for t in mine) == 1


def test_a_party_by_its_name_and_by_the_start_of_it(goto: GoTo) -> None:
    assert first(goto, "Okafor") == ("party", RIVER, Section.PARTIES, "lena-okafor")
    assert first(goto, "okaf") == ("party", RIVER, Section.PARTIES, "lena-okafor")


def test_a_typo_still_finds_a_name(goto: GoTo) -> None:
    assert first(goto, "Okafr") == ("party", RIVER, Section.PARTIES, "lena-okafor")
    assert first(goto, "Brandr") == ("party", RIVER, Section.PARTIES, "tomas-brandt")


def test_case_and_accents_do_not_matter(goto: GoTo) -> None:
    assert first(goto, "ÉASTMARK") == ("party", RIVER, Section.PARTIES, "eastmark")


def test_a_briefing_by_its_title(goto: GoTo) -> None:
    assert first(goto, "silver river") == ("briefing", RIVER, Section.OVERVIEW, None)


def test_a_section_needs_its_name_and_its_briefing_sorts_it_out(goto: GoTo) -> None:
    assert first(goto, "river questions") == ("section", RIVER, Section.QUESTIONS, None)
    assert first(goto, "harbour quotes") == ("section", HARBOUR, Section.QUOTES, None)
    # A briefing's title alone does not bring up its sections.
    kinds = {m.target.kind for m in goto.match("silver river")}
    assert TargetKind.SECTION not in kinds


def test_questions_and_quotes_by_their_words(goto: GoTo) -> None:
    assert first(goto, "second round") == ("question", HARBOUR, Section.QUESTIONS, "q-second-round")
    assert first(goto, "fair deal farmers") == ("quote", RIVER, Section.QUOTES, "quote-fair-deal")


def test_the_more_of_a_target_the_query_covers_the_higher_it_ranks(goto: GoTo) -> None:
    # "Westmark" is a party, part of a longer party name, and in a question: the party first.
    ranked = [m.target.item_id for m in goto.match("westmark")]
    assert ranked[0] == "westmark"
    assert set(ranked[1:3]) == {"westmark-farmers", "q-westmark-vote"}


def test_scores_fall_with_the_quality_of_the_match(goto: GoTo) -> None:
    exact = goto.match("eastmark")[0].score
    prefix = goto.match("eastm")[0].score
    typo = goto.match("eastmrk")[0].score
    assert exact > prefix > typo > 0


def test_nothing_to_match_gives_nothing(goto: GoTo) -> None:
    assert goto.match("") == []
    assert goto.match("  …!? ") == []
    assert goto.match("zzqx") == []


def test_only_common_words_still_match(goto: GoTo) -> None:
    assert goto.match("the")  # "The Silver River treaty"


def test_a_limit_is_kept(goto: GoTo) -> None:
    assert len(goto.match("a", limit=3)) == 3


def test_the_matched_words_are_highlighted() -> None:
    assert word_spans("Lena Okafor", ["okaf"]) == ((5, 11),)
    assert word_spans("Lena Okafor", ["okafr"]) == ((5, 11),)  # a typo
    assert word_spans("Élise Lenoir", ["elise"]) == ((0, 5),)
    assert word_spans("Lena Okafor", ["brandt"]) == ()


def test_labels_are_kept_as_written() -> None:
    """Markup-like names are only data here; the palette renders them as text."""
    hostile = Party(id="p", name="[bold red]Evil[/] $x", kind="other")
    briefing = Briefing(
        id="b",
        title="[link=http://x]t[/link]",
        as_of=datetime.date(2024, 1, 1),
        status="developing",
        summary="s",
        path=Path("b.yaml"),
        parties=(hostile,),
    )
    goto = GoTo([LoadResult(Path("b.yaml"), briefing, ())])
    match = goto.match("evil")[0]
    assert match.target.label == "[bold red]Evil[/] $x"
    assert match.target.briefing_title == "[link=http://x]t[/link]"


def test_a_catalog_gives_its_briefings_and_sections_without_loading_them(tmp_path: Path) -> None:
    from briefing.library.cache import LibraryCache
    from briefing.library.catalog import Catalog

    roots = [FIXTURES / "good" / "harbour-talks.yaml", FIXTURES / "reader"]
    catalog = Catalog.open(roots, LibraryCache(tmp_path / "cache"))
    catalog.refresh(jobs=1)
    goto = GoTo(catalog.library().entries)
    assert first(goto, "silver river") == ("briefing", RIVER, Section.OVERVIEW, None)
    assert first(goto, "harbour quotes") == ("section", HARBOUR, Section.QUOTES, None)
    assert catalog.loaded == 0


def test_equal_matches_of_the_briefing_being_read_come_first(goto: GoTo) -> None:
    assert first(goto, "timeline")[1] == HARBOUR
    assert goto.match("timeline", prefer=RIVER)[0].target.entry == RIVER
    assert goto.match("timeline", prefer=HARBOUR)[0].target.entry == HARBOUR
    # ...but a better match elsewhere still wins.
    assert goto.match("Okafor", prefer=HARBOUR)[0].target.item_id == "lena-okafor"


# --- a catalog: items from its search index ------------------------------------------------------


@pytest.fixture
def catalog_goto(tmp_path: Path):
    from briefing.finder import Finder
    from briefing.goto import CatalogGoTo
    from briefing.library.cache import LibraryCache
    from briefing.library.catalog import Catalog

    shutil.copytree(FIXTURES / "reader", tmp_path / "reader")
    roots = [FIXTURES / "good" / "harbour-talks.yaml", tmp_path / "reader"]
    Catalog.open(roots, LibraryCache(tmp_path / "cache")).refresh(jobs=1)
    catalog = Catalog.open(roots, LibraryCache(tmp_path / "cache"))  # as the reader opens it
    entries = catalog.library().entries
    finder = Finder(entries)
    goto = CatalogGoTo(GoTo(entries), finder)
    return catalog, finder, goto


def test_a_catalog_gives_every_party_question_and_quote_from_its_index_loading_none(
    catalog_goto, library: Library
) -> None:
    catalog, finder, goto = catalog_goto
    assert goto.items("okafor") is None  # no index yet: the palette waits for it
    finder.build()
    items = [t for t in targets(library.entries) if t.item_id is not None]
    assert {t.kind for t in items} == {TargetKind.PARTY, TargetKind.QUESTION, TargetKind.QUOTE}
    for target in items:
        found = [m.target for m in goto.match(target.label)]
        assert target in found, target
    assert catalog.loaded == 0


def test_a_catalog_item_is_found_by_a_word_of_its_label_with_a_typo_and_highlighted(
    catalog_goto,
) -> None:
    _, finder, goto = catalog_goto
    finder.build()
    best = goto.match("okafr")[0]  # a typo
    assert (best.target.kind, best.target.entry, best.target.item_id) == (
        TargetKind.PARTY,
        RIVER,
        "lena-okafor",
    )
    assert best.target.section is Section.PARTIES
    assert [best.target.label[s:e] for s, e in best.spans] == ["Okafor"]
    # Headings and items are ranked together: a briefing's title still comes first for its words.
    assert goto.match("silver river")[0].target.kind is TargetKind.BRIEFING
    assert goto.match("harbour quotes")[0].target.kind is TargetKind.SECTION


def test_an_item_matched_only_beside_its_label_is_not_a_target(catalog_goto) -> None:
    _, finder, goto = catalog_goto
    finder.build()
    # "minister" is in Okafor's summary, not her name: the search box finds her by it, the
    # palette does not.
    assert any(f.hit.item_id == "lena-okafor" for f in finder.search("minister") or ())
    assert "lena-okafor" not in [m.target.item_id for m in goto.match("minister")]


def test_a_catalog_palette_knows_when_the_records_changed(catalog_goto) -> None:
    catalog, _, goto = catalog_goto
    assert not goto.stale
    catalog.refresh(jobs=1)  # nothing changed: the same records
    assert not goto.stale
    folder = Path(catalog.roots[1])
    river = (folder / "river-treaty.yaml").read_text(encoding="utf-8")
    (folder / "copy.yaml").write_text(river.replace("id: river-treaty", "id: copy"), "utf-8")
    catalog.refresh(jobs=1)  # a file came: the records are listed again
    assert goto.stale

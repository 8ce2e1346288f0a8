"""The positions matrix as read on screen: whole words, whole columns, and a detail in step."""

from __future__ import annotations

import re

import pytest

from briefing.library import Library, bundled_content_dir, load_library
from briefing.model import Section
from briefing.tui.app import BriefingApp
from briefing.tui.widgets.matrix import PositionsMatrix, fit_lines
from tests.tui.conftest import detail_text, make_app, region_text

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def bundled() -> Library:
    return load_library([bundled_content_dir()])


def words_of(library: Library) -> set[str]:
    """Every word a cell, a heading or a row's label can hold."""
    words: set[str] = set()
    for briefing in library.briefings:
        for text in (
            *(p.stance for p in briefing.positions),
            *(p.name for p in briefing.parties),
            *(i.title for i in briefing.issues),
        ):
            words.update(text.split())
    return words


def whole(word: str, known: set[str]) -> bool:
    """A word as written, one cut with "…" after a whole word, or one of the two halves of a
    hyphenated word folded at its hyphen."""
    return (
        word in known
        or (word.endswith("…") and word[:-1].rstrip(",;:") in known)
        or re.fullmatch(r"\+\d+", word) is not None
        or any(k.startswith(word) or k.endswith(word) for k in known if "-" in k and "-" in word)
        or any(k.endswith("-" + word) for k in known)
    )


def cut_words(app: BriefingApp, known: set[str]) -> list[str]:
    """The words on the matrix's lines that are not whole: cut at an edge or mid-word."""
    matrix = app.screen.query_one(PositionsMatrix)
    shown = " ".join(region_text(app, matrix.scrollable_content_region)).split()
    return [word for word in shown if not whole(word, known)]


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 50)], ids=str)
async def test_every_cell_reads_in_whole_words(bundled: Library, size: tuple[int, int]) -> None:
    known = words_of(bundled)
    for briefing in bundled.briefings:
        app = make_app(bundled, briefing_id=briefing.id, section=Section.POSITIONS)
        async with app.run_test(size=size) as pilot:
            await pilot.press("m")
            await pilot.pause()
            matrix = app.screen.query_one(PositionsMatrix)
            issues, parties = len(matrix.issues), len(matrix.parties)
            cut = []
            seen = set()
            for row in range(parties):
                for _ in range(issues - 1):
                    await pilot.press("right")
                    await pilot.pause()
                    cell = matrix.cell()
                    assert cell is not None
                    seen.add((cell.party.id, cell.issue.id))
                    cut += cut_words(app, known)
                if row < parties - 1:
                    await pilot.press("down", *["left"] * (issues - 1))
            assert cut == []
            # Every issue came into view, and the title says which of how many are shown.
            assert {issue for _, issue in seen} | {matrix.issues[0].id} == {
                issue.id for issue in matrix.issues
            }
            if matrix.shown < issues:
                assert re.search(rf"· issues? \d+(–\d+)? of {issues}", matrix.pane_title)


def test_a_long_stance_ends_at_a_word_with_an_ellipsis() -> None:
    stance = "Confirms that talks on a new ceasefire and the freeing of more hostages are under way"
    lines = fit_lines(stance, 20, 2)
    assert lines == ["Confirms that talks", "on a new ceasefire…"]
    assert fit_lines("short", 20, 2) == ["short"]
    # A word too long for the column folds at its hyphen.
    assert fit_lines("hostage-release deal", 10, 3) == ["hostage-", "release", "deal"]


async def test_leaving_the_matrix_from_an_empty_cell_shows_the_lists_row(
    bundled: Library,
) -> None:
    app = make_app(bundled, briefing_id="ceasefire-talks", section=Section.POSITIONS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        matrix = app.screen.query_one(PositionsMatrix)
        # Down and across to a cell with no position.
        for _ in range(len(matrix.parties) * len(matrix.issues)):
            cell = matrix.cell()
            assert cell is not None
            if not cell.positions:
                break
            await pilot.press(
                "right" if matrix.cursor_coordinate.column < matrix.shown - 1 else "down"
            )
            await pilot.pause()
        assert cell is not None and not cell.positions
        assert detail_text(app).startswith(f"{cell.party.name} has no recorded position")
        await pilot.press("m")
        await pilot.pause()
        items = app.screen.query_one("#items")
        row = items.rows[items.highlighted]
        assert row.issue.id == cell.issue.id
        assert detail_text(app).startswith(f"{row.party.name} on {row.issue.title}")

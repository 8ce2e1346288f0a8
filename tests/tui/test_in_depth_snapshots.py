"""SVG snapshots of reading in depth: the positions matrix, a party with its links to other
briefings, and a source with its cited spans marked. Update with `--snapshot-update` and look at
the report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.library import Library, load_library
from briefing.model import Section
from tests.tui.conftest import FIXTURES, make_app

SIZE = (120, 40)
REPO = Path(__file__).parents[2]
LINKED = [FIXTURES / "good" / "harbour-talks.yaml", FIXTURES / "links"]


@pytest.fixture
def linked(monkeypatch: pytest.MonkeyPatch) -> Library:
    monkeypatch.chdir(REPO)
    return load_library([path.relative_to(REPO) for path in LINKED])


def test_positions_matrix(snap_compare, linked: Library) -> None:
    app = make_app(linked, briefing_id="harbour-boats", section=Section.POSITIONS)
    assert snap_compare(app, press=["m", "l"], terminal_size=SIZE)


def test_party_with_links_to_other_briefings(snap_compare, linked: Library) -> None:
    app = make_app(linked, briefing_id="harbour-talks", item_id="southland")
    # The first link picked, to show how a picked link looks.
    assert snap_compare(app, press=["down"], terminal_size=SIZE)


def test_source_with_cited_spans_marked(snap_compare, linked: Library) -> None:
    app = make_app(linked, item_id="quote-gesture")
    assert snap_compare(app, press=["s"], terminal_size=SIZE)

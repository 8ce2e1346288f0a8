"""SVG snapshots of the reader on the fixture library: each section at 120x40 and 80x24, the help,
and a broken briefing. Update with `pytest tests/tui/test_snapshots.py --snapshot-update` and look
at the report before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.library import Library, load_library
from briefing.model import Section
from tests.tui.conftest import LIBRARY, make_app

SIZES = {"wide": (120, 40), "narrow": (80, 24)}
REPO = Path(__file__).parents[2]


@pytest.fixture
def library(monkeypatch: pytest.MonkeyPatch) -> Library:
    """The fixture library by paths relative to the repository, as shown in findings."""
    monkeypatch.chdir(REPO)
    return load_library([path.relative_to(REPO) for path in LIBRARY])


@pytest.mark.parametrize("size", SIZES, ids=str)
@pytest.mark.parametrize("section", list(Section), ids=lambda s: s.value)
def test_section(snap_compare, library: Library, section: Section, size: str) -> None:
    app = make_app(library, briefing_id="river-treaty", section=section)
    assert snap_compare(app, terminal_size=SIZES[size])


def test_item_open_in_two_panes(snap_compare, library: Library) -> None:
    app = make_app(library, item_id="q-westmark-vote")
    assert snap_compare(app, terminal_size=SIZES["narrow"])


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_broken_briefing(snap_compare, library: Library, size: str) -> None:
    app = make_app(library)
    assert snap_compare(app, press=["end", "enter", "down"], terminal_size=SIZES[size])


@pytest.mark.parametrize("size", SIZES, ids=str)
def test_help(snap_compare, library: Library, size: str) -> None:
    app = make_app(library)
    assert snap_compare(app, press=["tab", "question_mark"], terminal_size=SIZES[size])


def test_smallest_size(snap_compare, library: Library) -> None:
    app = make_app(library)
    assert snap_compare(app, terminal_size=(20, 6))

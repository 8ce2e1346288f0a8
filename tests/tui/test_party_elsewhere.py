"""A party's other briefings in its detail: the first few, "and N more", and every one on demand;
on a catalog, listed from the records without loading the briefings."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.library import Library, load_library
from briefing.links import Relation
from briefing.model import Section
from briefing.tui.app import BriefingApp
from briefing.tui.screens import in_depth
from briefing.tui.start import Start
from tests.tui.conftest import detail_text, make_app
from tests.tui.test_catalog_reader import COUNT, folder, warm_catalog  # noqa: F401
from tests.tui.test_in_depth import LINKED, follow

pytestmark = pytest.mark.anyio
SIZE = (120, 40)


def also_in(app: BriefingApp) -> list[str]:
    """The other briefings listed in the detail, by id ("+N" for "and N more")."""
    return [
        f"+{link.more}" if link.more else link.briefing_id
        for link in app.screen._shown_links
        if link.relation is Relation.ALSO_IN
    ]


async def test_and_n_more_lists_every_other_briefing_when_followed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(in_depth, "ELSEWHERE_LISTED", 0)
    library: Library = load_library(LINKED)
    app = make_app(library, briefing_id="harbour-talks", item_id="southland")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert also_in(app) == ["+1"]
        assert "and 1 more" in detail_text(app)
        await follow(pilot, app, lambda link: link.more > 0)
        # The same party, every other briefing listed; nothing was visited.
        assert also_in(app) == ["harbour-boats"]
        assert "The return of the fishing boats" in detail_text(app)
        assert "and 1 more" not in detail_text(app)
        assert app.screen.history.back(app.screen.here()) is None
        link = await follow(pilot, app, lambda link: link.relation is Relation.ALSO_IN)
        assert link.briefing_id == "harbour-boats"
        assert app.screen._briefing().id == "harbour-boats"


async def test_on_a_catalog_a_partys_other_briefings_load_none_of_them(
    folder: Path,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(in_depth, "ELSEWHERE_LISTED", 3)
    catalog = warm_catalog(folder, tmp_path)
    library = catalog.library()
    app = BriefingApp(library, Start(0, Section.PARTIES, "southland", "detail"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Every copy names Southland: three listed, the rest counted, titles from the records.
        assert also_in(app) == ["talks-1", "talks-2", "talks-3", f"+{COUNT - 4}"]
        assert "Talks number 3" in detail_text(app)
        assert catalog.loaded == 1
        await follow(pilot, app, lambda link: link.briefing_id == "talks-2")
        assert app.screen._briefing().id == "talks-2"
        assert catalog.loaded == 2

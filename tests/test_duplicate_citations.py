"""Two citations of the same words (same source, same span) are one citation: `validate` warns,
and the reader, the copied text and every export show it once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.export import export
from briefing.library import load_library
from briefing.plain import item_plain_text

from .conftest import FIXTURES

EXCERPT = "Northland insists the harbour stays closed until all fishing boats are returned"


@pytest.fixture
def doubled(tmp_path: Path) -> Path:
    """The harbour talks, its first position citing one passage twice (spaced differently)."""
    folder = tmp_path / "library"
    shutil.copytree(FIXTURES / "good", folder)
    path = folder / "harbour-talks.yaml"
    text = path.read_text(encoding="utf-8")
    line = f"      - excerpt: {EXCERPT}\n"
    again = f"      - excerpt: {EXCERPT.replace(' the ', '   the ')}\n"
    assert line in text
    path.write_text(text.replace(line, line + again, 1), encoding="utf-8")
    return folder


def test_validate_warns_where_the_second_one_is(
    doubled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(doubled)]) == 0
    out = capsys.readouterr().out
    assert "52:9: warning: this excerpt cites the same words of `harbour-article` as " in out
    assert "`positions[0].cites[0]`; it is shown once [duplicate-citation]" in out
    assert main(["validate", "--strict", str(doubled)]) == 1


def test_the_briefing_holds_it_once_and_every_rendering_shows_it_once(doubled: Path) -> None:
    (briefing,) = load_library([doubled]).briefings
    position = briefing.positions[0]
    assert [c.passage for c in position.citations] == [EXCERPT]
    assert item_plain_text(briefing, position).count(EXCERPT) == 1
    markdown = export(briefing, "md")
    assert markdown.count(f"“{EXCERPT}”") == 1
    html = export(briefing, "html")
    assert html.count('href="#_c') == export(
        load_library([FIXTURES / "good"]).briefings[0], "html"
    ).count('href="#_c')
    data = json.loads(export(briefing, "json"))
    assert len(data["positions"][0]["cites"]) == 1


@pytest.mark.anyio
async def test_the_reader_shows_it_once(doubled: Path) -> None:
    from briefing.model import Section
    from tests.tui.conftest import detail_text, make_app

    app = make_app(load_library([doubled]), section=Section.POSITIONS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        shown = detail_text(app)
        assert "[1]" in shown and "[2]" not in shown


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"

"""Settings in the reader: theme and keymap from the config file; every mistake a located notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.library import Library
from briefing.model import Section
from briefing.tui.app import BriefingApp
from briefing.tui.options import ReaderOptions
from briefing.tui.settings import binding_ids
from briefing.tui.start import Start
from tests.tui.conftest import focused_pane

pytestmark = pytest.mark.anyio
SIZE = (120, 36)


def reader(library: Library, config: str, tmp_path: Path) -> BriefingApp:
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    options = ReaderOptions(state_file=tmp_path / "state.json", config_file=path)
    return BriefingApp(library, Start(), options)


def notices(app: BriefingApp) -> list[str]:
    assert all(not n.markup for n in app._notifications)
    return [n.message for n in app._notifications]


def test_every_binding_id_of_the_reader_is_known() -> None:
    ids = binding_ids()
    for expected in (
        "briefing.quit",
        "briefing.next-pane",
        "briefing.section-figures",
        "briefing.close-help",
        "briefing.bookmark",
        "briefing.bookmarks",
        "briefing.edit",
        "briefing.close-bookmarks",
    ):
        assert expected in ids


async def test_a_keymap_rebinds_keys_by_binding_id(library: Library, tmp_path: Path) -> None:
    config = '[keymap]\n"briefing.next-pane" = "ctrl+n"\n"briefing.section-figures" = "x"\n'
    app = reader(library, config, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        assert notices(app) == []
        await pilot.press("ctrl+n")
        assert focused_pane(app) == "items"
        await pilot.press("x")
        assert app.screen.section is Section.FIGURES


async def test_the_theme_comes_from_the_config_file(library: Library, tmp_path: Path) -> None:
    app = reader(library, 'theme = "gruvbox"\n', tmp_path)
    async with app.run_test(size=SIZE):
        assert app.theme == "gruvbox"


async def test_an_unknown_binding_id_and_theme_are_located_notices(
    library: Library, tmp_path: Path
) -> None:
    written = 'theme = "nrod"\n\n[keymap]\n"briefing.next-pain" = "ctrl+n"\n"briefing.quit" = "Q"\n'
    app = reader(library, written, tmp_path)
    config = tmp_path / "config.toml"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        said = "\n".join(notices(app))
        assert f"{config}:4:1: no key binding has the id `briefing.next-pain`" in said
        assert "did you mean `briefing.next-pane`?" in said
        assert f"{config}:1:9: no theme is called `nrod`" in said
        assert app.theme == BriefingApp(library).theme
        # The entries that are right still apply.
        await pilot.press("Q")
    assert app.return_code == 0


async def test_a_config_that_is_not_toml_gives_the_defaults_and_a_notice(
    library: Library, tmp_path: Path
) -> None:
    app = reader(library, 'theme = "nord\n[keymap\n', tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (said,) = notices(app)
        assert f"{tmp_path / 'config.toml'}:1:" in said and "not valid TOML" in said
        await pilot.press("tab")
        assert focused_pane(app) == "items"


async def test_markup_in_a_config_file_is_shown_as_it_is(library: Library, tmp_path: Path) -> None:
    app = reader(library, '[keymap]\n"[@click=app.quit]x[/]" = "y"\n', tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("[@click=app.quit]x[/]" in m for m in notices(app))

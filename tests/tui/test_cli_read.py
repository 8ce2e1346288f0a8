"""`briefing read`, `briefing` and `briefing PATH`: arguments are checked before any screen."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from briefing.cli import main, with_default_command
from briefing.cli.read import open_library
from briefing.library import Library
from briefing.model import Section
from briefing.tui import app as tui_app
from briefing.tui.start import Start, locate
from tests.test_validate_cli import make_path
from tests.tui.conftest import FIXTURES, RIVER

COMMANDS = ("read", "validate", "list")
pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("given", "parsed"),
    [
        ([], ["read"]),
        (["content/"], ["read", "content/"]),
        (["--section", "quotes"], ["read", "--section", "quotes"]),
        (["list"], ["list"]),
        (["read", "list"], ["read", "list"]),
        (["--version"], ["--version"]),
        (["-h"], ["-h"]),
    ],
)
def test_a_bare_briefing_or_a_path_means_read(given: list[str], parsed: list[str]) -> None:
    assert with_default_command(given, COMMANDS) == parsed


def read_args(target: str | None, **options: object) -> argparse.Namespace:
    return argparse.Namespace(target=target, library=options.get("library"))


def test_an_existing_path_wins_over_a_command_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "list"
    folder.mkdir()
    (folder / "sources").mkdir()
    source = FIXTURES / "reader" / "river-treaty.yaml"
    (folder / source.name).write_text(source.read_text())
    (folder / "sources" / "river-treaty.txt").write_text(
        (FIXTURES / "reader" / "sources" / "river-treaty.txt").read_text()
    )
    monkeypatch.chdir(tmp_path)
    library, briefing_id = open_library(read_args("list"))
    assert [b.id for b in library.briefings] == ["river-treaty"]
    assert briefing_id is None


def test_an_id_opens_the_library_at_that_briefing() -> None:
    paths = [str(FIXTURES / "good"), str(FIXTURES / "reader")]
    library, briefing_id = open_library(read_args("river-treaty", library=paths))
    assert briefing_id == "river-treaty"
    assert locate(library, briefing_id=briefing_id) == Start(RIVER, Section.OVERVIEW, None, "items")


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the reader would be started."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the app was started")

    monkeypatch.setattr(tui_app.BriefingApp, "run", refuse)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["no/such/dir"], "briefing: no such file or directory: no/such/dir\n"),
        (["read", "missing.yaml"], "briefing: no such file or directory: missing.yaml\n"),
        (["read", "no-such-briefing"], "briefing: unknown briefing `no-such-briefing`"),
        (["--item", "no-such-item"], "briefing: no item with id `no-such-item`"),
    ],
)
def test_a_wrong_argument_is_one_line_and_exit_2_before_any_screen(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str], no_app: None
) -> None:
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(message)
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("kind", "said"), [("pair", "a symlink loop"), ("dangling", "a symlink to nothing")]
)
def test_a_link_that_cannot_be_followed_says_what_it_is(
    kind: str,
    said: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    no_app: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_path(tmp_path / "library", kind)
    monkeypatch.chdir(tmp_path)
    assert main(["read", "library"]) == 2  # a name that could be an id: a link is still a path
    assert capsys.readouterr().err == f"briefing: {said}: library\n"


def test_an_unknown_section_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["read", "--section", "gossip"])
    assert exit_.value.code == 2
    assert "no section `gossip`" in capsys.readouterr().err


def test_the_reader_needs_a_terminal(capsys: pytest.CaptureFixture[str], no_app: None) -> None:
    # Under pytest, stdin and stdout are not terminals.
    assert main(["read", str(FIXTURES / "reader")]) == 2
    assert "needs a terminal" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("options", "start"),
    [
        ({}, Start()),
        ({"briefing_id": "river-treaty"}, Start(RIVER, Section.OVERVIEW, None, "items")),
        ({"section": Section.QUOTES}, Start(0, Section.QUOTES, None, "items")),
        (
            {"item_id": "q-westmark-vote"},
            Start(RIVER, Section.QUESTIONS, "q-westmark-vote", "detail"),
        ),
    ],
)
def test_locate_finds_where_to_open(library: Library, options: dict, start: Start) -> None:
    assert locate(library, **options) == start


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"briefing_id": "river-treat"}, "no briefing with id `river-treat`; did you mean"),
        ({"item_id": "q-westmark-vot"}, "no item with id `q-westmark-vot`; did you mean"),
        (
            {"item_id": "q-westmark-vote", "section": Section.PARTIES},
            "item `q-westmark-vote` is in Questions, not Parties",
        ),
        ({"briefing_id": "harbour-talks", "item_id": "fig-share"}, "no item with id `fig-share`"),
    ],
)
def test_locate_names_what_is_unknown(library: Library, options: dict, message: str) -> None:
    with pytest.raises(LookupError, match=message.replace("`", ".")):
        locate(library, **options)


async def test_the_collector_paused_for_start_up_resumes_once_content_is_shown(
    library: Library,
) -> None:
    import gc

    from briefing.tui.app import BriefingApp

    gc.disable()
    try:
        app = BriefingApp(library, Start())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()

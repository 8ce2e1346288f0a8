"""Every command's output on the hostile corpus: no control character from content, ever.

`test_hostile.py` checks `validate`; this checks the rest of the command line. Checked per
character (UTF-8 continuation bytes are no C1 controls), with and without colour.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.cli import main

from .hostile import hostile_library
from .test_hostile import unsafe_in


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = hostile_library(tmp_path_factory.mktemp("corpus"))
    # Without the 10,000 figures (each command would load them again): shown once, on its own.
    small = root / "small"
    (small / "sources").mkdir(parents=True)
    for name in ("hostile-text", "long-quote"):
        shutil.copy(root / "text" / f"{name}.yaml", small)
        shutil.copy(root / "text" / "sources" / f"{name}.txt", small / "sources")
    return root


def small(corpus: Path) -> list[str]:
    return ["--library", str(corpus / "small")]


COMMANDS = {
    "list": lambda c: ["list", str(c / "yaml"), str(c / "small")],
    "list-json": lambda c: ["list", "--format", "json", str(c / "yaml"), str(c / "small")],
    "show": lambda c: ["show", "hostile-text", *small(c)],
    "show-long-quote": lambda c: ["show", "hostile-long-quote", *small(c)],
    "show-many-items": lambda c: ["show", "hostile-many-items", "--library", str(c / "text")],
    "export-md": lambda c: ["export", "hostile-text", "--to", "md", *small(c)],
    "export-html": lambda c: ["export", "hostile-text", "--to", "html", *small(c)],
    "export-json": lambda c: ["export", "hostile-text", "--to", "json", *small(c)],
    "search": lambda c: ["search", "click", "quit", *small(c)],
    "search-json": lambda c: ["search", "--format", "json", "passwd", *small(c)],
}


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("command", COMMANDS)
def test_no_command_writes_a_control_from_content(
    corpus: Path,
    command: str,
    colour: bool,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if colour and command == "show-many-items":
        pytest.skip("the same text as plain, ten thousand times: once is enough")
    monkeypatch.delenv("NO_COLOR", raising=False)
    if colour:
        monkeypatch.setenv("FORCE_COLOR", "1")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    argv = COMMANDS[command](corpus)
    status = main(argv)
    out, err = capsys.readouterr()
    assert status in (0, 1), err
    assert "Traceback" not in out + err
    assert unsafe_in(out + err) == []
    assert out
    if colour and command in ("list", "show", "search"):
        assert "\x1b[" in out, "no style codes: the colour case tests nothing"


def test_markup_in_content_is_printed_as_the_text_it_is(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "hostile-text", *small(corpus)]) == 0
    out = capsys.readouterr().out
    for markup in ("[@click=app.quit]x[/]", "[link=file:///etc/passwd]passwd[/link]", "[bold]"):
        assert markup in out

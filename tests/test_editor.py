"""Which command opens a briefing in the curator's editor."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.editor import NoEditor, editor_command, editor_name

FILE = Path("/b/harbour-talks.yaml")


@pytest.mark.parametrize(
    "editor", ["vi", "vim", "/usr/bin/nvim", "nano", "emacs -nw", "micro", "kak", "emacsclient -t"]
)
def test_terminal_editors_open_at_plus_line(editor: str) -> None:
    command = editor_command(FILE, 45, {"EDITOR": editor})
    assert command == [*editor.split(), "+45", str(FILE)]


@pytest.mark.parametrize("editor", ["code --wait", "codium -w", "/opt/Code.exe --wait"])
def test_vs_code_opens_with_goto(editor: str) -> None:
    assert editor_command(FILE, 7, {"VISUAL": editor})[-2:] == ["--goto", f"{FILE}:7"]


def test_helix_takes_file_colon_line() -> None:
    assert editor_command(FILE, 3, {"EDITOR": "hx"}) == ["hx", f"{FILE}:3"]


@pytest.mark.parametrize("line", [None, 0])
def test_without_a_line_only_the_file_is_given(line: int | None) -> None:
    assert editor_command(FILE, line, {"EDITOR": "vim"}) == ["vim", str(FILE)]


def test_an_unknown_editor_just_gets_the_file() -> None:
    assert editor_command(FILE, 12, {"EDITOR": "my-editor --flag"}) == [
        "my-editor",
        "--flag",
        str(FILE),
    ]


def test_visual_wins_over_editor_and_blank_counts_as_unset() -> None:
    assert editor_command(FILE, 2, {"VISUAL": "nano", "EDITOR": "vim"})[0] == "nano"
    assert editor_command(FILE, 2, {"VISUAL": "  ", "EDITOR": "vim"})[0] == "vim"


def test_a_quoted_editor_path_stays_one_word() -> None:
    command = editor_command(FILE, 9, {"EDITOR": "'/opt/my tools/vim' -u NONE"})
    assert command == ["/opt/my tools/vim", "-u", "NONE", "+9", str(FILE)]


@pytest.mark.parametrize("environ", [{}, {"EDITOR": ""}, {"VISUAL": " ", "EDITOR": "''"}])
def test_no_editor_set_says_which_variables_to_set(environ: dict[str, str]) -> None:
    with pytest.raises(NoEditor, match=r"\$VISUAL or \$EDITOR"):
        editor_command(FILE, 1, environ)


def test_editor_names() -> None:
    assert editor_name("/usr/local/bin/NVIM") == "nvim"
    assert editor_name("C:/Program Files/Code.exe") == "code"

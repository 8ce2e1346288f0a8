"""File and folder names are untrusted too: shown as visible escapes, never sent as controls.

A library whose files are named with escape sequences (one setting the terminal's title, one
colouring what follows) and with bytes that are not UTF-8: every command's output holds no
control character from a name, the names stay recognisable (`\\x1b`), and JSON keeps them
exactly. The reader is tried in a real terminal (tmux): its title is never set by a file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES

TITLE_SETTER = "\x1b]2;PWNED\x07.yaml"
COLOURED = "\x1b[31mred\x1b[0m.yaml"
NOT_UTF8 = os.fsdecode(b"caf\xe9.yaml")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("names") / "\x1b[7mlib"
    shutil.copytree(FIXTURES / "good" / "sources", folder / "sources")
    shutil.copy(FIXTURES / "good" / "harbour-talks.yaml", folder / TITLE_SETTER)
    (folder / COLOURED).write_text("id: [broken\n", encoding="utf-8")
    (folder / NOT_UTF8).write_text("id: also broken: [\n", encoding="utf-8")
    return folder


def run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def controls(data: bytes) -> list[int]:
    """The C0 and C1 control bytes in output, but newlines and tabs."""
    text = data.decode("utf-8")
    return [ord(c) for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F]


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["validate"],
        ["validate", "--strict"],
        ["search", "harbour", "--library"],
        ["show", "harbour-talks", "--library"],
    ],
    ids=" ".join,
)
def test_no_command_sends_a_control_from_a_name(library: Path, command: list[str]) -> None:
    done = run(*command, str(library))
    assert done.returncode in (0, 1), done.stderr
    assert controls(done.stdout) == [] and controls(done.stderr) == []
    said = (done.stdout + done.stderr).decode("utf-8")
    if command[0] in ("list", "validate"):
        # Recognisable: the escapes are written out.
        assert "\\x1b[31mred\\x1b[0m.yaml" in said and "caf\\xe9.yaml" in said
        assert "\\x1b[7mlib" in said


def test_json_keeps_every_name_exactly(library: Path) -> None:
    listed = json.loads(run("list", "--format", "json", str(library)).stdout)
    files = {Path(entry["file"]).name for entry in listed["briefings"]}
    assert files == {TITLE_SETTER, COLOURED}
    # A name that is not UTF-8 is not read, and said so, by its exact name (JSON escapes).
    (problem,) = listed["problems"]
    assert problem["code"] == "file-name-not-utf8" and Path(problem["file"]).name == NOT_UTF8
    report = json.loads(run("validate", "--format", "json", str(library)).stdout)
    assert {Path(entry["file"]).name for entry in report["files"]} == files
    assert [Path(f["file"]).name for f in report["other"]] == [NOT_UTF8]


def test_a_path_on_the_command_line_is_shown_escaped(tmp_path: Path) -> None:
    done = run("show", str(tmp_path / "\x1b]2;PWNED\x07.yaml"))
    assert done.returncode == 2
    assert controls(done.stderr) == [] and b"\\x1b]2;PWNED\\x07.yaml" in done.stderr


TMUX = shutil.which("tmux")


@pytest.mark.skipif(TMUX is None, reason="needs tmux")
def test_the_reader_never_lets_a_name_set_the_terminals_title(library: Path) -> None:
    from tests.tui.terminal import BRIEFING, Terminal

    terminal = Terminal(f"briefing-names-{os.getpid()}")
    terminal.start(f"{BRIEFING} --no-state {library} ; sleep 30", 120, 36)
    try:
        shown = terminal.wait_for(lambda screen: "Library" in screen)
        # Down the library, over each file, so that each name is drawn (and opened).
        terminal.tmux("send-keys", "-t", terminal.name, "Down", "Down", "Enter")
        # The file whose name is not text is left out, and said so, escaped.
        shown = terminal.wait_for(lambda screen: "caf\\xe9" in screen and "red" in screen)
        title = terminal.tmux("display-message", "-p", "-t", terminal.name, "#{pane_title}")
        assert "PWNED" not in title
        assert "\\x1b[31mred\\x1b[0m.yaml" in shown
        coloured = terminal.tmux("capture-pane", "-e", "-p", "-t", terminal.name)
        assert "\x1b[7mlib" not in coloured
    finally:
        terminal.close()

"""One rule for which library every command reads: the paths given, else `--library`, else the
current folder when its top level holds briefing files, else the bundled briefings; and every
report, and the reader's title, says which."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.library import bundled_content_dir, default_library, holds_briefings

from .conftest import FIXTURES


@pytest.fixture
def curator(tmp_path: Path) -> Path:
    """A curator's folder: one briefing at its top level, its source beside it."""
    folder = tmp_path / "my-briefings"
    shutil.copytree(FIXTURES / "good", folder)
    return folder


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )


def test_in_a_curators_folder_every_command_reads_it(curator: Path) -> None:
    validated = run(curator, "validate")
    assert validated.returncode == 0, validated.stderr
    assert "1 briefing file checked in the current folder: 0 errors" in validated.stdout
    listed = run(curator, "list")
    assert "harbour-talks" in listed.stdout and "ceasefire-talks" not in listed.stdout
    assert "1 briefing file in the current folder" in listed.stderr
    found = run(curator, "search", "harbour")
    assert found.returncode == 0 and "harbour-talks" in found.stdout
    assert "in the current folder" in found.stderr
    shown = run(curator, "show", "harbour-talks")
    assert shown.returncode == 0 and "Portville" in shown.stdout
    report = json.loads(run(curator, "validate", "--format", "json").stdout)
    assert report["library"] == ["."]
    assert json.loads(run(curator, "list", "--format", "json").stdout)["library"] == ["."]


def test_a_named_library_wins_over_the_current_folder(curator: Path) -> None:
    bundled = str(bundled_content_dir())
    done = run(curator, "validate", "--library", bundled)
    assert "3 briefing files checked in the bundled briefings" in done.stdout
    done = run(curator, "validate", str(FIXTURES / "reader"))
    assert f"checked in {FIXTURES / 'reader'}" in done.stdout
    listed = json.loads(run(curator, "list", "--format", "json", "--library", bundled).stdout)
    assert listed["library"] == [bundled]


def test_a_folder_of_other_yaml_is_not_a_library(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: docs\nnav: []\n", encoding="utf-8")
    (tmp_path / ".hidden.yaml").write_text("id: x\ntitle: y\n", encoding="utf-8")
    assert not holds_briefings(tmp_path)
    done = run(tmp_path, "validate")
    assert "3 briefing files checked in the bundled briefings" in done.stdout


def test_the_rule_itself(curator: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(curator)
    assert default_library() == [Path(".")]
    monkeypatch.chdir(curator.parent)
    assert default_library() == [bundled_content_dir()]


@pytest.mark.anyio
async def test_the_readers_title_says_which_library(
    curator: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.cli.read import open_library, reader_options
    from briefing.tui.app import BriefingApp
    from briefing.tui.start import Start
    from tests.tui.conftest import screen_lines

    monkeypatch.chdir(curator)
    args = argparse.Namespace(target=None, library=None, item=None, no_state=True)
    library, _ = open_library(args)
    app = BriefingApp(library, Start(), reader_options(args))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        top = screen_lines(app)[0]
        assert "Portville harbour talks" in top and top.rstrip().endswith("my-briefings/")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"

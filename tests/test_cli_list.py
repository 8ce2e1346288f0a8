"""`briefing list`: the table, its JSON, broken briefings, and which library is listed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefing.cli import main

from .conftest import FIXTURES

GOOD = FIXTURES / "good"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The good fixture, the hostile one, and a briefing with an error."""
    folder = tmp_path / "lib"
    shutil.copytree(GOOD, folder)
    shutil.copy(FIXTURES / "hostile" / "hostile.yaml", folder / "hostile.yaml")
    shutil.copy(FIXTURES / "hostile" / "sources" / "hostile.txt", folder / "sources")
    shutil.copy(FIXTURES / "bad" / "unknown-party.yaml", folder / "broken.yaml")
    return folder


def test_the_table_lists_each_briefing_on_one_plain_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "list", str(GOOD))
    assert (code, err) == (0, f"1 briefing file in {GOOD}\n")
    header, row = out.splitlines()
    assert header.split() == [
        "id", "title", "as", "of", "status", "parties", "positions", "questions"
    ]  # fmt: skip
    assert row.split() == [
        "harbour-talks", "The", "Portville", "harbour", "talks",
        "2024-03-04", "developing", "4", "2", "1",
    ]  # fmt: skip
    assert "\x1b" not in out


def test_broken_briefings_are_marked_by_more_than_colour(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    code, out, err = run(capsys, "list", str(library))
    assert code == 1
    broken = next(line for line in out.splitlines() if "broken.yaml" in line)
    assert broken.startswith("✗ broken.yaml")
    assert "1 error" in broken
    assert "briefing validate" in err


def test_titles_are_shown_as_written_never_as_markup(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    _, out, _ = run(capsys, "list", str(library))
    assert '<script>alert("title")</script> [@click=app.quit]x[/] &#27;[2J' in out


def test_the_json_lists_every_briefing_with_counts_and_errors(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    code, out, _ = run(capsys, "list", "--format", "json", str(library))
    assert code == 1
    data = json.loads(out)
    assert data["version"] == 1 and data["problems"] == []
    by_file = {Path(entry["file"]).name: entry for entry in data["briefings"]}
    assert by_file["harbour-talks.yaml"] == {
        "id": "harbour-talks",
        "title": "The Portville harbour talks",
        "as_of": "2024-03-04",
        "status": "developing",
        "file": str(library / "harbour-talks.yaml"),
        "ok": True,
        "errors": 0,
        "warnings": 0,
        "counts": {
            "issues": 1,
            "parties": 4,
            "positions": 2,
            "questions": 1,
            "timeline": 1,
            "figures": 2,
            "quotes": 1,
            "sources": 1,
        },
    }
    broken = by_file["broken.yaml"]
    assert (broken["id"], broken["ok"], broken["errors"], broken["counts"]) == (
        None,
        False,
        1,
        None,
    )


def test_a_positional_path_wins_over_library(
    capsys: pytest.CaptureFixture[str], library: Path
) -> None:
    _, out, _ = run(capsys, "list", "--format", "json", "--library", str(library), str(GOOD))
    assert [e["id"] for e in json.loads(out)["briefings"]] == ["harbour-talks"]
    _, out, _ = run(capsys, "list", "--format", "json", "--library", str(library))
    assert len(json.loads(out)["briefings"]) == 3


def test_the_bundled_library_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--format", "json")
    assert code in (0, 1)
    files = [Path(entry["file"]) for entry in json.loads(out)["briefings"]]
    assert all(path.parent.name == "content" for path in files)


def test_an_empty_library_says_so(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "list", str(tmp_path))
    assert code == 0
    assert "0 briefing files in" in err


def test_a_missing_path_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "no-such-folder")
    assert code == 2
    assert "no such file or directory: no-such-folder" in err

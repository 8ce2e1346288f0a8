"""`briefing validate`: the report, exit codes, JSON, strict mode, and nothing unsafe echoed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefing.cli import main

from .conftest import FIXTURES


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_clean_briefing_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(FIXTURES / "good"))
    assert code == 0
    assert f"1 briefing file checked in {FIXTURES / 'good'}: 0 errors, 0 warnings" in out


def test_errors_are_reported_with_location_line_and_caret(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = FIXTURES / "bad" / "unknown-party.yaml"
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{path}:40:12: error: unknown party `northlnd` [unknown-reference]"
    assert lines[1] == "  at positions[0].party"
    assert lines[2] == "  40 |     party: northlnd"
    assert lines[3] == "     |            ^"
    assert lines[4] == "  hint: did you mean `northland`?"


def test_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "validate",
        "--format",
        "json",
        str(FIXTURES / "bad" / "unknown-party.yaml"),
        str(FIXTURES / "good"),
    )
    assert code == 1
    report = json.loads(out)
    assert report["version"] == 1
    assert report["summary"] == {"files": 2, "errors": 1, "warnings": 0}
    bad, good = report["files"]
    assert bad["ok"] is False and bad["briefing"] is None
    (finding,) = bad["findings"]
    assert finding["line"] == 40 and finding["column"] == 12
    assert finding["code"] == "unknown-reference"
    assert good == {
        "file": str(FIXTURES / "good" / "harbour-talks.yaml"),
        "briefing": "harbour-talks",
        "ok": True,
        "findings": [],
    }


def test_strict_turns_warnings_into_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "good", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "harbour-talks.yaml"
    path.write_text(
        path.read_text().replace(
            "parties:\n", "parties:\n  - {id: westland, name: W, kind: state}\n"
        )
    )
    assert run(capsys, "validate", str(tmp_path))[0] == 0
    code, out, _ = run(capsys, "validate", "--strict", str(tmp_path))
    assert code == 1
    assert "error: party `westland` is not referenced" in out


def test_a_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", "no/such/place")
    assert code == 2
    assert out == ""
    assert err == "briefing: no such file or directory: no/such/place\n"


def test_nothing_unsafe_is_echoed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text('id: "\\e]52;c;aGk=\\a\\e[2J"\nsumary: [bold]x[/]\n')
    code, out, _ = run(capsys, "validate", "--format", "text", str(path))
    assert code == 1
    assert not any(char == "\x1b" or "\x80" <= char <= "\x9f" for char in out)
    assert "[bold]x[/]" in out  # shown literally, not interpreted


@pytest.mark.parametrize("command", [["validate"], ["schema"]])
def test_runs_as_a_module_and_never_shows_a_traceback(command: list[str]) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "briefing",
            *command,
            *([str(FIXTURES / "bad")] if command == ["validate"] else []),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1)


def test_schema_is_json_schema_of_the_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    defs = schema["$defs"]
    assert set(defs["BriefingDoc"]["required"]) >= {"format", "id", "title", "as_of", "status"}
    assert defs["PartyDoc"]["properties"]["kind"]["enum"]
    assert defs["BriefingDoc"]["additionalProperties"] is False


def test_a_folder_without_briefings_is_an_error_not_a_pass(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a briefing", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(empty))
    assert code == 1
    assert f"{empty}: error: no briefing files found in {empty} [no-briefing-files]" in out
    assert out.rstrip().endswith(f"0 briefing files checked in {empty}: 1 error, 0 warnings")
    code, out, _ = run(capsys, "validate", "--format", "json", str(empty))
    report = json.loads(out)
    assert code == 1 and report["files"] == []
    assert [f["code"] for f in report["other"]] == ["no-briefing-files"]


def make_path(at: Path, kind: str) -> None:
    if kind == "self":
        at.symlink_to(at)
    elif kind == "pair":
        (at.parent / "b").symlink_to(at)
        at.symlink_to(at.parent / "b")
    elif kind == "dangling":
        at.symlink_to(at.parent / "nowhere")


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("self", "a symlink loop"),
        ("pair", "a symlink loop"),
        ("dangling", "a symlink to nothing"),
        ("missing", "no such file or directory"),
    ],
)
def test_a_path_that_cannot_be_followed_says_what_it_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, said: str
) -> None:
    at = tmp_path / "a"
    make_path(at, kind)
    code, out, err = run(capsys, "validate", str(at))
    assert code == 2 and out == ""
    assert err.strip() == f"briefing: {said}: {at}"

"""`briefing export` and the id-or-path resolver: output, atomic files, errors and exit codes."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from briefing.cli import main, output
from briefing.cli.resolve import looks_like_id

from .conftest import FIXTURES

GOOD = FIXTURES / "good"
HARBOUR = GOOD / "harbour-talks.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_by_id_from_a_library_writes_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", "harbour-talks", "--library", str(GOOD), "--to", "md")
    assert (code, err) == (0, "")
    assert out.startswith("# The Portville harbour talks\n")


def test_export_by_path_needs_no_library(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", str(HARBOUR), "--to", "json")
    assert code == 0
    assert json.loads(out)["id"] == "harbour-talks"


def test_export_to_a_file_takes_the_format_from_its_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "page.html"
    code, out, _ = run(capsys, "export", str(HARBOUR), "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_resolved_json_has_the_extra_key(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", str(HARBOUR), "--to", "json", "--resolved")
    assert code == 0
    assert list(json.loads(out))[-1] == "resolved"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "md", "--resolved"], "--resolved applies to --to json only"),
        ([], "choose a format with --to"),
        (["-o", "out.txt"], "choose a format with --to"),
    ],
)
def test_usage_mistakes_exit_two(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "export", str(HARBOUR), *args)
    assert code == 2
    assert message in err


def test_an_unknown_id_lists_the_ids_with_a_did_you_mean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "export", "harbor-talks", "--library", str(GOOD), "--to", "md")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert "unknown briefing `harbor-talks`" in err
    assert "did you mean `harbour-talks`?" in err
    assert f"briefings in {GOOD}: harbour-talks" in err


def test_an_unknown_id_far_from_any_still_lists_the_ids(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    library = tmp_path / "lib"
    shutil.copytree(GOOD, library)
    shutil.copy(FIXTURES / "hostile" / "hostile.yaml", library / "hostile.yaml")
    shutil.copy(FIXTURES / "hostile" / "sources" / "hostile.txt", library / "sources")
    code, _, err = run(capsys, "export", "zzz", "--library", str(library), "--to", "md")
    assert code == 2
    assert "did you mean" not in err
    assert "harbour-talks, hostile-content" in err


def test_a_missing_file_or_library_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "no/such.yaml", "--to", "md")
    assert code == 2 and "no such briefing file: no/such.yaml" in err
    code, _, err = run(capsys, "export", "x", "--library", "no-such-folder", "--to", "md")
    assert code == 2 and "no such file or directory: no-such-folder" in err
    code, _, err = run(capsys, "export", str(GOOD), "--to", "md")
    assert code == 2 and "found a directory" in err


def test_a_briefing_with_errors_exits_one_by_path_and_by_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = FIXTURES / "bad" / "unknown-party.yaml"
    code, out, err = run(capsys, "export", str(broken), "--to", "md")
    assert (code, out) == (1, "")
    assert "has 1 error (unknown party `northlnd`)" in err
    assert f"briefing validate {broken}" in err
    # By id, a broken file is found by its name.
    library = tmp_path / "lib"
    shutil.copytree(GOOD, library)
    shutil.copy(broken, library / "harbour-talks.yaml")
    code, _, err = run(capsys, "export", "harbour-talks", "--library", str(library), "--to", "md")
    assert code == 1
    assert "has 1 error" in err


def test_ids_and_paths_are_told_apart_by_their_shape() -> None:
    assert looks_like_id("harbour-talks")
    for path in ("harbour-talks.yaml", "./harbour-talks", "a/b", "Harbour", "x.json"):
        assert not looks_like_id(path)


# --- atomic writing ------------------------------------------------------------------------------


def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "briefing.md"
    target.write_text("the old export\n", encoding="utf-8")
    written: list[Path] = []

    def fail_after_writing(fd: int) -> None:
        # Part of the data is in the temporary file when the disk fills up.
        written.extend(p for p in tmp_path.iterdir() if p != target)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "fsync", fail_after_writing)
    code, out, err = run(capsys, "export", str(HARBOUR), "--to", "md", "-o", str(target))
    assert code == 3
    assert out == ""
    assert err == f"briefing: cannot write {target}: No space left on device\n"
    assert written, "the export was being written to a temporary file"
    assert target.read_text(encoding="utf-8") == "the old export\n"
    assert sorted(tmp_path.iterdir()) == [target]


def test_a_failed_rename_leaves_no_new_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output.os, "replace", refuse)
    target = tmp_path / "new.json"
    code, _, err = run(capsys, "export", str(HARBOUR), "-o", str(target))
    assert code == 3
    assert "cannot write" in err and "Permission denied" in err
    assert list(tmp_path.iterdir()) == []


def test_writing_into_a_missing_folder_exits_three(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "export", str(HARBOUR), "--to", "md", "-o", str(tmp_path / "x/y.md"))
    assert code == 3
    assert err.startswith("briefing: cannot write")


def test_an_existing_file_keeps_its_permissions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "shared.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert run(capsys, "export", str(HARBOUR), "--to", "md", "-o", str(target))[0] == 0
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_text(encoding="utf-8").startswith("# The Portville")


def test_a_new_file_gets_the_usual_permissions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    umask = os.umask(0o022)
    try:
        target = tmp_path / "new.md"
        assert run(capsys, "export", str(HARBOUR), "--to", "md", "-o", str(target))[0] == 0
    finally:
        os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_every_command_has_help_with_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("list", "export", "validate"):
        with pytest.raises(SystemExit) as exit_:
            main([command, "--help"])
        assert exit_.value.code == 0
        out = capsys.readouterr().out
        assert "examples:" in out and "--library" in out

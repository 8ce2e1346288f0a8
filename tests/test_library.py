"""Libraries: discovery, cross-briefing checks, and one broken file never taking the rest down."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from briefing.library import bundled_content_dir, discover, load_library

from .conftest import FIXTURES


def two_copies(tmp_path: Path) -> tuple[Path, Path]:
    for name in ("a", "b"):
        shutil.copytree(FIXTURES / "good", tmp_path / name)
    return tmp_path / "a" / "harbour-talks.yaml", tmp_path / "b" / "harbour-talks.yaml"


def test_the_same_briefing_id_twice_is_an_error_in_both(tmp_path: Path) -> None:
    first, second = two_copies(tmp_path)
    library = load_library([tmp_path])
    assert library.briefings == ()
    for entry, other in ((library.entries[0], second), (library.entries[1], first)):
        (error,) = entry.errors
        assert error.code == "duplicate-briefing-id"
        assert str(other) in error.message
        id_line = entry.path.read_text().split("\n").index("id: harbour-talks") + 1
        assert (error.location.line, error.location.column) == (id_line, 5)


def test_one_party_id_with_two_names_is_a_warning(tmp_path: Path) -> None:
    first, second = two_copies(tmp_path)
    second.write_text(
        second.read_text()
        .replace("id: harbour-talks", "id: harbour-talks-2")
        .replace("name: Northland", "name: Republic of Northland")
    )
    library = load_library([tmp_path])
    assert len(library.briefings) == 2
    warnings = [f for f in library.findings if f.code == "party-name-differs"]
    assert len(warnings) == 2
    assert {w.file for w in warnings} == {first, second}
    assert library.appearances("northland") == library.briefings


def test_a_broken_briefing_does_not_take_the_library_down(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "good", tmp_path, dirs_exist_ok=True)
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n")
    library = load_library([tmp_path])
    assert [b.id for b in library.briefings] == ["harbour-talks"]
    broken = [e for e in library.entries if e.briefing is None]
    assert len(broken) == 1 and broken[0].errors[0].code == "yaml-syntax"


def test_discovery_survives_symlink_loops_and_unreadable_folders(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "good", tmp_path / "lib")
    (tmp_path / "lib" / "loop").symlink_to(tmp_path / "lib")
    locked = tmp_path / "lib" / "locked"
    locked.mkdir()
    (locked / "hidden.yaml").write_text("id: x\n")
    locked.chmod(0)
    try:
        files, problems = discover([tmp_path / "lib"])
    finally:
        locked.chmod(0o755)
    # The loop is not followed: each file is found once.
    assert tmp_path / "lib" / "harbour-talks.yaml" in files
    assert len(files) == len(set(files))
    assert not any("loop" in path.parts for path in files)
    if os.geteuid() != 0:  # root reads every directory
        assert files == [tmp_path / "lib" / "harbour-talks.yaml"]
        assert problems and problems[0].code == "unreadable-directory"


def test_bundled_content_is_found() -> None:
    assert (bundled_content_dir() / "sources" / "gaza-ceasefire-talks.txt").is_file()


@pytest.mark.parametrize("name", [".hidden.yaml", "notes.txt"])
def test_only_visible_yaml_files_are_briefings(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("x")
    assert discover([tmp_path])[0] == []


def unreadable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make `folder` refuse to be listed, as chmod 0 does for anyone but root."""
    real = os.scandir

    def scandir(path=".", *args, **kwargs):
        if os.path.abspath(path) == os.path.abspath(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_folder_is_a_problem_and_the_rest_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / "good", tmp_path / "lib")
    locked = tmp_path / "lib" / "locked"
    locked.mkdir()
    (locked / "hidden.yaml").write_text("id: x\n")
    (tmp_path / "lib" / "loop").symlink_to(tmp_path / "lib")
    unreadable(monkeypatch, locked)
    files, problems = discover([tmp_path / "lib"])
    assert files == [tmp_path / "lib" / "harbour-talks.yaml"]
    assert [(p.code, p.file) for p in problems] == [("unreadable-directory", locked)]
    assert "Permission denied" in problems[0].message
    library = load_library([tmp_path / "lib"])
    assert [b.id for b in library.briefings] == ["harbour-talks"]
    assert library.problems == tuple(problems)

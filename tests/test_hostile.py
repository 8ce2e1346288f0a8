"""Hostile input: located errors and never a crash; hostile text loaded, cleaned and inert."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import msgspec
import pytest

from briefing.cli import main
from briefing.library import Library, load_library
from briefing.loader import load_briefing

from . import hostile
from .hostile import HOSTILE, SPECIAL, Broken, broken_yaml, hostile_library, is_unsafe

BROKEN = broken_yaml()
# SGR (colour and style) is what a console may legitimately write to a terminal; anything else
# beginning with ESC, or any C1 control, came from content.
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_library(tmp_path_factory.mktemp("corpus"))


def unsafe_in(text: str) -> list[str]:
    """Unsafe characters, checked per character: UTF-8 continuation bytes are no C1 controls."""
    return sorted({f"U+{ord(c):04X}" for c in SGR.sub("", text) if is_unsafe(c)})


# --- the corpus ----------------------------------------------------------------------------------


def test_the_committed_corpus_is_what_the_generator_writes(tmp_path: Path) -> None:
    for relative, content in hostile.committed_files():
        committed = HOSTILE / relative
        assert committed.is_file(), f"run `python -m tests.hostile` to write {relative}"
        assert committed.read_bytes() == content, f"{relative} differs from the generator"


def test_the_corpus_covers_the_issues_list() -> None:
    contents = b"\n".join(b.content for b in BROKEN.values())
    for needle in (b"!!python/object/apply", b"&lol0", b"*a]", b"\x00", b"\xff", b"---\n"):
        assert needle in contents
    assert b"[" * 5000 in contents and b"9" * 5000 in contents
    assert b".nan" in contents and b"2024-02-30" in contents and b"\n1: one\nyes: true" in contents
    text = hostile.hostile("x")
    for needle in [*hostile.MARKUP, *hostile.ESCAPES, *hostile.BIDI, *hostile.ZERO_WIDTH]:
        assert needle in text
    assert text.endswith(hostile.UNTERMINATED_OSC)


# --- broken files: located errors, quickly ------------------------------------------------------


@pytest.mark.parametrize("name", BROKEN, ids=[n.removesuffix(".yaml") for n in BROKEN])
def test_a_hostile_file_gives_its_located_error_quickly(library_dir: Path, name: str) -> None:
    expected: Broken = BROKEN[name]
    path = library_dir / "yaml" / name
    started = time.perf_counter()
    result = load_briefing(path)
    took = time.perf_counter() - started
    assert took < 1.0, f"{name} took {took:.2f} s"
    assert result.briefing is None
    codes = [(f.code, (f.location.line, f.location.column)) for f in result.errors if f.location]
    if expected.at is None:
        assert expected.code in [code for code, _ in codes], result.errors
    else:
        assert (expected.code, expected.at) in codes, result.errors
    for finding in result.findings:
        assert finding.file == path
        assert not unsafe_in(finding.message + (finding.source_line or "") + (finding.hint or ""))


@pytest.mark.parametrize("name", SPECIAL)
def test_a_file_that_is_no_file_gives_an_error_not_a_hang(library_dir: Path, name: str) -> None:
    result = load_briefing(library_dir / "yaml" / name)
    (error,) = result.errors
    assert error.code == "unreadable-file" and error.file == library_dir / "yaml" / name


def test_a_fifty_megabyte_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "fifty-megabytes.yaml"
    hostile.write_huge(path)
    assert path.stat().st_size >= 50 * 1024 * 1024
    started = time.perf_counter()
    (error,) = load_briefing(path).errors
    assert time.perf_counter() - started < 1.0
    assert error.code == "unreadable-file" and "over the limit" in error.message


# --- validate: a report, never a traceback, never an escape --------------------------------------


@pytest.mark.parametrize("name", [*BROKEN, *SPECIAL])
def test_validate_reports_each_hostile_file_safely(
    library_dir: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = library_dir / "yaml" / name
    # A directory named on the command line is a library to search (here, an empty one: an
    # error, since nothing was checked); a link to nowhere is a usage error.
    status = 1 if path.exists() else 2
    for report in ("text", "json"):
        assert main(["validate", "--format", report, str(path)]) == status
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        assert unsafe_in(out + err) == []
        expected = BROKEN.get(name)
        if report == "text" and expected and expected.at:
            assert f"{path}:{expected.at[0]}:{expected.at[1]}: error" in out


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_validate_on_the_whole_corpus_writes_nothing_from_content_to_the_terminal(
    library_dir: Path, colour: bool
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    if colour:
        env["FORCE_COLOR"] = "1"  # style codes, as a terminal would get them
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "validate", str(library_dir)],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    out, err = done.stdout.decode(), done.stderr.decode()
    assert done.returncode == 1, err
    assert "Traceback" not in out + err
    assert unsafe_in(out + err) == []
    assert ("\x1b[" in out) == colour
    # Every broken file is reported; markup is printed as the text it is.
    for name in BROKEN:
        assert str(library_dir / "yaml" / name) in out
    assert "unknown key `[link=file:///etc/passwd]x[2J`" in out


# --- the valid hostile briefings -----------------------------------------------------------------


def strings_of(value: object, seen: set[int] | None = None):
    """Every string in a model object, following references."""
    seen = set() if seen is None else seen
    if isinstance(value, str):
        yield value
    elif id(value) in seen:
        return
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        seen.add(id(value))
        for item in dataclasses.fields(value):
            yield from strings_of(getattr(value, item.name), seen)
    elif isinstance(value, msgspec.Struct):
        seen.add(id(value))
        for name in value.__struct_fields__:
            yield from strings_of(getattr(value, name), seen)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            yield from strings_of(item, seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_of(key, seen)
            yield from strings_of(item, seen)


@pytest.fixture(scope="module")
def text_library(library_dir: Path) -> Library:
    return load_library([library_dir / "text"])


def test_the_hostile_text_briefings_load_cleaned(text_library: Library) -> None:
    library = text_library
    assert {b.id for b in library.briefings} == {
        "hostile-text",
        "hostile-long-quote",
        "hostile-many-items",
    }
    for entry in library.entries:
        assert entry.errors == ()
        assert "control-characters" in {f.code for f in entry.warnings}
        for text in strings_of(entry.briefing):
            assert unsafe_in(text) == [], entry.path
    # Cleaned, not emptied: what is legal text stays, exactly.
    briefing = library.by_id("hostile-text")
    assert briefing is not None
    for needle in ["[@click=app.quit]x[/]", "[link=file:///etc/passwd]", "[/", "[b", "\\[escaped]"]:
        assert needle in briefing.title
    for needle in [hostile.RTL, hostile.COMBINING, hostile.WIDE, "\u200d", "\u200b", "]52;c;"]:
        assert needle in briefing.title
        assert needle in briefing.quotes[0].quote
    assert briefing.quotes[0].located is not None


def test_the_largest_briefings_hold_what_they_promise(text_library: Library) -> None:
    library = text_library
    quote = library.by_id("hostile-long-quote").quotes[0]
    assert len(quote.quote) >= 90_000 and "\n" not in quote.quote
    assert quote.located is not None and quote.located.passage == quote.quote
    many = library.by_id("hostile-many-items")
    assert len(many.figures) == 10_000


def test_the_whole_corpus_loads_as_one_library_without_an_exception(library_dir: Path) -> None:
    library = load_library([library_dir])
    broken = {e.path.name for e in library.entries if e.briefing is None}
    assert set(BROKEN) <= broken
    assert len(library.briefings) == 3

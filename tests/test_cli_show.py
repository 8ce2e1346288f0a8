"""`briefing show`: sections in reader order, footnoted citations, plain text into a pipe."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from briefing.cli import main
from briefing.library import load_library
from briefing.model import Section

from .conftest import FIXTURES

GOOD = str(FIXTURES / "good" / "harbour-talks.yaml")


def show(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["show", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_section_in_reader_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = show(capsys, GOOD, "--width", "100")
    assert code == 0
    headings = [line.split(" ─")[0] for line in out.splitlines() if " ───" in line]
    assert headings == [section.title for section in Section] + ["Citations"]


def test_citations_are_numbered_footnotes_with_the_exact_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = show(capsys, GOOD, "--section", "figures", "--width", "200")
    assert "nearly 40 days the harbour has been closed" in out
    assert re.search(r"\[1\]$", out.split("Citations")[0].splitlines()[6]) or "[1]" in out
    notes = out.split("Citations")[1]
    assert "[1] Talks open on Portville harbour: “closed for nearly 40 days”" in notes
    assert "[2] Talks open on Portville harbour: “about 1,200 workers" in notes


def test_the_same_excerpt_keeps_one_number(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = show(capsys, GOOD, "--width", "200")
    notes = out.split("Citations ")[1].splitlines()[1:]
    assert len(notes) == len(set(n.split("] ", 1)[1] for n in notes))


def test_one_section_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = show(capsys, GOOD, "--section", "Quotes")
    assert code == 0
    assert out.startswith("Quotes ")
    assert "“frank and useful”" in out
    assert "Parties ─" not in out


def test_width_is_respected(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = show(capsys, GOOD, "--width", "40")
    assert max(len(line) for line in out.splitlines()) <= 40


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--section", "people"], "unknown section 'people'"),
        (["--width", "5"], "--width must be at least 20"),
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    code, out, err = show(capsys, GOOD, *args)
    assert code == 2 and out == ""
    assert message in err


def test_by_id_in_another_library(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = show(capsys, "harbour-talks", "--library", str(FIXTURES / "good"))
    assert code == 0 and "The Portville harbour talks" in out
    code, _, err = show(capsys, "harbour-talk", "--library", str(FIXTURES / "good"))
    assert code == 2 and "harbour-talks" in err


def test_into_a_pipe_there_is_no_escape_sequence_even_with_colour_forced_off() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "show", GOOD],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "TERM": "xterm-256color", "COLUMNS": "90"},
    )
    assert "\x1b" not in done.stdout
    assert "Northland" in done.stdout
    assert not [line for line in done.stdout.splitlines() if line != line.rstrip()]


def test_every_bundled_briefing_shows() -> None:
    for briefing in load_library([FIXTURES.parent.parent / "content"]).briefings:
        done = subprocess.run(
            [sys.executable, "-m", "briefing", "show", briefing.id],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert briefing.title in done.stdout

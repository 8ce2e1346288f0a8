"""A reader of the output that goes away (`briefing … | head -1`) is no failure of the command.

Each command is run with the reading end of its standard output already closed, so its first
write fails at once: its exit code must still be the one it would have given (0 for what was
found, 1 for errors found), with nothing on standard error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES

GOOD = str(FIXTURES / "good")
BAD = str(FIXTURES / "bad" / "unknown-party.yaml")


def run_into_closed_pipe(*args: str) -> tuple[int, str]:
    read, write = os.pipe()
    os.close(read)  # nobody will ever read: the first write fails with EPIPE
    try:
        done = subprocess.run(
            [sys.executable, "-m", "briefing", *args],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env={**os.environ, "COLUMNS": "100"},
        )
    finally:
        os.close(write)
    return done.returncode, done.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("search", "harbour", "--library", GOOD), 0),
        (("search", "harbour", "--library", GOOD, "--format", "json"), 0),
        (("list", GOOD), 0),
        (("list", GOOD, "--format", "json"), 0),
        (("validate", GOOD), 0),
        (("validate", BAD), 1),
        (("validate", BAD, "--format", "json"), 1),
        (("show", "harbour-talks", "--library", GOOD), 0),
        (("export", "harbour-talks", "--library", GOOD, "--to", "md"), 0),
        (("schema",), 0),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else str(value),
)
def test_a_closed_pipe_keeps_the_commands_own_exit_code(args: tuple[str, ...], code: int) -> None:
    returned, err = run_into_closed_pipe(*args)
    # Standard error says at most which library was read (list and search).
    assert returned == code and all(" in " in line for line in err.splitlines()), err


def test_the_documented_codes_for_search(tmp_path: Path) -> None:
    common = subprocess.run(
        [sys.executable, "-m", "briefing", "search", "of", "the", "--library", GOOD],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert common.returncode == 2, common.stderr
    assert "common words (of, the) are ignored" in common.stderr

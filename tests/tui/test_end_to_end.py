"""The installed `briefing` in a real terminal (tmux): start, navigate by keys, read, quit."""

from __future__ import annotations

import os
from pathlib import Path

from tests.tui.conftest import FIXTURES
from tests.tui.terminal import BRIEFING, NEEDS_TERMINAL, Terminal, wait_for_file

pytestmark = NEEDS_TERMINAL


def test_read_the_questions_of_the_second_briefing_and_quit(tmp_path: Path) -> None:
    terminal = Terminal(f"briefing-e2e-{os.getpid()}")
    status = tmp_path / "status"
    command = (
        f"{BRIEFING} read --library {FIXTURES / 'good'} --library {FIXTURES / 'reader'}"
        f"; echo $? > {status}; sleep 30"
    )
    terminal.start(command, 120, 40)
    try:
        first = terminal.wait_for(lambda s: "Library" in s and "harbour talks" in s)
        assert "The Portville harbour talks — as of 2024-03-04 · developing" in first

        terminal.keys("]")
        terminal.wait_for(lambda s: "The Silver River treaty — as of 2024-05-14" in s)
        terminal.keys("4")
        screen = terminal.wait_for(lambda s: "▶ Questions (2)" in s and "Why it matters" in s)
        assert "Will Westmark's parliament" in screen
        # The row wraps after the unread mark.
        assert "When will Eastmark's" in screen
        assert "Why it matters: Without both parliaments" in screen

        terminal.keys("q")
        assert wait_for_file(status) == "0"
        # The terminal is given back: the reader's screen is gone.
        assert "Questions (2)" not in terminal.screen()
    finally:
        terminal.close()

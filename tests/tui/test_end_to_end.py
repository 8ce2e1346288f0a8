"""The installed `briefing` in a real terminal (tmux): start, navigate by keys, read, quit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.tui.conftest import FIXTURES

TMUX = shutil.which("tmux")
BRIEFING = Path(sys.executable).with_name("briefing")

pytestmark = [
    pytest.mark.skipif(
        TMUX is None, reason="tmux is not installed; the end-to-end test needs a real terminal"
    ),
    pytest.mark.skipif(not BRIEFING.exists(), reason="the `briefing` command is not installed"),
]


class Terminal:
    """A detached tmux session on a private server, driven by keys and read as text."""

    def __init__(self, name: str) -> None:
        assert TMUX is not None
        # A socket of our own and no user configuration: nothing else can interfere.
        self.base = [TMUX, "-L", name, "-f", os.devnull]
        self.name = name

    def tmux(self, *args: str) -> str:
        # COLUMNS and LINES from the test run would override the terminal's real size.
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        done = subprocess.run(
            [*self.base, *args], capture_output=True, text=True, check=True, timeout=10, env=env
        )
        return done.stdout

    def start(self, command: str, width: int, height: int) -> None:
        size = ["-x", str(width), "-y", str(height)]
        self.tmux("new-session", "-d", "-s", self.name, *size, command)

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", self.name, "-l", key)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def wait_for(self, ready: Callable[[str], bool], timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if ready(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; the screen shows:\n{screen}")
            time.sleep(0.1)

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True, check=False)


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
        deadline = time.monotonic() + 10
        while not status.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert status.read_text().strip() == "0"
        # The terminal is given back: the reader's screen is gone.
        assert "Questions (2)" not in terminal.screen()
    finally:
        terminal.close()

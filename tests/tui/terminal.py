"""A real terminal for the tests: `briefing` run in tmux, driven by keys and read as text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
BRIEFING = Path(sys.executable).with_name("briefing")

NEEDS_TERMINAL = [
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


def wait_for_file(path: Path, timeout: float = 10) -> str:
    """The text of a file a command in the terminal writes when it ends (its exit status)."""
    deadline = time.monotonic() + timeout
    while not path.exists() or not path.read_text().strip():
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} was not written")
        time.sleep(0.1)
    return path.read_text().strip()

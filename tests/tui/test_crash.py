"""A crash in the reader: the terminal is given back, usable, and the exit status says so."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from briefing.cli.common import EXIT_CRASH
from tests.tui.conftest import FIXTURES
from tests.tui.terminal import NEEDS_TERMINAL, Terminal, wait_for_file

pytestmark = NEEDS_TERMINAL

# The reader as `briefing` runs it, with a fault put in its first screen.
CRASHING_READER = """
import sys
from briefing.tui.screens.reader import ReaderScreen

def fault(self):
    raise RuntimeError("a fault planted by the test")

ReaderScreen.on_mount = fault
from briefing.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_crash_exits_non_zero_and_leaves_the_terminal_usable(tmp_path: Path) -> None:
    script = tmp_path / "crash.py"
    script.write_text(CRASHING_READER)
    status, settings = tmp_path / "status", tmp_path / "stty"
    terminal = Terminal(f"briefing-crash-{os.getpid()}")
    command = (
        f"{sys.executable} {script} read --library {FIXTURES / 'good'} 2>{tmp_path / 'err'}"
        f"; echo $? > {status}; stty -a > {settings}; echo THE-SHELL-IS-BACK; sleep 30"
    )
    terminal.start(command, 100, 30)
    try:
        assert wait_for_file(status, timeout=30) == str(EXIT_CRASH)
        # Echo and line editing are on again, and the reader's screen is gone.
        modes = wait_for_file(settings).split()
        assert "echo" in modes and "icanon" in modes
        screen = terminal.wait_for(lambda s: "THE-SHELL-IS-BACK" in s)
        assert "Library" not in screen
        assert "a fault planted by the test" in (tmp_path / "err").read_text()
    finally:
        terminal.close()

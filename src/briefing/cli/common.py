"""What the commands share: exit codes, errors, paths and the console."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from briefing.text import show_path, terminal_safe

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType

EXIT_OK = 0
EXIT_CONTENT = 1
EXIT_USAGE = 2
EXIT_WRITE = 3
# The program failed in a way it should not (a bug): sysexits' EX_SOFTWARE, apart from the
# codes a script acts on.
EXIT_CRASH = 70


class CommandError(Exception):
    """A command cannot go on: one line on stderr, and `exit_code`."""

    exit_code = EXIT_CONTENT


class UsageError(CommandError):
    """A mistake in how the command was called: one line on stderr, exit code 2."""

    exit_code = EXIT_USAGE


class WriteError(CommandError):
    """The output could not be written: one line on stderr, exit code 3."""

    exit_code = EXIT_WRITE


def existing_paths(paths: list[str]) -> list[Path]:
    """The paths as given, or a usage error naming the first that does not exist."""
    checked = []
    for name in paths:
        path = Path(name)
        if not path.exists():
            raise UsageError(f"{missing_what(path)}: {show_path(name)}")
        checked.append(path)
    return checked


def missing_what(path: Path) -> str:
    """What a path that cannot be followed is: a symlink loop, a broken symlink, or nothing."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "a symlink loop"
    if path.is_symlink():
        return "a symlink to nothing"
    return "no such file or directory"


def silence(stream: TextIO) -> None:
    """Send the rest of a stream's output nowhere: its reader went away (`| head`).

    Not an error: the command goes on to its own exit code (`validate | head` still says
    whether there were errors), and Python's last flush at exit finds nothing to complain of.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stream.fileno())
    finally:
        os.close(devnull)


def console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console that writes no colour or escape sequence unless it writes to a terminal."""
    # Imported here: `briefing` imports little before it pauses the collector (see cli.main).
    from rich.console import Console
    from rich.segment import Segment

    class QuietOnClose(Console):
        def on_broken_pipe(self) -> None:
            # Rich exits with status 1 here: a closed pipe is no failure of the command.
            self.quiet = True
            silence(stream)

        def render(self, renderable: RenderableType, options: ConsoleOptions | None = None):
            # Whatever a command prints is neutralised on its way out, whatever it was made
            # of: no escape sequence reaches the terminal but the styles' own.
            for segment in super().render(renderable, options):
                if segment.control or (segment.text.isascii() and segment.text.isprintable()):
                    yield segment
                else:
                    yield Segment(terminal_safe(segment.text), segment.style, segment.control)

    stream = sys.stderr if stderr else sys.stdout
    return QuietOnClose(
        file=stream,
        width=width,
        highlight=False,
        markup=False,
        emoji=False,
        no_color=bool(os.environ.get("NO_COLOR")) or None,
        soft_wrap=False,
    )


def positive_int(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number

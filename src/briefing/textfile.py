"""Reading a text file that a stranger may have sent: never blocking, never too big, UTF-8.

Kept apart from the YAML reader so that what only reads text (source texts, the cache, the
settings) does not load a YAML parser.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from briefing.findings import BriefingError, Finding, Location, Severity

# The largest source text a briefing may cite.
MAX_SOURCE_BYTES = 16 * 1024 * 1024


def read_text_file(path: Path, *, max_bytes: int, what: str) -> str:
    """A regular UTF-8 file's text, without ever blocking on a FIFO or device."""

    def fail(message: str, location: Location | None = None, hint: str | None = None) -> None:
        raise BriefingError(
            Finding(
                severity=Severity.ERROR,
                code="unreadable-file",
                message=message,
                file=path,
                location=location,
                hint=hint,
            )
        )

    try:
        # O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        fail(f"no such {what} file")
    except IsADirectoryError:
        fail(f"expected a {what} file, found a directory")
    except OSError as error:
        fail(f"cannot open the {what} file: {error.strerror or error}")
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            fail(f"expected a {what} file, found a directory")
        if not stat.S_ISREG(info.st_mode):
            fail(f"expected a {what} file, found a special file (FIFO, socket or device)")
        if info.st_size > max_bytes:
            fail(
                f"the {what} file is {info.st_size:,} bytes, over the limit of {max_bytes:,}",
                hint="split it into several files",
            )
        with os.fdopen(fd, "rb", closefd=True) as stream:
            fd = -1
            raw = stream.read(max_bytes + 1)
    except OSError as error:
        fail(f"cannot read the {what} file: {error.strerror or error}")
    finally:
        if fd >= 0:
            os.close(fd)
    if len(raw) > max_bytes:
        fail(f"the {what} file is over the limit of {max_bytes:,} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        fail(
            f"the {what} file is not valid UTF-8 (byte 0x{raw[error.start]:02x})",
            Location(line=line, column=column),
            hint="save the file as UTF-8",
        )
    return text.removeprefix("\ufeff").replace("\r\n", "\n")

"""Writing a command's output: to stdout, or to a file replaced atomically.

A file is written to a temporary file beside it, flushed to disk, then renamed over the target:
readers see the old file or the new one, never half of one, and a failure leaves no trace.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

from briefing.cli.common import WriteError, silence
from briefing.text import sanitise, show_path


def write_output(text: str, path: Path | None) -> None:
    """`text` as UTF-8 to `path`, or to stdout when `path` is None."""
    data = text.encode("utf-8")
    if path is None:
        try:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            silence(sys.stdout)
        return
    try:
        write_atomically(path, data)
    except OSError as error:
        reason = error.strerror or str(error)
        raise WriteError(f"cannot write {show_path(path)}: {sanitise(reason)}") from None


def write_json(data: object, *, sort_keys: bool = False) -> None:
    """A report as JSON on stdout: UTF-8 whatever the locale, indented, one newline after.

    Names are kept exactly: control characters are JSON escapes (as `json` writes them), and so
    are the lone surrogates that stand for bytes of a file name that are not UTF-8 (which UTF-8
    cannot carry; `json.loads` reads them back)."""
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys)
    write_output(_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n", None)


_SURROGATE = re.compile("[\ud800-\udfff]")


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step. Raises OSError, leaving `path` as it was."""
    if path.is_dir():
        raise IsADirectoryError(21, "it is a directory", str(path))
    folder = path.parent
    fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(folder)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 less umask)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the system allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

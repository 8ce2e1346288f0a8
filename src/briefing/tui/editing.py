"""Opening the current briefing in the curator's editor, with the reader suspended meanwhile.

The reader does not reload by itself on return: live reload sees the saved file, as it would
an edit made in another terminal, so both ways of editing show the same result.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from textual.app import App, SuspendNotSupported

from briefing.editor import NoEditor, editor_command


def open_in_editor(app: App[object], path: Path, line: int | None) -> bool:
    """Run the editor on `path` at `line` with the app suspended; False (and a notice) if not."""
    try:
        command = editor_command(path, line)
    except NoEditor as error:
        app.notify(str(error), title="No editor", severity="warning", markup=False)
        return False
    except ValueError as error:
        app.notify(
            f"$VISUAL or $EDITOR cannot be read: {error}",
            title="No editor",
            severity="warning",
            markup=False,
        )
        return False
    try:
        with app.suspend():
            done = _run(command)
    except SuspendNotSupported:
        app.notify(
            "The editor cannot take over this terminal (the reader cannot be suspended here).",
            title="No editor",
            severity="warning",
            markup=False,
        )
        return False
    if isinstance(done, OSError):
        app.notify(
            f"Could not start {command[0]}: {done.strerror or done}",
            title="Editor",
            severity="error",
            markup=False,
        )
        return False
    if done != 0:
        app.notify(f"{command[0]} exited with status {done}.", title="Editor", markup=False)
    return True


def _run(command: list[str]) -> int | OSError:
    try:
        return subprocess.call(command)
    except OSError as error:
        return error

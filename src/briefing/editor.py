"""Which command opens a briefing in the curator's editor, at a line.

`$VISUAL` wins over `$EDITOR`, as for most Unix programs. Editors differ in how they take a line:
most terminal editors take `+LINE` before the file, VS Code wants `--goto FILE:LINE`, a few take
`FILE:LINE`. An editor we do not know gets just the file: opening at the top beats a command it
cannot parse.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Mapping
from pathlib import Path, PurePath

EDITOR_VARIABLES = ("VISUAL", "EDITOR")

# Editors that open at `+LINE FILE`.
PLUS_LINE = frozenset(
    {
        "vi",
        "vim",
        "nvim",
        "gvim",
        "view",
        "vim.basic",
        "vim.tiny",
        "nano",
        "rnano",
        "pico",
        "emacs",
        "emacsclient",
        "mg",
        "micro",
        "kak",
        "kakoune",
        "joe",
        "jed",
        "ne",
        "mcedit",
    }
)
# Editors that open at `--goto FILE:LINE`.
GOTO_OPTION = frozenset({"code", "code-insiders", "codium", "vscodium", "cursor"})
# Editors that open at `FILE:LINE`.
COLON_LINE = frozenset({"hx", "helix", "subl", "sublime_text", "zed"})


class NoEditor(LookupError):
    """Neither `$VISUAL` nor `$EDITOR` names an editor."""


def editor_command(
    path: Path, line: int | None = None, environ: Mapping[str, str] | None = None
) -> list[str]:
    """The command that opens `path` at `line` (1-based) in the curator's editor.

    Raises NoEditor when no editor is set, and ValueError when the variable cannot be split
    into words (an unclosed quote).
    """
    environ = os.environ if environ is None else environ
    setting = next(
        (environ[name] for name in EDITOR_VARIABLES if environ.get(name, "").strip()), ""
    )
    if not setting:
        raise NoEditor("set $VISUAL or $EDITOR to the editor to use, e.g. EDITOR=nano")
    words = shlex.split(setting)
    if not words or not words[0]:
        raise NoEditor("set $VISUAL or $EDITOR to the editor to use, e.g. EDITOR=nano")
    name = editor_name(words[0])
    file = str(path)
    if line is None or line < 1:
        return [*words, file]
    if name in PLUS_LINE:
        return [*words, f"+{line}", file]
    if name in GOTO_OPTION:
        return [*words, "--goto", f"{file}:{line}"]
    if name in COLON_LINE:
        return [*words, f"{file}:{line}"]
    return [*words, file]


def editor_name(program: str) -> str:
    """`/usr/bin/vim` -> `vim`; `Code.exe` -> `code`."""
    name = PurePath(program).name.lower()
    return name.removesuffix(".exe")

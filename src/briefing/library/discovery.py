"""Where a library's briefing files are: the folders searched, the files kept or left out, and
which library a command reads when none is named."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from briefing.findings import Finding, Severity
from briefing.text import show_path

BRIEFING_SUFFIXES = (".yaml", ".yml")
# The lone surrogates that stand for bytes of a file name that are not UTF-8.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def bundled_content_dir() -> Path:
    """The briefings that ship with the program.

    An installed wheel carries them inside the package; a source checkout keeps them in
    `content/` at the repository root, the one place they are edited.
    """
    package = Path(__file__).resolve().parent.parent
    shipped = package / "content"
    if shipped.is_dir():
        return shipped
    return package.parent.parent / "content"


# A briefing file's own keys, at the start of a line: what tells one from any other YAML file.
_BRIEFING_KEYS = (re.compile(r"^id:", re.MULTILINE), re.compile(r"^title:", re.MULTILINE))
# Enough of a file to find its first keys in.
_HEAD_BYTES = 64 * 1024


def holds_briefings(folder: Path) -> bool:
    """Whether a folder's top level has a briefing file: a `.yaml` or `.yml` file whose first
    keys include `id` and `title` (a curator's folder, not any folder with a YAML file)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return False
    for name in names:
        if name.startswith(".") or not name.endswith(BRIEFING_SUFFIXES):
            continue
        try:
            with open(folder / name, "rb") as stream:
                head = stream.read(_HEAD_BYTES).decode("utf-8", "replace")
        except OSError:
            continue
        if all(key.search(head) for key in _BRIEFING_KEYS):
            return True
    return False


def default_library() -> list[Path]:
    """The library when none is named: the current folder if it holds briefing files (a
    curator at work in it), else the bundled briefings."""
    here = Path(".")
    return [here] if holds_briefings(here) else [bundled_content_dir()]


def describe_library(paths: Sequence[Path]) -> str:
    """Which library, in words for a report: `the bundled briefings`, `the current folder`, or
    its paths (shown safely)."""
    bundled = bundled_content_dir()
    named = []
    for path in paths:
        if path == bundled:
            named.append("the bundled briefings")
        elif path == Path("."):
            named.append("the current folder")
        else:
            named.append(show_path(path))
    return ", ".join(named)


def library_label(paths: Sequence[Path]) -> str:
    """Which library, in a word for a title: `bundled`, a folder's name (`my-briefings/`), a
    file's name; the first and how many more for several."""
    if not paths:
        return ""
    first = paths[0]
    if first == bundled_content_dir():
        label = "bundled"
    else:
        folder = first.is_dir()
        name = Path(os.path.abspath(first)).name or str(first)
        label = show_path(name) + ("/" if folder else "")
    return label + (f" +{len(paths) - 1}" if len(paths) > 1 else "")


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Finding]]:
    """The briefing files under `paths`, in a stable order, and problems met on the way.

    A directory is searched recursively without following links to directories, so a symlink
    loop cannot trap the search; an unreadable directory is reported, not fatal.
    """
    files: list[Path] = []
    problems: list[Finding] = []

    def readable_name(file: Path) -> bool:
        if not _NOT_UTF8.search(str(file)):
            return True
        # Bytes that are not UTF-8 (os.fsdecode's surrogates) cannot be shown, cached or
        # written to JSON as the name they are: said, and left out.
        problems.append(
            Finding(
                severity=Severity.ERROR,
                code="file-name-not-utf8",
                message="the file's name is not UTF-8 text; it is not read",
                file=file,
                hint="rename the file (or its folder) with a UTF-8 name",
            )
        )
        return False

    for path in paths:
        if not path.is_dir():
            if readable_name(path):
                files.append(path)
            continue

        def report(error: OSError) -> None:
            problems.append(
                Finding(
                    severity=Severity.ERROR,
                    code="unreadable-directory",
                    message=f"cannot read the directory: {error.strerror or error}",
                    file=Path(error.filename) if error.filename else None,
                )
            )

        found = []
        root = Path(os.path.realpath(path))
        for folder, dirs, names in os.walk(path, onerror=report):
            dirs.sort()
            for name in sorted(names):
                if not name.endswith(BRIEFING_SUFFIXES) or name.startswith("."):
                    continue
                file = Path(folder, name)
                if not readable_name(file):
                    continue
                # (realpath, unlike resolve, does not raise on a symlink loop: it is read, and
                # reported as one.)
                if file.is_symlink() and not Path(os.path.realpath(file)).is_relative_to(root):
                    # As for sources: a link out of the library is not followed (it could show
                    # a line of any file the reader can read).
                    problems.append(
                        Finding(
                            severity=Severity.ERROR,
                            code="link-outside",
                            message="the briefing file is a link to a file outside the library;"
                            " it is not read",
                            file=file,
                            hint="copy the briefing into the library, or point --library at it",
                        )
                    )
                    continue
                found.append(file)
        files += found
    return files, problems

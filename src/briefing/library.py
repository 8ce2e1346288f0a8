"""A library: the briefings found under one or more paths, loaded and checked together."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from msgspec.structs import replace

from briefing.findings import Finding, Location, Severity, line_excerpt
from briefing.loader import LoadResult, load_briefing
from briefing.model import Briefing
from briefing.text import show_path

if TYPE_CHECKING:
    from briefing.cache import LibraryCache

BRIEFING_SUFFIXES = (".yaml", ".yml")
# The lone surrogates that stand for bytes of a file name that are not UTF-8.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def bundled_content_dir() -> Path:
    """The briefings that ship with the program.

    An installed wheel carries them inside the package; a source checkout keeps them in
    `content/` at the repository root, the one place they are edited.
    """
    package = Path(__file__).resolve().parent
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


class Library(msgspec.Struct, frozen=True):
    entries: tuple[LoadResult, ...]
    # Problems that belong to no single briefing file (an unreadable directory).
    problems: tuple[Finding, ...] = ()

    @property
    def briefings(self) -> tuple[Briefing, ...]:
        return tuple(entry.briefing for entry in self.entries if entry.briefing is not None)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.problems + tuple(f for entry in self.entries for f in entry.findings)

    def by_id(self, briefing_id: str) -> Briefing | None:
        return next((b for b in self.briefings if b.id == briefing_id), None)

    def appearances(self, party_id: str) -> tuple[Briefing, ...]:
        """Every briefing in which a party with this id appears."""
        return tuple(b for b in self.briefings if b.party(party_id) is not None)


def load_library(
    paths: Sequence[Path], *, cache: LibraryCache | None = None, jobs: int = 1
) -> Library:
    """Load every briefing under `paths`: through the on-disk `cache` if given, and with `jobs`
    processes when there are many files (see `briefing.bulk`)."""
    files, problems = discover(paths)
    if cache is None and jobs == 1:
        return check_library([load_briefing(path) for path in files], problems)
    from briefing.bulk import load_results

    return check_library(load_results(files, cache, jobs=jobs), problems)


class Outline(msgspec.Struct, frozen=True):
    """What the checks across a library need of one briefing that loaded."""

    path: Path
    id: str
    # (id, name) of each party.
    party_names: tuple[tuple[str, str], ...]
    # Where each item starts in the file, by item id ("" for the briefing's own id).
    locations: Mapping[str, Location]

    @classmethod
    def of(cls, briefing: Briefing, path: Path) -> Outline:
        return cls(
            path, briefing.id, tuple((p.id, p.name) for p in briefing.parties), briefing.locations
        )


def check_library(entries: Sequence[LoadResult], problems: Sequence[Finding] = ()) -> Library:
    """Add the findings that need the whole library: shared ids and party names."""
    extra, broken = cross_check([Outline.of(e.briefing, e.path) for e in entries if e.briefing])
    checked = tuple(
        replace(
            entry,
            findings=entry.findings + tuple(extra.get(entry.path, ())),
            briefing=None if entry.path in broken else entry.briefing,
        )
        if entry.path in extra
        else entry
        for entry in entries
    )
    return Library(checked, tuple(problems))


def cross_check(outlines: Sequence[Outline]) -> tuple[dict[Path, list[Finding]], set[Path]]:
    """The findings across briefings, by file, and the files they make unusable."""
    extra: dict[Path, list[Finding]] = defaultdict(list)
    broken: set[Path] = set()

    by_id: dict[str, list[Outline]] = defaultdict(list)
    for outline in outlines:
        by_id[outline.id].append(outline)
    for briefing_id, same in by_id.items():
        if len(same) < 2:
            continue
        for outline in same:
            others = ", ".join(show_path(o.path) for o in same if o is not outline)
            extra[outline.path].append(
                _finding_in(
                    outline,
                    "",
                    Severity.ERROR,
                    "duplicate-briefing-id",
                    f"briefing id `{briefing_id}` is also used by {others}",
                    "each briefing in a library needs its own id",
                )
            )
            broken.add(outline.path)

    names: dict[str, dict[str, Outline]] = defaultdict(dict)
    for outline in outlines:
        for party_id, name in outline.party_names:
            names[party_id].setdefault(name, outline)
    for party_id, by_name in names.items():
        if len(by_name) < 2:
            continue
        for name, outline in by_name.items():
            others = "; ".join(
                f"`{other}` in {show_path(o.path.name)}"
                for other, o in by_name.items()
                if other != name
            )
            extra[outline.path].append(
                _finding_in(
                    outline,
                    party_id,
                    Severity.WARNING,
                    "party-name-differs",
                    f"party `{party_id}` is named `{name}` here but {others}",
                    "a party shared across briefings should have one name",
                )
            )
    return extra, broken


def _finding_in(
    entry: Outline, item_id: str, severity: Severity, code: str, message: str, hint: str
) -> Finding:
    where: Location | None = entry.locations.get(item_id)
    line = caret = None
    if where:
        try:
            text_lines = entry.path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            text_lines = []
        line, caret = line_excerpt(text_lines, where.line, where.column)
    return Finding(
        severity=severity,
        code=code,
        message=message,
        file=entry.path,
        location=where,
        path="id" if not item_id else f"id `{item_id}`",
        hint=hint,
        source_line=line,
        caret=caret,
    )

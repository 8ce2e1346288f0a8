"""Finding the briefing a command is about: by its id in a library, or by its file's path.

Shared by every command that takes a briefing, so they all accept the same things and fail
the same way: an unknown id is a one-line usage error (exit 2) that lists the ids there are.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from briefing.cli.common import CommandError, UsageError, existing_paths
from briefing.format import SLUG_PATTERN
from briefing.library import Library, default_library, load_library
from briefing.loader import LoadResult, load_briefing
from briefing.model import Briefing
from briefing.text import did_you_mean, sanitise, shorten, show_path

_SLUG = re.compile(SLUG_PATTERN)
_MAX_LISTED = 12


def add_library_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library",
        metavar="PATH",
        action="append",
        help="read briefings from PATH, a folder or a file (may be given more than once); "
        "without it, the current folder if it holds briefing files, else the bundled ones",
    )


def add_briefing_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "briefing",
        metavar="ID",
        help="a briefing's id (see `briefing list`) or the path of a briefing file",
    )
    add_library_option(parser)


def library_paths(args: argparse.Namespace, positional: list[str] | None = None) -> list[Path]:
    """Which library, by one rule for every command: the paths given, else `--library`, else
    the current folder when its top level holds briefing files, else the bundled briefings."""
    if positional:
        return existing_paths(positional)
    if getattr(args, "library", None):
        return existing_paths(args.library)
    return default_library()


def looks_like_id(reference: str) -> bool:
    """Ids are slugs; anything else (a `/`, a `.`, a capital) is taken as a path."""
    return _SLUG.fullmatch(reference) is not None


def resolve_briefing(reference: str, library: list[Path]) -> Briefing:
    """The briefing that `reference` names: an id in `library`, or a briefing file's path.

    Raises `UsageError` (exit 2) for an unknown id or a missing file, and `CommandError`
    (exit 1) for a briefing that has errors.
    """
    if not looks_like_id(reference):
        path = Path(reference)
        if not path.exists():
            raise UsageError(f"no such briefing file: {show_path(reference)}")
        if path.is_dir():
            raise UsageError(
                f"expected a briefing file, found a directory: {show_path(reference)} "
                "(use --library for a folder of briefings)"
            )
        return _usable(load_briefing(path))
    loaded = load_library(library)
    found = loaded.by_id(reference)
    if found is not None:
        return found
    for entry in loaded.entries:
        if entry.briefing is None and entry.path.stem == reference:
            _usable(entry)
    raise UsageError(unknown_id_message(reference, loaded, library))


def _usable(entry: LoadResult) -> Briefing:
    if entry.briefing is not None:
        return entry.briefing
    errors = entry.errors
    first = shorten(sanitise(errors[0].message), 100) if errors else "it cannot be loaded"
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    raise CommandError(
        f"{show_path(entry.path)} has {count} ({first}): "
        f"run `briefing validate {show_path(entry.path)}` for details"
    )


def unknown_id_message(reference: str, library: Library, paths: list[Path]) -> str:
    """One line: the unknown id, the likely typo, and the ids there are."""
    ids = sorted(briefing.id for briefing in library.briefings)
    message = f"unknown briefing `{sanitise(reference)}`"
    if guess := did_you_mean(reference, ids):
        message += f": did you mean `{guess}`?"
    where = ", ".join(show_path(path) for path in paths)
    if ids:
        listed = ", ".join(ids[:_MAX_LISTED]) + (", …" if len(ids) > _MAX_LISTED else "")
        message += f" (briefings in {where}: {listed})"
    else:
        message += f" (no briefings in {where})"
    broken = sum(entry.briefing is None for entry in library.entries)
    if broken:
        message += (
            f"; {broken} file{'s' if broken != 1 else ''} with errors: "
            f"run `briefing validate {where}`"
        )
    return message

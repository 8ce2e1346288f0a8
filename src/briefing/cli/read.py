"""`briefing read`: open briefings in the terminal reader (also what a bare `briefing` does)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.cli.common import EXIT_CRASH, EXIT_OK, UsageError, missing_what
from briefing.cli.resolve import (
    add_library_option,
    library_paths,
    looks_like_id,
    unknown_id_message,
)
from briefing.library import Library, load_library
from briefing.library.cache import LibraryCache
from briefing.model import Section
from briefing.text import sanitise, show_path

if TYPE_CHECKING:
    from briefing.tui.options import ReaderOptions


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "read",
        help="read briefings in the terminal (the default command)",
        description=(
            "Open the reader on the bundled briefings, a briefing file, a directory of them, or "
            "one bundled briefing by its id. `briefing PATH` is short for `briefing read PATH`."
        ),
        epilog=(
            "examples:\n"
            "  briefing                                  # the bundled briefings\n"
            "  briefing my-briefings/\n"
            "  briefing read ceasefire-talks --section questions\n"
            "  briefing read content/ --item q-second-round\n\n"
            "In the reader, press ? for every key."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "target", nargs="?", metavar="PATH|ID", help="a briefing file, a directory, or an id"
    )
    parser.add_argument(
        "--section",
        type=_section,
        metavar="NAME",
        help="open at this section: " + ", ".join(s.value for s in Section),
    )
    parser.add_argument("--item", metavar="ID", help="open at the item with this id")
    parser.add_argument(
        "--no-state",
        action="store_true",
        help="neither restore nor save reading state (places, read items, bookmarks, theme)",
    )
    add_library_option(parser)
    parser.set_defaults(run=run)


def _section(name: str) -> Section:
    try:
        return Section.parse(name)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"no section `{sanitise(name)}`; choose from " + ", ".join(s.value for s in Section)
        ) from None


def run(args: argparse.Namespace) -> int:
    # The cyclic collector is paused until the first screen is drawn (see cli.main).
    library, briefing_id = open_library(args)
    # Imported here: the checks above fail fast without paying for the user interface.
    from briefing.tui.start import locate

    try:
        start = locate(library, briefing_id=briefing_id, section=args.section, item_id=args.item)
    except LookupError as error:
        raise UsageError(sanitise(str(error))) from None
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the reader needs a terminal; to check briefings, use `briefing validate`")

    from briefing.tui.app import BriefingApp

    app = BriefingApp(library, start, reader_options(args))
    app.run()
    # Textual restores the terminal and prints the traceback of an error it caught; its return
    # code says whether there was one.
    return EXIT_CRASH if app.return_code else EXIT_OK


def _catalog(paths: list[Path]) -> Library:
    """A library read through its catalog: the saved records at once, briefings on demand.

    Nothing here grows with the library: the reader checks the records against the files, and
    loads what changed, in the background once its first screen is drawn.
    """
    from briefing.library.catalog import Catalog

    return Catalog.open(paths).library()


def reader_options(
    args: argparse.Namespace, environ: Mapping[str, str] | None = None
) -> ReaderOptions:
    """State and settings where the platform (or $BRIEFING_STATE_DIR, $BRIEFING_CONFIG) keeps
    them, and the library's paths to watch for changes."""
    from briefing.tui.options import ReaderOptions

    target = args.target
    paths = [Path(target)] if target is not None and Path(target).exists() else library_paths(args)
    return ReaderOptions.for_user(tuple(paths), no_state=args.no_state, environ=environ)


def open_library(args: argparse.Namespace) -> tuple[Library, str | None]:
    """The library to read and the id of the briefing to open at, if one was named.

    An existing path wins over an id (`briefing read list` opens a folder called `list`).
    """
    target = args.target
    if target is not None and Path(target).exists():
        path = Path(target)
        if path.is_dir() and getattr(args, "item", None) is None:
            return _catalog([path]), None
        return load_library([path]), None
    if target is not None and (Path(target).is_symlink() or not looks_like_id(target)):
        # Not a path that can be read, and not an id (a link is a path, even if it looks like one).
        raise UsageError(f"{missing_what(Path(target))}: {show_path(target)}")
    paths = library_paths(args)
    if target is None and getattr(args, "item", None) is None:
        return _catalog(paths), None
    library = load_library(paths, cache=LibraryCache())
    if target is not None and library.by_id(target) is None:
        raise UsageError(unknown_id_message(target, library, paths))
    return library, target

"""`briefing list`: the briefings of a library, as a table or as JSON."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from briefing.cli.common import EXIT_CONTENT, EXIT_OK, console
from briefing.cli.output import write_json
from briefing.cli.resolve import add_library_option, library_paths
from briefing.library import Library, describe_library, load_library
from briefing.loader import LoadResult
from briefing.model import Section
from briefing.text import show_path

LIST_VERSION = 1
# The counts the table shows; JSON has every section's.
SHOWN = (Section.PARTIES, Section.POSITIONS, Section.QUESTIONS)
BROKEN_MARK = "✗"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "list",
        help="list the briefings of the library, with broken ones marked",
        description=(
            "List the briefings of a library: id, title, date, status and counts.\n"
            "A briefing with errors is listed by its file, marked ✗ with its error count.\n\n"
            "Exit codes: 0 all briefings load, 1 some have errors, 2 usage error."
        ),
        epilog=(
            "examples:\n"
            "  briefing list                       # the bundled briefings\n"
            "  briefing list my-briefings/\n"
            "  briefing list --format json | jq -r '.briefings[].id'"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="briefing files or folders (default: --library, else the bundled briefings)",
    )
    add_library_option(parser)
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    paths = library_paths(args, args.paths)
    library = load_library(paths)
    if args.format == "json":
        write_json(list_json(library, paths))
    else:
        print_table(library, paths)
    broken = library.problems or any(entry.briefing is None for entry in library.entries)
    return EXIT_CONTENT if broken else EXIT_OK


def _entry_json(entry: LoadResult) -> dict[str, Any]:
    b = entry.briefing
    return {
        "id": b.id if b else None,
        "title": b.title if b else None,
        "as_of": b.as_of.isoformat() if b else None,
        "status": b.status if b else None,
        "file": str(entry.path),
        "ok": b is not None,
        "errors": len(entry.errors),
        "warnings": len(entry.warnings),
        "counts": (
            {"issues": len(b.issues)}
            | {s.value: b.count(s) for s in Section if s is not Section.OVERVIEW}
            if b
            else None
        ),
    }


def list_json(library: Library, paths: list[Path]) -> dict[str, Any]:
    return {
        "version": LIST_VERSION,
        "library": [str(path) for path in paths],
        "briefings": [_entry_json(entry) for entry in library.entries],
        "problems": [finding.to_json() for finding in library.problems],
    }


def print_table(library: Library, paths: list[Path]) -> None:
    out = console()
    if not out.is_terminal:
        # Off a terminal, no wrapping or cutting: one line per briefing, for grep and cut.
        out = console(width=10_000)
    err = console(stderr=True)
    # Which library, on standard error: the table stays one line per briefing for grep and cut.
    count = len(library.entries)
    where = describe_library(paths)
    err.print(Text(f"{count} briefing file{'s' if count != 1 else ''} in {where}"), soft_wrap=True)
    rows = [_row(entry) for entry in library.entries]
    table = Table(
        box=box.SIMPLE_HEAD if out.is_terminal else None,
        show_edge=False,
        pad_edge=False,
        header_style="bold" if out.is_terminal else "",
    )
    headers = ["id", "title", "as of", "status", *(s.value for s in SHOWN)]
    for index, header in enumerate(headers):
        # Every column but the title keeps its full width; the title gives way on a narrow screen.
        widest = max((rows_cell.cell_len for rows_cell in (r[index] for r in rows)), default=0)
        table.add_column(
            Text(header),
            no_wrap=True,
            overflow="ellipsis",
            justify="right" if index >= 4 else "left",
            min_width=None if header == "title" else max(widest, len(header)),
        )
    for row in rows:
        table.add_row(*row)
    out.print(table)
    for problem in library.problems:
        err.print(Text(f"{problem.where()}: {problem.message}"), soft_wrap=True)
    if any(entry.briefing is None for entry in library.entries):
        err.print(
            Text(f"{BROKEN_MARK} has errors: run `briefing validate` for details"), soft_wrap=True
        )


def _row(entry: LoadResult) -> list[Text]:
    b = entry.briefing
    if b is None:
        count = len(entry.errors)
        return [
            Text(f"{BROKEN_MARK} {show_path(entry.path.name)}", style="bold red"),
            Text(show_path(entry.path), style="dim"),
            Text("—"),
            Text(f"{count} error{'s' if count != 1 else ''}", style="red"),
            *(Text("—") for _ in SHOWN),
        ]
    return [
        Text(b.id, style="bold"),
        Text(" ".join(b.title.split())),
        Text(b.as_of.isoformat()),
        Text(b.status),
        *(Text(str(b.count(section))) for section in SHOWN),
    ]

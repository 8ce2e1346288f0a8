"""`briefing export`: a briefing as Markdown, an HTML page, or JSON."""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.cli.common import EXIT_OK, CommandError, UsageError
from briefing.cli.output import write_output
from briefing.cli.resolve import add_briefing_argument, library_paths, resolve_briefing
from briefing.export import FORMATS, SUFFIXES, export
from briefing.findings import BriefingError
from briefing.text import sanitise


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export a briefing as Markdown, HTML or JSON",
        description=(
            "Export a briefing: Markdown for wikis and email (citations as footnotes),\n"
            "one self-contained HTML page (no scripts, nothing fetched), or JSON in the\n"
            "format's own keys, which reads back as the same briefing.\n\n"
            "Exit codes: 0 written, 1 the briefing has errors, 2 usage error or unknown id,\n"
            "3 the file could not be written."
        ),
        epilog=(
            "examples:\n"
            "  briefing export ceasefire-talks --to md\n"
            "  briefing export ceasefire-talks --to html -o ceasefire.html\n"
            "  briefing export ceasefire-talks -o ceasefire.json      # format from the suffix\n"
            "  briefing export my/briefing.yaml --to json --resolved | jq .resolved.citations\n"
            "  briefing export harbour-talks --library tests/fixtures/good --to md"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_briefing_argument(parser)
    parser.add_argument(
        "--to",
        choices=FORMATS,
        help="the format: md, html or json (default: from the -o file's suffix)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE, replacing it atomically (default: standard output)",
    )
    parser.add_argument(
        "--resolved",
        action="store_true",
        help="JSON only: add citation spans and resolved references under `resolved`",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    output = None if args.output in (None, "-") else Path(args.output)
    to = args.to or (SUFFIXES.get(output.suffix.lower()) if output else None)
    if to is None:
        raise UsageError("choose a format with --to md, --to html or --to json")
    if args.resolved and to != "json":
        raise UsageError("--resolved applies to --to json only")
    briefing = resolve_briefing(args.briefing, library_paths(args))
    try:
        text = export(briefing, to, resolved=args.resolved)
    except BriefingError as error:
        # The file changed since it was loaded: say so rather than export stale data.
        raise CommandError(f"cannot export: {sanitise(str(error))}") from None
    write_output(text, output)
    return EXIT_OK

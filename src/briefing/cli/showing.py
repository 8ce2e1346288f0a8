"""`briefing show`: a briefing printed to the terminal, or as plain text into a pipe."""

from __future__ import annotations

import argparse

from briefing.cli.common import EXIT_OK, UsageError, console
from briefing.cli.output import write_output
from briefing.cli.resolve import add_briefing_argument, library_paths, resolve_briefing
from briefing.model import Section

SECTION_NAMES = [section.value for section in Section]


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "show",
        help="print a briefing, sections in reader order, citations as footnotes",
        description=(
            "Print a briefing: every section in reader order, or one with --section;\n"
            "citations are numbered footnotes with the source's exact words. Into a pipe\n"
            "or a file the output is plain text, with no escape sequences.\n\n"
            "Exit codes: 0 shown, 1 the briefing has errors, 2 usage error or unknown id."
        ),
        epilog=(
            "examples:\n"
            "  briefing show ceasefire-talks | less\n"
            "  briefing show ceasefire-talks --section quotes\n"
            "  briefing show my/briefing.yaml --width 72 > briefing.txt"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_briefing_argument(parser)
    parser.add_argument(
        "--section",
        metavar="NAME",
        help=f"only this section: {', '.join(SECTION_NAMES)}",
    )
    parser.add_argument(
        "--width", type=int, metavar="COLUMNS", help="wrap at this width (default: the terminal's)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    sections = tuple(Section)
    if args.section:
        try:
            sections = (Section.parse(args.section),)
        except ValueError:
            raise UsageError(
                f"unknown section {args.section!r}: choose one of {', '.join(SECTION_NAMES)}"
            ) from None
    if args.width is not None and args.width < 20:
        raise UsageError("--width must be at least 20")
    briefing = resolve_briefing(args.briefing, library_paths(args))
    # Imported here: only this command pays for the renderers.
    from briefing.render.document import briefing_document

    out = console(width=args.width)
    parts = briefing_document(briefing, sections)
    if out.is_terminal:
        out.print(*parts)
        return EXIT_OK
    # Into a pipe or a file: plain lines, without the padding that wrapping leaves behind.
    with out.capture() as captured:
        out.print(*parts)
    lines = (line.rstrip() for line in captured.get().splitlines())
    write_output("\n".join(lines) + "\n", None)
    return EXIT_OK

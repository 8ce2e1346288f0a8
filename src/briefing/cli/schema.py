"""`briefing schema`: the JSON Schema of the briefing format, for editors."""

from __future__ import annotations

import argparse

from briefing.cli.common import EXIT_OK
from briefing.cli.output import write_json
from briefing.format import json_schema


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="print the JSON Schema of the briefing format",
        description="Print the JSON Schema of the briefing format, for a YAML language server.",
        epilog="example:\n  briefing schema > briefing.schema.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    write_json(json_schema(), sort_keys=True)
    return EXIT_OK

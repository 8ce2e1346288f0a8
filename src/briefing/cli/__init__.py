"""The `briefing` command line: a thin layer that parses arguments and calls the domain."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from briefing import __version__
from briefing.cli import exporting, listing, schema, validate
from briefing.cli.common import EXIT_USAGE, CommandError

# Each command module has `add_parser(subparsers)`; its parser's `run(args)` returns an exit code.
COMMANDS = (validate, listing, exporting, schema)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Read curated news briefings in the terminal; check and export them.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  briefing validate content/\n  briefing schema > briefing.schema.json",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
        if args.command is None:
            parser.print_help()
            return EXIT_USAGE
        return args.run(args)
    except CommandError as error:
        print(f"briefing: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of a pipe (`| head`) went away: not an error worth a traceback.
        sys.stderr.close()
        return 0

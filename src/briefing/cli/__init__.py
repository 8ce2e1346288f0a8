"""The `briefing` command line: a thin layer that parses arguments and calls the domain."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from briefing import __version__
from briefing.cli.common import EXIT_CRASH, EXIT_USAGE, CommandError

# Each command module has `add_parser(subparsers)`; its parser's `run(args)` returns an exit code.
# Listed by command name and imported only when its parser is built: the reader (`briefing`,
# `briefing PATH`) builds only its own, so it starts without importing every other command.
COMMANDS = {
    "read": "read",
    "validate": "validate",
    "list": "listing",
    "show": "showing",
    "search": "searching",
    "export": "exporting",
    "schema": "schema",
}
# Options that belong to `briefing` itself; anything else without a command is for `read`.
OWN_OPTIONS = ("-h", "--help", "--version")


def build_parser(names: Sequence[str] = tuple(COMMANDS)) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Read curated news briefings in the terminal; check and export them.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n  briefing validate content/\n  briefing schema > briefing.schema.json",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in names:
        importlib.import_module(f"briefing.cli.{COMMANDS[name]}").add_parser(subparsers)
    return parser


def with_default_command(args: list[str], command_names: Sequence[str]) -> list[str]:
    """`briefing` and `briefing PATH` mean `briefing read`; a command's name wins over a path."""
    if args and (args[0] in command_names or args[0] in OWN_OPTIONS):
        return args
    return ["read", *args]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = with_default_command(list(sys.argv[1:] if argv is None else argv), COMMANDS)
    reading = args_list[0] == "read"
    collecting = gc.isenabled()
    if reading:
        # The reader's start-up makes many objects that live as long as the program (modules,
        # classes, the library): the cyclic collector would only walk them, about a tenth of
        # the start-up. It resumes once the first screen is drawn (tui.collector).
        gc.disable()
    try:
        return _run(args_list, reading)
    finally:
        if collecting:
            # The reader has closed, or never opened (a usage error): collect as before.
            gc.enable()


def _run(args_list: list[str], reading: bool) -> int:
    parser = build_parser(["read"] if reading else tuple(COMMANDS))
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
    except Exception:
        # A bug: its traceback for the report, then a code no script mistakes for a finding.
        _report_crash()
        return EXIT_CRASH


def _report_crash() -> None:
    import traceback

    from briefing.text import sanitise

    # An exception's message can quote a file's name or content: shown neutralised.
    sys.stderr.write(sanitise(traceback.format_exc()))
    sys.stderr.write(
        "briefing: an unexpected error stopped the command (the traceback above says where); "
        f"exit code {EXIT_CRASH}\n"
    )

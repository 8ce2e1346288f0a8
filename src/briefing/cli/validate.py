"""`briefing validate`: check briefings and report every problem with its location."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from rich.text import Text

from briefing.cli.common import EXIT_CONTENT, EXIT_OK, console, positive_int
from briefing.cli.output import write_json
from briefing.cli.resolve import add_library_option, library_paths
from briefing.findings import Finding, Severity
from briefing.library import describe_library
from briefing.library.bulk import Validation, default_jobs, validate_paths
from briefing.library.cache import LibraryCache
from briefing.render.findings import render_finding
from briefing.text import show_path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check briefing files and report problems with their locations",
        description=(
            "Check briefing files: the format, ids, references, and that every citation's "
            "excerpt and every quote is found word for word in its source.\n\n"
            "Exit codes: 0 clean, 1 errors found (or no briefing files found), 2 usage error."
        ),
        epilog=(
            "examples:\n"
            "  briefing validate                   # the bundled briefings\n"
            "  briefing validate content/ my.yaml  # files and directories\n"
            "  briefing validate --strict --format json content/"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="briefing files or directories")
    add_library_option(parser)
    parser.add_argument(
        "--strict", action="store_true", help="treat warnings as errors (exit 1 on any finding)"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="report format (default: text)"
    )
    parser.add_argument(
        "--jobs",
        type=positive_int,
        default=None,
        metavar="N",
        help="check many files with N processes (default: every core)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="check every file afresh, neither reading nor writing the library cache",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    cache = None if args.no_cache else LibraryCache()
    jobs = args.jobs if args.jobs is not None else default_jobs()
    paths = library_paths(args, args.paths)
    library = validate_paths(paths, cache, jobs=jobs)
    if not library.files:
        # Checking nothing is not a pass: a mistyped folder must not look clean.
        library = replace(library, problems=library.problems + tuple(map(nothing_found, paths)))
    findings = [f.as_error() if args.strict else f for f in library.findings]
    if args.format == "json":
        write_json(report_json(library, findings, paths))
    else:
        print_report(library, findings, paths)
    return EXIT_CONTENT if any(f.is_error for f in findings) else EXIT_OK


def nothing_found(path: Path) -> Finding:
    return Finding(
        severity=Severity.ERROR,
        code="no-briefing-files",
        message=f"no briefing files found in {show_path(path)}",
        file=path,
        hint="briefing files end in .yaml or .yml; folders are searched within",
    )


def report_json(
    library: Validation, findings: list[Finding], paths: list[Path]
) -> dict[str, object]:
    by_file: dict[str, list[Finding]] = {}
    for finding in findings:
        by_file.setdefault(str(finding.file) if finding.file else "", []).append(finding)
    files = []
    for entry in library.files:
        mine = by_file.pop(str(entry.path), [])
        files.append(
            {
                "file": str(entry.path),
                "briefing": entry.briefing_id,
                "ok": not any(f.is_error for f in mine),
                "findings": [f.to_json() for f in mine],
            }
        )
    return {
        "version": 1,
        "library": [str(path) for path in paths],
        "files": files,
        "other": [f.to_json() for rest in by_file.values() for f in rest],
        "summary": _counts(library, findings),
    }


def _counts(library: Validation, findings: list[Finding]) -> dict[str, int]:
    return {
        "files": len(library.files),
        "errors": sum(f.is_error for f in findings),
        "warnings": sum(not f.is_error for f in findings),
    }


def print_report(library: Validation, findings: list[Finding], paths: list[Path]) -> None:
    out = console()
    for finding in findings:
        out.print(render_finding(finding), soft_wrap=True)
    counts = _counts(library, findings)
    # Briefing files with errors (a folder's problem is not a file's).
    checked = {entry.path for entry in library.files}
    failing = len({f.file for f in findings if f.is_error and f.file in checked})
    summary = Text(
        f"{counts['files']} briefing file{'s' if counts['files'] != 1 else ''} checked "
        f"in {describe_library(paths)}: "
        f"{counts['errors']} error{'s' if counts['errors'] != 1 else ''}, "
        f"{counts['warnings']} warning{'s' if counts['warnings'] != 1 else ''}"
        + (f" in {failing} file{'s' if failing != 1 else ''}" if failing else ""),
        style="bold red" if counts["errors"] else "bold green",
    )
    out.print(summary, soft_wrap=True)

"""`briefing search`: ranked hits for a few words across every briefing of a library.

The library is read through its catalog, as the reader reads a folder: the search index saved
in the library cache is brought up to date with the files (only what changed is loaded again)
and searched, so a warm library of thousands of briefings answers at once. Only the briefings of
the hits are read, for their files and lines.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from rich.text import Text

from briefing.cli.common import EXIT_CONTENT, EXIT_OK, UsageError, console, positive_int
from briefing.cli.output import write_json
from briefing.cli.resolve import add_library_option, library_paths
from briefing.library import describe_library
from briefing.library.catalog import Catalog
from briefing.search import STOPWORDS, Hit, query_words
from briefing.text import sanitise

SEARCH_VERSION = 1
DEFAULT_LIMIT = 20
_KIND_WIDTH = 9
_MATCH_STYLE = "bold reverse"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "search",
        help="search every briefing of the library for some words",
        description=(
            "Search titles, summaries, parties, positions, questions, events, figures, quotes "
            "and source texts. Hits hold every word, each matched exactly, as the start of a "
            "word, or with a typo; case, accents and quote styles are ignored.\n\n"
            "Exit codes: 0 hits found, 1 no hits, 2 usage error."
        ),
        epilog=(
            "examples:\n"
            "  briefing search haniyeh\n"
            "  briefing search cyprus route --limit 5\n"
            "  briefing search --format json ceasefire | jq -r '.hits[].item'"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("text", nargs="+", metavar="TEXT", help="the words to look for")
    add_library_option(parser)
    parser.add_argument(
        "--limit",
        type=positive_int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"show at most N hits (default {DEFAULT_LIMIT})",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    query = " ".join(args.text)
    # The words are all there: a common last word is not the start of one still being typed.
    if not query_words(query):
        ignored = sorted({w for w in re.findall(r"\w+", query.lower()) if w in STOPWORDS})
        raise UsageError(
            f"nothing to search for in “{sanitise(query)}”"
            + (f": common words ({', '.join(ignored)}) are ignored" if ignored else "")
        )
    paths = library_paths(args)
    catalog = Catalog.open(paths)
    catalog.refresh()
    listed = {meta.id for meta in catalog.metas if meta.ok}
    # An index may still hold a briefing the records no longer list as good: not a hit.
    hits = [
        h
        for h in catalog.search_index().search(query, args.limit, complete=True)
        if h.briefing_id in listed
    ]
    if args.format == "json":
        write_json(report_json(query, hits, catalog, paths))
    else:
        print_hits(hits, paths)
    _warn_skipped(catalog)
    return EXIT_OK if hits else EXIT_CONTENT


def report_json(
    query: str, hits: list[Hit], catalog: Catalog, paths: list[Path]
) -> dict[str, object]:
    positions = {meta.id: at for at, meta in enumerate(catalog.metas) if meta.ok}
    found = []
    for hit in hits:
        entry = hit.to_json()
        briefing = catalog.briefing(positions[hit.briefing_id])
        where = briefing.locations.get(hit.item_id) if briefing is not None else None
        entry["file"] = catalog.metas[positions[hit.briefing_id]].path
        entry["line"] = where.line if where else None
        found.append(entry)
    return {
        "version": SEARCH_VERSION,
        "library": [str(path) for path in paths],
        "query": query,
        "words": query_words(query),
        "hits": found,
    }


def render_hit(hit: Hit) -> Text:
    """`kind  briefing › item` and the snippet below, its matches highlighted.

    Built from Text parts, never markup: the snippet is a briefing's own text.
    """
    text = Text()
    text.append(str(hit.kind).ljust(_KIND_WIDTH), style="bold cyan")
    text.append(" ")
    text.append(hit.briefing_id, style="bold")
    if hit.item_id:
        text.append(" › ", style="dim")
        text.append(hit.item_id)
    text.append("\n    ")
    snippet = Text(hit.snippet.text)
    for start, end in hit.snippet.spans:
        snippet.stylize(_MATCH_STYLE, start, end)
    text.append_text(snippet)
    return text


def print_hits(hits: list[Hit], paths: list[Path]) -> None:
    out = console()
    for hit in hits:
        out.print(render_hit(hit), soft_wrap=True)
    # Which library, on standard error (the hits stay what standard output holds).
    count = f"{len(hits)} hit{'s' if len(hits) != 1 else ''}" if hits else "no hits"
    console(stderr=True).print(f"{count} in {describe_library(paths)}", soft_wrap=True)


def _warn_skipped(catalog: Catalog) -> None:
    broken = sum(not meta.ok for meta in catalog.metas)
    if broken:
        console(stderr=True).print(
            f"{broken} briefing file{'s' if broken != 1 else ''} with errors not searched: "
            "run `briefing validate` for details",
            soft_wrap=True,
        )

"""The command palette's "go to": any briefing, section, party, question or quote of the library.

Targets are matched by `briefing.goto` (by word, with prefixes and typos, folding case and
accents) in a thread, so a large library does not hold up typing. A library read as a list gives
every target, gathered once, the first time the palette opens. A catalog gives its briefings and
sections from its records at once, and its parties, questions and quotes from the search index:
they follow as soon as the index is there (asking for them starts loading it, if start-up has not
yet). The app's own commands (theme, help, quit) come from Textual's system provider beside this
one.

Labels come from briefing files, so hits are shown as Text built from parts. (The palette's own
`Matcher.highlight` reads its candidate as markup, so it is not used; help texts, which the
palette also reads as markup, are never given.)
"""

from __future__ import annotations

import asyncio
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from briefing.finder import Landing
from briefing.goto import CatalogGoTo, GoTo, Match, Target, TargetKind
from briefing.library.catalog import CatalogEntries
from briefing.render.hits import MATCH
from briefing.render.styles import MUTED

# Briefings listed before anything is typed.
DISCOVER = 50
LABEL_WIDTH = 80
# Seconds between looks at whether the search index has arrived, while a search waits for it.
INDEX_POLL = 0.05


class GoToProvider(Provider):
    async def startup(self) -> None:
        from briefing.tui.screens.reader import ReaderScreen

        screen = self.screen
        self.reader = screen if isinstance(screen, ReaderScreen) else None
        await self._targets()

    async def _targets(self) -> GoTo | CatalogGoTo | None:
        """The reader's go-to targets, gathered again (in a thread) if the library has changed
        since they were: a live reload, or a catalog's refresh, can come while the palette is
        open."""
        reader = self.reader
        if reader is None:
            return None
        reader.follow_library()
        if reader.goto is None:
            entries = reader.library.entries
            goto = await asyncio.to_thread(GoTo, entries)
            if isinstance(entries, CatalogEntries):
                goto = CatalogGoTo(goto, reader.finder)
            reader.goto = goto
        return reader.goto

    async def discover(self) -> Hits:
        goto = await self._targets()
        if goto is None:
            return
        briefings = (t for t in goto.targets if t.kind is TargetKind.BRIEFING)
        for number, target in enumerate(briefings):
            if number == DISCOVER:
                break
            yield DiscoveryHit(prompt(target, ()), self._command(target), text=target.label)

    async def search(self, query: str) -> Hits:
        reader = self.reader
        goto = await self._targets()
        if reader is None or goto is None:
            return
        if isinstance(goto, CatalogGoTo):
            match = partial(goto.headings.match, query, prefer=reader.entry)
        else:
            match = partial(goto.match, query, prefer=reader.entry)
        for found in await asyncio.to_thread(match):
            yield self._hit(found)
        if isinstance(goto, CatalogGoTo):
            # Waiting here, not in a thread: a newer query cancels this search.
            reader.start_indexing()
            while not reader.finder.ready:
                if not reader.indexing:
                    return  # the index could not be built (the reader said why)
                await asyncio.sleep(INDEX_POLL)
            items = partial(goto.items, query, prefer=reader.entry)
            for found in await asyncio.to_thread(items) or ():
                yield self._hit(found)

    def _hit(self, match: Match) -> Hit:
        target = match.target
        return Hit(
            match.score / 100, prompt(target, match.spans), self._command(target), text=target.label
        )

    def _command(self, target: Target):
        assert self.reader is not None
        if target.kind is TargetKind.BRIEFING:
            # A briefing: where the reader left it.
            return partial(self.reader.open_briefing, target.entry)
        focus = "items" if target.item_id is None else "detail"
        landing = Landing(target.entry, target.section, target.item_id)
        return partial(self.reader.land, landing, focus=focus)


def prompt(target: Target, spans: tuple[tuple[int, int], ...]) -> Text:
    """`Hamas  party · Gaza ceasefire talks`, the matched words marked."""
    label = target.label if len(target.label) <= LABEL_WIDTH else target.label[:LABEL_WIDTH] + "…"
    text = Text(label)
    for start, end in spans:
        if start < len(label):
            text.stylize(MATCH, start, min(end, len(label)))
    text.append("  ")
    if target.kind is TargetKind.BRIEFING:
        text.append("briefing", style=MUTED)
    else:
        text.append(f"{target.kind.value} · {target.briefing_title}", style=MUTED)
    return text

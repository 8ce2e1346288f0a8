"""The command palette's "go to": a briefing of the library, or a section of the one open.

Titles come from briefing files, so hits are shown as plain Content. (The palette's own
`Matcher.highlight` reads its candidate as markup, so it is not used; help texts, which the
palette also reads as markup, are our own words only.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from briefing.model import Section

Target = tuple[str, Callable[[], None], str]


class GoToProvider(Provider):
    def _targets(self) -> Iterator[Target]:
        from briefing.tui.screens.reader import ReaderScreen

        screen = self.screen
        if not isinstance(screen, ReaderScreen):
            return
        current = screen.library.entries[screen.entry] if screen.library.entries else None
        if current is not None and current.briefing is not None:
            for section in Section:
                yield (
                    f"{section.title}: {current.briefing.title}",
                    partial(screen.action_section, section.value),
                    "Go to this section",
                )
        for index, entry in enumerate(screen.library.entries):
            title = entry.briefing.title if entry.briefing else f"{entry.path.name} [broken]"
            yield title, partial(screen.go_to_briefing, index), "Open this briefing"

    async def discover(self) -> Hits:
        for text, command, help_text in self._targets():
            yield DiscoveryHit(Content(text), command, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._targets():
            if score := matcher.match(text):
                yield Hit(score, Content(text), command, text=text, help=help_text)

"""Reading in depth: following links, going back and forward, the positions matrix, the source
view and copying. The reader screen is built on this; the panes stay the reader's.

The middle pane shows one of three views: the items list, the positions matrix (`m`) or a source
with its cited spans (`s`, `c`). The detail pane shows what is under the cursor in that view, with
links; following one records the place left, so `backspace` comes back to it exactly.
"""

from __future__ import annotations

import gc
import itertools
from collections import OrderedDict
from collections.abc import Hashable, Iterator
from typing import TYPE_CHECKING, TypeVar

from msgspec.structs import replace
from rich.text import Text
from textual import on
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget

from briefing.findings import Finding
from briefing.library import Library
from briefing.library.catalog import Catalog, CatalogEntries, meta_outline
from briefing.links import CitedSpan, LibraryLinks, Link, Record, Relation
from briefing.model import Briefing, Issue, Item, Party, Position, Section, Source
from briefing.plain import item_plain_text, passage_plain_text
from briefing.render.labels import item_kind
from briefing.render.links import linked_detail, links_block
from briefing.render.source import span_heading
from briefing.render.styles import HEADING, MUTED
from briefing.text import shorten
from briefing.tui.history import History, Place, View
from briefing.tui.keys import IN_DEPTH
from briefing.tui.widgets.detail import DetailPane
from briefing.tui.widgets.items import ItemsPane
from briefing.tui.widgets.link_view import LinkView
from briefing.tui.widgets.navigator import Navigator
from briefing.tui.widgets.navigator import Place as TreePlace
from briefing.tui.widgets.source_view import SourceView

if TYPE_CHECKING:
    from textual.timer import Timer

    from briefing.tui.start import PaneName
    from briefing.tui.widgets.matrix import Cell, PositionsMatrix

MiddleView = TypeVar("MiddleView", bound=Widget)

# The classes the reader screen keeps on the middle pane (see reader.py `_reveal`): they go
# with the middle pane from one view to the next.
PANE_CLASSES = ("-current", "-covered")
# Items' details kept rendered (see `_show_linked`).
KEEP_DETAILS = 64
# Seconds on an item before the items beside it are made ready (see `_prepare_neighbours`).
PREPARE_AFTER = 0.15
_ORDER = {relation: at for at, relation in enumerate(Relation)}
# A party's other briefings listed in its detail before "and N more" (which lists them all).
ELSEWHERE_LISTED = 10


class InDepthScreen(Screen[None]):
    BINDINGS = IN_DEPTH

    # Kept by the reader screen: the library and what the items pane lists.
    library: Library
    entry: int
    section: Section

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.history = History()
        self.view: View = "list"
        self._links: LibraryLinks | None = None
        self._links_of: Library | None = None
        # What the detail pane shows, and its links in the order they are numbered.
        self._shown: Item | None = None
        self._shown_links: tuple[Link, ...] = ()
        # The source view: the source, its spans, the current one, and the item it was opened for.
        self._source: Source | None = None
        self._spans: tuple[CitedSpan, ...] = ()
        self._span: int | None = None
        self._trail: Item | None = None
        # A place being restored, waiting for the items list to report its highlighted row.
        self._arriving: Place | None = None
        # Items' details with their links, by (briefing, item id): each is rendered once.
        self._linked: OrderedDict[tuple[int, str], tuple[Briefing, Text, tuple[Link, ...]]]
        self._linked = OrderedDict()
        # Waiting to make the details beside the one shown (see `_prepare_neighbours_later`).
        self._preparing: Timer | None = None

    # --- hooks the reader screen provides ------------------------------------------------------

    def show(self, entry: int, section: Section, item_id: str | None = None) -> None:
        raise NotImplementedError

    def focus_pane(self, name: PaneName) -> None:
        raise NotImplementedError

    def focused_pane(self) -> PaneName:
        raise NotImplementedError

    # --- the link index ------------------------------------------------------------------------

    @property
    def links(self) -> LibraryLinks:
        """Built on first use, and again if the library is replaced (a reload)."""
        if self._links is None or self._links_of is not self.library:
            library = self.library
            entries = library.entries
            if isinstance(entries, CatalogEntries):
                # A catalog's records name every briefing and its parties: nothing is loaded
                # but the briefings that are shown or followed.
                catalog = entries.catalog
                self._links = LibraryLinks(
                    lambda: library.briefings,
                    records=lambda: catalog_records(catalog),
                    load=lambda briefing_id: _load(catalog, briefing_id),
                )
            else:
                # The whole library is read only for a party's links to other briefings.
                self._links = LibraryLinks(lambda: library.briefings)
            self._links_of = library
            # Details show titles of other briefings, which may have changed too.
            self._linked.clear()
        return self._links

    def _briefing(self) -> Briefing | None:
        if not 0 <= self.entry < len(self.library.entries):
            return None
        return self.library.entries[self.entry].briefing

    def _title_of(self, briefing_id: str) -> str:
        return self.links.title(briefing_id) or briefing_id

    def _entry_of(self, briefing_id: str) -> int | None:
        current = self._briefing()
        if current is not None and current.id == briefing_id:
            return self.entry
        entries = self.library.entries
        if isinstance(entries, CatalogEntries):
            # By the records: going through the entries would load each briefing.
            return entries.catalog.index_of(briefing_id)
        for index, entry in enumerate(entries):
            if entry.briefing is not None and entry.briefing.id == briefing_id:
                return index
        return None

    # --- the detail pane -----------------------------------------------------------------------

    def middle(self) -> ItemsPane | PositionsMatrix | SourceView:
        """The widget in the middle pane: the list, the matrix or the source."""
        if self.view == "matrix":
            return self._matrix()
        if self.view == "source":
            return self._middle_view(SourceView, "source")
        return self.query_one(ItemsPane)

    def _matrix(self) -> PositionsMatrix:
        # Imported when first opened: the matrix is a DataTable, which the first screen can do
        # without (importing, composing and styling it).
        from briefing.tui.widgets.matrix import PositionsMatrix

        return self._middle_view(PositionsMatrix, "matrix")

    def _middle_view(self, kind: type[MiddleView], name: str) -> MiddleView:
        """A view of the middle pane, mounted (shelved) beside the items when first wanted."""
        try:
            return self.query_one(f"#{name}", kind)
        except NoMatches:
            view = kind(id=name)
            self.query_one("#panes").mount(view, before=self.query_one(DetailPane))
            return view

    def show_item_detail(self, briefing: Briefing, item: Item) -> None:
        """The item under the list's cursor, with its links (called by the reader screen)."""
        if self.view != "list":
            # The matrix or the source owns the detail while it is shown.
            return
        arriving = self._arriving
        if arriving is not None and arriving.item == item.id:
            self._arriving = None
            shown = self._item_in(briefing, arriving.detail) if arriving.detail else None
            self._show_linked(briefing, shown or item)
            self._settle(arriving)
            return
        self._show_linked(briefing, item)

    def _show_linked(self, briefing: Briefing, item: Item, *, every: bool = False) -> None:
        """An item's detail with its links; a party's other briefings, the first few unless
        `every` is asked for (following the "and N more" link)."""
        key, text, links = self._linked_detail(briefing, item, every)
        self._set_detail(item_kind(item), text, item, links, key)
        if self.view == "list" and not every:
            self._prepare_neighbours_later()

    def _linked_detail(
        self, briefing: Briefing, item: Item, every: bool = False
    ) -> tuple[Hashable, Text, tuple[Link, ...]]:
        """An item's detail and its links, made once and kept, with the key it is shown under."""
        index = self.links  # first: a replaced library forgets the details kept
        key = (id(briefing), item.id, every)
        kept = self._linked.get(key)
        if kept is None or kept[0] is not briefing:
            links = index.links(briefing, item, elsewhere=None if every else ELSEWHERE_LISTED)
            if isinstance(item, Party) and not every:
                links = _with_more(links, briefing, item, len(index.elsewhere(briefing, item)))
            kept = (briefing, linked_detail(briefing, item, links, self._title_of), links)
            self._linked[key] = kept
            while len(self._linked) > KEEP_DETAILS:
                self._linked.popitem(last=False)
        else:
            self._linked.move_to_end(key)
        return key, kept[1], kept[2]

    # --- the items next to the one read, made ready while it is read ---------------------------

    def _prepare_neighbours_later(self) -> None:
        """Once the reader has stayed on an item for a moment, make the details of the items
        above and below it (and draw their first screenful): the next cursor move only shows
        them. Each move puts it off again, so a key held down pays for nothing ahead."""
        if self._preparing is not None:
            self._preparing.stop()
        self._preparing = self.set_timer(PREPARE_AFTER, self._prepare_neighbours)

    def _prepare_neighbours(self) -> None:
        self._preparing = None
        briefing = self._briefing()
        items = self.query_one(ItemsPane)
        at = items.highlighted
        if briefing is None or at is None or self.view != "list":
            return
        detail = self.query_one(DetailPane)
        below, above = items.rows[at + 1 :], items.rows[:at][::-1]
        for rows in (below, above):
            # The next item that way: the cursor passes over headings.
            row = next((row for row in rows if row is not None), None)
            if row is not None and not isinstance(row, Section | Finding):
                key, text, _ = self._linked_detail(briefing, row)
                detail.prepare(text, key)
        # What was made is young garbage to the collector until a collection moves it on: one
        # now, while the reader reads, rather than during the next key press.
        gc.collect(1)

    def _set_detail(
        self,
        title: str,
        text: Text,
        item: Item | None,
        links: tuple[Link, ...],
        key: Hashable | None = None,
    ) -> None:
        self._shown, self._shown_links = item, links
        self.query_one(DetailPane).show(title, text, key)

    def _item_in(self, briefing: Briefing, item_id: str) -> Item | None:
        found = briefing.find(item_id)
        if found is not None:
            return found[1]
        return self.links.of(briefing).issue(item_id)

    # --- following links and the history -------------------------------------------------------

    @on(LinkView.Followed, "#detail")
    def _follow(self, event: LinkView.Followed) -> None:
        event.stop()
        if not 0 <= event.index < len(self._shown_links):
            return
        link = self._shown_links[event.index]
        briefing = self._briefing()
        if link.more and briefing is not None and self._shown is not None:
            # "and N more": the same detail, every one of them listed, at the same link.
            scroll = self.query_one(DetailPane).scroll_offset.y
            self._show_linked(briefing, self._shown, every=True)
            self._settle(replace(self.here(), scroll=scroll, link=event.index))
            return
        place = self._place_of(link)
        if place is None:
            self.app.bell()
            return
        self.history.visit(self.here())
        self.go(place)

    def _place_of(self, link: Link) -> Place | None:
        entry = self._entry_of(link.briefing_id)
        briefing = self.links.briefing(link.briefing_id)
        if entry is None or briefing is None:
            return None
        target = link.target
        if link.relation is Relation.CITATION and link.citation is not None:
            trail = self._trail if self.view == "source" else self._shown
            spans = self.links.of(briefing).spans(target.id)
            span = _span_index(spans, link.citation.start, link.citation.end)
            return Place(
                entry,
                Section.SOURCES,
                item=target.id,
                pane="items",
                view="source",
                source=target.id,
                span=span,
                trail=trail.id if trail is not None else None,
            )
        if isinstance(target, Issue):
            first = next((p for p in briefing.positions if p.issue.id == target.id), None)
            return Place(
                entry,
                Section.POSITIONS,
                item=first.id if first else None,
                detail=target.id,
                pane="detail",
            )
        found = briefing.find(target.id)
        if found is None:
            return None
        return Place(entry, found[0], item=target.id, pane="detail")

    def here(self) -> Place:
        """Where the reader is now, fully enough to come back to it."""
        detail = self.query_one(DetailPane)
        items = self.query_one(ItemsPane)
        row = items.rows[items.highlighted] if items.highlighted is not None else None
        item_id = getattr(row, "id", None) if isinstance(row, Item) else None
        shown = self._shown.id if self._shown is not None else None
        cell = None
        if self.view == "matrix" and (found := self._matrix().cell()):
            cell = (found.party.id, found.issue.id)
        return Place(
            self.entry,
            self.section,
            item=item_id,
            detail=shown if shown != item_id and self.view == "list" else None,
            pane=self.focused_pane(),
            view=self.view,
            cell=cell,
            source=self._source.id if self.view == "source" and self._source else None,
            span=self._span if self.view == "source" else None,
            trail=self._trail.id if self.view == "source" and self._trail else None,
            scroll=round(detail.scroll_offset.y),
            link=detail.link,
            source_scroll=round(self.middle().scroll_offset.y) if self.view == "source" else None,
        )

    def go(self, place: Place) -> None:
        """Stand at a place: its briefing, section, view, cursor, focus and scrolling."""
        if not 0 <= place.entry < len(self.library.entries):
            return
        self._set_view("list")
        self._arriving = place if place.view == "list" and place.item is not None else None
        self.show(place.entry, place.section, place.item)
        self.query_one(Navigator).go_to(TreePlace(place.entry, place.section))
        briefing = self._briefing()
        if briefing is not None and place.view == "matrix":
            self._open_matrix(briefing, place.cell)
        elif briefing is not None and place.view == "source" and place.source:
            self._open_source(briefing, place.source, place.span, place.trail, place.source_scroll)
            self._settle(place)
        elif place.item is None:
            self._settle(place)
        self.focus_pane(place.pane)

    def _settle(self, place: Place) -> None:
        """Scroll the detail and pick its link as they were, once the detail shows the place."""
        detail = self.query_one(DetailPane)
        # Forced: the detail was just filled and may not yet know it has a scrollbar.
        detail.scroll_to(y=place.scroll, animate=False, force=True)
        if place.link is not None:
            detail.pick(place.link)

    def action_history_back(self) -> None:
        place = self.history.back(self.here())
        if place is None:
            self.app.bell()
        else:
            self.go(place)

    def action_history_forward(self) -> None:
        place = self.history.forward(self.here())
        if place is None:
            self.app.bell()
        else:
            self.go(place)

    # --- the middle pane's views ---------------------------------------------------------------

    def _set_view(self, view: View) -> None:
        """Put a view in the middle pane; the others are shelved (hidden, see in_depth.tcss).

        Classes go on the panes, not the screen, so switching restyles three widgets, not all.
        """
        old = self.middle()
        self.view = view
        new = self.middle()
        if new is not old:
            for css_class in PANE_CLASSES:
                new.set_class(old.has_class(css_class), css_class)
            old.add_class("-shelved")
            new.remove_class("-shelved")
        # Beside the matrix or a source, the detail gives them the larger share.
        self.query_one(DetailPane).set_class(view != "list", "-beside-view")

    def action_matrix(self) -> None:
        briefing = self._briefing()
        if briefing is None or self.section is not Section.POSITIONS or not briefing.positions:
            self.app.bell()
            return
        if self.view == "matrix":
            self._close_matrix()
            return
        at = None
        if isinstance(self._shown, Position):
            at = (self._shown.party.id, self._shown.issue.id)
        self._open_matrix(briefing, at)
        self.focus_pane("items")

    def _open_matrix(self, briefing: Briefing, at: tuple[str, str] | None) -> None:
        self._set_view("matrix")
        self._matrix().show(briefing, at)

    def _close_matrix(self) -> None:
        """Back to the list, at the cell's position: for an empty cell, the first position on
        its issue (else of its party), so the list and the detail show the same position."""
        cell = self._matrix().cell()
        focus = self.focused_pane()
        self._set_view("list")
        position = None
        briefing = self._briefing()
        if cell is not None and briefing is not None:
            on_issue = (p for p in briefing.positions if p.issue.id == cell.issue.id)
            of_party = (p for p in briefing.positions if p.party.id == cell.party.id)
            position = next(itertools.chain(cell.positions, on_issue, of_party), None)
        # Listed again, and its detail shown, even at the same row: the detail showed the cell.
        self.show(self.entry, Section.POSITIONS, position.id if position else "")
        self.focus_pane(focus)

    # The matrix's messages are handled by name (`on_positions_matrix_...`): its module is
    # imported when it is first opened, not with this one.
    def on_positions_matrix_moved(self, event: PositionsMatrix.Moved) -> None:
        briefing = self._briefing()
        if briefing is None or self.view != "matrix":
            return
        self._show_cell(briefing, event.cell)

    def _show_cell(self, briefing: Briefing, cell: Cell) -> None:
        if cell.positions:
            # A party with two positions on one issue: the list shows both, the cell the first.
            self._show_linked(briefing, cell.positions[0])
            return
        text = Text()
        text.append(cell.party.name, style=HEADING)
        text.append(" has no recorded position on ", style=MUTED)
        text.append(cell.issue.title, style=HEADING)
        text.append(".")
        links = (
            Link(Relation.PARTY, briefing.id, cell.party),
            Link(Relation.ISSUE, briefing.id, cell.issue),
        )
        text.append("\n\n")
        text.append_text(links_block(links, self._title_of))
        self._set_detail("No position", text, None, links)

    def on_positions_matrix_left(self) -> None:
        self._close_matrix()

    def on_positions_matrix_opened(self) -> None:
        self.focus_pane("detail")

    # --- the source view -----------------------------------------------------------------------

    def action_open_source(self) -> None:
        """The first citation of the item in view, in its source."""
        briefing = self._briefing()
        item = self._shown
        if self.view == "source" or briefing is None or item is None:
            self.app.bell()
            return
        if isinstance(item, Source):
            place = Place(
                self.entry, Section.SOURCES, item=item.id, view="source", source=item.id, span=0
            )
        else:
            citations = getattr(item, "citations", ())
            if not citations:
                self.notify("This item cites no source.", markup=False, severity="warning")
                return
            link = Link(Relation.CITATION, briefing.id, citations[0].source, citations[0])
            place = self._place_of(link)
            if place is None:
                return
        self.history.visit(self.here())
        self.go(place)

    def _source_place(self, source: Source, span: int) -> Place:
        """A source in the source view, at a cited span (counted from the end if negative)."""
        return Place(
            self.entry, Section.SOURCES, item=source.id, view="source", source=source.id, span=span
        )

    def _open_source(
        self,
        briefing: Briefing,
        source_id: str,
        span: int | None,
        trail_id: str | None,
        scroll: int | None = None,
    ) -> None:
        source = next((s for s in briefing.sources if s.id == source_id), None)
        if source is None:
            return
        self._set_view("source")
        self._source = source
        self._spans = self.links.of(briefing).spans(source.id)
        self._trail = self._item_in(briefing, trail_id) if trail_id else None
        self._move_span(
            span % len(self._spans) if self._spans and span is not None else None, scroll
        )

    def _move_span(self, span: int | None, scroll: int | None = None) -> None:
        assert self._source is not None
        self._span = span
        self._middle_view(SourceView, "source").show(self._source, self._spans, span, scroll)
        self._show_span()

    def _show_span(self) -> None:
        briefing = self._briefing()
        source = self._source
        if briefing is None or source is None:
            return
        text = Text()
        links: list[Link] = []
        if self._span is None:
            text.append(source.title, style=HEADING)
            text.append("\n\nNothing in this briefing cites this source.", style=MUTED)
        else:
            text.append_text(span_heading(source, self._spans, self._span))
            links = [
                Link(Relation.CITED_BY, briefing.id, citer)
                for citer in self._spans[self._span].citers
            ]
            text.append("\n\n")
            text.append_text(links_block(links, self._title_of))
        trail = self._trail
        cited = getattr(trail, "citations", ()) if trail is not None else ()
        if trail is not None and cited:
            trail_links = [Link(Relation.CITATION, briefing.id, c.source, c) for c in cited]
            text.append("\n\n")
            text.append(f"Every citation of this {item_kind(trail).lower()}", style=HEADING)
            text.append("\n")
            block = links_block(trail_links, self._title_of, start=len(links), headings=False)
            text.append_text(block)
            links += trail_links
        self._set_detail("Cited span", text, None, tuple(links))

    def action_cited_span(self, step: int) -> None:
        """The next (1) or previous (-1) cited span; from the Sources list, opens the source."""
        if self.view != "source":
            items = self.query_one(ItemsPane)
            row = items.rows[items.highlighted] if items.highlighted is not None else None
            if self.section is Section.SOURCES and isinstance(row, Source):
                self.history.visit(self.here())
                self.go(
                    Place(
                        self.entry,
                        Section.SOURCES,
                        item=row.id,
                        view="source",
                        source=row.id,
                        span=0 if step > 0 else -1,
                    )
                )
                return
            self.app.bell()
            return
        if not self._spans:
            self.app.bell()
            return
        current = self._span if self._span is not None else -1
        self._move_span((current + step) % len(self._spans))

    @on(SourceView.Picked)
    def _span_picked(self, event: SourceView.Picked) -> None:
        self._move_span(event.index)

    @on(SourceView.Left)
    def _source_left(self) -> None:
        """Back where the source was opened from (an item, the Sources list), as it was; with
        nowhere recorded, the Sources list at this source."""
        place = self.history.back(self.here())
        if place is not None:
            self.go(place)
            return
        source = self._source
        self._set_view("list")
        self.show(self.entry, Section.SOURCES, source.id if source else None)
        self.query_one(Navigator).go_to(TreePlace(self.entry, Section.SOURCES))
        self.focus_pane("items")

    @on(SourceView.Opened)
    def _source_opened(self) -> None:
        self.focus_pane("detail")

    # --- copying -------------------------------------------------------------------------------

    def action_copy(self) -> None:
        briefing = self._briefing()
        if briefing is None:
            self.app.bell()
            return
        if self.view == "source" and self._source is not None and self._span is not None:
            span = self._spans[self._span]
            text = passage_plain_text(self._source, span.start, span.end)
            what = "cited words"
        elif self._shown is not None:
            text = item_plain_text(briefing, self._shown)
            what = item_kind(self._shown).lower()
        else:
            self.app.bell()
            return
        self.app.copy_to_clipboard(text)
        self.notify(shorten(text, 60), title=f"Copied the {what}", markup=False)


def _span_index(spans: tuple[CitedSpan, ...], start: int, end: int) -> int | None:
    return next((i for i, s in enumerate(spans) if (s.start, s.end) == (start, end)), None)


def _with_more(
    links: tuple[Link, ...], briefing: Briefing, party: Party, elsewhere: int
) -> tuple[Link, ...]:
    """A party's links with "and N more" after its other briefings, if some were left out."""
    listed = sum(link.relation is Relation.ALSO_IN for link in links)
    if elsewhere <= listed:
        return links
    more = Link(Relation.ALSO_IN, briefing.id, party, more=elsewhere - listed)
    # Where the list of other briefings ends: before what comes after it in `Relation`.
    after = [link.relation for link in links if _ORDER[link.relation] > _ORDER[Relation.ALSO_IN]]
    cut = len(links) - len(after)
    return (*links[:cut], more, *links[cut:])


def catalog_records(catalog: Catalog) -> Iterator[Record]:
    """Each good briefing of a catalog by its record: id, title and parties, loading none."""
    for meta in list(catalog.metas):
        outline = meta_outline(meta)
        if outline is not None:
            yield outline.id, meta.title or meta.name, [pid for pid, _ in outline.party_names]


def _load(catalog: Catalog, briefing_id: str) -> Briefing | None:
    position = catalog.index_of(briefing_id)
    return catalog.briefing(position) if position is not None else None

"""The reader screen's compositor: a partial update draws only what it updates.

Textual's compositor (8.2) draws every visible widget whole for each partial update, then
writes out only the parts of lines that changed. A cursor move in the items pane thus drew the
navigator, the detail, the title bar and the key hints as well: their lines come from caches,
but each is still fetched, styled and cut at every widget's edge. This one draws only the
widgets that overlap the region to update, and only their rows within it, in full width (so
each still starts at one of the screen's cuts). What reaches the terminal is the same.

A widget under others at every place it would draw (the screen, the panes' container) is not
drawn at all: the first widget drawn at a place is the one shown there.

It relies on how Textual's compositor is built inside (`_get_renders` feeding `_render_chops`):
a test compares what both write, and another version of Textual than those it was compared
with gets Textual's own compositor (`reader_compositor`, internals.py).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

from briefing.tui import internals


class UpdateCompositor(Compositor):
    def _get_renders(
        self, crop: Region | None = None
    ) -> Iterable[tuple[Region, Region, list[Strip]]]:
        if crop is None:
            yield from super()._get_renders(crop)
            return
        top, bottom = crop.y, crop.bottom
        # The places to update, and the column just right of them: a cut of a line (the part
        # between two widgets' edges) is written from its start if it reaches into the places,
        # and one starting just right of them is written too, cropped to nothing.
        near = Region(crop.x, crop.y, crop.width + 1, crop.height)
        # What the widgets drawn so far cover: they come from the top one down, and the first
        # drawn at a place is the one shown there.
        above: list[Region] = []
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            if not shown.overlaps(crop):
                continue
            first, last = max(shown.y, top), min(shown.bottom, bottom)
            rows = Region(shown.x, first, shown.width, last - first)
            if covered(rows.intersection(near), above):
                # Under the widgets above at every place near (the screen and the panes'
                # container, under the panes): what it would draw is never written, since the
                # widget over a cut's part near is over all of it (no widget's edge is in a cut).
                continue
            above.append(rows)
            # The rows as the widget's own region: `_render_chops` draws them at `rows`.
            within = Region(rows.x - region.x, rows.y - region.y, rows.width, rows.height)
            yield region, rows, widget.render_lines(within)


def covered(region: Region, above: list[Region]) -> bool:
    """Whether the regions `above` cover every place in `region`."""
    over = [other for other in above if other.overlaps(region)]
    if not over:
        return False
    # Bands of rows in which each region over it covers either every row or none.
    edges = {region.y, region.bottom}
    edges.update(max(other.y, region.y) for other in over)
    edges.update(min(other.bottom, region.bottom) for other in over)
    for band_top, band_bottom in itertools.pairwise(sorted(edges)):
        spans = sorted(
            (other.x, other.right)
            for other in over
            if other.y <= band_top and other.bottom >= band_bottom
        )
        reach = region.x
        for x, right in spans:
            if x > reach:
                break
            reach = max(reach, right)
        if reach < region.right:
            return False
    return True


def reader_compositor() -> Compositor:
    return UpdateCompositor() if internals.checked() else Compositor()

"""The reader screen's compositor: a partial update draws only what it updates.

Textual's compositor (8.2) draws every visible widget whole for each partial update, then
writes out only the parts of lines that changed. A cursor move in the items pane thus drew the
navigator, the detail, the title bar and the key hints as well: their lines come from caches,
but each is still fetched, styled and cut at every widget's edge. This one draws only the
widgets that overlap the region to update, and only their rows within it, in full width (so
each still starts at one of the screen's cuts). What reaches the terminal is the same.

It relies on how Textual's compositor is built inside (`_get_renders` feeding `_render_chops`):
a test compares what both write, and another version of Textual than those it was compared
with gets Textual's own compositor (`reader_compositor`, internals.py).
"""

from __future__ import annotations

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
        for widget, (region, clip) in self.visible_widgets.items():
            shown = region.intersection(clip)
            if not shown.overlaps(crop):
                continue
            first, last = max(shown.y, top), min(shown.bottom, bottom)
            rows = Region(shown.x, first, shown.width, last - first)
            # The rows as the widget's own region: `_render_chops` draws them at `rows`.
            within = Region(rows.x - region.x, rows.y - region.y, rows.width, rows.height)
            yield region, rows, widget.render_lines(within)


def reader_compositor() -> Compositor:
    return UpdateCompositor() if internals.checked() else Compositor()

"""The reader screen's compositor: a partial update draws only what it updates.

Textual's compositor (8.2) draws every visible widget whole for each partial update, then
writes out only the parts of lines that changed. A cursor move in the items pane thus drew the
navigator, the detail, the title bar and the key hints as well: their lines come from caches,
but each is still fetched, styled and cut at every widget's edge. This one draws only the
widgets that overlap the region to update, and only their rows within it, in full width (so
each still starts at one of the screen's cuts). What reaches the terminal is the same.

It relies on how Textual's compositor is built inside (`_get_renders` feeding `_render_chops`),
which a test compares with Textual's own output; another Textual whose compositor is built
otherwise gets its own compositor (`reader_compositor`).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip


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


def fits(compositor: type[Compositor]) -> bool:
    """True if Textual's compositor is built as `UpdateCompositor` expects."""
    chops = getattr(compositor, "_render_chops", None)
    renders = getattr(compositor, "_get_renders", None)
    return (
        chops is not None
        and renders is not None
        and chops.__code__.co_varnames[:3] == ("self", "crop", "is_rendered_line")
        and renders.__code__.co_varnames[:2] == ("self", "crop")
    )


def reader_compositor() -> Compositor:
    return UpdateCompositor() if fits(Compositor) else Compositor()

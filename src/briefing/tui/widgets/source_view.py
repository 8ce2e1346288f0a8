"""A source in full with its cited spans marked, and a cursor on one span at a time.

The screen says which source and span to show; this view draws them (render/source.py), keeps
the current span in view, and reports a span picked by a click or the view being left.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style as RichStyle
from textual.events import Resize
from textual.message import Message
from textual.style import Style

from briefing.links import CitedSpan
from briefing.model import Source
from briefing.render.source import marked_source
from briefing.tui.keys import pane_bindings
from briefing.tui.widgets.pane import TitledPane
from briefing.tui.widgets.text_view import TextView


class SourceView(TextView, TitledPane):
    # Shelved (hidden) until the screen puts it in the middle pane.
    DEFAULT_CLASSES = "pane -shelved"
    PANE_NAME = "Source"
    BINDINGS = pane_bindings()

    class Picked(Message):
        """The reader clicked a cited span."""

        def __init__(self, view: SourceView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

        @property
        def control(self) -> SourceView:
            return self.view

    class Opened(Message):
        """Enter: read what the detail says about the current span."""

        def __init__(self, view: SourceView) -> None:
            super().__init__()
            self.view = view

        @property
        def control(self) -> SourceView:
            return self.view

    class Left(Message):
        """Back to the list the source was opened from."""

        def __init__(self, view: SourceView) -> None:
            super().__init__()
            self.view = view

        @property
        def control(self) -> SourceView:
            return self.view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source: Source | None = None
        self.spans: Sequence[CitedSpan] = ()
        self.current: int | None = None
        # The current span is brought into view once the view has a size to wrap to.
        self._reveal_pending = False
        self._scroll_to_row: int | None = None

    def show(
        self,
        source: Source,
        spans: Sequence[CitedSpan],
        current: int | None,
        scroll: int | None = None,
    ) -> None:
        """Show a source with a span current: in view, or at `scroll` rows down if given."""
        self.source, self.spans, self.current = source, spans, current
        self.pane_title = source.title
        self.border_subtitle = (
            f"span {current + 1} of {len(spans)}" if current is not None else f"{len(spans)} cited"
        )
        text = marked_source(source, spans, current)
        # Each span answers a click by becoming the current one.
        for span in list(text.spans):
            meta = getattr(span.style, "meta", None)
            if meta and "span" in meta:
                click = RichStyle(meta={"@click": f"pick({meta['span']})"})
                text.stylize(click, span.start, span.end)
        self.update(text)
        self._reveal_pending = True
        self._scroll_to_row = scroll
        self._reveal()

    def current_line(self) -> int | None:
        """The wrapped line on which the current span opens."""
        for y, line in enumerate(self._lines):
            for _, _, style in line.spans:
                if isinstance(style, Style) and style._meta is not None and "current" in style.meta:
                    return y
        return None

    def _reveal(self) -> None:
        if not self._reveal_pending or not self._lines:
            return
        self._reveal_pending = False
        line = self.current_line()
        y = self._scroll_to_row
        if y is None and line is not None:
            # A third of the way down, so the lines before it give it context.
            y = max(line - self.scrollable_content_region.height // 3, 0)
        if y is not None:
            # Forced: just resized, the view may not yet know it has a scrollbar to scroll with.
            self.scroll_to(y=y, animate=False, force=True)

    def on_resize(self, event: Resize) -> None:
        super().on_resize(event)
        self._reveal()

    def action_pick(self, index: int) -> None:
        self.post_message(self.Picked(self, index))

    def action_open(self) -> None:
        self.post_message(self.Opened(self))

    def action_back(self) -> None:
        self.post_message(self.Left(self))

"""Reading marks and notices: shapes that read without colour, text that is never markup."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text

from briefing.findings import Finding, Location, Severity
from briefing.model import Section
from briefing.render.marks import (
    BOOKMARK_MARK,
    UNREAD_MARK,
    item_marks,
    marked,
    section_with_unread,
    unread_count,
)
from briefing.render.notices import finding_notice, findings_notice


def test_marks_are_two_aligned_columns() -> None:
    assert item_marks(read=False, bookmarked=False).plain == f"{UNREAD_MARK}  "
    assert item_marks(read=True, bookmarked=True).plain == f" {BOOKMARK_MARK} "
    assert item_marks(read=True, bookmarked=False).plain == "   "
    assert {len(item_marks(read=r, bookmarked=b)) for r in (0, 1) for b in (0, 1)} == {3}


def test_a_marked_label_keeps_its_text_and_styles() -> None:
    label = Text("[bold]not markup[/bold]", style="italic")
    result = marked(label, read=False, bookmarked=True)
    assert result.plain == f"{UNREAD_MARK}{BOOKMARK_MARK} [bold]not markup[/bold]"
    assert any(span.style == "italic" for span in result.spans)


def test_unread_counts_show_only_when_something_is_unread() -> None:
    assert unread_count(0).plain == ""
    assert unread_count(3).plain == f" {UNREAD_MARK}3"
    assert section_with_unread(Section.FIGURES, 4, 2).plain == f"Figures 4 {UNREAD_MARK}2"
    assert section_with_unread(Section.FIGURES, 4, 0).plain == "Figures 4"
    assert section_with_unread(Section.OVERVIEW, None, 0).plain == "Overview"


def finding(line: int, message: str, hint: str | None = None) -> Finding:
    return Finding(
        severity=Severity.WARNING,
        code="config",
        message=message,
        file=Path("/c/config.toml"),
        location=Location(line=line, column=3),
        hint=hint,
    )


def test_a_finding_notice_is_located_with_its_hint() -> None:
    notice = finding_notice(finding(4, "no key binding has the id `x`", "did you mean `y`?"))
    assert notice == "/c/config.toml:4:3: no key binding has the id `x` (did you mean `y`?)"


def test_many_findings_are_listed_then_counted() -> None:
    notice = findings_notice([finding(n, f"problem {n}") for n in range(1, 6)])
    assert notice.splitlines() == [
        "/c/config.toml:1:3: problem 1",
        "/c/config.toml:2:3: problem 2",
        "/c/config.toml:3:3: problem 3",
        "… and 2 more",
    ]

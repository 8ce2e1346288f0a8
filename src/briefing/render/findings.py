"""Findings as text: each with its place in the file, the offending line and a hint.

One implementation for `briefing validate`'s report and the reader's detail pane, which differ
only in layout (`REPORT`, `PAGE`).
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text

from briefing.findings import Finding
from briefing.render.labels import BROKEN_MARK
from briefing.render.styles import ERROR, HEADING, MUTED, WARNING


class FindingLayout(msgspec.Struct, frozen=True):
    """How a finding is laid out: as a line of a report, or as a page of the reader's detail."""

    # The report's header is one line, `where: severity: message [code]`; a page's puts the
    # severity, the place and the message each on their own.
    one_line: bool
    # Between the message and each later part (the offending line, the hint).
    gap: str
    indent: str
    # The line between the offending line's number and the line.
    rule: str
    rule_style: Style
    hint_style: Style


# `briefing validate`: a compiler's style, one finding a paragraph.
REPORT = FindingLayout(True, "\n", "  ", "|", Style(color="blue"), Style(color="cyan"))
# The reader's detail pane: a narrower page, with room between the parts.
PAGE = FindingLayout(False, "\n\n", "", "│", MUTED, HEADING)


def render_finding(finding: Finding, layout: FindingLayout = REPORT) -> Text:
    """Where, what, the path of the value, the offending line with a caret, and the hint.

    Built from Text parts, never markup: file contents are echoed here.
    """
    severity = ERROR if finding.is_error else WARNING
    text = Text()
    if layout.one_line:
        text.append(finding.where(), style=HEADING)
        text.append(": ")
        text.append(str(finding.severity), style=severity)
        text.append(f": {finding.message}")
        text.append(f" [{finding.code}]", style=MUTED)
    else:
        mark = f"{BROKEN_MARK} error" if finding.is_error else "! warning"
        text.append(mark, style=severity)
        text.append(f" [{finding.code}]", style=MUTED)
        text.append("\n")
        text.append(finding.where(), style=HEADING)
        text.append("\n\n")
        text.append(finding.message)
    if finding.path:
        text.append(f"\n{layout.indent}at {finding.path}", style=MUTED)
    if finding.source_line is not None and finding.location:
        number = str(finding.location.line)
        text.append(f"{layout.gap}{layout.indent}{number} {layout.rule} ", style=layout.rule_style)
        text.append(finding.source_line)
        caret = cell_len(finding.source_line[: finding.caret or 0])
        margin = layout.indent + " " * len(number)
        text.append(f"\n{margin} {layout.rule} ", style=layout.rule_style)
        text.append(" " * caret + "^", style=severity)
    if finding.hint:
        text.append(f"{layout.gap}{layout.indent}hint: ", style=layout.hint_style)
        text.append(finding.hint)
    return text


def finding_detail(finding: Finding) -> Text:
    """A finding as a page of the reader's detail pane."""
    return render_finding(finding, PAGE)


def broken_summary(name: str, findings: Sequence[Finding]) -> Text:
    """What a broken file's page says before any one finding is chosen."""
    errors = sum(f.is_error for f in findings)
    text = Text()
    text.append(f"{BROKEN_MARK} {name} could not be loaded", style=ERROR)
    text.append(f"\n{errors} error{'s' if errors != 1 else ''}", style=HEADING)
    warnings = len(findings) - errors
    if warnings:
        text.append(f", {warnings} warning{'s' if warnings != 1 else ''}", style=MUTED)
    text.append("\n\nChoose a finding to see where it is and how to fix it.", style=MUTED)
    return text

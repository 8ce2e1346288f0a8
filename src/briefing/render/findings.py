"""Why a briefing could not be loaded: each finding with its place in the file and a hint."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text

from briefing.findings import Finding
from briefing.render.labels import BROKEN_MARK
from briefing.render.styles import ERROR, HEADING, MUTED, WARNING


def finding_detail(finding: Finding) -> Text:
    """`file:line:column`, the message, the offending line with a caret, and the hint."""
    text = Text()
    if finding.is_error:
        text.append(f"{BROKEN_MARK} error", style=ERROR)
    else:
        text.append("! warning", style=WARNING)
    text.append(f" [{finding.code}]", style=MUTED)
    text.append("\n")
    text.append(finding.where(), style=HEADING)
    text.append("\n\n")
    text.append(finding.message)
    if finding.path:
        text.append(f"\nat {finding.path}", style=MUTED)
    if finding.source_line is not None and finding.location:
        number = str(finding.location.line)
        text.append(f"\n\n{number} │ ", style=MUTED)
        text.append(finding.source_line)
        caret = cell_len(finding.source_line[: finding.caret or 0])
        text.append("\n" + " " * len(number) + " │ ", style=MUTED)
        text.append(" " * caret + "^", style=ERROR if finding.is_error else WARNING)
    if finding.hint:
        text.append("\n\nhint: ", style=HEADING)
        text.append(finding.hint)
    return text


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

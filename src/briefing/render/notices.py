"""Findings as one-notification text: where, what, and the hint, as plain text (never markup)."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.findings import Finding

# A notification is small: past this many findings, it says how many more there are.
MAX_LISTED = 3


def finding_notice(finding: Finding) -> str:
    """`file:line:column: message (hint)`."""
    text = f"{finding.where()}: {finding.message}"
    if finding.hint:
        text += f" ({finding.hint})"
    return text


def findings_notice(findings: Sequence[Finding], limit: int = MAX_LISTED) -> str:
    """Several findings, one a line, the rest counted."""
    lines = [finding_notice(f) for f in findings[:limit]]
    if len(findings) > limit:
        more = len(findings) - limit
        lines.append(f"… and {more} more")
    return "\n".join(lines)

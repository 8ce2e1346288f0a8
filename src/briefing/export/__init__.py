"""Exports of a briefing to other formats: Markdown, HTML and JSON, one small module each."""

from __future__ import annotations

from briefing.export import html, markdown
from briefing.export import json as json_export
from briefing.model import Briefing

FORMATS = ("md", "html", "json")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}


def export(briefing: Briefing, to: str, *, resolved: bool = False) -> str:
    """The briefing in format `to` (one of FORMATS). JSON reads the briefing's file again.

    Raises `BriefingError` if that file can no longer be read as a briefing.
    """
    if to == "md":
        return markdown.to_markdown(briefing)
    if to == "html":
        return html.to_html(briefing)
    if to == "json":
        doc = json_export.read_doc(briefing.path)
        return json_export.to_json(doc, briefing if resolved else None)
    raise ValueError(f"unknown export format: {to}")

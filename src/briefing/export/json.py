"""A briefing as JSON in the file format's own keys, for scripts.

The data is the briefing file's, re-encoded through `briefing.format.BriefingDoc`, so keys come
in the format's order and the output validates: YAML is a superset of JSON, so the exported
file, placed beside the original, loads as the same briefing. `resolved=` adds derived data
under the format's one extra key, `resolved`, which loading ignores.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import msgspec

from briefing.export.shared import citations_of, clean, party_chain, party_mentions
from briefing.findings import BriefingError, Finding, Severity
from briefing.format import BriefingDoc
from briefing.model import Briefing, Citation
from briefing.text import normalise_for_matching
from briefing.yamlsafe import read_yaml_file

RESOLVED_VERSION = 1

# Characters that JSON allows raw in a string but YAML readers reject or fold: the Unicode line
# and paragraph separators, the byte-order mark, noncharacters and lone surrogates. Escaped,
# the text reads back the same through a YAML parser.
_YAML_UNSAFE = re.compile("[\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]")


def read_doc(path: Path) -> BriefingDoc:
    """The briefing file's data as the format's types. Raises `BriefingError`."""
    document = read_yaml_file(path)
    try:
        doc = msgspec.convert(document.data, BriefingDoc, strict=False)
    except (msgspec.ValidationError, ValueError, TypeError) as error:
        raise BriefingError(
            Finding(severity=Severity.ERROR, code="schema", message=str(error), file=path)
        ) from None
    return msgspec.structs.replace(doc, resolved=None)


def to_json(doc: BriefingDoc, resolved: Briefing | None = None) -> str:
    """The briefing's data as indented JSON; with `resolved`, its derived data too."""
    data = _one_citation_per_passage(
        msgspec.to_builtins(msgspec.structs.replace(doc, resolved=None))
    )
    if resolved is not None:
        data["resolved"] = resolved_data(resolved)
    encoded = msgspec.json.format(msgspec.json.encode(_cleaned(data)), indent=2).decode("utf-8")
    # The structure is ASCII, so these characters can only be inside strings.
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded) + "\n"


def _one_citation_per_passage(data: dict[str, Any]) -> dict[str, Any]:
    """Each item's cites without a second citation of the same words, as loading keeps them
    (`validate` warns of it): the same source and the same excerpt, once matched as loading
    matches it."""
    sources = data.get("sources") or []
    only = sources[0].get("id") if len(sources) == 1 else None
    for items in data.values():
        for item in items if isinstance(items, list) else ():
            cites = item.get("cites") if isinstance(item, dict) else None
            if not isinstance(cites, list):
                continue
            seen: set[tuple[Any, str]] = set()
            kept = []
            for cite in cites:
                key = (cite.get("source") or only, normalise_for_matching(cite.get("excerpt", "")))
                if key not in seen:
                    seen.add(key)
                    kept.append(cite)
            item["cites"] = kept
    return data


def _cleaned(value: Any) -> Any:
    """Data with control characters removed from every string, as loading would remove them."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(key): _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value


def _span(citation: Citation) -> dict[str, Any]:
    return {
        "source": citation.source.id,
        "start": citation.start,
        "end": citation.end,
        "passage": citation.passage,
    }


def resolved_data(briefing: Briefing) -> dict[str, Any]:
    """What scripts want besides the file's data: located citations and resolved references.

    Offsets count characters (code points) of the source text as loaded: UTF-8 decoded, any
    byte-order mark dropped, CRLF read as LF, control characters removed.
    """
    mentions = party_mentions(briefing)
    citations = [
        {"item": item.id, "index": index, **_span(citation)}
        for _, item in briefing.all_items()
        for index, citation in enumerate(citations_of(item))
    ]
    parties = {
        party.id: {
            "name": party.name,
            "kind": party.kind,
            "part_of": [p.id for p in party_chain(party)[1:]],
            "members": [p.id for p in mentions[party.id].members],
            "positions": [p.id for p in mentions[party.id].positions],
            "quotes": [q.id for q in mentions[party.id].quotes],
            "questions": [q.id for q in mentions[party.id].questions],
            "timeline": [e.id for e in mentions[party.id].events],
            "figures": [f.id for f in mentions[party.id].figures],
        }
        for party in briefing.parties
    }
    issues = {
        issue.id: {
            "title": issue.title,
            "positions": [p.id for p in briefing.positions if p.issue.id == issue.id],
        }
        for issue in briefing.issues
    }
    positions = {p.id: {"party": p.party.name, "issue": p.issue.title} for p in briefing.positions}
    quotes = {
        q.id: {"speaker": q.speaker.name, "located": _span(q.located) if q.located else None}
        for q in briefing.quotes
    }
    return {
        "version": RESOLVED_VERSION,
        "citations": citations,
        "parties": parties,
        "issues": issues,
        "positions": positions,
        "quotes": quotes,
        "timeline": [
            {
                "id": e.id,
                "start": e.when.start.isoformat(),
                "end": e.when.end.isoformat(),
            }
            for e in briefing.timeline
        ],
    }

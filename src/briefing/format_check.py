"""The format check: every part of a briefing file against `briefing.format`.

msgspec stops at the first problem of a value, so each item is checked on its own: a curator sees
one error per broken item, all at once, each located and worded for people rather than for JSON.
"""

from __future__ import annotations

import re
from typing import Any

import msgspec

from briefing import format as fmt
from briefing.findings import Finding
from briefing.text import did_you_mean
from briefing.yamlsafe import DataPath, YamlDocument

_AT = re.compile(r"^(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)
_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")
_UNKNOWN = re.compile(r"Object contains unknown field `(?P<field>[^`]*)`")
_MISSING = re.compile(r"Object missing required field `(?P<field>[^`]*)`")


def check_format(document: YamlDocument, findings: list[Finding]) -> fmt.BriefingDoc | None:
    """Check every part against the format, reporting one problem per item at most."""
    data = document.data
    items: dict[str, list[Any]] = {}
    top = dict(data)
    for key in fmt.ITEM_LISTS:
        if isinstance(top.get(key), list):
            items[key] = top.pop(key)
    doc = _convert(document, top, fmt.BriefingDoc, (), findings)
    converted: dict[str, list[Any]] = {}
    for key, entries in items.items():
        kind = fmt.ITEM_LISTS[key]
        converted[key] = []
        for index, entry in enumerate(entries):
            item = _convert(document, entry, kind, (key, index), findings)
            if item is not None:
                converted[key].append(item)
    if doc is None:
        return None
    return msgspec.structs.replace(doc, **converted)


def _convert(
    document: YamlDocument,
    value: Any,
    kind: type,
    base: DataPath,
    findings: list[Finding],
) -> Any:
    try:
        return msgspec.convert(value, kind, strict=False)
    except msgspec.ValidationError as error:
        findings.append(_schema_finding(document, str(error), base))
    except (ValueError, OverflowError, RecursionError, TypeError) as error:
        findings.append(document.finding(base, f"cannot read this value: {error}", code="schema"))
    return None


def _schema_finding(document: YamlDocument, text: str, base: DataPath) -> Finding:
    match = _AT.match(text)
    assert match is not None
    message = match.group("message")
    path: DataPath = base
    for name, index in _PATH_PART.findall(match.group("path") or ""):
        path = (*path, int(index)) if index else (*path, name)
    hint = None
    if unknown := _UNKNOWN.fullmatch(message):
        name = unknown.group("field")
        path = (*path, name)
        kind = _struct_at(base)
        known = list(kind.__struct_fields__) if kind else []
        guess = did_you_mean(name, known)
        hint = f"did you mean `{guess}`?" if guess else f"known keys: {', '.join(known)}"
        return document.finding(path, f"unknown key `{name}`", code="schema", hint=hint, key=True)
    if missing := _MISSING.fullmatch(message):
        return document.finding(
            path, f"missing required key `{missing.group('field')}`", code="schema"
        )
    field_name = next((p for p in reversed(path) if isinstance(p, str)), None)
    if message.startswith("Invalid enum value") and field_name in _CHOICES:
        choices = _CHOICES[field_name]
        value = message.removeprefix("Invalid enum value").strip().strip("'")
        guess = did_you_mean(value, choices)
        return document.finding(
            path,
            f"`{field_name}`: `{value}` is not one of the allowed values",
            code="schema",
            hint=(f"did you mean `{guess}`? " if guess else "") + "allowed: " + ", ".join(choices),
        )
    return document.finding(path, _plain_message(message, field_name), code="schema")


_CHOICES: dict[str, tuple[str, ...]] = {
    "kind": fmt.PARTY_KINDS,
    "status": fmt.STATUSES,
    "when_basis": ("source", "context"),
    "format": ("1",),
}


def _struct_at(base: DataPath) -> type | None:
    return fmt.ITEM_LISTS.get(str(base[0])) if base else fmt.BriefingDoc


def _plain_message(message: str, field_name: str | None) -> str:
    """msgspec's wording, with the field named and the jargon of JSON types softened."""
    message = (
        message.replace("`array`", "a list")
        .replace("`object`", "a mapping")
        .replace("`str`", "text")
        .replace("`null`", "nothing")
        .replace("Expected", "expected")
    )
    return f"`{field_name}`: {message}" if field_name else message

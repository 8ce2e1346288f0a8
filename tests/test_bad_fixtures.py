"""Every bad fixture fails with the rule and the exact location its header names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.loader import load_briefing

from .conftest import FIXTURES

BAD = sorted((FIXTURES / "bad").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (?P<code>[\w-]+) (?P<line>\d+):(?P<column>\d+)$", re.M)


def expectation(path: Path) -> tuple[str, int, int]:
    match = EXPECT.search(path.read_text(encoding="utf-8"))
    assert match, f"{path.name} has no `# expect: code line:column` header"
    return match["code"], int(match["line"]), int(match["column"])


def test_there_is_a_fixture_per_rule() -> None:
    codes = {expectation(path)[0] for path in BAD}
    assert {
        "yaml-syntax",
        "yaml-duplicate-key",
        "yaml-anchor",
        "yaml-alias",
        "yaml-tag",
        "yaml-multiple-documents",
        "yaml-not-mapping",
        "yaml-empty",
        "schema",
        "duplicate-id",
        "unknown-reference",
        "missing-citation",
        "excerpt-not-found",
        "quote-not-found",
        "bad-date",
        "source-outside",
        "source-file",
        "part-of-loop",
    } <= codes


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_fixture_fails_at_the_expected_place(path: Path) -> None:
    code, line, column = expectation(path)
    result = load_briefing(path)
    assert result.briefing is None
    errors = [(f.code, f.location.line, f.location.column) for f in result.errors if f.location]
    assert (code, line, column) in errors, result.errors
    for finding in result.errors:
        assert finding.file == path
        assert finding.message


def test_a_misspelt_reference_gets_a_did_you_mean() -> None:
    result = load_briefing(FIXTURES / "bad" / "unknown-party.yaml")
    (error,) = result.errors
    assert error.hint == "did you mean `northland`?"
    assert error.path == "positions[0].party"
    assert error.source_line == "    party: northlnd"
    assert error.source_line[error.caret :].startswith("northlnd")


def test_a_misspelt_key_gets_a_did_you_mean() -> None:
    (error,) = load_briefing(FIXTURES / "bad" / "unknown-key.yaml").errors
    assert error.message == "unknown key `sumary`"
    assert error.hint == "did you mean `summary`?"


def test_an_excerpt_not_found_suggests_the_nearest_passage() -> None:
    (error,) = load_briefing(FIXTURES / "bad" / "excerpt-not-found.yaml").errors
    assert error.hint is not None
    assert "closed for nearly 40 days" in error.hint


def test_a_bad_enum_lists_the_allowed_values() -> None:
    (error,) = load_briefing(FIXTURES / "bad" / "bad-enum.yaml").errors
    assert "developing" in (error.hint or "")
    assert "`ongoing`" in error.message

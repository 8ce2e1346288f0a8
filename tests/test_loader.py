"""Loading a valid briefing: the resolved model, spans, warnings and sanitising."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path

import pytest

from briefing.findings import Severity
from briefing.loader import load_briefing
from briefing.model import Section, When
from briefing.text import normalise_for_matching


def test_the_good_fixture_loads_with_references_resolved(good_briefing: Path) -> None:
    result = load_briefing(good_briefing)
    assert result.findings == ()
    briefing = result.briefing
    assert briefing is not None
    assert briefing.id == "harbour-talks"
    assert briefing.as_of == datetime.date(2024, 3, 4)
    position = briefing.positions[0]
    assert position.party is briefing.party("northland")
    assert position.issue.title == "Reopening the harbour"
    reyes = briefing.party("ana-reyes")
    assert reyes is not None and reyes.part_of is briefing.party("southland")
    figure = briefing.figures[0]
    assert figure.reported_by is briefing.party("port-authority")
    assert briefing.count(Section.QUOTES) == 1
    assert briefing.find("q-second-round")[0] is Section.QUESTIONS


def test_citation_spans_point_at_the_exact_words(good_briefing: Path) -> None:
    briefing = load_briefing(good_briefing).briefing
    assert briefing is not None
    for _, item in briefing.all_items():
        for citation in getattr(item, "citations", ()):
            passage = citation.passage
            assert passage == citation.source.text[citation.start : citation.end]
            # Typographic quotes in the excerpt match straight quotes in the source.
            assert normalise_for_matching(passage) == normalise_for_matching(citation.excerpt)
    quote = briefing.quotes[0]
    assert quote.located is not None and quote.located.passage == "frank and useful"


def test_typed_by_the_schema_not_by_yaml_1_1(tmp_path: Path, good_briefing: Path) -> None:
    shutil.copytree(good_briefing.parent, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "harbour-talks.yaml"
    text = path.read_text().replace("title: Reopening the harbour", "title: NO")
    text = text.replace("value: nearly 40", "value: 0755")
    path.write_text(text)
    briefing = load_briefing(path).briefing
    assert briefing is not None
    assert briefing.issues[0].title == "NO"
    assert briefing.figures[0].value == "0755"


def test_control_and_bidi_characters_are_removed_with_a_warning(
    tmp_path: Path, good_briefing: Path
) -> None:
    shutil.copytree(good_briefing.parent, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "harbour-talks.yaml"
    text = path.read_text().replace(
        "title: The Portville harbour talks",
        'title: "The \\e]0;owned\\a Portville\\u202e harbour\\x9b talks"',
    )
    path.write_text(text)
    result = load_briefing(path)
    assert result.briefing is not None
    assert result.briefing.title == "The ]0;owned Portville harbour talks"
    (warning,) = result.warnings
    assert warning.code == "control-characters"
    assert warning.severity is Severity.WARNING
    title_line = next(
        number for number, line in enumerate(text.split("\n"), start=1) if line.startswith("title:")
    )
    assert (warning.location.line, warning.location.column) == (title_line, 8)
    assert "U+001B" in warning.message and "U+202E" in warning.message


def test_unused_party_issue_and_long_excerpt_are_warnings(
    tmp_path: Path, good_briefing: Path
) -> None:
    shutil.copytree(good_briefing.parent, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "harbour-talks.yaml"
    text = path.read_text()
    text = text.replace(
        "issues:\n",
        "issues:\n  - id: fishing-rights\n    title: Fishing rights\n",
    ).replace(
        "parties:\n",
        "parties:\n  - id: westland\n    name: Westland\n    kind: state\n",
    )
    source = (tmp_path / "sources" / "harbour-talks.txt").read_text()
    long_excerpt = source.split("\n")[0][:230]
    text = text.replace(
        "      - excerpt: A second round of talks is expected on Friday",
        f"      - excerpt: {json.dumps(long_excerpt)}",
    )
    path.write_text(text)
    result = load_briefing(path)
    assert result.briefing is not None
    codes = sorted(f.code for f in result.warnings)
    assert codes == ["long-excerpt", "unused-issue", "unused-party"]


def test_a_briefing_without_sources_cannot_cite(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(
        "format: 1\nid: b\ntitle: B\nas_of: 2024-01-01\nstatus: developing\nsummary: S\n"
        "parties: [{id: p, name: P, kind: state}]\nissues: [{id: i, title: I}]\n"
        "positions:\n  - {id: x, party: p, issue: i, stance: s, cites: [{excerpt: e}]}\n"
    )
    result = load_briefing(path)
    assert [f.code for f in result.errors] == ["unknown-source"]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023-12-20", datetime.date(2023, 12, 20), datetime.date(2023, 12, 20)),
        ("2023-12", datetime.date(2023, 12, 1), datetime.date(2023, 12, 31)),
        ("2024-02", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        ("2023-12-18..2023-12-22", datetime.date(2023, 12, 18), datetime.date(2023, 12, 22)),
    ],
)
def test_when_parses_dates_months_and_ranges(
    text: str, start: datetime.date, end: datetime.date
) -> None:
    when = When.parse(text)
    assert (when.start, when.end) == (start, end)


@pytest.mark.parametrize("text", ["2024-02-30", "2023-13", "2023-12-22..2023-12-18"])
def test_when_rejects_impossible_dates(text: str) -> None:
    with pytest.raises(ValueError):
        When.parse(text)


def test_unreadable_inputs_are_located_errors(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert load_briefing(fifo).errors[0].code == "unreadable-file"
    assert load_briefing(tmp_path).errors[0].code == "unreadable-file"
    assert load_briefing(tmp_path / "missing.yaml").errors[0].code == "unreadable-file"
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"title: caf\xe9\n")
    (error,) = load_briefing(bad).errors
    assert (error.location.line, error.location.column) == (1, 11)
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    assert "over the limit" in load_briefing(huge).errors[0].message


def test_the_documented_example_is_the_fixture_and_validates(good_briefing: Path) -> None:
    from .conftest import REPO

    documented = (REPO / "docs" / "format.md").read_text(encoding="utf-8")
    assert good_briefing.read_text(encoding="utf-8") in documented
    assert load_briefing(good_briefing).findings == ()

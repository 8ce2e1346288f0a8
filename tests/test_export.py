"""Exports: goldens for each format, a parsed HTML page, hostile content, the JSON round trip."""

from __future__ import annotations

import dataclasses
import html.parser
import io
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefing.export import export
from briefing.export.html import to_html
from briefing.export.json import read_doc, to_json
from briefing.export.markdown import escape, to_markdown
from briefing.export.shared import CitationNumbers, web_url
from briefing.format import BriefingDoc
from briefing.loader import load_briefing
from briefing.model import Briefing, Citation
from briefing.text import sanitise

from .conftest import FIXTURES, TESTS

GOLDEN = TESTS / "golden"
HOSTILE = FIXTURES / "hostile" / "hostile.yaml"
# Every briefing with golden exports; a bundled briefing gets its goldens by adding its path here
# (REPO / "content" / "name.yaml") and running the tests once with UPDATE_GOLDEN=1.
GOLDEN_BRIEFINGS = [FIXTURES / "good" / "harbour-talks.yaml", HOSTILE]
EXPORTS = {"md": ("md", False), "html": ("html", False), "json": ("json", False)}
EXPORTS["resolved.json"] = ("json", True)

# What must never reach a file or a terminal: C0 controls but tab and newline, DEL, C1.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def load(path: Path) -> Briefing:
    result = load_briefing(path)
    assert result.briefing is not None, result.findings
    return result.briefing


@pytest.mark.parametrize("suffix", list(EXPORTS))
@pytest.mark.parametrize("path", GOLDEN_BRIEFINGS, ids=lambda p: p.stem)
def test_exports_match_their_golden_files(path: Path, suffix: str) -> None:
    to, resolved = EXPORTS[suffix]
    produced = export(load(path), to, resolved=resolved)
    golden = GOLDEN / f"{path.stem}.{suffix}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1 to make it"
    expected = golden.read_text(encoding="utf-8")
    assert produced == expected, f"{golden.name} differs: if the change is right, UPDATE_GOLDEN=1"


# --- HTML ----------------------------------------------------------------------------------------


class PageParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.tags: list[str] = []
        self.links: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.styles: list[str] = []
        self.marks: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            self.attributes.append((tag, name, value))
            if name == "id" and value is not None:
                self.ids.append(value)
                if tag == "mark":
                    self.marks.append(value)
            if name == "href" and value is not None:
                self.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


@pytest.mark.parametrize("path", GOLDEN_BRIEFINGS, ids=lambda p: p.stem)
def test_the_html_page_links_only_within_itself_or_to_the_web(path: Path) -> None:
    briefing = load(path)
    page = parse(to_html(briefing))
    assert len(page.ids) == len(set(page.ids)), "ids must be unique"
    internal = [link for link in page.links if link.startswith("#")]
    assert internal
    for link in internal:
        assert link[1:] in page.ids, f"{link} goes nowhere"
    for link in page.links:
        assert link.startswith(("#", "https://", "http://")), link
    for _, item in briefing.all_items():
        assert item.id in page.ids, f"{item.id} has no anchor"
    # Every citation links to its highlighted words.
    for number, _ in CitationNumbers.of(briefing).numbered():
        assert f"#_c{number}" in page.links
        assert f"_c{number}" in page.ids


@pytest.mark.parametrize("path", GOLDEN_BRIEFINGS, ids=lambda p: p.stem)
def test_the_html_page_runs_nothing_and_fetches_nothing(path: Path) -> None:
    page = parse(to_html(load(path)))
    forbidden = {"script", "iframe", "img", "link", "object", "embed", "base", "form", "svg"}
    assert not forbidden & set(page.tags)
    for tag, name, value in page.attributes:
        assert not name.startswith("on"), (tag, name)
        assert name not in ("src", "srcset", "action", "formaction", "background"), (tag, name)
        assert "javascript:" not in (value or "").lower() or name == "title", (tag, name)
    style = "".join(page.styles)
    assert "url(" not in style and "@import" not in style
    assert {"meta", "style"} <= set(page.tags)
    assert ("meta", "name", "viewport") in page.attributes


def test_overlapping_citations_are_all_marked_and_linked_back() -> None:
    briefing = load(HOSTILE)
    page = to_html(briefing)
    parsed = parse(page)
    # The quote's citation contains the question's: both have anchors in the source text.
    numbers = CitationNumbers.of(briefing)
    quote_cite = numbers.number(briefing.quotes[0].citations[0])
    question_cite = numbers.number(briefing.questions[0].citations[0])
    assert {f"_c{quote_cite}", f"_c{question_cite}"} <= set(parsed.marks)
    assert '<a href="#quote-hostile" title="quote-hostile">' in page
    assert '<a href="#q-hostile" title="q-hostile">' in page


def test_only_http_urls_become_links() -> None:
    assert web_url("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&c=2"
    assert web_url("HTTP://example.org") == "HTTP://example.org"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "//example.org",
        "/etc/passwd",
        "https://exa mple.org",
        'https://example.org/"onmouseover=x',
        "https://example.org/\x1b",
        "http://",
        None,
        "",
    ):
        assert web_url(bad) is None, bad


# --- hostile content -----------------------------------------------------------------------------

HOSTILE_STRINGS = [
    '<script>alert("title")</script>',
    "<script>alert(5)</script>",
    "<img src=x onerror=alert(2)>",
    "<b onmouseover=alert(3)>",
    '<iframe src="https://evil.example/">',
]


def test_hostile_content_is_inert_in_html() -> None:
    page = to_html(load(HOSTILE))
    for hostile in HOSTILE_STRINGS:
        assert hostile not in page
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in page
    # `&#27;` is shown as the characters, not read as an ESC entity.
    assert "&amp;#27;" in page and "&#27;" not in page.replace("&amp;#27;", "")
    assert 'href="javascript' not in page.lower()
    assert "evil.example" not in " ".join(parse(page).links)


def test_hostile_content_is_inert_in_markdown() -> None:
    text = to_markdown(load(HOSTILE))
    for hostile in HOSTILE_STRINGS:
        assert hostile not in text
    # No live link, image or autolink syntax from the content: every `[`, `(` and `<` is escaped.
    assert re.search(r"(?<!\\)\]\(", text) is None
    assert re.search(r"(?<!\\)<(?!https://example\.org/)", text) is None
    assert "\\&\\#27;" in text
    # The `|` in content cannot add table cells: every row has as many cells as the header.
    rows = [line for line in text.splitlines() if line.startswith("|")]
    cells = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
    assert len(cells) == 1
    # A leading `#`, `-` or `1.` in content does not make a heading or a list.
    assert "\\# Not a heading" in text
    assert "1\\. Not a list" in text


def test_hostile_content_is_plain_data_in_json() -> None:
    briefing = load(HOSTILE)
    for resolved in (False, True):
        data = msgspec.json.decode(export(briefing, "json", resolved=resolved))
        assert data["title"] == '<script>alert("title")</script> [@click=app.quit]x[/] &#27;[2J'


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("[x](javascript:y)", "\\[x\\]\\(javascript:y\\)"),
        ("<script>", "\\<script\\>"),
        ("a | b", "a \\| b"),
        ("# title", "\\# title"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("12) item", "12\\) item"),
        ("3. item", "3\\. item"),
        ("*a* _b_ `c` ~d~", "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~"),
        ("&#27; &amp;", "\\&\\#27; \\&amp;"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines\n# head", "two lines \\# head"),
        ("plain, words - here. 1,200", "plain, words - here. 1,200"),
    ],
)
def test_markdown_escapes_what_could_be_syntax(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def with_controls(briefing: Briefing) -> Briefing:
    """A model built without the loader's cleaning: escapes and C1 characters everywhere."""
    dirty = "\x1b[31mred\x1b[0m \x9b2J \x07bell \u202eevil"
    party = msgspec.structs.replace(briefing.parties[0], name=f"Northland {dirty}")
    source = briefing.sources[0]
    source = msgspec.structs.replace(source, title=f"Article {dirty}", text=source.text + dirty)
    return dataclasses.replace(
        briefing,
        title=f"Title {dirty}",
        summary=f"Summary {dirty}",
        parties=(party, *briefing.parties[1:]),
        sources=(source,),
        positions=tuple(
            msgspec.structs.replace(p, stance=p.stance + dirty) for p in briefing.positions
        ),
    )


def test_no_export_emits_control_characters_even_from_an_uncleaned_model() -> None:
    briefing = with_controls(load(GOLDEN_BRIEFINGS[0]))
    for text in (to_markdown(briefing), to_html(briefing)):
        assert CONTROL.search(text) is None
        assert "\u202e" not in text
        assert "31mred" in text and "2J bell evil" in text
    doc = read_doc(GOLDEN_BRIEFINGS[0])
    doc = msgspec.structs.replace(doc, title="Title \x1b[31mred\x9b \u202eevil")
    out = to_json(doc)
    assert CONTROL.search(out) is None
    assert "\\u001b" not in out and "\\u009b" not in out
    assert '"title": "Title [31mred evil"' in out


# --- JSON ----------------------------------------------------------------------------------------


def copy_beside(original: Path, text: str, tmp_path: Path) -> tuple[Path, Path]:
    """The original's folder copied to `tmp_path`, with `text` saved beside it as JSON."""
    folder = tmp_path / "briefings"
    shutil.copytree(original.parent, folder)
    exported = folder / f"{original.stem}.json"
    exported.write_text(text, encoding="utf-8")
    return folder / original.name, exported


@pytest.mark.parametrize("resolved", [False, True], ids=["plain", "resolved"])
@pytest.mark.parametrize("path", GOLDEN_BRIEFINGS, ids=lambda p: p.stem)
def test_the_json_export_loads_as_the_same_briefing(
    path: Path, resolved: bool, tmp_path: Path
) -> None:
    briefing = load(path)
    original, exported = copy_beside(path, export(briefing, "json", resolved=resolved), tmp_path)
    again = load_briefing(exported)
    assert again.findings == ()
    assert again.briefing is not None
    assert dataclasses.replace(again.briefing, path=original) == load(original)
    # And it is the format's JSON: a strict decode validates it.
    msgspec.json.decode(exported.read_bytes(), type=BriefingDoc)


def test_the_json_keeps_the_files_keys_in_the_formats_order() -> None:
    out = export(load(GOLDEN_BRIEFINGS[0]), "json")
    keys = re.findall(r'^  "(\w+)":', out, flags=re.MULTILINE)
    assert keys == [k for k in BriefingDoc.__struct_fields__ if k in keys]
    assert keys[:5] == ["format", "id", "title", "as_of", "status"]
    assert "resolved" not in keys


def test_the_resolved_data_locates_every_citation_in_its_source() -> None:
    briefing = load(GOLDEN_BRIEFINGS[0])
    data = msgspec.json.decode(export(briefing, "json", resolved=True))
    resolved = data["resolved"]
    texts = {source.id: source.text for source in briefing.sources}
    assert len(resolved["citations"]) == sum(1 for _ in _all_citations(briefing))
    for span in resolved["citations"]:
        assert texts[span["source"]][span["start"] : span["end"]] == span["passage"]
    assert resolved["parties"]["ana-reyes"]["part_of"] == ["southland"]
    assert resolved["parties"]["southland"]["members"] == ["ana-reyes"]
    assert resolved["positions"]["pos-southland-package"] == {
        "party": "Southland",
        "issue": "Reopening the harbour",
    }
    assert resolved["quotes"]["quote-frank-and-useful"]["located"]["passage"] == "frank and useful"


def _all_citations(briefing: Briefing) -> Iterator[Citation]:
    for _, item in briefing.all_items():
        yield from getattr(item, "citations", ())


def test_a_file_that_was_a_resolved_export_exports_without_its_old_resolved_data(
    tmp_path: Path,
) -> None:
    path = GOLDEN_BRIEFINGS[0]
    _, exported = copy_beside(path, export(load(path), "json", resolved=True), tmp_path)
    assert '"resolved"' not in export(load(exported), "json")


_TEXT = st.text(min_size=1, max_size=40).filter(lambda s: sanitise(s).strip())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=_TEXT, summary=_TEXT, stance=_TEXT)
# Raw, these would not read back through YAML: a noncharacter, separators, a byte-order mark.
@example(title="a\ufffeb", summary="c\u2028d\u2029e", stance="\ufeff\uffff")
def test_any_text_survives_the_json_round_trip(
    title: str, summary: str, stance: str, tmp_path: Path
) -> None:
    doc = read_doc(GOLDEN_BRIEFINGS[0])
    positions = [msgspec.structs.replace(doc.positions[0], stance=stance), *doc.positions[1:]]
    doc = msgspec.structs.replace(doc, title=title, summary=summary, positions=positions)
    exported = tmp_path / "round-trip.json"
    exported.write_text(to_json(doc), encoding="utf-8")
    again = read_doc(exported)
    clean = msgspec.json.decode(to_json(doc), type=BriefingDoc)
    assert again == clean
    assert CONTROL.search(exported.read_text(encoding="utf-8")) is None


# --- citation marks and footnotes as any reader sees them ----------------------------------------


def test_adjacent_citation_marks_read_as_separate_numbers() -> None:
    from briefing.library import bundled_content_dir

    briefing = load(bundled_content_dir() / "ceasefire-talks.yaml")
    position = next(p for p in briefing.positions if len(p.citations) > 1)
    assert position.id == "pos-us-serious-talks"
    page = export(briefing, "html")
    assert "</sup><sup>" not in page
    assert re.search(r'<sup><a href="#_c(\d+)">\1</a>, <a href="#_c(\d+)">\2</a></sup>', page)
    text = export(briefing, "md")
    assert re.search(r"\[\^\d+\], \[\^\d+\]", text) and not re.search(r"\]\[\^", text)


def test_footnotes_are_separate_blocks_in_a_commonmark_renderer() -> None:
    """Rich's Markdown (markdown-it in CommonMark mode, no footnotes): each definition is a
    paragraph of its own, not one run-on paragraph."""
    from rich.console import Console
    from rich.markdown import Markdown

    text = export(load(FIXTURES / "good" / "harbour-talks.yaml"), "md")
    console = Console(width=200, record=True, file=io.StringIO(), color_system=None)
    console.print(Markdown(text))
    lines = console.export_text().splitlines()
    starts = [line.strip()[:5] for line in lines if re.match(r"\s*\[\^\d+\]:", line)]
    assert starts == [f"[^{n}]:" for n in range(1, 8)]
    at = [i for i, line in enumerate(lines) if re.match(r"\s*\[\^\d+\]:", line)]
    # A blank line between each two: paragraphs apart.
    assert all(lines[i + 1].strip() == "" for i in at[:-1])

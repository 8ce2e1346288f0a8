"""The hostile-input corpus: files a stranger might send, and valid briefings full of hostile text.

The small files are committed under `tests/fixtures/hostile/yaml/` and `.../text/`, written by
this module (`python -m tests.hostile` rewrites them; a test checks they match). What is too big
to commit (a 50 MB file, a 100 KB quote, 10,000 items) or cannot be committed (a FIFO) is made
at test time: `hostile_library(tmp_path)` writes the whole corpus to a directory that the loader,
`briefing validate` and the reader can each be pointed at.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
YAML_DIR = HOSTILE / "yaml"
TEXT_DIR = HOSTILE / "text"

# --- hostile text --------------------------------------------------------------------------------

MARKUP = [
    "[bold]",
    "[/",
    "[b",
    "[@click=app.quit]x[/]",
    "[link=file:///etc/passwd]passwd[/link]",
    "[/bold]",
    "[red on blue]",
    "\\[escaped]",
]
ESCAPES = [
    "\x1b]52;c;SGVsbG8gY2xpcGJvYXJk\x07",  # writes the clipboard
    "\x1b]0;pwned title\x07",  # sets the window title
    "\x1b[2J",  # clears the screen
    "\x1b[6n",  # asks the terminal to type back the cursor position
    "\x9b31m",  # C1 CSI: an escape sequence in one character
    "\x1bP+q544e\x1b\\",  # DCS: a terminal query
    "\x00\x08\x7f\r",
]
UNTERMINATED_OSC = "\x1b]8;;http://evil.example/"
BIDI = ["\u202e", "\u202d", "\u202b", "\u2066", "\u2067", "\u2069"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e", "\u200f"]
RTL = "مفاوضات وقف إطلاق النار 2024 in Cairo, שיחות 42 ב-Doha, 3 دول"
COMBINING = "Z\u0334\u0321a\u0338l\u0337g\u0336o\u0335 e\u0301\u0301\u0301 n\u0303"
WIDE = "停火谈判 ｆｕｌｌ 🇵🇸 👨\u200d👩\u200d👧\u200d👦 🧑🏽\u200d🚀"


def hostile(label: str) -> str:
    """`label` in the middle of every kind of hostile text; the unterminated OSC comes last."""
    return " ".join(
        [
            *MARKUP[:3],
            label,
            *MARKUP[3:],
            *ESCAPES,
            *BIDI,
            *ZERO_WIDTH,
            RTL,
            COMBINING,
            WIDE,
            UNTERMINATED_OSC,
        ]
    )


def is_unsafe(char: str) -> bool:
    """A character that must never reach a terminal from content: C0 (but tab and newline), DEL,
    C1, and the bidi embeddings, overrides and isolates."""
    code = ord(char)
    return (
        (code < 0x20 and char not in "\t\n")
        or 0x7F <= code <= 0x9F
        or 0x202A <= code <= 0x202E
        or 0x2066 <= code <= 0x2069
    )


# --- a small YAML writer -------------------------------------------------------------------------
# Written by hand so the committed files stay readable: controls, bidi and zero-width characters
# are escaped (a reviewer sees `\u202e`, not reversed text); other text is kept as UTF-8.


def _quoted(text: str) -> str:
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif 0x200B <= code <= 0x200F or 0x202A <= code <= 0x202E or 0x2060 <= code <= 0x2069:
            out.append(f"\\u{code:04x}")
        elif code == 0xFEFF:
            out.append("\\ufeff")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _scalar(value: object) -> str:
    if isinstance(value, int):
        return str(value)
    assert isinstance(value, str)
    plain = value.replace("-", "").replace(".", "").isalnum() and value.isascii()
    return value if plain else _quoted(value)


def to_yaml(value: object, indent: int = 0) -> str:
    lines: list[str] = []
    _emit(value, indent, lines)
    return "\n".join(lines) + "\n"


def _emit(value: object, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{key}:")
                _emit(item, indent + 2, lines)
            elif isinstance(item, list):
                lines.append(f"{pad}{key}: []")
            else:
                lines.append(f"{pad}{key}: {_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                first, *rest = to_yaml(item).rstrip("\n").split("\n")
                lines.append(f"{pad}- {first}")
                lines += [f"{pad}  {line}" for line in rest]
            else:
                lines.append(f"{pad}- {_scalar(item)}")


# --- the valid hostile briefings -----------------------------------------------------------------


def _head(briefing_id: str, title: str, source: str) -> dict:
    return {
        "format": 1,
        "id": briefing_id,
        "title": title,
        "as_of": "2024-02-29",
        "status": "developing",
        "summary": hostile("summary"),
        "tags": ["hostile"],
        "sources": [
            {
                "id": "hostile-source",
                "title": hostile("source title"),
                "file": f"sources/{source}",
                "publisher": hostile("publisher"),
                "author": hostile("author"),
                "published": hostile("published"),
                "url": "https://example.org/[bold]?q=\x1b[2J",
                "note": hostile("note"),
            }
        ],
    }


def hostile_text_briefing() -> dict[str, bytes]:
    """A valid briefing whose every text field, and the source, holds every hostile text."""
    excerpts = {kind: hostile(f"{kind} excerpt") for kind in ("pos", "q", "ev", "fig", "quote")}
    quote = hostile("the quoted words")
    doc = _head("hostile-text", hostile("title"), "hostile-text.txt")
    doc |= {
        "parties": [
            {
                "id": "markup-party",
                "name": hostile("party name"),
                "kind": "armed-group",
                "summary": hostile("party summary"),
            },
            {
                "id": "markup-speaker",
                "name": hostile("speaker name"),
                "kind": "person",
                "summary": hostile("speaker summary"),
                "part_of": "markup-party",
            },
        ],
        "issues": [
            {"id": "markup-issue", "title": hostile("issue title"), "summary": hostile("issue")}
        ],
        "positions": [
            {
                "id": "pos-markup",
                "party": "markup-party",
                "issue": "markup-issue",
                "stance": hostile("stance"),
                "cites": [{"excerpt": excerpts["pos"]}],
            }
        ],
        "questions": [
            {
                "id": "q-markup",
                "question": hostile("question"),
                "why": hostile("why"),
                "parties": ["markup-party", "markup-speaker"],
                "watch": [hostile("watch signal"), hostile("another signal")],
                "cites": [{"source": "hostile-source", "excerpt": excerpts["q"]}],
            }
        ],
        "timeline": [
            {
                "id": "ev-markup",
                "when": "2024-02-29",
                "when_basis": "source",
                "label": hostile("label"),
                "event": hostile("event"),
                "parties": ["markup-speaker"],
                "cites": [{"excerpt": excerpts["ev"]}],
            }
        ],
        "figures": [
            {
                "id": "fig-markup",
                "value": hostile("value"),
                "label": hostile("figure label"),
                "qualifier": hostile("qualifier"),
                "reported_by": "markup-party",
                "parties": ["markup-party"],
                "cites": [{"excerpt": excerpts["fig"]}],
            }
        ],
        "quotes": [
            {
                "id": "quote-markup",
                "speaker": "markup-speaker",
                "quote": quote,
                "context": hostile("context"),
                "cites": [{"excerpt": excerpts["quote"]}],
            }
        ],
    }
    source = "\n\n".join(
        [hostile("The source's first paragraph"), *excerpts.values(), quote, hostile("The end")]
    )
    return {
        "hostile-text.yaml": to_yaml(doc).encode(),
        "sources/hostile-text.txt": source.encode(),
    }


def long_quote_briefing(size: int = 100_000) -> dict[str, bytes]:
    """A valid briefing with a quote of `size` characters on one line, found in its source."""
    words = []
    while sum(map(len, words)) < size:
        words.append(f"{hostile(f'w{len(words)}')} ")
    quote = "".join(words)[:size].rstrip()
    doc = _head("hostile-long-quote", "A 100 KB quote", "long-quote.txt")
    doc |= {
        "parties": [{"id": "long-speaker", "name": "Long Speaker", "kind": "person"}],
        "quotes": [
            {
                "id": "quote-long",
                "speaker": "long-speaker",
                "quote": quote,
                "cites": [{"excerpt": "the long speech begins"}],
            }
        ],
    }
    source = f"Then the long speech begins:\n{quote}\nAnd it ends.\n"
    return {"long-quote.yaml": to_yaml(doc).encode(), "sources/long-quote.txt": source.encode()}


def many_items_briefing(count: int = 10_000) -> dict[str, bytes]:
    """A valid briefing with `count` figures in one section."""
    doc = _head("hostile-many-items", "Ten thousand figures", "many-items.txt")
    doc |= {
        "figures": [
            {
                "id": f"fig-{index:05d}",
                "value": str(index),
                "label": f"figure {index} {WIDE if index % 100 == 0 else ''}",
                "cites": [{"excerpt": "counted one by one"}],
            }
            for index in range(count)
        ]
    }
    source = "Every figure was counted one by one.\n"
    return {"many-items.yaml": to_yaml(doc).encode(), "sources/many-items.txt": source.encode()}


# --- broken YAML ---------------------------------------------------------------------------------

MINIMAL = "format: 1\nid: minimal\ntitle: Minimal\nas_of: 2024-01-02\nstatus: developing\n"
MINIMAL += "summary: Nothing yet.\n"


@dataclass(frozen=True)
class Broken:
    """A hostile file and the error it must give: its code, and its line and column (None: any
    place will do, as where a depth limit trips depends on the limit)."""

    content: bytes
    code: str
    at: tuple[int, int] | None


def _nested_flow(depth: int) -> str:
    return "[" * depth + "]" * depth


def broken_yaml() -> dict[str, Broken]:
    minimal = MINIMAL.encode()
    laughs = ['lol0: &lol0 "lol"'] + [
        f"lol{n}: &lol{n} [" + ", ".join([f"*lol{n - 1}"] * 10) + "]" for n in range(1, 10)
    ]
    return {
        "python-object-apply.yaml": Broken(
            minimal.replace(b"title: Minimal", b'title: !!python/object/apply:os.system ["id"]'),
            "yaml-tag",
            (3, 8),
        ),
        "python-object-top.yaml": Broken(
            b'!!python/object/apply:os.system\nargs: ["touch /tmp/pwned"]\n', "yaml-tag", (1, 1)
        ),
        "alias-bomb.yaml": Broken(("\n".join(laughs) + "\n").encode(), "yaml-anchor", (1, 7)),
        "self-alias.yaml": Broken(b"a: &a [*a]\n", "yaml-anchor", (1, 4)),
        "alias-only.yaml": Broken(minimal + b"tags: *undefined\n", "yaml-alias", (7, 7)),
        # libyaml stops this one itself, at its own limit of 1,000 levels.
        "deep-flow.yaml": Broken(
            (f"format: 1\ntags: {_nested_flow(5000)}\n").encode(), "yaml-syntax", None
        ),
        "deep-mapping.yaml": Broken(
            ("format: 1\ntags: " + "{a: " * 5000 + "b" + "}" * 5000 + "\n").encode(),
            "yaml-too-deep",
            None,
        ),
        "deep-block.yaml": Broken(
            ("format: 1\ntags:\n  " + "- " * 5000 + "x\n").encode(), "yaml-too-deep", None
        ),
        "invalid-utf8.yaml": Broken(
            minimal.replace(b"Minimal", b"Caf\xe9 \xff\xfe"), "unreadable-file", (3, 11)
        ),
        "nul-byte.yaml": Broken(
            minimal.replace(b"Minimal", b"Mini\x00mal"), "yaml-syntax", (3, 12)
        ),
        "raw-escape.yaml": Broken(
            minimal.replace(b"Minimal", b"\x1b]52;c;SGVsbG8=\x07"), "yaml-syntax", (3, 8)
        ),
        "raw-c1.yaml": Broken(
            minimal.replace(b"Minimal", "\x9b2J".encode()), "yaml-syntax", (3, 8)
        ),
        "empty.yaml": Broken(b"", "yaml-empty", (1, 1)),
        "comments-only.yaml": Broken(b"# nothing here\n\n", "yaml-empty", (1, 1)),
        "top-level-list.yaml": Broken(b"- format: 1\n- id: x\n", "yaml-not-mapping", (1, 1)),
        "top-level-scalar.yaml": Broken(b"just [bold]text[/bold]\n", "yaml-not-mapping", (1, 1)),
        "markup-flow.yaml": Broken(b"[@click=app.quit]x[/]\n", "yaml-syntax", (1, 2)),
        "two-documents.yaml": Broken(
            minimal + b"---\n" + minimal, "yaml-multiple-documents", (7, 1)
        ),
        "duplicate-key.yaml": Broken(minimal + b"title: Again\n", "yaml-duplicate-key", (7, 1)),
        "duplicate-quoted-key.yaml": Broken(
            minimal + b'"title": Again\n', "yaml-duplicate-key", (7, 1)
        ),
        # Scalars stay strings, so `1` and `yes` are two keys (no YAML 1.1 booleans to collide),
        # each unknown to the format.
        "one-beside-yes.yaml": Broken(minimal + b"1: one\nyes: true\n", "schema", (7, 1)),
        "impossible-date.yaml": Broken(
            minimal.replace(b"2024-01-02", b"2024-02-30"), "schema", (4, 8)
        ),
        "impossible-event-date.yaml": Broken(
            minimal
            + b"sources:\n  - {id: s, title: S, file: s.txt}\n"
            + b"timeline:\n  - id: ev\n    when: 2023-02-29\n    when_basis: source\n"
            + b"    event: Nothing.\n    cites: [{excerpt: x}]\n",
            "bad-date",
            (11, 11),
        ),
        "huge-number.yaml": Broken(
            minimal.replace(b"format: 1", b"format: " + b"9" * 5000), "schema", (1, 9)
        ),
        "nan.yaml": Broken(minimal.replace(b"format: 1", b"format: .nan"), "schema", (1, 9)),
        "nan-date.yaml": Broken(minimal.replace(b"2024-01-02", b".nan"), "schema", (4, 8)),
        "markup-id.yaml": Broken(
            minimal.replace(b"id: minimal", b'id: "[@click=app.quit]x[/]"'), "schema", (2, 5)
        ),
        "markup-key.yaml": Broken(
            minimal + b'"[link=file:///etc/passwd]x\\e[2J": 1\n', "schema", (7, 1)
        ),
        "tab-indent.yaml": Broken(minimal + b"tags:\n\t- a\n", "yaml-syntax", (8, 1)),
        "unclosed-quote.yaml": Broken(
            minimal.replace(b"Minimal", b'"Minimal'), "yaml-syntax", (7, 1)
        ),
    }


# --- writing -------------------------------------------------------------------------------------


def committed_files() -> Iterator[tuple[Path, bytes]]:
    """Every committed corpus file, relative to `tests/fixtures/hostile/`."""
    for name, broken in broken_yaml().items():
        yield Path("yaml") / name, broken.content
    for name, content in hostile_text_briefing().items():
        yield Path("text") / name, content


def _write(folder: Path, files: dict[str, bytes] | Iterator[tuple[Path, bytes]]) -> None:
    for name, content in files.items() if isinstance(files, dict) else files:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


# Files that cannot be committed, each refused with an `unreadable-file` error and no location.
SPECIAL = {
    "fifo.yaml": os.mkfifo,
    "directory.yaml": Path.mkdir,
    "dangling-link.yaml": lambda path: path.symlink_to("nowhere.yaml"),
    "link-loop.yaml": lambda path: path.symlink_to(path.name),
    "device.yaml": lambda path: path.symlink_to("/dev/zero"),
}


def hostile_library(tmp_path: Path, *, huge: bool = False) -> Path:
    """Write the whole corpus under `tmp_path/hostile` and return that directory.

    Inside: `yaml/` (every broken file, a FIFO, a directory, links that lead nowhere), `text/`
    (the valid hostile briefings: every hostile text, a 100 KB quote, 10,000 items), and with
    `huge`, a 50 MB file.
    """
    root = tmp_path / "hostile"
    _write(root, committed_files())
    _write(root / "text", long_quote_briefing())
    _write(root / "text", many_items_briefing())
    for name, how in SPECIAL.items():
        how(root / "yaml" / name)
    if huge:
        write_huge(root / "yaml" / "fifty-megabytes.yaml")
    return root


def write_huge(path: Path, size: int = 50 * 1024 * 1024) -> None:
    """A well-formed briefing of `size` bytes: long, not broken."""
    line = "  - " + "x" * 95 + "\n"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(MINIMAL + "tags:\n")
        stream.write(line * (size // len(line)))


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else HOSTILE
    _write(target, committed_files())
    print(f"wrote the hostile corpus to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

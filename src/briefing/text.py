"""Text hygiene shared by loading, display and export.

Everything a briefing or a source contains is untrusted: it is cleaned once, at load, so that no
control or escape sequence can reach a terminal, a clipboard or an exported file.
"""

from __future__ import annotations

import difflib
import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and
# isolates that can make text display in an order other than the one it is stored in.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def unsafe_characters(text: str) -> list[tuple[int, str]]:
    """The offsets and characters that `sanitise` would remove."""
    return [(m.start(), m.group()) for m in _UNSAFE.finditer(text)]


def sanitise(text: str) -> str:
    """Remove control and bidi-override characters; keep newlines and tabs."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub("", text)


# What `show_path` writes out as escapes: the unsafe characters, and the lone surrogates that
# stand for bytes of a file name that are not UTF-8 (which no terminal can be sent).
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def show_path(path: object) -> str:
    """A file or folder name to show a person: the characters that could act on a terminal,
    and bytes that are not text, written as visible escapes (`\\x1b`), so the name stays
    recognisable and nothing in it is run. (Tabs and newlines too: a name is one line.)"""
    text = str(path)
    if _UNSHOWABLE.search(text) is None and "\t" not in text and "\n" not in text:
        return text
    return re.sub("[\t\n]", _escaped, _UNSHOWABLE.sub(_escaped, text))


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """Any text bound for a terminal: `sanitise`d, and the bytes of a file name that are not
    text (lone surrogates, which no terminal can be sent) written as escapes."""
    return _SURROGATES.sub(_escaped, sanitise(text))


_SURROGATES = re.compile("[\ud800-\udfff]")


def describe_character(char: str) -> str:
    """A printable name for a removed character, such as `U+001B`."""
    return f"U+{ord(char):04X}"


_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")


def normalise_for_matching(text: str) -> str:
    """Fold whitespace runs to one space and typographic quotes to straight ones."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Like `normalise_for_matching`, with each output character's offset in `text`.

    Lets a match found in normalised text be mapped back to the exact span of the original.
    """
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for index, char in enumerate(text.translate(_QUOTES)):
        if char.isspace():
            if not in_space and out:
                out.append(" ")
                offsets.append(index)
            in_space = True
            continue
        in_space = False
        out.append(char)
        offsets.append(index)
    if out and out[-1] == " ":
        out.pop()
        offsets.pop()
    return "".join(out), offsets


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest of `choices` to `word`, if one is close enough to be a likely typo."""
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return matches[0] if matches else None


def shorten(text: str, width: int) -> str:
    """One line of at most `width` characters, with an ellipsis when cut."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: max(width - 1, 0)] + "…"

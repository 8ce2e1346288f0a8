"""The bundled briefings validate strictly, so the content can never rot."""

from __future__ import annotations

import hashlib
from pathlib import Path

from briefing.library import bundled_content_dir, load_library
from briefing.model import Section

from .conftest import REPO

# The SHA-256 of the article as published: the source text ships byte for byte as it was written,
# since every excerpt is checked against it.
ARTICLE_SHA256 = "d0537f5cb8f53cfe2706b379d0b4a2eac936affde9d9c30046f2166f6f7fcdd4"


def test_bundled_content_validates_strictly() -> None:
    library = load_library([bundled_content_dir()])
    assert [f"{f.where()}: {f.message}" for f in library.findings] == []
    assert len(library.briefings) == 3


def test_the_source_text_ships_unchanged() -> None:
    shipped = REPO / "content" / "sources" / "gaza-ceasefire-talks.txt"
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == ARTICLE_SHA256


def test_depth_across_the_three_briefings() -> None:
    briefings = load_library([bundled_content_dir()]).briefings
    parties = {p.id for b in briefings for p in b.parties}
    assert len(parties) >= 12
    assert sum(b.count(Section.POSITIONS) for b in briefings) >= 15
    assert sum(b.count(Section.QUESTIONS) for b in briefings) >= 8
    # Every direct quotation of the article is a quote of some briefing.
    text = Path(REPO / "content" / "sources" / "gaza-ceasefire-talks.txt").read_text()
    quoted = {q.quote.strip(" .,") for b in briefings for q in b.quotes}
    for piece in text.split('"')[1::2]:
        assert piece.strip(" .,") in quoted, piece


def test_people_and_offices_speak_for_a_party() -> None:
    for briefing in load_library([bundled_content_dir()]).briefings:
        for party in briefing.parties:
            if party.kind in ("person", "office"):
                assert party.part_of is not None, (briefing.id, party.id)

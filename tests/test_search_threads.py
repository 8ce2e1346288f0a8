"""The search index searched from one thread while another changes it, as a catalog's background
refresh merges what it loaded while the reader searches."""

from __future__ import annotations

import datetime
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing.model import Briefing
from briefing.search import Kind, SearchIndex

CHUNKS = 60
PER_CHUNK = 8


def note(briefing_id: str) -> Briefing:
    """A briefing whose title names it: a hit whose title is another's is a torn read."""
    return Briefing(
        id=briefing_id,
        title=f"Common report {briefing_id}",
        as_of=datetime.date(2024, 1, 1),
        status="developing",
        summary=f"Shared words and {briefing_id} again.",
        path=Path(f"{briefing_id}.yaml"),
    )


@pytest.fixture
def busy_switching() -> Iterator[None]:
    """Let threads switch far more often than usual, so a race shows within a second."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def test_searches_during_merges_and_removals_see_whole_states(busy_switching: None) -> None:
    index = SearchIndex.build([note("seed")])
    chunks = [
        SearchIndex.build([note(f"c{chunk}n{n}") for n in range(PER_CHUNK)])
        for chunk in range(CHUNKS)
    ]
    errors: list[BaseException] = []
    torn: list[str] = []
    done = threading.Event()

    def change() -> None:
        try:
            for number, chunk in enumerate(chunks):
                index.merge(chunk)
                if number % 3 == 2:
                    # As a refresh does for a file that changed: out, then back in.
                    index.remove(f"c{number - 1}n0")
                    index.add(note(f"c{number - 1}n0"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            done.set()

    def search() -> None:
        try:
            while not done.is_set():
                for hit in index.search("common report", 40):
                    if hit.label != f"Common report {hit.briefing_id}":
                        torn.append(f"{hit.briefing_id}: {hit.label}")
                merged = (len(index) - 1) // PER_CHUNK
                if merged < 2:
                    continue
                wanted = f"c{merged - 2}n3"
                hits = index.search(wanted, 5, kinds={Kind.BRIEFING})
                # Merged two chunks ago: there, and first (others are near misses, a typo off).
                if not hits or hits[0].briefing_id != wanted:
                    torn.append(f"{wanted} not found first")
                for hit in hits:
                    if (
                        hit.kind is not Kind.BRIEFING
                        or hit.label != f"Common report {hit.briefing_id}"
                    ):
                        torn.append(f"{hit.briefing_id}: {hit.kind} {hit.label}")
        except BaseException as error:
            errors.append(error)

    searchers = [threading.Thread(target=search) for _ in range(2)]
    changer = threading.Thread(target=change)
    for thread in [*searchers, changer]:
        thread.start()
    for thread in [changer, *searchers]:
        thread.join(60)
    assert not errors, errors
    assert not torn, torn[:5]
    # And the changes all landed.
    assert len(index) == 1 + CHUNKS * PER_CHUNK
    assert index.search("c59n7")[0].briefing_id == "c59n7"


def test_a_catalog_reads_its_search_index_once_whichever_thread_asks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader's search and a refresh ask at about the same time: both must get the one
    index, or the refresh's changes go to an index nobody searches (and saves)."""
    import time

    from briefing.library.cache import LibraryCache
    from briefing.library.catalog import Catalog

    def slow_read(self: Catalog) -> SearchIndex:
        time.sleep(0.2)  # reading 156 MB takes a while
        return SearchIndex()

    monkeypatch.setattr(Catalog, "_read_search", slow_read)
    catalog = Catalog([tmp_path], LibraryCache(tmp_path / "cache"))
    got: list[SearchIndex] = []
    threads = [threading.Thread(target=lambda: got.append(catalog.search_index())) for _ in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert got[0] is got[1] is catalog.search_index()

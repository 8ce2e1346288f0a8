"""The metadata index on disk: opened by its head alone, records read one by one, and damage
anywhere never read as something else."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing.library import catalog_file
from briefing.library.catalog_file import MAGIC, IndexHead, open_index, write_index

RECORDS = [b"first record", b"", b"the third, a little longer than the others", b"4"]


def head(paths: list[str] | None = None, token: str = "token") -> IndexHead:
    paths = paths if paths is not None else [f"/library/{n}.yaml" for n in range(len(RECORDS))]
    return IndexHead(5, "fingerprint", ["/library"], token, paths, ["twice"], b"")


@pytest.fixture(params=[True, False], ids=["kept-open", "read-at-opening"])
def keep_open(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Both ways of reading records: from the file kept open, and (as on Windows, where an open
    file cannot be replaced) all read when the index is opened."""
    monkeypatch.setattr(catalog_file, "KEEP_OPEN", request.param)
    return request.param


@pytest.fixture
def index(tmp_path: Path, keep_open: bool) -> Path:
    target = tmp_path / "catalogs" / "library.meta"
    assert write_index(target, head(), RECORDS)
    return target


def as_bytes(data: memoryview | None) -> bytes | None:
    return None if data is None else bytes(data)


def read_every_way(path: Path) -> tuple[list[bytes | None], list[bytes | None]] | None:
    """Each record read one at a time, and all of them in one read; None if it does not open."""
    opened = open_index(path)
    if opened is None:
        return None
    _, saved = opened
    one_by_one = [as_bytes(saved.read(position)) for position in range(4)]
    at_once = [as_bytes(data) for data in saved.read_all()]
    return one_by_one, at_once


def test_a_saved_index_reads_back_as_written(index: Path) -> None:
    opened = open_index(index)
    assert opened is not None
    saved_head, saved = opened
    assert saved_head.paths == head().paths
    assert (saved_head.token, saved_head.duplicates, saved_head.roots) == (
        "token",
        ["twice"],
        ["/library"],
    )
    assert len(saved) == len(RECORDS)
    # Out of order, and the same one twice.
    for position in (2, 0, 3, 1, 2):
        assert as_bytes(saved.read(position)) == RECORDS[position]
    assert read_every_way(index) == (RECORDS, RECORDS)


def test_an_empty_index_opens(tmp_path: Path) -> None:
    target = tmp_path / "empty.meta"
    assert write_index(target, head(paths=[]), [])
    opened = open_index(target)
    assert opened is not None
    assert opened[0].paths == [] and list(opened[1].read_all()) == []


def test_opening_reads_the_head_and_no_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog_file, "KEEP_OPEN", True)
    records = [bytes([n % 251]) * 2000 for n in range(200)]
    paths = [f"/library/{n}.yaml" for n in range(200)]
    target = tmp_path / "large.meta"
    assert write_index(target, head(paths=paths), records)
    read: list[int] = []
    real = catalog_file._read_at

    def counting(handle: int, offset: int, size: int) -> bytes:
        data = real(handle, offset, size)
        read.append(len(data))
        return data

    monkeypatch.setattr(catalog_file, "_read_at", counting)
    opened = open_index(target)
    assert opened is not None
    # The head: the paths and eight bytes a record, a fraction of the file.
    assert sum(read) < 10_000 < target.stat().st_size / 10
    read.clear()
    assert as_bytes(opened[1].read(150)) == records[150]
    assert read == [2000 + 4]  # the record and its checksum


def test_a_damaged_record_is_unreadable_and_the_others_are_not(index: Path) -> None:
    data = bytearray(index.read_bytes())
    # The last byte of the file is the last record's.
    data[-1] ^= 0x01
    index.write_bytes(bytes(data))
    expected = [*RECORDS[:-1], None]
    assert read_every_way(index) == (expected, expected)


def test_damage_anywhere_is_never_read_as_something_else(index: Path) -> None:
    """Every byte of the file changed in turn, and the file cut at every length: the index
    does not open, or each record reads as written or not at all."""
    original = index.read_bytes()
    damaged = [original[:cut] for cut in range(len(original))]
    for at in range(len(original)):
        for flip in (0x01, 0x80, 0xFF):
            data = bytearray(original)
            data[at] ^= flip
            damaged.append(bytes(data))
    damaged.append(original + b"\x00")
    for data in damaged:
        index.write_bytes(data)
        found = read_every_way(index)
        if found is None:
            continue
        for records in found:
            for record, written in zip(records, RECORDS, strict=True):
                assert record in (None, written)


def test_files_that_are_not_an_index_do_not_open(tmp_path: Path) -> None:
    assert open_index(tmp_path / "missing.meta") is None
    for name, data in {
        "empty": b"",
        "magic only": MAGIC,
        "another layout": b"\x12\x34\x56\x78" + b"\x95\x01\xa3abc",
        # A length longer than the file is not read (it is outside the head's checksum).
        "a head too long": MAGIC + (2**32 - 1).to_bytes(4, "big") + b"\x00" * 16,
    }.items():
        target = tmp_path / f"{name}.meta"
        target.write_bytes(data)
        assert open_index(target) is None, name
    assert open_index(tmp_path) is None  # a folder


def test_an_index_saved_over_an_open_one_changes_nothing_it_reads(index: Path) -> None:
    opened = open_index(index)
    assert opened is not None
    _, saved = opened
    assert write_index(index, head(token="newer"), [b"other"] * 4)
    assert [as_bytes(saved.read(position)) for position in range(4)] == RECORDS
    reopened = open_index(index)
    assert reopened is not None and reopened[0].token == "newer"


def test_records_read_at_opening_leave_the_file_closed(
    index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog_file, "KEEP_OPEN", False)
    opened = open_index(index)
    assert opened is not None
    assert isinstance(opened[1]._source, memoryview)
    index.unlink()  # nothing holds it
    assert [as_bytes(opened[1].read(position)) for position in range(4)] == RECORDS


def test_the_file_is_closed_once_read_or_dropped(index: Path, keep_open: bool) -> None:
    if not keep_open:
        pytest.skip("read at opening: no file is held")

    def descriptor_open(handle: int) -> bool:
        try:
            os.fstat(handle)
        except OSError:
            return False
        return True

    for finish in ("read all", "close", "drop"):
        opened = open_index(index)
        assert opened is not None
        saved = opened[1]
        handle = saved._source
        assert isinstance(handle, int)
        assert descriptor_open(handle)
        if finish == "read all":
            list(saved.read_all())
            assert saved.read(0) is None
        elif finish == "close":
            saved.close()
        else:
            del opened, saved
        assert not descriptor_open(handle), finish


def test_a_damaged_head_length_is_not_read(index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = bytearray(index.read_bytes())
    at = len(MAGIC)
    data[at : at + 4] = (2**32 - 1).to_bytes(4, "big")  # outside the head's checksum
    index.write_bytes(bytes(data))
    asked: list[int] = []
    real = catalog_file._read_at

    def reading(handle: int, offset: int, size: int) -> bytes:
        asked.append(size)
        return real(handle, offset, size)

    monkeypatch.setattr(catalog_file, "_read_at", reading)
    assert open_index(index) is None
    assert max(asked) <= len(data)

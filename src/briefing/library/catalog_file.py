"""The metadata index on disk: a small head read when a catalog opens, records read one by one.

Opening a catalog must cost the same for 10,000 briefings as for 3: the reader opens it before
its first screen. So the file is laid out for reading a part of it:

    MAGIC | head length (4 bytes) | CRC-32 of the head | head | record | record | ...

The head holds what opening needs (the program's fingerprint, the library's roots, the files in
order, the ids used twice) and where each record ends. Each record is sealed with a checksum of
its own (`cache.seal`) and read, checked and decoded only when first wanted, from the file as it
was opened: a catalog saved meanwhile (written to a new file and renamed over it) does not
change what an open one reads. A damaged head, or a file shorter than its head says, makes the
whole index unusable (it is rebuilt); a damaged record makes only that record unreadable.
"""

from __future__ import annotations

import os
import sys
import threading
import weakref
from collections.abc import Iterator, Sequence
from itertools import accumulate
from pathlib import Path

import msgspec

from briefing.library.cache import seal, unseal, write_atomically

MAGIC = b"briefing catalog\n"
_LENGTH = 4
_CHECKSUM = 4
# Record ends as unsigned 64-bit integers, little-endian: read as a view, never decoded.
_END = 8


class IndexHead(msgspec.Struct, array_like=True):
    """What opening a catalog reads of its saved index."""

    format: int
    fingerprint: str
    roots: list[str]
    # Ties the search index file to this one: they are saved as a pair.
    token: str
    # Each record's file, in order, and the ids that more than one record uses.
    paths: list[str]
    duplicates: list[str]
    # Where each sealed record ends, counted from the end of the head.
    ends: bytes


_HEAD = msgspec.msgpack.Decoder(IndexHead)


def write_index(target: Path, head: IndexHead, records: Sequence[bytes]) -> bool:
    """Write a head and its records (each encoded) as one file, atomically; False if it failed.

    `head.ends` is filled in here.
    """
    sealed = [seal(record) for record in records]
    ends = b"".join(end.to_bytes(_END, "little") for end in accumulate(map(len, sealed)))
    head = msgspec.structs.replace(head, ends=ends)
    encoded = seal(msgspec.msgpack.encode(head))
    length = (len(encoded) - _CHECKSUM).to_bytes(_LENGTH, "big")
    return write_atomically(target, b"".join([MAGIC, length, encoded, *sealed]))


def open_index(path: Path) -> tuple[IndexHead, RecordFile] | None:
    """The head of a saved index and its records, ready to read; None if there is none, or it
    is not an index of this layout, or it is damaged or cut short."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    kept_open = False
    try:
        found = _read_head(handle)
        if found is None:
            return None
        head, base, ends = found
        if KEEP_OPEN:
            kept_open = True
            return head, RecordFile(handle, base, ends)
        # Read now, and the file closed, so that a save can replace it.
        records = memoryview(_read_at(handle, base, ends[-1] if len(ends) else 0))
        return head, RecordFile(records, 0, ends)
    except (OSError, MemoryError):
        return None
    finally:
        if not kept_open:
            os.close(handle)


def _read_head(handle: int) -> tuple[IndexHead, int, Sequence[int]] | None:
    """The head, where the records start, and where each ends; None for a file that is not a
    whole index of this layout."""
    start = len(MAGIC) + _LENGTH
    prefix = _read_at(handle, 0, start)
    if len(prefix) < start or prefix[: len(MAGIC)] != MAGIC:
        return None
    # The length is not under the head's checksum: check it against the file before reading.
    length = int.from_bytes(prefix[len(MAGIC) :], "big")
    file_size = os.fstat(handle).st_size
    if start + _CHECKSUM + length > file_size:
        return None
    data = unseal(_read_at(handle, start, _CHECKSUM + length))
    if data is None:
        return None
    try:
        head = _HEAD.decode(data)
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
        return None
    if len(head.ends) != _END * len(head.paths):
        return None
    ends = _ends_of(head.ends)
    base = start + _CHECKSUM + length
    if file_size != base + (ends[-1] if len(ends) else 0):
        return None  # cut short, or written over in place
    return head, base, ends


# Windows cannot replace a file that is open: there, the records are read when the index is
# opened (a save by another reader must not fail while this one reads).
KEEP_OPEN = os.name != "nt"


def _ends_of(data: bytes) -> Sequence[int]:
    if sys.byteorder == "little":
        return memoryview(data).cast("Q")  # a view: nothing decoded, whatever the count
    return [int.from_bytes(data[i : i + _END], "little") for i in range(0, len(data), _END)]


def _read_at(handle: int, offset: int, size: int) -> bytes:
    """`size` bytes from `offset` (fewer at the end of the file)."""
    if hasattr(os, "pread"):
        return os.pread(handle, size, offset)
    os.lseek(handle, offset, os.SEEK_SET)  # callers hold a lock (see RecordFile)
    return os.read(handle, size)


class RecordFile:
    """The records of an opened index, each read from the file when asked for.

    The file stays open until every record has been read (or this is dropped), so what is read
    is always the index as opened, whatever is saved meanwhile. (Where files cannot stay open,
    the records were read when the index was opened: `source` is then their bytes.) Safe across
    threads.
    """

    def __init__(self, source: int | memoryview, base: int, ends: Sequence[int]) -> None:
        self._source = source
        self._base = base
        self._ends = ends
        self._lock = threading.Lock()
        self._closer = weakref.finalize(
            self, os.close if isinstance(source, int) else _nothing, source
        )

    def __len__(self) -> int:
        return len(self._ends)

    def _read(self, offset: int, size: int) -> memoryview:
        if isinstance(self._source, int):
            return memoryview(_read_at(self._source, self._base + offset, size))
        return self._source[offset : offset + size]

    def read(self, position: int) -> memoryview | None:
        """A record's encoded bytes; None if it is damaged or can no longer be read."""
        start = self._ends[position - 1] if position > 0 else 0
        with self._lock:
            if not self._closer.alive:
                return None
            try:
                data = self._read(start, self._ends[position] - start)
            except OSError:
                return None
        return unseal(data)

    def read_all(self) -> Iterator[memoryview | None]:
        """Every record's encoded bytes, in order (None for a damaged one), in one read; the
        file is closed after."""
        with self._lock:
            if not self._closer.alive:
                return iter([None] * len(self))
            try:
                data = self._read(0, self._ends[-1])
            except (OSError, IndexError):
                data = memoryview(b"")
            self._closer()
        return self._split(data)

    def _split(self, data: memoryview) -> Iterator[memoryview | None]:
        start = 0
        for end in self._ends:
            yield unseal(data[start:end]) if end <= len(data) else None
            start = end

    def close(self) -> None:
        with self._lock:
            self._closer()


def _nothing(_: object) -> None:
    """Closing records read at opening: nothing to close."""

"""The on-disk cache of loaded briefings: a checked briefing back without parsing its YAML.

One file per briefing file under `locations.cache_dir()`, named by a hash of its absolute path,
holding the load result in compact form (`briefing.library.entries`) and the identity of every file
the result depends on. Parsing YAML is most of the cost of a load (~7 ms of ~11 ms for a 30 KB
briefing) and matching excerpts most of the rest; an entry comes back in ~1 ms.

When is an entry fresh? Each file it depends on (the briefing and every source it names, even
one that was missing) is stamped with its size, mtime, ctime, inode and device, and the entry
with the program's fingerprint (version, cache format, and the loading modules' own stamps, so
an upgrade or an edit of the loader invalidates everything). Any difference is a miss.

Timestamps have a granularity (a kernel tick, or two seconds on FAT), so a file rewritten in
place, at the same size, within the tick its stamp was taken in, would look unchanged. As git
does for its index, a stamp taken less than `RACY_SECONDS` after the file's mtime or ctime is
*racy*: the entry then also keeps a hash of the file's content, checked on every use. Once a
stamp is older than that, any later write moves the ctime (which `touch` cannot set back). The
one case left is a file changed and changed back, same size, within one tick, while it loads.

The cache is disposable: delete it at any time. A damaged, truncated or foreign entry is a miss
and is rebuilt; nothing read from the cache raises. Entries are written to a temporary file and
renamed into place, so concurrent writers leave one whole entry, never a mixture. One file per
entry (rather than one file for all) keeps an update to one briefing a write of one entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
import time
import zlib
from pathlib import Path

import briefing
from briefing import locations
from briefing.findings import BriefingError
from briefing.library.entries import Dependency, Entry, decode_entry, encode_entry, entry_result
from briefing.loader import LoadResult, load_briefing
from briefing.text import sanitise
from briefing.textfile import MAX_SOURCE_BYTES, read_text_file

# Bumped whenever what an entry holds, or how, changes.
CACHE_FORMAT = 2
RACY_SECONDS = 3
_RACY_NS = RACY_SECONDS * 1_000_000_000

# The modules whose behaviour decides what a load returns; their stamps join the fingerprint.
_LOADING_MODULES = (
    "library/cache",
    "library/entries",
    "findings",
    "format",
    "format_check",
    "loader",
    "model",
    "provenance",
    "resolve",
    "text",
    "textfile",
    "yamlsafe",
)


def default_dir() -> Path:
    return locations.cache_dir() / "library"


_fingerprint: str | None = None


def program_fingerprint() -> str:
    """What must match for an entry to be used: the program's version and its loading code."""
    global _fingerprint
    if _fingerprint is None:
        package = Path(briefing.__file__).parent
        parts = [briefing.__version__, str(CACHE_FORMAT)]
        for name in _LOADING_MODULES:
            stamp = file_stamp(package / f"{name}.py")
            parts.append(f"{name}:{stamp}")
        _fingerprint = hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()
    return _fingerprint


# --- stamps ------------------------------------------------------------------------------------

# (size, mtime_ns, ctime_ns, inode, device); () for a file that does not exist.
Stamp = tuple[int, ...]


def file_stamp(path: Path | str) -> Stamp:
    try:
        info = os.stat(path)
    except OSError:
        return ()
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def is_racy(stamp: Stamp, now_ns: int) -> bool:
    """True if the file changed so recently that a same-size rewrite could keep this stamp."""
    return bool(stamp) and now_ns - max(stamp[1], stamp[2]) < _RACY_NS


def content_digest(path: Path | str) -> bytes:
    """A hash of a regular file's content; b"" for anything else, never blocking on a FIFO."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return b""
        with os.fdopen(handle, "rb") as stream:
            handle = -1
            return hashlib.blake2b(stream.read(), digest_size=16).digest()
    except OSError:
        return b""
    finally:
        if handle >= 0:
            os.close(handle)


def dependency_fresh(dependency: Dependency) -> bool:
    if file_stamp(dependency.path) != tuple(dependency.stamp):
        return False
    return not dependency.digest or content_digest(dependency.path) == dependency.digest


def stamp_file(path: Path | str, now_ns: int) -> Dependency:
    """A file's stamp, with a hash of its content if the stamp is racy at `now_ns`."""
    name = os.path.abspath(path)
    stamp = file_stamp(name)
    return Dependency(name, stamp, content_digest(name) if is_racy(stamp, now_ns) else b"")


def entry_is_fresh(entry: Entry, path: Path) -> bool:
    if entry.fingerprint != program_fingerprint() or not entry.dependencies:
        return False
    if entry.dependencies[0].path != os.path.abspath(path):
        return False
    return all(dependency_fresh(d) for d in entry.dependencies)


# --- the store ---------------------------------------------------------------------------------


def entry_name(path: Path | str) -> str:
    """The cache file name for a briefing file: a hash of its absolute path."""
    key = os.path.abspath(path).encode("utf-8", "surrogateescape")
    return hashlib.blake2b(key, digest_size=16).hexdigest() + ".entry"


def write_atomically(target: Path, data: bytes) -> bool:
    """Write `data` to `target` through a temporary file and a rename; False if it failed.

    A reader sees the old file or the new one, whole; two writers leave one of theirs.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".part")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


# A CRC-32 catches any flipped bit or short burst, which is what damage to a disposable file
# looks like, at five times the speed of a cryptographic hash: every cache entry, and each
# record of a catalog, is checked whenever it is read.
_CHECKSUM = 4


def seal(data: bytes) -> bytes:
    """`data` behind its checksum: damage that still decodes (a flipped bit) is caught too."""
    return zlib.crc32(data).to_bytes(_CHECKSUM, "big") + data


def unseal(sealed: bytes | None) -> memoryview | None:
    """What `seal` sealed, or None if it was damaged: a view, not a copy (the records of a
    catalog of 10,000 briefings are 10 MB, and copying them took longer than checking them)."""
    if sealed is None or len(sealed) < _CHECKSUM:
        return None
    data = memoryview(sealed)[_CHECKSUM:]
    if zlib.crc32(data).to_bytes(_CHECKSUM, "big") != sealed[:_CHECKSUM]:
        return None
    return data


class LibraryCache:
    """Cached load results, one file each, in `directory` (made when first written)."""

    def __init__(self, directory: Path | None = None, *, write: bool = True) -> None:
        self.directory = Path(directory) if directory is not None else default_dir()
        self.entries_dir = self.directory / "entries"
        self.write = write

    def entry_path(self, path: Path | str) -> Path:
        return self.entries_dir / entry_name(path)

    def get(self, path: Path) -> LoadResult | None:
        """The cached result for a briefing file, if there is a fresh one."""
        data = unseal(read_bytes(self.entry_path(path)))
        entry = decode_entry(data) if data is not None else None
        if entry is None or not entry_is_fresh(entry, path):
            return None
        return entry_result(entry, Path(path))

    def load(self, path: Path) -> LoadResult:
        """A briefing file's load result: from the cache if fresh, else loaded and cached."""
        path = Path(path)
        return self.get(path) or build_entry(path, self if self.write else None)[0]

    def clear(self) -> None:
        """Forget every entry (the cache is disposable; a missing one is rebuilt when needed)."""
        if not self.entries_dir.is_dir():
            return
        for name in os.listdir(self.entries_dir):
            with contextlib.suppress(OSError):
                os.unlink(self.entries_dir / name)


def build_entry(path: Path, cache: LibraryCache | None) -> tuple[LoadResult, bytes]:
    """Load a briefing file, and store its entry in `cache` if it is sure to be right.

    Returns the result and the entry's bytes (to hand to another process). The briefing is
    stamped before it is read. Its sources are only known after the load, so they are stamped
    after: one that changed since the load `started` is racy, and its hash must be of the text
    the load used. When that cannot be shown (the briefing did not load, so its texts are not
    at hand), the file is loaded once more, after the stamps were taken.
    """
    path = Path(path)
    started = time.time_ns()
    own = stamp_file(path, started)
    result = load_briefing(path)
    dependencies = [own] + [stamp_file(source, started) for source in result.depends_on]
    texts = {s.file: s.text for s in result.briefing.sources} if result.briefing else {}
    if any(
        dependency.digest and not _same_text(Path(dependency.path), texts)
        for dependency in dependencies[1:]
    ):
        again = load_briefing(path)
        sure = again.depends_on == result.depends_on
        result = again
    else:
        sure = True
    sure = sure and file_stamp(path) == tuple(own.stamp)
    data = encode_entry(result, dependencies, program_fingerprint())
    if cache is not None and sure:
        write_atomically(cache.entry_path(path), seal(data))
    return result, data


def cached_entry(path: Path, cache: LibraryCache) -> bytes | None:
    """The bytes of a fresh cache entry for a briefing file, if there is one."""
    data = unseal(read_bytes(cache.entry_path(path)))
    if data is None:
        return None
    entry = decode_entry(data)
    if entry is None or not entry_is_fresh(entry, path):
        return None
    return bytes(data)  # sent to other processes, which a view cannot be


def _same_text(source: Path, texts: dict[Path, str]) -> bool:
    """True if a source file still holds the text the load used (False if it used none)."""
    used = texts.get(source.resolve())
    if used is None:
        return False
    try:
        text = read_text_file(source, max_bytes=MAX_SOURCE_BYTES, what="source")
    except BriefingError:
        return False
    return sanitise(text) == used

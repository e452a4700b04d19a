"""The reading half of an import: parse, normalise and key records, a batch at a time.

A large file is read by two other processes at once, so both cores work (a vCard file by byte
parts, other files by blocks of lines: see `_start_readers`); the records and their order are
the same either way, batches may end early at a part's end, and memory holds a few batches per
reader.
"""

from __future__ import annotations

import codecs
import io
import itertools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

from callwise.domain.city_tables import load_name_tables
from callwise.domain.contacts import prepare_contact
from callwise.domain.errors import CallwiseError
from callwise.domain.identity import Profile
from callwise.interchange.formats import READERS, detect_format
from callwise.interchange.records import ParsedRecord, RejectedRecord, Share
from callwise.interchange.vcard_parts import file_parts
from callwise.services.child_process import (
    Child,
    can_fork,
    start_child,
)
from callwise.services.import_match import ReadyRecord
from callwise.services.runtime import take_early_import

BATCH = 500
HEAD_BYTES = 64 * 1024
HELD_RECORDS = 4 * BATCH  # an early reader parses this many while it waits for the region
PARALLEL_FROM_BYTES = 1_000_000
READING_PROCESSES = 2  # a large file is read by two processes at once (see _start_readers)
Progress = Callable[[int, int], None]  # (bytes read, file size)


@dataclass
class PreparedBatch:
    """Records read and normalised, in file order."""

    ready: list[ReadyRecord] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)  # one per ready record
    rejected: list[RejectedRecord] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    flagged: list[tuple[int, str, str]] = field(default_factory=list)
    guessed: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)  # kind_guess
    masked: list[tuple[int, str, str]] = field(default_factory=list)  # numbers masked (P8.2)
    bytes_read: int = 0
    part_end: bool = False  # the last batch of a file part (see read_part_batches)


class _CountingReader(io.RawIOBase):
    """Counts the bytes a text wrapper pulls from the file."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.done = raw, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self.raw.readinto(buffer)  # type: ignore[attr-defined]
        self.done += count or 0
        return int(count or 0)


def _prepare(record: ParsedRecord | RejectedRecord, region: str, into: PreparedBatch) -> None:
    """Normalise one record (bad phones kept and flagged); one that fails is rejected."""
    if isinstance(record, RejectedRecord):
        into.rejected.append(record)
        return
    masked: list[str] = []
    try:
        contact = prepare_contact(record.contact, region, strict=False, warnings=masked)
    except CallwiseError as exc:
        into.rejected.append(RejectedRecord(record.line, str(exc)))
        return
    into.masked.extend((record.line, contact.name, w) for w in masked)
    into.warnings.extend((record.line, w) for w in record.warnings)
    if record.guessed_business:
        into.guessed.append((record.line, record.guessed_business))
    into.flagged.extend(
        (record.line, contact.name, p.number) for p in contact.phones if not p.valid
    )
    ready, profile = ReadyRecord.of(record.line, contact)
    into.ready.append(ready)
    into.profiles.append(profile)


def head_text(path: Path) -> str:
    """The first HEAD_BYTES of the file as text, to detect its format."""
    with path.open("rb") as raw:
        data = raw.read(HEAD_BYTES)
    try:  # a character cut by the head's end stays in the decoder, unread
        return codecs.getincrementaldecoder("utf-8-sig")().decode(data, final=False)
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _batches(
    records: Iterable[ParsedRecord | RejectedRecord], region: str, done: Callable[[], int]
) -> Iterator[PreparedBatch]:
    """`records` prepared, BATCH at a time; the last batch (maybe empty) ends the part."""
    batch = PreparedBatch()
    for record in records:
        _prepare(record, region, batch)
        if len(batch.ready) + len(batch.rejected) >= BATCH:
            batch.bytes_read = done()
            yield batch
            batch = PreparedBatch()
    batch.bytes_read = done()
    batch.part_end = True
    yield batch


Region = str | Callable[[], str]


def _learn_region(
    region: Region, records: Iterator[ParsedRecord | RejectedRecord]
) -> tuple[str, Iterator[ParsedRecord | RejectedRecord]]:
    """The region, and the same records. A function (an early reader learns the region late)
    is called once HELD_RECORDS records are parsed, or all of them if fewer."""
    if not callable(region):
        return region, records
    held = list(itertools.islice(records, HELD_RECORDS))
    return region(), itertools.chain(held, records)


def read_batches(
    path: Path, fmt: str, encoding: str, region: Region, share: Share | None = None
) -> Iterator[PreparedBatch]:
    """The file's records in prepared batches, read in this process; with a `share`, those
    of its blocks, each block ending a part (empty ones too, so that `_in_part_order` keeps
    file order)."""
    with path.open("rb") as raw:
        counter = _CountingReader(raw)
        text = io.TextIOWrapper(io.BufferedReader(counter), encoding=encoding, newline="")
        known, records = _learn_region(region, iter(READERS[fmt](text, share)))
        if share is None:
            yield from _batches(records, known, lambda: counter.done)
            return
        block = share.reader  # the next block of this share's
        for number, in_block in itertools.groupby(records, key=lambda r: share.block(r.line)):
            for _ in range(block, number, share.readers):
                yield PreparedBatch(bytes_read=counter.done, part_end=True)
            yield from _batches(in_block, known, lambda: counter.done)
            block = number + share.readers


def read_part_batches(
    path: Path, encoding: str, region: Region, reader: int, readers: int
) -> Iterator[PreparedBatch]:
    """The prepared batches of a vCard file's parts `reader`, `reader + readers`, ... (see
    interchange/vcard_parts.py): what one of `readers` processes reading it together makes."""
    with path.open("rb") as raw, path.open("rb") as rest:
        for part in file_parts(raw):
            if part.index % readers != reader:
                continue
            region, records = _learn_region(region, iter(part.records(rest, encoding)))
            end = part.start + len(part.data or b"")
            yield from _batches(records, region, lambda: end)  # noqa: B023 (used at once)


def _start_readers(path: Path, fmt: str, encoding: str, regions: list[Region]) -> list[Child]:
    """One reading process per region given. A vCard file is shared out by byte parts (each
    reader decodes only its own); other files by blocks of lines (each reader parses the
    whole file but builds only its own records)."""
    count = len(regions)
    if count == 1:
        return [start_child(lambda: read_batches(path, fmt, encoding, regions[0]))]
    if fmt == "vcard":
        return [
            start_child(partial(read_part_batches, path, encoding, region, index, count))
            for index, region in enumerate(regions)
        ]
    return [
        start_child(partial(read_batches, path, fmt, encoding, region, Share(index, count)))
        for index, region in enumerate(regions)
    ]


def _in_part_order(children: list[Child]) -> Iterator[PreparedBatch]:
    """The reading processes' batches in file order (`in_part_order`)."""
    try:
        yield from in_part_order([child.items() for child in children])
    finally:
        for child in children:
            child.stop()


def in_part_order(sources: list[Iterator[PreparedBatch]]) -> Iterator[PreparedBatch]:
    """Batches of readers sharing a file, in file order: each reader's next part in turn. A
    reader with no part left has none further on either (it sends every part up to its last,
    empty or not), so the others go on in turn without it."""
    live = list(range(len(sources)))
    while live:
        for turn in list(live):
            for batch in sources[turn]:
                yield batch
                if batch.part_end:
                    break
            else:
                live.remove(turn)


@dataclass
class EarlyReader:
    """Readers started before the database is open: they parse while this process starts
    up, and prepare records once `prepared_batches` sends them the region (issue 3)."""

    key: tuple[str, str, str]
    children: list[Child]
    regions_to: list[Any]

    def take(
        self, path: Path, fmt: str, encoding: str, region: str
    ) -> Iterator[PreparedBatch] | None:
        """Their batches when they read this very file and all live, else None (they stop)."""
        alive = all(child.is_alive() for child in self.children)
        if self.key != _file_key(path, fmt, encoding) or not alive:
            self.stop()
            return None
        for sending in self.regions_to:
            sending.send(region)
            sending.close()
        return _in_part_order(self.children)

    def stop(self) -> None:
        for child in self.children:
            child.stop()


def _file_key(path: Path, fmt: str, encoding: str) -> tuple[str, str, str]:
    return str(path.resolve()), fmt, encoding


class _RegionFromParent:
    """Child side of an early reader: the region, received once. The parent keeps the only
    sending end, so its exit ends the wait."""

    def __init__(self, receiving: Any, sending_ends: list[Any]) -> None:
        self.receiving, self.sending_ends = receiving, sending_ends

    def __call__(self) -> str:
        for sending in self.sending_ends:
            sending.close()
        value = self.receiving.recv()
        assert isinstance(value, str)
        return value


def start_early_reader(path: Path, fmt: str = "auto") -> EarlyReader | None:
    """Start reading a large vCard or CSV file in other processes now, so that parsing
    overlaps this process's start-up; a later `prepared_batches` of the same file takes them
    over (through services/runtime.py). Anything unusual (a small, missing or unreadable
    file, a backup, an unknown format) starts nothing: the import then reports it as usual."""
    try:
        if not path.is_file() or path.stat().st_size < PARALLEL_FROM_BYTES:
            return None
        chosen = detect_format(head_text(path)) if fmt == "auto" else fmt
    except (OSError, CallwiseError):
        return None
    if chosen not in READERS or not can_fork():
        return None
    context = multiprocessing.get_context("fork")
    pipes = [context.Pipe(duplex=False) for _ in range(READING_PROCESSES)]
    sending_ends = [sending for _, sending in pipes]
    regions: list[Region] = [_RegionFromParent(receiving, sending_ends) for receiving, _ in pipes]
    try:
        children = _start_readers(path, chosen, "utf-8-sig", regions)
    except OSError:  # no process to be had: the import reads the file itself, later
        return None
    finally:
        for receiving, _ in pipes:
            receiving.close()
    return EarlyReader(_file_key(path, chosen, "utf-8-sig"), children, sending_ends)


def read_in_parallel(path: Path, parallel: bool | None) -> bool:
    """Whether `path` is read by several processes: as asked, else when it is large and a
    second core and fork are there. The import's row makers follow the same answer."""
    if parallel is None:
        return path.stat().st_size >= PARALLEL_FROM_BYTES and can_fork()
    return parallel


def prepared_batches(
    path: Path,
    fmt: str,
    encoding: str,
    region: str,
    *,
    parallel: bool | None = None,
    progress: Progress | None = None,
) -> Iterator[PreparedBatch]:
    """Prepared batches of `path`; `parallel=None` uses a second process for large files."""
    size = path.stat().st_size
    parallel = read_in_parallel(path, parallel)
    early = take_early_import(path, fmt, encoding, region) if parallel is not False else None
    if early is not None:
        batches = early
    elif parallel:
        regions: list[Region] = [region] * READING_PROCESSES
        batches = _in_part_order(_start_readers(path, fmt, encoding, regions))
    else:
        batches = read_batches(path, fmt, encoding, region)
    if early is not None or parallel:  # while they read: the new contacts' rows need them
        load_name_tables()
    for batch in batches:
        if progress:
            progress(batch.bytes_read, size)
        yield batch

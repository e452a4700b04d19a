"""The reading half of an import: parse, normalise and key records, a batch at a time.

A large file is read in a second process while this one merges and writes, so both cores
work; either way the batches and their order are the same, and memory holds a few batches.
"""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from typing import IO, Any, TypeVar

from callwise.domain.contacts import prepare_contact
from callwise.domain.errors import CallwiseError
from callwise.domain.merge import match_keys
from callwise.domain.model import (
    Contact,
    Email,
    Gatekeeper,
    HowWeMet,
    OtherDate,
    PartialDate,
    Phone,
)
from callwise.interchange.csv_formats import read_google, read_linkedin, read_outlook
from callwise.interchange.records import ParsedRecord, RejectedRecord
from callwise.interchange.vcard import read_vcards

BATCH = 500
PARALLEL_FROM_BYTES = 1_000_000
QUEUED_BATCHES = 8
READERS = {
    "vcard": read_vcards,
    "google": read_google,
    "outlook": read_outlook,
    "linkedin": read_linkedin,
}
Progress = Callable[[int, int], None]  # (bytes read, file size)
T = TypeVar("T")


@dataclass
class PreparedBatch:
    """Records read and normalised: each with its file line and match keys."""

    ready: list[tuple[int, Contact, tuple[str, ...]]] = field(default_factory=list)
    rejected: list[RejectedRecord] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    flagged: list[tuple[int, str, str]] = field(default_factory=list)
    bytes_read: int = 0


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
    try:
        contact = prepare_contact(record.contact, region, strict=False)
    except CallwiseError as exc:
        into.rejected.append(RejectedRecord(record.line, str(exc)))
        return
    into.warnings.extend((record.line, w) for w in record.warnings)
    into.flagged.extend(
        (record.line, contact.name, p.number) for p in contact.phones if not p.valid
    )
    into.ready.append((record.line, contact, match_keys(contact)))


def read_batches(path: Path, fmt: str, encoding: str, region: str) -> Iterator[PreparedBatch]:
    """The file's records in prepared batches, read in this process."""
    with path.open("rb") as raw:
        counter = _CountingReader(raw)
        text = io.TextIOWrapper(io.BufferedReader(counter), encoding=encoding, newline="")
        batch = PreparedBatch()
        for record in READERS[fmt](text):
            _prepare(record, region, batch)
            if len(batch.ready) + len(batch.rejected) >= BATCH:
                batch.bytes_read = counter.done
                yield batch
                batch = PreparedBatch()
        batch.bytes_read = counter.done
        yield batch


def _by_fields(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    names = tuple(f.name for f in dataclasses.fields(cls))
    assert all(f.init and not f.kw_only for f in dataclasses.fields(cls)), cls

    def reduce(obj: Any) -> tuple[Any, ...]:
        return cls, tuple([getattr(obj, name) for name in names])

    return reduce


# Batches cross to the parent as pickles. The dataclasses' own pickling looks their fields up
# for every object; rebuilding each through its constructor halves the child's share (issue 3).
for _model in (Contact, Phone, Email, HowWeMet, PartialDate, OtherDate, Gatekeeper):
    ForkingPickler.register(_model, _by_fields(_model))


def _worker(produce: Callable[[], Iterable[Any]], queue: Any) -> None:
    """Child process: send each item, then ("done", None) or the exception that stopped it."""
    try:
        for item in produce():
            queue.put(("item", item))
        queue.put(("done", None))
    except BaseException as exc:  # handed to the parent, which raises it
        queue.put(("error", exc))


def in_second_process(produce: Callable[[], Iterable[T]]) -> Iterator[T]:
    """The items of `produce()`, made in a forked child process while this one uses them, in
    the same order. At most QUEUED_BATCHES wait, so memory stays flat; an exception in the
    child is raised here."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=QUEUED_BATCHES)
    child = context.Process(target=_worker, args=(produce, queue), daemon=True)
    child.start()
    try:
        while True:
            kind, payload = queue.get()
            if kind == "item":
                yield payload
            elif kind == "error":
                raise payload
            else:
                return
    finally:
        if child.is_alive():
            child.terminate()
        child.join()


def _read_in_worker(path: Path, fmt: str, encoding: str, region: str) -> Iterator[PreparedBatch]:
    return in_second_process(lambda: read_batches(path, fmt, encoding, region))


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
    if parallel is None:
        parallel = size >= PARALLEL_FROM_BYTES and (os.cpu_count() or 1) > 1
    source = _read_in_worker if parallel else read_batches
    for batch in source(path, fmt, encoding, region):
        if progress:
            progress(batch.bytes_read, size)
        yield batch

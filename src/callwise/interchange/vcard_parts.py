"""A vCard file cut into parts at card boundaries, so that several processes can read one file
at once (issue 3) and each part reads exactly as it would within the whole file.

A cut falls only between an `END:VCARD` line and a `BEGIN:VCARD` line written exactly so (as
every exporter writes them): there a reader of the whole file holds no card and no stray
text, so a reader that starts at the cut, told its first line number, yields the same records.
A file with no such place is one part.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from callwise.interchange.records import ParsedRecord, RejectedRecord
from callwise.interchange.vcard import read_vcards

PART_BYTES = 512 * 1024
HELD_PARTS = 8  # past this many part sizes without a boundary, the rest is one streamed part
_END = b"\nEND:VCARD"
_BEGIN = b"BEGIN:VCARD"


@dataclass(frozen=True)
class FilePart:
    """Bytes of a file from a card boundary (or the start) to the next one (or the end);
    `data` None stands for the whole rest of the file, to be streamed from `start`."""

    index: int
    start: int
    data: bytes | None
    first_line: int

    def records(self, raw: IO[bytes], encoding: str) -> Iterator[ParsedRecord | RejectedRecord]:
        """The part's records, numbered by file line; `raw` is the file (for a streamed
        part). A BOM is only the first part's."""
        if self.index and encoding == "utf-8-sig":
            encoding = "utf-8"
        if self.data is None:
            raw.seek(self.start)
            stream: IO[str] = io.TextIOWrapper(raw, encoding=encoding, newline="")
        else:
            stream = io.StringIO(self.data.decode(encoding), newline="")
        return read_vcards(stream, self.first_line)


def _line_ends(data: bytes) -> int:
    """Lines ended in `data` as a text reader counts them: CR LF, CR or LF each end one."""
    return data.count(b"\n") + data.count(b"\r") - data.count(b"\r\n")


def _after_line(data: bytes, at: int) -> int:
    """Where the line starting at `at` ends (after its LF or CR LF), or -1 if not in `data`."""
    if data[at : at + 2] == b"\r\n":
        return at + 2
    return at + 1 if data[at : at + 1] == b"\n" else -1


def _cut(data: bytes, lower: int) -> int:
    """The last card boundary in `data` after `lower`: the offset of a BEGIN:VCARD line that
    directly follows an END:VCARD line; 0 when there is none."""
    end = len(data)
    while (found := data.rfind(_END, lower, end)) >= 0:
        begin = _after_line(data, found + len(_END))
        if (
            begin > 0
            and data[begin : begin + len(_BEGIN)] == _BEGIN
            and _after_line(data, begin + len(_BEGIN)) > 0
        ):
            return begin
        end = found
    return 0


def file_parts(raw: IO[bytes], part_bytes: int = PART_BYTES) -> Iterator[FilePart]:
    """The whole of `raw` in consecutive parts of about `part_bytes`, cut at card
    boundaries; at least one part, even for an empty file."""
    index, start, line = 0, 0, 1
    held = b""
    while True:
        block = raw.read(part_bytes)
        searched = max(0, len(held) - 64)  # a boundary may straddle the two reads
        held += block
        cut = _cut(held, searched) if block else 0
        if block and not cut and len(held) > HELD_PARTS * part_bytes:
            yield FilePart(index, start, None, line)
            return
        if not block or cut:
            data, held = (held, b"") if not block else (held[:cut], held[cut:])
            if data or index == 0:
                yield FilePart(index, start, data, line)
            if not block:
                return
            index, start, line = index + 1, start + len(data), line + _line_ends(data)

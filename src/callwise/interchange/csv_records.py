"""The loop every CSV reader shares: find the header, then one record per row."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from callwise.domain.errors import ValidationError
from callwise.interchange.csv_common import (
    BadRow,
    Header,
    Row,
    csv_rows,
    find_header,
    is_blank,
)
from callwise.interchange.draft import ContactDraft, nameless_reason
from callwise.interchange.formats import BY_ID
from callwise.interchange.records import ParsedRecord, RejectedRecord, Share

RowReader = Callable[[dict[str, str], ContactDraft], None]


def read_table(
    lines: Iterable[str],
    *,
    kind: str,
    expected: str,
    canonical: Callable[[str], str],
    fill: RowReader,
    share: Share | None = None,
) -> Iterator[ParsedRecord | RejectedRecord]:
    """Records of a CSV export of `kind` (a format id), columns by (canonical) name, blank
    rows skipped; with a `share`, only the rows starting in its blocks.

    Raises ValidationError before yielding anything when no header of `kind` is found.
    """
    header_row, rows = find_header(csv_rows(lines), BY_ID[kind].header_test(), expected)
    header = Header(
        tuple(canonical(cell.strip().removeprefix("\ufeff")) for cell in header_row.cells)
    )
    for row in rows:
        if share is not None and not share.owns(row.line):
            continue
        if isinstance(row, BadRow):
            yield RejectedRecord(row.line, row.reason)
        elif not is_blank(row.cells):
            yield _record(row, header, fill)


def _width(header: Header) -> int:
    """The number of named columns (a trailing comma in the header names nothing)."""
    width = len(header.names)
    while width and not header.names[width - 1]:
        width -= 1
    return width


def _record(row: Row, header: Header, fill: RowReader) -> ParsedRecord | RejectedRecord:
    width = _width(header)
    filled = len(row.cells)
    while filled > width and not row.cells[filled - 1].strip():
        filled -= 1
    if filled != width:
        return RejectedRecord(
            row.line,
            f"the row has {filled} cells but the header names {width}: an unquoted comma "
            "or a line break inside a value would shift the columns",
        )
    draft = ContactDraft()
    try:
        fill(header.record(row.cells), draft)
    except ValidationError as exc:
        return RejectedRecord(row.line, exc.message)
    contact = draft.build()
    if reason := nameless_reason(contact):
        return RejectedRecord(row.line, reason)
    return ParsedRecord(row.line, contact, tuple(draft.warnings), draft.guessed_business)


def text(record: dict[str, str], name: str) -> str:
    """A cell by column name, trimmed, CRLF inside quoted cells as newlines; '' if absent."""
    return record.get(name, "").replace("\r\n", "\n").replace("\r", "\n").strip()

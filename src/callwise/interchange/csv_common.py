"""Reading address-book CSV files row by row (RFC 4180), with columns found by name.

Exports differ in column count and order, so every reader looks columns up by header
name; a file without a recognisable header is an error, never zero rows reported as done.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from callwise.domain.errors import ValidationError
from callwise.interchange.limits import MAX_COLUMNS, MAX_VALUES, bounded_lines, too_many

HEADER_SCAN_ROWS = 50
# Whether a header row's column names (trimmed, casefolded) are an export's (see
# interchange/formats.py).
HeaderTest = Callable[[frozenset[str]], bool]


@dataclass(frozen=True, slots=True)
class Row:
    """One CSV record and the 1-based file line where it starts."""

    line: int
    cells: list[str]


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    reason: str


def _with_line_ends(lines: Iterable[str]) -> Iterator[str]:
    """Drop a UTF-8 BOM and give every line an end, so quoted newlines survive `splitlines()`."""
    first = True
    for line in lines:
        if first:
            line, first = line.removeprefix("\ufeff"), False
        yield line if line.endswith(("\n", "\r")) else line + "\n"


def csv_rows(lines: Iterable[str]) -> Iterator[Row | BadRow]:
    """Every record of a CSV stream with its starting line; a broken record is a `BadRow`."""
    reader = csv.reader(_with_line_ends(bounded_lines(lines)))
    consumed = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield BadRow(consumed + 1, f"not readable as CSV: {exc}")
            consumed = reader.line_num
            continue
        if len(cells) > MAX_COLUMNS:
            yield BadRow(consumed + 1, too_many(len(cells), MAX_COLUMNS, "cells"))
        else:
            yield Row(consumed + 1, cells)
        consumed = reader.line_num


def header_names(cells: Sequence[str]) -> frozenset[str]:
    """A row's cells as the column names a `HeaderTest` reads."""
    return frozenset(c.strip().casefold() for c in cells)


def sniff_csv(head: str, tests: Mapping[str, HeaderTest]) -> str | None:
    """The export (a key of `tests`) a CSV file's first rows (header, after any preamble)
    come from, or None."""
    rows = csv_rows(io.StringIO(head, newline=""))
    for index, row in enumerate(rows):
        if index >= HEADER_SCAN_ROWS:
            break
        if not isinstance(row, Row):
            continue
        names = header_names(row.cells)
        for kind, is_header in tests.items():
            if is_header(names):
                return kind
    return None


@dataclass(frozen=True, slots=True)
class Header:
    """Column positions by name (case-insensitive; the first of duplicate names wins)."""

    names: tuple[str, ...]

    def record(self, cells: Sequence[str]) -> dict[str, str]:
        """A row as {column name: value}, missing cells empty, names as in `names`."""
        record: dict[str, str] = {}
        for name, value in zip(self.names, cells, strict=False):
            record.setdefault(name, value)
        return record


def find_header(
    rows: Iterator[Row | BadRow], is_header: HeaderTest, expected: str
) -> tuple[Row, Iterator[Row | BadRow]]:
    """Skip a preamble to the header row `is_header` accepts; raise before any record otherwise."""
    for index, row in enumerate(rows):
        if index >= HEADER_SCAN_ROWS:
            break
        if isinstance(row, Row) and is_header(header_names(row.cells)):
            return row, rows
    raise ValidationError(
        f"no {expected} header row found in the first {HEADER_SCAN_ROWS} rows; "
        f"is this the right file and --format?",
        field="file",
    )


def split_multi(value: str) -> list[str]:
    """Google's ` ::: `-separated values, trimmed, empties dropped; at most MAX_VALUES."""
    parts = value.split(":::", MAX_VALUES)
    if len(parts) > MAX_VALUES:
        raise ValidationError(too_many(value.count(":::") + 1, MAX_VALUES, "values in a cell"))
    return [part.strip() for part in parts if part.strip()]


def is_blank(cells: Sequence[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def csv_line(cells: Sequence[str]) -> str:
    """One CSV record as text, CRLF-terminated (RFC 4180)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()

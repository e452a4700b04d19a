"""The format registry itself (issue 12): detection claims each real-shaped file for exactly
one format, every reader reads its fixtures, every writer's output is read back."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from callwise.domain.model import Contact, Phone
from callwise.interchange import formats
from callwise.interchange.csv_common import Row, csv_rows, header_names
from callwise.interchange.records import ParsedRecord

FIXTURES = Path(__file__).parent.parent / "fixtures"
CSV_FIXTURES = sorted(p.name for p in FIXTURES.glob("*.csv") if "no_header" not in p.name)


def _header_row(name: str) -> frozenset[str]:
    """The first row that any CSV format claims (a LinkedIn file has a preamble)."""
    for row in csv_rows(io.StringIO((FIXTURES / name).read_text("utf-8-sig"), newline="")):
        names = header_names(row.cells) if isinstance(row, Row) else frozenset()
        if any(f.csv_header and f.csv_header(names) for f in formats.FORMATS):
            return names
    raise AssertionError(f"no header in {name}")


@pytest.mark.parametrize("name", CSV_FIXTURES)
def test_exactly_one_format_claims_each_csv_header(name: str) -> None:
    names = _header_row(name)
    claimed = [f.id for f in formats.FORMATS if f.csv_header and f.csv_header(names)]
    assert claimed == [name.split("_")[0].removesuffix(".csv")]


@pytest.mark.parametrize("entry", formats.FORMATS, ids=lambda f: f.id)
def test_every_format_has_fixtures_its_reader_reads(entry: formats.FileFormat) -> None:
    found = sorted(
        p for p in FIXTURES.iterdir() if p.is_file() and p.suffix[1:] in entry.extensions
    )
    assert found, f"no fixture for {entry.id}"
    for path in found:
        head = path.read_text("utf-8-sig")[:4096]
        if entry.reader is None or "no_header" in path.name:
            continue
        if formats.detect_format(head) != entry.id:
            continue  # a .csv of another CSV format
        with path.open(encoding="utf-8-sig", newline="") as lines:
            records = list(entry.reader(lines))
        assert any(isinstance(r, ParsedRecord) for r in records), path.name


WRITTEN_HERE = [e for e in formats.EXPORTS.values() if e.writer is not None]  # not the backup


@pytest.mark.parametrize("export", WRITTEN_HERE, ids=lambda e: e.id)
def test_every_interchange_writer_is_read_back_by_its_format(export: formats.Export) -> None:
    assert export.writer is not None
    contact = Contact(given_name="Dana", family_name="Whitfield", phones=(Phone("+18165550142"),))
    out = io.StringIO(newline="")
    assert export.writer(lambda: [contact], out) == 1
    text = out.getvalue()
    chosen = formats.detect_format(text)
    reader = formats.READERS[chosen]
    assert formats.BY_ID[chosen].export == export
    records = list(reader(io.StringIO(text, newline="")))
    assert [r.contact.name for r in records if isinstance(r, ParsedRecord)] == ["Dana Whitfield"]


def test_an_unknown_file_names_every_format() -> None:
    with pytest.raises(Exception) as raised:
        formats.detect_format("hello\n")
    for entry in formats.FORMATS:
        assert entry.name in str(raised.value)

"""All readers: format detection, malformed input (Hypothesis), and flat memory when streaming."""

from __future__ import annotations

import gc
import tracemalloc
from collections.abc import Callable, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callwise.domain.contacts import has_name, prepare_contact
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact
from callwise.interchange.csv_formats import read_google, read_linkedin, read_outlook
from callwise.interchange.formats import detect_format
from callwise.interchange.records import ParsedRecord, RejectedRecord
from callwise.interchange.vcard import read_vcards
from interchange_support import FIXTURE_FORMATS, FIXTURES, Reader, read_text

READERS: dict[str, Reader] = {
    "vcard": read_vcards,
    "google": read_google,
    "outlook": read_outlook,
    "linkedin": read_linkedin,
}


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")


def test_every_fixture_is_covered() -> None:
    on_disk = {p.name for p in FIXTURES.iterdir() if p.suffix in (".vcf", ".csv")}
    assert on_disk == set(FIXTURE_FORMATS) | {"linkedin_no_header.csv"}


@pytest.mark.parametrize(("name", "expected"), sorted(FIXTURE_FORMATS.items()))
def test_detect_format_by_content(name: str, expected: str) -> None:
    assert detect_format(fixture_text(name)[:4096]) == expected


def test_detect_backup() -> None:
    head = '{\n  "format": "callwise-backup",\n  "version": 1,\n  "contacts": ['
    assert detect_format(head) == "backup"


@pytest.mark.parametrize(
    "head",
    [
        "",
        "hello world\n",
        '{"contacts": []}',
        "Name,Phone\nJane,555\n",
        fixture_text("linkedin_no_header.csv"),
    ],
)
def test_detect_unknown_format_names_the_choices(head: str) -> None:
    with pytest.raises(ValidationError) as raised:
        detect_format(head)
    assert raised.value.field == "format"
    assert "--format" in raised.value.message


def consume(reader: Reader, text: str) -> list[ParsedRecord | RejectedRecord]:
    """Read everything; a ValidationError must come before the first record (no partial import)."""
    records: list[ParsedRecord | RejectedRecord] = []
    try:
        for record in reader(iter(text.splitlines(keepends=True))):
            records.append(record)
    except ValidationError as exc:
        assert records == [], f"{exc} raised after {len(records)} records"
        assert exc.field in ("file", "vcard")
        return []
    line_count = max(1, len(text.splitlines()))
    for record in records:
        assert isinstance(record, ParsedRecord | RejectedRecord)
        assert 1 <= record.line <= line_count + 1
        if isinstance(record, ParsedRecord):
            assert isinstance(record.contact, Contact)
            assert has_name(record.contact)
            prepare_contact(record.contact, "US", strict=False)  # what services do next
            assert all(isinstance(w, str) for w in record.warnings)
        else:
            assert record.reason
    return records


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
vcard_pieces = st.sampled_from(
    [
        "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:3.0", "VERSION:4.0", "N:Doe;Jane;;;",
        "FN:Jane Doe", "TEL;CELL;PREF:+1 816 555 0142", "item1.TEL:+1", "item1.X-ABLabel:_$!<",
        "NOTE;ENCODING=QUOTED-PRINTABLE:a=", "=C3=", "NOTE;CHARSET=x-unknown;ENCODING=QUOTED-PRI"
        "NTABLE:=FF=FE", "BDAY:--0230", "BDAY;X-APPLE-OMIT-YEAR=²:1604-04-15", "BDAY:99999999",
        "X-ABDATE:2010-13-01", " folded", "\tfolded", "", "PHOTO;ENCODING=b:@@@", "ADR:;;;;;;Mars",
        "TZ:+14:00", "ORG:\\", "N:\\;\\", "EMAIL;ENCODING=b:!!!", "NOTE;ENCODING=BASE64:SGk=",
        "X-CALLWISE-KIND:boss", "X-CALLWISE-MET-DATE:yesterday", "X-CALLWISE-CADENCE-DAYS:0",
        "EMAIL:jane at example", "TZ:Mars/Olympus", "RELATED;VALUE=uri:urn:x",
        "KIND:org", "ORG:Acme", "FN;X=\"a:b\":Q", "X.Y.Z:1", "CATEGORIES:myContacts,,",
    ]
)  # fmt: skip
csv_pieces = st.sampled_from(
    [
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "First Name,Last Name,Phone 1 - Label,Phone 1 - Value,Birthday,Labels",
        '"First Name","Last Name","E-mail Address","Mobile Phone","Birthday","Anniversary"',
        "Notes:", '"When exporting', 'data,"', "", "Ada,Lovelace,x,y,z,w,15 Mar 2024",
        "Ada,,,,,,31 Feb 2024", "Ada,Byron,Mobile,+44 20 7946 0018, --12-25,* myContacts ::: A",
        '"unterminated,quote', "\x00,\x00", ",,,,,,", "Ada,Lovelace,\"a\"\"b\",0/0/00,13/45/2020",
        "Grace", "Grace,Hopper,Assistant,+1 :::  ::: ,2020-02-30,* starred",
    ]
)  # fmt: skip


@FUZZ
@given(text=st.text(max_size=400), name=st.sampled_from(sorted(READERS)))
def test_readers_survive_arbitrary_text(text: str, name: str) -> None:
    consume(READERS[name], text)


@FUZZ
@given(lines=st.lists(vcard_pieces | st.text(max_size=30), max_size=40), crlf=st.booleans())
def test_vcard_reader_survives_broken_cards(lines: list[str], crlf: bool) -> None:
    consume(read_vcards, ("\r\n" if crlf else "\n").join(["BEGIN:VCARD", *lines]))


@FUZZ
@given(
    lines=st.lists(csv_pieces | st.text(max_size=30), max_size=30),
    name=st.sampled_from(["google", "outlook", "linkedin"]),
)
def test_csv_readers_survive_broken_rows(lines: list[str], name: str) -> None:
    consume(READERS[name], "\n".join(lines))


@FUZZ
@given(data=st.data(), name=st.sampled_from(sorted(FIXTURE_FORMATS)))
def test_readers_survive_damaged_fixtures(data: st.DataObject, name: str) -> None:
    """Cut, duplicate or overwrite pieces of a real-shaped file: clean errors only."""
    text = fixture_text(name)
    for _ in range(data.draw(st.integers(1, 4))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        insert = data.draw(st.sampled_from(["", "\n", ";", ":", "=", '"', "\\", text[start:end]]))
        text = text[:start] + insert + text[end:]
    consume(READERS[FIXTURE_FORMATS[name]], text)


def card_lines(count: int) -> Iterator[str]:
    for i in range(count):
        yield "BEGIN:VCARD\r\n"
        yield "VERSION:3.0\r\n"
        yield f"N:Family{i};Given{i};;;\r\n"
        yield f"TEL;TYPE=CELL:+1 816 555 {i % 100 + 100:04d}\r\n"
        yield "NOTE:Met at a conference\\, liked jazz.\r\n"
        yield "END:VCARD\r\n"


def google_lines(count: int) -> Iterator[str]:
    yield "First Name,Last Name,Phone 1 - Label,Phone 1 - Value,Labels\r\n"
    for i in range(count):
        yield f'Given{i},Family{i},Mobile,+1 816 555 {i % 100 + 100:04d},"* myContacts ::: A"\r\n'


def peak_memory(reader: Reader, lines: Iterator[str]) -> tuple[int, int]:
    gc.collect()
    tracemalloc.start()
    try:
        count = sum(1 for _ in reader(lines))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    ("reader", "make"), [(read_vcards, card_lines), (read_google, google_lines)]
)
def test_reading_streams_in_flat_memory(
    reader: Reader, make: Callable[[int], Iterator[str]]
) -> None:
    """Ten times the records must not need more memory: one record at a time (100k in practice)."""
    peak_memory(reader, make(200))  # warm caches and imports
    small = peak_memory(reader, make(1_000))
    large = peak_memory(reader, make(10_000))
    assert (small[0], large[0]) == (1_000, 10_000)
    assert large[1] < small[1] * 1.5 + 64 * 1024


def test_reading_takes_any_iterable_of_lines() -> None:
    text = fixture_text("vcard_bom_crlf.vcf")
    from_list = read_text(text, read_vcards)
    from_split = list(read_vcards(text.splitlines()))
    assert from_list == from_split

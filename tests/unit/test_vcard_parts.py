"""A vCard file cut into parts (interchange/vcard_parts.py) reads, part after part, exactly as
the whole file does: the same records, line numbers, rejections and errors, whatever its line
ends, stray text, broken cards or size of part."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from callwise.domain.errors import ValidationError
from callwise.interchange.vcard import read_vcards
from callwise.interchange.vcard_parts import file_parts

LINES = st.sampled_from(
    [
        "BEGIN:VCARD",
        "END:VCARD",
        "begin:vcard",
        "END:VCARD ",
        "VERSION:3.0",
        "FN:Ann Lee",
        "N:Lee;Ann;;;",
        "FN:Ümit Çelik",
        "TEL;TYPE=CELL:+1 212 555 0101",
        "EMAIL:ann@example.com",
        "NOTE;ENCODING=QUOTED-PRINTABLE:line=",
        " folded on",
        "stray text",
        "",
    ]
)


@st.composite
def vcard_files(draw: st.DrawFn) -> bytes:
    """Mostly well-formed cards, with now and then a broken or odd line, in any line ends."""
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 12))):
        body = ["VERSION:3.0", f"FN:Person {len(lines)}"]
        lines += ["BEGIN:VCARD", *body, *draw(st.lists(LINES, max_size=4)), "END:VCARD"]
        lines += draw(st.lists(LINES, max_size=1))
    ends = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=1, max_size=3))
    text = "".join(line + ends[i % len(ends)] for i, line in enumerate(lines))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return (bom + text).encode("utf-8")


def _whole(data: bytes) -> list[object]:
    """What reading the whole file as an import does gives; an error ends the list."""
    found: list[object] = []
    try:
        found += read_vcards(io.TextIOWrapper(io.BytesIO(data), "utf-8-sig", newline=""))
    except ValidationError as exc:
        found.append(("error", exc.message))
    return found


def _by_parts(data: bytes, part_bytes: int) -> list[object]:
    found: list[object] = []
    try:
        for part in file_parts(io.BytesIO(data), part_bytes):
            found += list(part.records(io.BytesIO(data), "utf-8-sig"))
    except ValidationError as exc:
        found.append(("error", exc.message))
    return found


@settings(max_examples=300, deadline=None)
@given(vcard_files(), st.integers(8, 400))
def test_parts_read_as_the_whole_file(data: bytes, part_bytes: int) -> None:
    assert _by_parts(data, part_bytes) == _whole(data)


@settings(max_examples=50, deadline=None)
@given(vcard_files(), st.integers(8, 400))
def test_parts_cover_the_file_in_order(data: bytes, part_bytes: int) -> None:
    parts = list(file_parts(io.BytesIO(data), part_bytes))
    assert [p.index for p in parts] == list(range(len(parts)))
    last = parts[-1]
    held = b"".join(p.data or b"" for p in parts)
    assert held + (data[last.start :] if last.data is None else b"") == data
    for part in parts[1:]:
        assert data[part.start :].startswith(b"BEGIN:VCARD")
        assert data[: part.start].endswith((b"\nEND:VCARD\n", b"\nEND:VCARD\r\n"))


def test_a_large_well_formed_file_is_cut_into_many_parts() -> None:
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n"
    data = (card * 400).encode()
    parts = list(file_parts(io.BytesIO(data), 1000))
    assert len(parts) > 10
    assert parts[1].first_line == 1 + 4 * parts[1].start // len(card)
    assert _by_parts(data, 1000) == _whole(data)
    assert len(_whole(data)) == 400


def test_a_file_without_boundaries_is_streamed_as_one_part() -> None:
    card = "begin:vcard\nFN:Ann Lee\nend:vcard\n"
    data = (card * 200).encode()
    parts = list(file_parts(io.BytesIO(data), 64))
    assert [(p.index, p.data) for p in parts] == [(0, None)]
    assert _by_parts(data, 64) == _whole(data)

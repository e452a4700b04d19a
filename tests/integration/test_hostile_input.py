"""Hostile contact files (issue 11, found by fuzzing): each imports or fails with one
CallwiseError line naming the bound, on a real SQLite file, through the real import service."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from callwise.cli.app import app as cli
from callwise.domain.errors import ValidationError
from callwise.interchange.limits import MAX_COLUMNS, MAX_FILE_BYTES, MAX_LINE_CHARS, MAX_VALUES
from callwise.services import contacts, importer
from callwise.services.app import App, open_app
from callwise.services.import_source import HEAD_BYTES
from conftest import NOW

GOOD_CARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nTEL:+1 816 555 0142\r\nEND:VCARD\r\n"


@pytest.fixture
def db(sqlite_url: str) -> Iterator[App]:
    opened = open_app(sqlite_url, NOW)
    try:
        yield opened
    finally:
        opened.engine.dispose()


def _card(*lines: str, version: str = "3.0") -> bytes:
    body = "".join(line + "\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:{version}\r\n{body}END:VCARD\r\n".encode()


def _file(tmp_path: Path, data: bytes, name: str = "contacts.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_line_of_many_empty_parameters_rejects_its_card_at_once(db: App, tmp_path: Path) -> None:
    """124 bytes that took vobject's line parser exponential time (40 parameters: never ended)."""
    hostile = _card("FN" + ";A" * 40 + ";:K", "N:;K;;;")
    path = _file(tmp_path, GOOD_CARD + hostile)
    report = importer.import_file(db, path, skip_invalid=True)
    assert len(report.added) == 1
    assert [(r.line, r.reason) for r in report.rejected] == [
        (6, "line 8: 'FN;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;A;...' is "
         "not a vCard property (NAME;PARAMS:value)")
    ]  # fmt: skip


def test_a_bar_in_a_company_name_imports_and_matches_again(db: App, tmp_path: Path) -> None:
    path = _file(tmp_path, _card("FN:Ann Lee", "ORG:Smith | Jones LLP"))
    assert len(importer.import_file(db, path).added) == 1
    again = importer.import_file(db, path)
    assert (again.added, again.unchanged) == ([], 1)
    stored = contacts.list_contacts(db).contacts
    assert [c.organization for c in stored] == ["Smith | Jones LLP"]


@pytest.mark.parametrize("before", [0, 1, 2])
def test_a_character_cut_by_the_detection_head_does_not_stop_the_import(
    db: App, tmp_path: Path, before: int
) -> None:
    """A UTF-8 file with a BOM whose multibyte character straddles the 64 KB head."""
    start = b"\xef\xbb\xbfBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo\xc3\xab\r\nNOTE:"
    filler = b"a" * (HEAD_BYTES - len(start) - 2 + before)
    data = start + filler + "€".encode() * 20 + b"\r\nEND:VCARD\r\n"
    report = importer.import_file(db, _file(tmp_path, data))
    assert report.format == "vcard" and len(report.added) == 1


def test_nul_characters_are_dropped_even_in_a_charset(db: App, tmp_path: Path) -> None:
    """A NUL in CHARSET crashed the decoder; PostgreSQL cannot store one in a value either."""
    card = _card(
        "N;CHARSET=ut\x00f-8;ENCODING=QUOTED-PRINTABLE:Lee;A=00nn;;;", "NOTE:a\x00b", version="2.1"
    )
    report = importer.import_file(db, _file(tmp_path, card))
    assert len(report.added) == 1 and not report.warnings
    (stored,) = contacts.list_contacts(db).contacts
    assert (stored.given_name, stored.family_name, stored.notes) == ("Ann", "Lee", "ab")


def test_an_unknown_charset_is_read_as_utf8(db: App, tmp_path: Path) -> None:
    card = _card("N;CHARSET=x-nope;ENCODING=QUOTED-PRINTABLE:Lee;Ann;;;", version="2.1")
    report = importer.import_file(db, _file(tmp_path, card))
    assert [w for _, w in report.warnings] == ["N: unknown CHARSET 'x-nope', read as UTF-8"]


def test_a_line_over_the_limit_stops_the_import_with_one_line(db: App, tmp_path: Path) -> None:
    long_note = "NOTE:" + "x" * MAX_LINE_CHARS
    path = _file(tmp_path, GOOD_CARD + _card("FN:Bo", long_note))
    with pytest.raises(ValidationError, match=r"line 9 is longer than the limit of 1,000,000"):
        importer.import_file(db, path, skip_invalid=True)
    assert contacts.list_contacts(db).contacts == []
    result = CliRunner().invoke(cli, ["--db", str(db.engine.url), "import", str(path)])
    assert result.exit_code == 3 and result.stderr.count("\n") == 1
    assert "longer than the limit of 1,000,000 characters" in result.stderr


def test_too_many_values_or_parameters_reject_the_card(db: App, tmp_path: Path) -> None:
    many_tags = "CATEGORIES:" + ",".join(["t"] * (MAX_VALUES + 1))
    many_params = "TEL" + ";TYPE=CELL" * 101 + ":+1 816 555 0100"
    data = _card("FN:Bo", many_tags) + _card("FN:Cy", many_params)
    report = importer.import_file(db, _file(tmp_path, data), skip_invalid=True)
    assert [r.reason for r in report.rejected] == [
        "line 4: CATEGORIES: 1,001 values, over the limit of 1,000",
        "line 9: 101 parameters, over the limit of 100",
    ]


def test_a_csv_row_wider_than_the_limit_is_rejected(db: App, tmp_path: Path) -> None:
    header = "First Name,Last Name,E-mail Address,Mobile Phone\r\n"
    wide = "Bo,Ray,bo@example.com,+1 816 555 0100" + ",x" * MAX_COLUMNS + "\r\n"
    good = "Ann,Lee,ann@example.com,+1 816 555 0142\r\n"
    path = _file(tmp_path, (header + wide + good).encode(), "outlook.csv")
    report = importer.import_file(db, path, skip_invalid=True)
    assert report.format == "outlook" and len(report.added) == 1
    assert [r.reason for r in report.rejected] == ["2,004 cells, over the limit of 2,000"]


def test_google_values_in_one_cell_are_bounded(db: App, tmp_path: Path) -> None:
    header = "Name,Given Name,Family Name,Labels\r\n"
    row = "Bo Ray,Bo,Ray," + " ::: ".join(["x"] * (MAX_VALUES + 1)) + "\r\n"
    path = _file(tmp_path, (header + row).encode(), "google.csv")
    with pytest.raises(ValidationError, match="1,001 values in a cell, over the limit of 1,000"):
        importer.import_file(db, path)


def test_a_file_over_the_size_limit_is_refused_unread(db: App, tmp_path: Path) -> None:
    path = tmp_path / "huge.vcf"
    with path.open("wb") as out:  # sparse: no disk is used
        out.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(ValidationError, match="over the limit of 4,294,967,296"):
        importer.import_file(db, path)

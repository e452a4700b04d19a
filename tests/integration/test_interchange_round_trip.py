"""Export then import loses nothing the format can carry (vCard 3.0, Google CSV)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from callwise.domain.errors import ValidationError
from callwise.domain.model import (
    Contact,
    Email,
    Gatekeeper,
    OtherDate,
    PartialDate,
    Phone,
    RelationshipKind,
)
from callwise.interchange.csv_formats import (
    GoogleColumns,
    read_google,
    read_linkedin,
    read_outlook,
    write_google_csv,
)
from callwise.interchange.records import ParsedRecord
from callwise.interchange.vcard import read_vcards, write_vcards
from interchange_support import (
    Reader,
    canonical_google,
    canonical_vcard,
    parsed,
    read_fixture,
    read_text,
)
from strategies import contacts

ROUND_TRIP = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CHIDI = Contact(
    given_name="Chidi",
    family_name="Okafor",
    honorific="Dr.",
    kind=RelationshipKind.BUSINESS,
    organization="Harbor Health Partners",
    department="Cardiology",
    job_title="Chief Medical Officer",
    phones=(Phone("+18165550142", "mobile"), Phone("+18165550143", "work")),
    emails=(Email("chidi.okafor@harborhealth.example", "work"),),
    city="Kansas City",
    region="MO",
    country="US",
    time_zone="America/Chicago",
    gatekeeper=Gatekeeper("Dana Whitfield", "assistant", "+18165550144"),
    family_notes="Spouse: Grace Okafor",
    birthday=PartialDate(4, 15),
    other_dates=(OtherDate("anniversary", PartialDate(6, 20, 2009)),),
    linkedin_url="https://www.linkedin.com/in/chidi-okafor-md",
    tags=("Clients", "KC"),
    notes="Met at the KC Health Summit.\nPrefers calls after 4pm; never on Mondays.",
)


def vcard_text(contacts: list[Contact]) -> str:
    return "".join(write_vcards(contacts))


def google_text(contacts: list[Contact], columns: GoogleColumns | None = None) -> str:
    return "".join(write_google_csv(contacts, columns))


def contacts_of(records: Sequence[object]) -> list[Contact]:
    assert all(isinstance(r, ParsedRecord) and r.warnings == () for r in records), records
    return [r.contact for r in records if isinstance(r, ParsedRecord)]


@ROUND_TRIP
@given(contact=contacts())
def test_vcard_round_trip_keeps_every_field(contact: Contact) -> None:
    assert contacts_of(read_text(vcard_text([contact]), read_vcards)) == [canonical_vcard(contact)]


@ROUND_TRIP
@given(batch=st.lists(contacts(), max_size=3))
def test_google_csv_round_trip_keeps_every_column_google_has(batch: list[Contact]) -> None:
    text = google_text(batch)
    assert contacts_of(read_text(text, read_google)) == [canonical_google(c) for c in batch]


def test_vcard_written_the_way_apple_and_google_read_it() -> None:
    text = vcard_text([CHIDI])
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = text.replace("\r\n ", "").split("\r\n")  # unfolded (RFC 2425 5.8.1)
    assert lines[:3] == ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//callwise//callwise 0.1.0//EN"]
    assert "N:Okafor;Chidi;;Dr.;" in lines
    assert "BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-15" in lines
    assert "TEL;TYPE=CELL:+18165550142" in lines
    assert "TEL;TYPE=WORK:+18165550143" in lines
    assert lines[lines.index("item1.TEL:+18165550144") + 1] == "item1.X-ABLabel:AssistantPhone"
    assert "EMAIL;TYPE=INTERNET,WORK:chidi.okafor@harborhealth.example" in lines
    assert "ADR:;;;Kansas City;MO;;United States" in lines
    assert "TZ;VALUE=text:America/Chicago" in lines
    assert "item2.X-ABDATE:2009-06-20" in lines
    assert "item2.X-ABLabel:_$!<Anniversary>!$_" in lines
    assert "item4.X-ABRELATEDNAMES:Grace Okafor" in lines
    assert "item4.X-ABLabel:_$!<Spouse>!$_" in lines
    assert (
        "NOTE:Met at the KC Health Summit.\\nPrefers calls after 4pm\\; never on Mondays." in lines
    )
    assert "X-CALLWISE-KIND:business" in lines
    assert text.endswith("END:VCARD\r\n")


def test_vcard_output_is_read_by_vobject_too() -> None:
    long_note = CHIDI.with_changes(notes="Zoë " * 59 + "Zoë", display_name="Dr. Chidi “CK” Okafor")
    cards = list(vobject.readComponents(vcard_text([CHIDI, long_note])))
    assert [card.fn.value for card in cards] == ["Chidi Okafor", "Dr. Chidi “CK” Okafor"]
    assert cards[1].note.value == "Zoë " * 59 + "Zoë"


def test_google_csv_written_with_the_current_header_and_google_spellings() -> None:
    text = google_text([CHIDI])
    header, row = text.split("\r\n")[:2]
    assert header.startswith(
        "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
        "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
        "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
        "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,"
    )
    assert ", --04-15," in row
    assert "* myContacts ::: Clients ::: KC" in row
    assert "Assistant,+18165550144,Mobile,+18165550142,Work,+18165550143" in row
    assert "Anniversary,2009-06-20" in row
    assert "Spouse,Grace Okafor" in row


def test_google_columns_fit_the_contacts_or_the_export_refuses() -> None:
    many = CHIDI.with_changes(phones=tuple(Phone(f"+1816555011{i}", "other") for i in range(6)))
    assert GoogleColumns.fitting([CHIDI, many]).phones == 7  # six and the gatekeeper's
    with pytest.raises(ValidationError) as raised:
        google_text([many], GoogleColumns(phones=2))
    assert raised.value.field == "columns"


VCARD_FIXTURES = [
    "vcard21_quoted_printable.vcf",
    "vcard30_apple_itemgroups.vcf",
    "vcard40_partial_dates.vcf",
    "vcard_google_export.vcf",
    "vcard_outlook.vcf",
    "vcard_thunderbird.vcf",
    "vcard_bom_crlf.vcf",
    "vcard_folded_escapes.vcf",
    "vcard_malformed.vcf",
]
CSV_FIXTURES: list[tuple[str, Reader]] = [
    ("google_current.csv", read_google),
    ("google_legacy.csv", read_google),
    ("outlook.csv", read_outlook),
    ("outlook_com.csv", read_outlook),
    ("linkedin_current.csv", read_linkedin),
    ("linkedin_legacy.csv", read_linkedin),
]


@pytest.mark.parametrize("name", VCARD_FIXTURES)
def test_import_export_import_a_vcard_fixture(name: str) -> None:
    first = [r.contact for r in parsed(read_fixture(name, read_vcards))]
    again = [r.contact for r in parsed(read_text(vcard_text(first), read_vcards))]
    assert again == first


@pytest.mark.parametrize(("name", "reader"), CSV_FIXTURES)
def test_import_export_import_a_csv_fixture(name: str, reader: Reader) -> None:
    first = [r.contact for r in parsed(read_fixture(name, reader))]
    again = contacts_of(read_text(google_text(first), read_google))
    assert again == [canonical_google(c) for c in first]
    vcard = contacts_of(read_text(vcard_text(first), read_vcards))
    assert vcard == [canonical_vcard(c) for c in first]


def test_writing_streams_one_card_at_a_time() -> None:
    def endless() -> Iterator[Contact]:
        while True:
            yield CHIDI

    lines = write_vcards(endless())
    first_card = list(itertools.takewhile(lambda line: line != "END:VCARD\r\n", lines))
    assert first_card[0] == "BEGIN:VCARD\r\n"
    assert next(lines) == "BEGIN:VCARD\r\n"

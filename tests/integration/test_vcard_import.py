"""Each vCard fixture, one per source and quirk, imports the fields it holds (RFC 2426/6350)."""

from __future__ import annotations

import datetime as dt

import pytest

from callwise.domain.errors import ValidationError
from callwise.domain.model import (
    Email,
    Gatekeeper,
    OtherDate,
    PartialDate,
    Phone,
    RelationshipKind,
)
from callwise.interchange.records import ParsedRecord, RejectedRecord
from callwise.interchange.vcard import read_vcards
from interchange_support import by_name, parsed, read_fixture, read_text


def test_vcard21_quoted_printable_charset_and_soft_line_breaks() -> None:
    records = read_fixture("vcard21_quoted_printable.vcf", read_vcards)
    assert [r.line for r in records] == [1, 18, 28]
    juergen, amelie, kenji = (r.contact for r in parsed(records))
    assert (juergen.given_name, juergen.family_name) == ("Jürgen", "Müller")
    assert juergen.display_name == ""  # FN says no more than given + family
    assert juergen.organization == "Bäckerei Müller GmbH"
    assert juergen.job_title == "Geschäftsführer"
    assert juergen.phones == (
        Phone("+44 20 7946 0018", "mobile"),
        Phone("+44 20 7946 0019", "work"),
    )
    assert juergen.emails == (Email("juergen.mueller@example.com", "home"),)
    assert juergen.birthday == PartialDate(11, 3, 1978)
    assert juergen.notes == (
        "Met at the Frankfurt trade fair 2023.\n"
        "Ask about his daughter's football club – she plays for the U12s."
    )
    assert (amelie.given_name, amelie.family_name, amelie.honorific) == ("Amélie", "Lefèvre", "Mme")
    assert [p.label for p in amelie.phones] == ["home", "mobile", "fax"]
    assert (amelie.city, amelie.country) == ("London", "GB")
    assert amelie.emails == (Email("amelie.lefevre@example.co.uk", ""),)
    assert kenji.notes == (
        "Second line of a bare QUOTED-PRINTABLE parameter, soft-wrapped twice across three lines."
    )
    assert kenji.phones == (Phone("+1 212 555 0161", "work"),)


def test_vcard30_apple_item_groups_labels_gatekeeper_and_yearless_birthday() -> None:
    records = by_name(read_fixture("vcard30_apple_itemgroups.vcf", read_vcards))
    chidi = records["Chidi Okafor"].contact
    assert chidi.honorific == "Dr."
    assert (chidi.organization, chidi.department) == ("Harbor Health Partners", "Cardiology")
    assert chidi.job_title == "Chief Medical Officer"
    assert chidi.phones == (
        Phone("+1 (816) 555-0142", "mobile"),
        Phone("+1 (816) 555-0143", "work"),
    )
    assert chidi.gatekeeper == Gatekeeper("Dana Whitfield", "assistant", "+1 (816) 555-0144")
    assert chidi.emails == (
        Email("chidi.okafor@harborhealth.example", "work"),
        Email("chidi@okafor-family.example", "home"),
    )
    assert chidi.birthday == PartialDate(4, 15)
    assert chidi.other_dates == (OtherDate("anniversary", PartialDate(6, 20, 2009)),)
    assert chidi.family_notes == "Spouse: Grace Okafor"
    assert (chidi.city, chidi.region, chidi.country) == ("Kansas City", "MO", "US")
    assert chidi.linkedin_url == "https://www.linkedin.com/in/chidi-okafor-md"
    assert chidi.notes.split("\n") == [
        "Met at the KC Health Summit.",
        "Prefers calls after 4pm; never on Mondays.",
        "Manager: Marcus Bell",
        "Website: https://harborhealth.example/team/okafor",
    ]
    assert records["Chidi Okafor"].warnings == ()


def test_vcard30_apple_company_card_and_custom_labels() -> None:
    records = by_name(read_fixture("vcard30_apple_itemgroups.vcf", read_vcards))
    company = records["Blue Prairie Catering"].contact
    assert company.kind is RelationshipKind.ORGANIZATION
    assert (company.given_name, company.display_name) == ("", "")
    assert company.phones == (Phone("+1 (816) 555-0177", "main"),)
    assert company.emails == (Email("events@blueprairie.example", "Bookings"),)
    astrid = records["Astrid Lindqvist"]
    assert astrid.contact.nickname == "Addie"
    assert astrid.contact.phones == (
        Phone("+1 415 555 0190", "mobile"),
        Phone("+1 415 555 0191", "other"),
        Phone("+1 415 555 0192", "fax"),
    )
    assert astrid.warnings == ("phone +1 415 555 0191: label 'Boat' read as 'other'",)
    assert astrid.contact.birthday == PartialDate(11, 30)  # bare 1604 year, no parameter
    assert astrid.contact.other_dates == (OtherDate("Sobriety date", PartialDate(5, 1)),)
    assert astrid.contact.linkedin_url == "https://www.linkedin.com/in/astrid-lindqvist"


def test_vcard40_partial_dates_related_and_time_zones() -> None:
    records = by_name(read_fixture("vcard40_partial_dates.vcf", read_vcards))
    ingrid = records["Ingrid Halvorsen"]
    assert ingrid.contact.birthday == PartialDate(4, 15)
    assert ingrid.contact.other_dates == (OtherDate("anniversary", PartialDate(9, 8, 2012)),)
    assert ingrid.contact.phones == (Phone("+1-212-555-0147", "mobile"),)
    assert ingrid.contact.time_zone == "America/New_York"
    assert ingrid.contact.family_notes == "Spouse: Lars Halvorsen\nChild: Sofie Halvorsen"
    assert ingrid.warnings == (
        "RELATED 'urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6' points at another card; "
        "not imported",
    )
    tomas = records["Tomás Aguirre"]
    assert tomas.contact.birthday == PartialDate(12, 1)
    assert tomas.contact.time_zone == ""
    assert "time zone '-05:00' ignored" in tomas.warnings[0]
    mei = records["Mei Lin"]
    assert mei.contact.birthday is None
    assert mei.contact.notes == "Birthday: circa 1980"
    assert "kept in notes" in mei.warnings[0]
    assert records["Ruth Adeyemi"].contact.birthday == PartialDate(3, 2)
    northwind = records["Northwind Freight"].contact
    assert northwind.kind is RelationshipKind.ORGANIZATION
    assert northwind.phones == (Phone("+1-212-555-0160 ext. 12", "work"),)


def test_vcard_google_export_categories_and_relations() -> None:
    records = by_name(read_fixture("vcard_google_export.vcf", read_vcards))
    priya = records["Priya Raman"].contact
    assert priya.nickname == "Pri"
    assert priya.birthday == PartialDate(12, 25)
    assert priya.tags == ("Friends", "SF network")  # myContacts and starred are Google's own
    assert priya.family_notes == "Spouse: Arjun Raman"
    assert priya.other_dates == (OtherDate("anniversary", PartialDate(9, 12, 2015)),)
    assert (priya.city, priya.region, priya.country) == ("San Francisco", "CA", "US")
    assert priya.linkedin_url == "https://www.linkedin.com/in/priya-raman-sf"
    hiroshi = records["Hiroshi Tanaka"].contact
    assert hiroshi.gatekeeper == Gatekeeper("Yuki Sato", "assistant", "+1 212-555-0189")
    assert hiroshi.phones == (Phone("+1 212-555-0188", "work"),)
    assert (hiroshi.organization, hiroshi.department) == ("Meridian Capital", "Private Equity")
    assert hiroshi.birthday == PartialDate(2, 11, 1969)


def test_vcard_outlook_21_with_microsoft_extensions() -> None:
    (record,) = read_fixture("vcard_outlook.vcf", read_vcards)
    assert isinstance(record, ParsedRecord)
    marcus = record.contact
    assert marcus.display_name == "Marcus J. Whitfield Jr."  # middle name and suffix kept
    assert (marcus.given_name, marcus.family_name, marcus.honorific) == (
        "Marcus",
        "Whitfield",
        "Mr.",
    )
    assert marcus.phones == (
        Phone("(816) 555-0147", "work"),
        Phone("(816) 555-0148", "mobile"),
        Phone("(816) 555-0149", "fax"),
    )
    assert marcus.gatekeeper == Gatekeeper("Tara Nguyen", "assistant", "")
    assert marcus.family_notes == "Spouse: Linda Whitfield"
    assert marcus.birthday == PartialDate(3, 9, 1972)
    assert marcus.other_dates == (OtherDate("anniversary", PartialDate(6, 20, 1998)),)
    assert marcus.country == "US"
    assert marcus.linkedin_url == "https://www.linkedin.com/in/marcus-whitfield"
    assert marcus.notes == "Role: Logistics\nManager: Evelyn Ross"
    assert marcus.emails == (Email("marcus.whitfield@harborlogistics.example", ""),)


def test_vcard_thunderbird_40() -> None:
    (record,) = parsed(read_fixture("vcard_thunderbird.vcf", read_vcards))
    sofia = record.contact
    assert (sofia.given_name, sofia.family_name, sofia.nickname) == ("Sofía", "Marín", "Sofi")
    assert sofia.notes.split("\n") == [
        "Board member at the Riverside Arts Trust.",
        "Loves flamenco, not small talk about the weather.",
        "Website: https://riversidearts.example",
    ]
    assert sofia.phones == (Phone("+44 20 7946 0031", "work"), Phone("+44 20 7946 0032", "mobile"))
    assert sofia.birthday == PartialDate(3, 4, 1985)
    assert sofia.other_dates == (OtherDate("anniversary", PartialDate(8, 7, 2010)),)
    assert (sofia.city, sofia.country) == ("London", "GB")
    assert (sofia.organization, sofia.department) == ("Riverside Arts Trust", "Development")


def test_vcard_bom_and_crlf() -> None:
    records = read_fixture("vcard_bom_crlf.vcf", read_vcards)
    assert [(r.line, r.contact.name) for r in parsed(records)] == [
        (1, "Giulia Bianchi"),
        (8, "Henri Dubois"),
    ]
    assert parsed(records)[0].contact.phones == (Phone("+44 20 7946 0044", "mobile"),)


def test_vcard_folding_and_escapes() -> None:
    (record,) = parsed(read_fixture("vcard_folded_escapes.vcf", read_vcards))
    mary = record.contact
    assert mary.given_name == "Mary Ann"  # N's comma-separated given names
    assert mary.display_name == "Mary Ann Elizabeth O'Connor-Smythe"
    assert mary.nickname == "Maz, Annie"
    assert (mary.organization, mary.department) == ("Smythe; Partners LLP", "Litigation, Appeals")
    assert mary.job_title == "Senior Counsel, Appeals"
    assert mary.tags == ("Bar association", "Running club, Sunday group")
    assert mary.notes == (
        "Long note that Apple folds at seventy-five octets: she clerked for Judge Alvarez, "
        "argues before the 8th Circuit; keeps a paper diary.\nPath: C:\\Users\\mary\\cases"
    )


def test_malformed_cards_are_rejected_and_reading_goes_on() -> None:
    records = read_fixture("vcard_malformed.vcf", read_vcards)
    summary = [(r.line, type(r).__name__) for r in records]
    assert summary == [
        (1, "ParsedRecord"),
        (7, "RejectedRecord"),
        (12, "RejectedRecord"),
        (16, "ParsedRecord"),
        (22, "RejectedRecord"),
        (23, "RejectedRecord"),
        (27, "RejectedRecord"),
    ]
    reasons = [r.reason for r in records if isinstance(r, RejectedRecord)]
    assert "'this line has no colon at all' is not a vCard property" in reasons[0]
    assert "no END:VCARD" in reasons[1]
    assert "outside any BEGIN:VCARD" in reasons[2]
    assert reasons[3].startswith("no name")
    assert "file ends inside it" in reasons[4]
    second = records[3]
    assert isinstance(second, ParsedRecord)
    assert second.contact.birthday is None
    assert second.contact.notes == "Birthday: 1990-02-30"
    assert "February 1990 has no day 30" in second.warnings[0]


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "Name,Phone\nJane,555\n", "\ufeffhello\nBEGIN:VCARD\nEND:VCARD\n"],
)
def test_a_file_that_is_not_vcard_raises_before_any_record(text: str) -> None:
    with pytest.raises(ValidationError) as raised:
        read_text(text, read_vcards)
    assert raised.value.field == "file"


def test_photo_and_binary_properties_are_skipped_without_error() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nN:Roe;Ann\nPHOTO;ENCODING=BASE64;TYPE=GIF:\n"
        "R0lGODlhAQABAIAAAAUEBAAAACwAAAAAAQABAAACAkQBADs=\nR0lGODlhAQAB\n\n"
        "LOGO;VALUE=uri:http://example.com/logo.png\nTEL;CELL:+1 816 555 0133\nEND:VCARD\n"
    )
    (record,) = read_text(text, read_vcards)
    assert isinstance(record, ParsedRecord)
    assert record.contact.phones == (Phone("+1 816 555 0133", "mobile"),)
    assert record.warnings == ()


def test_callwise_extensions_read_back() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nN:Ko;Min;;;\nFN:Min Ko\nX-CALLWISE-KIND:business\n"
        "X-CALLWISE-MET-DATE:2024-05-02\nX-CALLWISE-MET-EVENT:PyCon\n"
        "X-CALLWISE-INTERESTS:jazz,hiking\\, alpine\nX-CALLWISE-CADENCE-DAYS:soon\n"
        "X-CALLWISE-CONNECTED-ON:2024-05-03\nEND:VCARD\n"
    )
    (record,) = read_text(text, read_vcards)
    assert isinstance(record, ParsedRecord)
    contact = record.contact
    assert contact.kind is RelationshipKind.BUSINESS
    assert (contact.met.event, contact.met.date) == ("PyCon", dt.date(2024, 5, 2))
    assert contact.interests == ("jazz", "hiking, alpine")
    assert contact.connected_on == dt.date(2024, 5, 3)
    assert contact.cadence_days is None
    assert record.warnings == ("X-CALLWISE-CADENCE-DAYS: 'soon' is not readable; ignored",)

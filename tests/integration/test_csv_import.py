"""Each CSV fixture (Google current and legacy, Outlook, LinkedIn) imports its fields."""

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
from callwise.interchange.csv_formats import read_google, read_linkedin, read_outlook
from callwise.interchange.records import RejectedRecord
from interchange_support import Reader, by_name, parsed, read_fixture, read_text


def test_google_current_export() -> None:
    records = read_fixture("google_current.csv", read_google)
    assert [r.line for r in records] == [2, 6, 7, 8, 9]  # Priya's notes span lines 2-3
    rows = by_name(records)
    priya = rows["Priya Raman"].contact
    assert priya.nickname == "Pri"
    assert priya.birthday == PartialDate(12, 25)  # ` --12-25`: leading space, no year
    assert priya.tags == ("Friends", "SF network")
    assert priya.emails == (
        Email("priya.raman@example.com", "home"),
        Email("praman@lumenlabs.example", "work"),
    )
    assert priya.phones == (
        Phone("+1 415-555-0134", "mobile"),
        Phone("+1 415-555-0136", "mobile"),  # ` ::: ` holds two numbers under one label
        Phone("+1 415-555-0135", "work"),
    )
    assert (priya.city, priya.region, priya.country) == ("San Francisco", "CA", "US")
    assert priya.family_notes == "Spouse: Arjun Raman"
    assert priya.other_dates == (OtherDate("anniversary", PartialDate(9, 12, 2015)),)
    assert priya.linkedin_url == "https://www.linkedin.com/in/priya-raman-sf"
    assert priya.notes.split("\n") == [
        "Introduced by Chidi at the SF mixer.",
        "Ask about the Tahoe cabin.",
        "Met at: SF Founders Mixer 2022",
        "Friend: Neha Kapoor",
    ]


def test_google_current_gatekeeper_company_and_bad_values() -> None:
    rows = by_name(read_fixture("google_current.csv", read_google))
    hiroshi = rows["Hiroshi K. Tanaka"].contact
    assert (hiroshi.given_name, hiroshi.family_name, hiroshi.honorific) == (
        "Hiroshi",
        "Tanaka",
        "Mr.",
    )
    assert hiroshi.display_name == "Hiroshi K. Tanaka"  # the middle name is kept there
    assert hiroshi.gatekeeper == Gatekeeper("Yuki Sato", "assistant", "+1 212-555-0189")
    assert hiroshi.phones == (Phone("+1 212-555-0188", "work"), Phone("+1 212-555-0187", "other"))
    assert (hiroshi.job_title, hiroshi.department) == ("Managing Director", "Private Equity")
    assert hiroshi.notes == "Golf handicap: 12"
    assert hiroshi.tags == ("Clients",)
    company = rows["Blue Prairie Catering"].contact
    assert company.kind is RelationshipKind.ORGANIZATION
    assert company.phones == (Phone("+1 816-555-0177", "main"),)
    assert company.emails == (Email("events@blueprairie.example", "Bookings"),)
    ana = rows["Ana Souza"]
    assert ana.contact.birthday is None
    assert ana.contact.country == ""
    assert ana.contact.notes == "Birthday: 1990-13-45\nCountry: Atlantis"
    assert ana.contact.phones == (Phone("+1 816-555-0178", "other"),)
    assert len(ana.warnings) == 3


def test_google_row_without_a_name_is_rejected() -> None:
    records = read_fixture("google_current.csv", read_google)
    rejected = [r for r in records if isinstance(r, RejectedRecord)]
    assert [(r.line, r.reason.split(":")[0]) for r in rejected] == [(9, "no name")]


def test_google_legacy_export() -> None:
    rows = by_name(read_fixture("google_legacy.csv", read_google))
    eleanor = rows["Eleanor Vance"].contact
    assert eleanor.display_name == ""  # `Name` repeats given + family
    assert eleanor.tags == ("Book club", "Friends")  # `* My Contacts` dropped, `* Friends` kept
    assert eleanor.emails == (Email("eleanor.vance@example.org", "home"),)
    assert eleanor.phones == (
        Phone("+44 20 7946 0055", "mobile"),
        Phone("+44 20 7946 0056", "home"),
    )
    assert (eleanor.organization, eleanor.job_title) == ("Hill House Press", "Editor")
    assert (eleanor.city, eleanor.country) == ("London", "GB")
    assert eleanor.family_notes == "Spouse: Theo Vance"
    assert eleanor.other_dates == (OtherDate("anniversary", PartialDate(10, 13, 2001)),)
    assert eleanor.linkedin_url == "http://uk.linkedin.com/in/eleanorvance"
    assert eleanor.birthday == PartialDate(5, 30, 1975)
    samuel = rows["Samuel Osei"].contact
    assert (samuel.honorific, samuel.display_name) == ("Dr.", "")
    assert samuel.birthday == PartialDate(7, 4)
    assert samuel.organization == "St Thomas' Hospital"
    bob = rows['Robert "Bob" King'].contact
    assert bob.notes == "Tee time: Saturdays 8:10"
    assert bob.tags == ("Golf",)


def test_outlook_desktop_export() -> None:
    records = read_fixture("outlook.csv", read_outlook)
    rows = by_name(records)
    rebecca = rows["Rebecca Thornton"].contact
    assert rebecca.honorific == "Ms."
    assert (rebecca.organization, rebecca.department, rebecca.job_title) == (
        "Thornton & Wright LLP",
        "Litigation",
        "Managing Partner",
    )
    assert rebecca.phones == (Phone("(816) 555-0122", "mobile"), Phone("(816) 555-0120", "work"))
    assert rebecca.gatekeeper == Gatekeeper("Carla Mendes", "assistant", "(816) 555-0121")
    assert rebecca.birthday == PartialDate(4, 15, 1971)
    assert rebecca.other_dates == ()  # `0/0/00` is Outlook's empty date
    assert rebecca.tags == ("Clients", "VIP")
    assert rebecca.family_notes == "Spouse: Daniel Thornton\nChildren: Owen and Lily"
    assert rebecca.interests == ("sailing", "opera")
    assert rebecca.notes == "Prefers email first.\nDaughter Lily starts college in the fall."
    assert (rebecca.city, rebecca.region, rebecca.country) == ("Kansas City", "MO", "US")
    assert rebecca.linkedin_url == "https://www.linkedin.com/in/rebecca-thornton-law"
    kwame = rows["Kwame Mensah"].contact
    assert kwame.birthday is None
    assert kwame.other_dates == (OtherDate("anniversary", PartialDate(6, 12, 2010)),)
    assert (kwame.city, kwame.country) == ("London", "GB")
    assert kwame.notes == "Manager: Abena Owusu\nReferred by: Rebecca Thornton"
    company = rows["Acme Legal Supplies"].contact
    assert company.kind is RelationshipKind.ORGANIZATION
    assert (company.city, company.region) == ("Overland Park", "KS")
    assert all(r.warnings == () for r in parsed(records))


def test_outlook_com_export_maps_columns_by_name() -> None:
    (record,) = read_fixture("outlook_com.csv", read_outlook)
    fatima = parsed([record])[0].contact
    assert (fatima.given_name, fatima.family_name, fatima.nickname) == ("Fatima", "Zahra", "Tima")
    assert fatima.phones == (Phone("+1 415 555 0150", "mobile"),)
    assert (fatima.organization, fatima.job_title) == ("Lumen Labs", "Product Manager")
    assert fatima.birthday == PartialDate(9, 2, 1992)
    assert (fatima.city, fatima.region, fatima.country) == ("Oakland", "CA", "US")


def test_linkedin_current_export_with_preamble() -> None:
    records = read_fixture("linkedin_current.csv", read_linkedin)
    assert [r.line for r in records] == [5, 6, 7, 8, 9]
    aisha = parsed(records)[0].contact
    assert (aisha.given_name, aisha.family_name) == ("Aisha", "Bello")
    assert aisha.kind is RelationshipKind.BUSINESS
    assert aisha.source == "linkedin"
    assert aisha.connected_on == dt.date(2024, 3, 15)
    assert (aisha.organization, aisha.job_title) == ("Northwind Freight", "Head of Procurement")
    assert aisha.linkedin_url == "https://www.linkedin.com/in/aisha-bello-7b2a91"
    rows = by_name(records)
    assert rows["Daniel Kovacs"].contact.emails == (Email("daniel.kovacs@example.com", ""),)
    assert rows["Daniel Kovacs"].contact.organization == "Kovacs, Reed & Partners"
    assert rows["Liam O'Brien"].contact.job_title == 'Senior Manager, "Special Projects"'
    rejected = [r for r in records if isinstance(r, RejectedRecord)]
    assert [r.line for r in rejected] == [8]


def test_linkedin_legacy_export_without_url() -> None:
    records = read_fixture("linkedin_legacy.csv", read_linkedin)
    grace, tom = (r.contact for r in parsed(records))
    assert grace.emails == (Email("grace.holloway@example.com", ""),)
    assert grace.connected_on == dt.date(2018, 6, 4)
    assert grace.linkedin_url == ""
    assert (tom.organization, tom.job_title, tom.connected_on) == (
        "Becker Builders",
        "Owner",
        dt.date(2017, 12, 11),
    )


@pytest.mark.parametrize("reader", [read_google, read_outlook, read_linkedin])
def test_a_file_without_the_header_raises_never_zero_rows(reader: Reader) -> None:
    with pytest.raises(ValidationError) as raised:
        read_fixture("linkedin_no_header.csv", reader)
    assert raised.value.field == "file"
    assert "header" in raised.value.message


def test_an_empty_file_raises() -> None:
    with pytest.raises(ValidationError):
        read_text("", read_google)


def test_a_row_with_more_cells_than_the_header_is_rejected() -> None:
    text = "First Name,Last Name,Connected On\nAda,Byron,Lovelace,15 Mar 2024\n"
    (record,) = read_text(text, read_linkedin)
    assert isinstance(record, RejectedRecord)
    assert record.line == 2
    assert "unquoted comma" in record.reason


def test_a_row_broken_by_a_stray_carriage_return_is_rejected_not_shifted() -> None:
    text = "First Name,Last Name,Connected On\nAda,Lo\rvelace,15 Mar 2024\nGrace,Hopper,\n"
    records = read_text(text, read_linkedin)
    assert [type(r).__name__ for r in records] == ["RejectedRecord"] * 2 + ["ParsedRecord"]
    assert [r.contact.name for r in parsed(records)] == ["Grace Hopper"]


def test_an_unparseable_row_is_rejected_and_reading_goes_on() -> None:
    lines = [
        "First Name,Last Name,Connected On\n",
        "Ada,Lo\rvelace,15 Mar 2024\n",
        "Grace,Hopper,\n",
    ]
    records = list(read_linkedin(lines))
    assert isinstance(records[0], RejectedRecord)
    assert "not readable as CSV" in records[0].reason
    assert [r.contact.name for r in parsed(records)] == ["Grace Hopper"]


def test_a_mistyped_email_is_kept_in_the_notes() -> None:
    text = "First Name,Last Name,Email Address,Connected On\nAda,Lovelace,ada at example,\n"
    (record,) = parsed(read_text(text, read_linkedin))
    assert record.contact.emails == ()
    assert record.contact.notes == "Email: ada at example"
    assert record.warnings == (
        "'ada at example' is not an email address; kept in notes as 'Email: ada at example'",
    )

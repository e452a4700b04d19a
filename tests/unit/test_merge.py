"""Duplicate matching and merging: fill, unite, keep conflicts in the notes, idempotent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hypothesis import HealthCheck, given, settings

from callwise.domain.merge import (
    match_keys,
    merge_contacts,
    normalise_linkedin_url,
)
from callwise.domain.model import (
    Contact,
    Email,
    Gatekeeper,
    HowWeMet,
    OtherDate,
    PartialDate,
    Phone,
    RelationshipKind,
)
from callwise.domain.text import fold
from strategies import contacts

JANE = Contact(
    id=7,
    given_name="Jane",
    family_name="Doe",
    organization="Acme",
    job_title="CEO",
    phones=(Phone("+18165550142", "mobile"),),
    emails=(Email("Jane@Acme.example", "work"),),
    tags=("Clients",),
    birthday=PartialDate(4, 15),
    notes="Met at KC Tech.",
)


class DuplicateIndex:
    """Match keys -> record number: how an importer finds a contact's earlier record by them.

    The first record registered under a key keeps it; feed stored contacts' keys first to
    match a file against the database, then each record as it is read to match within it.
    """

    def __init__(self) -> None:
        self._records: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._records)

    def add(self, contact: Contact, record: int) -> None:
        self.add_keys(match_keys(contact), record)

    def add_keys(self, keys: Iterable[str], record: int) -> None:
        for key in keys:
            self._records.setdefault(key, record)

    def matches(self, contact: Contact) -> tuple[int, ...]:
        """Every record `contact` matches, by its strongest key first, each once."""
        found = (self._records.get(key) for key in match_keys(contact))
        return tuple(dict.fromkeys(r for r in found if r is not None))

    def find(self, contact: Contact) -> int | None:
        """The record `contact` matches by its strongest key, or None."""
        found = self.matches(contact)
        return found[0] if found else None


def test_match_keys_strongest_first() -> None:
    contact = JANE.with_changes(
        phones=(
            Phone("+18165550142"),
            Phone("(816) 555-0143", valid=False),
            Phone("12", valid=True),
        ),
        linkedin_url="https://www.LinkedIn.com/in/Jane-Doe/?trk=abc",
    )
    assert match_keys(contact) == (
        "phone:+18165550142",
        "email:jane@acme.example",
        "linkedin:linkedin.com/in/jane-doe",
        "name:jane doe|acme",
    )


def test_name_alone_is_a_key_only_when_nothing_else_identifies_the_record() -> None:
    assert match_keys(Contact(given_name="John", family_name="Smith")) == ("name:john smith|",)
    with_phone = Contact(given_name="John", family_name="Smith", phones=(Phone("+18165550142"),))
    assert match_keys(with_phone) == ("phone:+18165550142",)
    assert match_keys(Contact(display_name="Zoë Müller", organization="Café Zürich")) == (
        "name:zoe muller|cafe zurich",
    )


def test_linkedin_urls_normalise() -> None:
    assert normalise_linkedin_url("http://uk.linkedin.com/in/eleanorvance/") == (
        "linkedin.com/in/eleanorvance"
    )
    assert normalise_linkedin_url("www.linkedin.com/in/x#about") == "linkedin.com/in/x"


def test_duplicate_index_within_a_file_and_against_the_database() -> None:
    index = DuplicateIndex()
    index.add_keys(["email:jane@acme.example"], 101)  # a stored contact's keys
    index.add(Contact(given_name="Ann", phones=(Phone("+18165550150"),)), 0)
    same_jane = Contact(given_name="J.", emails=(Email("JANE@acme.example"),))
    assert index.find(same_jane) == 101
    both = Contact(
        given_name="Ann", phones=(Phone("+18165550150"),), emails=(Email("jane@acme.example"),)
    )
    assert index.matches(both) == (0, 101)  # by phone first, then by email
    assert index.find(Contact(given_name="Nobody")) is None
    index.add(JANE, 5)  # keys already taken stay with their first record
    assert index.find(same_jane) == 101
    assert len(index) == 4


def test_merge_fills_unites_and_keeps_conflicts_in_notes() -> None:
    new = Contact(
        given_name="Jane",
        family_name="Doe",
        organization="ACME",
        job_title="CTO",
        city="Kansas City",
        kind=RelationshipKind.BUSINESS,
        phones=(Phone("+18165550142", "work"), Phone("+18165550199", "work")),
        emails=(Email("jane@acme.example"), Email("jane@home.example", "home")),
        tags=("clients", "Golf"),
        birthday=PartialDate(4, 15, 1980),
        linkedin_url="https://linkedin.com/in/jane-doe",
        notes="Prefers mornings.",
        source="linkedin",
        connected_on=dt.date(2024, 3, 15),
    )
    result = merge_contacts(JANE, new)
    merged = result.contact
    assert merged.id == 7
    assert merged.job_title == "CEO"  # old value kept
    assert merged.organization == "Acme"  # same when folded: no conflict
    assert merged.city == "Kansas City"
    assert merged.kind is RelationshipKind.BUSINESS  # personal was only the default
    assert merged.phones == (Phone("+18165550142", "mobile"), Phone("+18165550199", "work"))
    assert merged.emails == (Email("Jane@Acme.example", "work"), Email("jane@home.example", "home"))
    assert merged.tags == ("Clients", "Golf")
    assert merged.birthday == PartialDate(4, 15, 1980)  # the year filled in
    assert merged.notes == "Met at KC Tech.\nAlso: job_title: CTO\nPrefers mornings."
    assert result.conflicts == ("job_title: CTO",)
    assert set(result.changed_fields) == {
        "city", "kind", "phones", "emails", "tags", "birthday", "linkedin_url", "notes",
        "source", "connected_on",
    }  # fmt: skip


def test_merging_the_same_data_again_changes_nothing() -> None:
    new = JANE.with_changes(id=None, job_title="CTO", notes="Prefers mornings.")
    first = merge_contacts(JANE, new)
    second = merge_contacts(first.contact, new)
    assert second.contact == first.contact
    assert (second.changed_fields, second.conflicts) == ((), ())


def test_merge_nested_values() -> None:
    old = JANE.with_changes(
        met=HowWeMet(event="KC Tech", date=dt.date(2023, 5, 4)),
        gatekeeper=Gatekeeper("Dana", "assistant", ""),
        other_dates=(OtherDate("anniversary", PartialDate(6, 20)),),
        family_notes="Spouse: Sam",
    )
    new = Contact(
        given_name="Jane",
        met=HowWeMet(event="KC Tech", place="Union Station", date=dt.date(2023, 5, 5)),
        gatekeeper=Gatekeeper("Priya", "receptionist", "+18165550144"),
        other_dates=(
            OtherDate("Anniversary", PartialDate(6, 20, 2009)),
            OtherDate("other", PartialDate(1, 2)),
        ),
        family_notes="Child: Mia",
        birthday=PartialDate(4, 16),
    )
    merged = merge_contacts(old, new).contact
    assert merged.met == HowWeMet(event="KC Tech", date=dt.date(2023, 5, 4), place="Union Station")
    assert merged.gatekeeper == Gatekeeper("Dana", "assistant", "+18165550144")
    assert merged.other_dates == (
        OtherDate("Anniversary", PartialDate(6, 20, 2009)),
        OtherDate("other", PartialDate(1, 2)),
    )
    assert merged.family_notes == "Spouse: Sam\nChild: Mia"
    assert merged.birthday == PartialDate(4, 15)
    assert merged.notes.split("\n")[1:] == [
        "Also: birthday: --04-16",
        "Also: met.date: 2023-05-05",
        "Also: gatekeeper.name: Priya",
        "Also: gatekeeper.role: receptionist",
    ]


SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(old=contacts(), new=contacts())
def test_merge_is_idempotent(old: Contact, new: Contact) -> None:
    first = merge_contacts(old, new)
    second = merge_contacts(first.contact, new)
    assert second.contact == first.contact
    assert second.changed_fields == ()


@SETTINGS
@given(old=contacts(), new=contacts())
def test_merge_drops_nothing_of_the_new_record(old: Contact, new: Contact) -> None:
    merged = merge_contacts(old, new).contact
    notes = merged.notes.split("\n")

    def kept(field: str, value: object, have: object) -> bool:
        if value in ("", None) or fold(str(value)) == fold(str(have)):
            return True
        return f"Also: {field}: {' '.join(str(value).split())}" in notes

    for field in ("given_name", "job_title", "organization", "city", "country", "time_zone"):
        assert kept(field, getattr(new, field), getattr(merged, field))
    for field in ("cadence_days", "connected_on", "address_form"):
        assert kept(field, getattr(new, field), getattr(merged, field))
    assert {p.number for p in new.phones} <= {p.number for p in merged.phones}
    assert {e.address for e in new.emails} <= {e.address for e in merged.emails}
    for field in ("tags", "interests", "avoid_topics"):
        assert {fold(t) for t in getattr(new, field)} <= {fold(t) for t in getattr(merged, field)}
    assert new.notes.strip() in merged.notes
    assert new.family_notes.strip() in merged.family_notes


def test_a_guessed_kind_never_overrides_one_set_and_a_guess_may_be_guessed_again() -> None:
    """Issue 14.9 (P2.6): `kind_guessed` marks a kind an import guessed from the card."""
    business, personal = RelationshipKind.BUSINESS, RelationshipKind.PERSONAL
    set_personal = Contact(given_name="Lucia", kind=personal)
    guessed_business = Contact(given_name="Lucia", kind=business, kind_guessed=True)
    guessed_personal = Contact(given_name="Lucia", kind=personal, kind_guessed=True)
    assert merge_contacts(set_personal, guessed_business).contact.kind is personal
    assert merge_contacts(guessed_personal, guessed_business).contact.kind is business
    assert merge_contacts(guessed_business, guessed_personal).contact.kind is business
    stated = merge_contacts(guessed_business, set_personal).contact
    assert stated.kind is personal and not stated.kind_guessed
    assert (
        merge_contacts(set_personal, Contact(given_name="Lucia", kind=business)).contact.kind
        is business
    )

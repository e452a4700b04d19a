"""The contact model's own rules: dates, names, address forms, folding, settings, the JSON shape."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given

from callwise.domain.codec import contact_from_dict, contact_to_dict
from callwise.domain.contacts import prepare_contact
from callwise.domain.errors import ValidationError
from callwise.domain.model import AddressForm, Contact, PartialDate, Phone, RelationshipKind
from callwise.domain.settings import Settings, check_setting, parse_days
from callwise.domain.text import fold
from strategies import contacts


def test_birthday_without_year_accepts_29_february() -> None:
    assert PartialDate.parse("--02-29") == PartialDate(2, 29)
    assert PartialDate.parse("--02-29").isoformat() == "--02-29"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "February 2026 has no day 30"),
        ("2023-02-29", "February 2023 has no day 29"),
        ("--13-01", "month 13 does not exist"),
        ("next tuesday", "write YYYY-MM-DD"),
    ],
)
def test_impossible_dates_name_the_field_and_the_form(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as caught:
        PartialDate.parse(text, field="birthday")
    assert caught.value.field == "birthday"


def test_address_form_follows_the_relationship_unless_overridden() -> None:
    """P2.6: business contacts are formal, people met informally are on first names."""
    assert Contact(kind=RelationshipKind.BUSINESS).effective_address_form is AddressForm.FORMAL
    assert Contact(kind=RelationshipKind.INFORMAL).effective_address_form is AddressForm.INFORMAL
    overridden = Contact(kind=RelationshipKind.BUSINESS, address_form=AddressForm.INFORMAL)
    assert overridden.effective_address_form is AddressForm.INFORMAL


def test_fold_ignores_case_accents_and_spacing() -> None:
    assert fold("  Zoë   MÜLLER-Straße ") == "zoe muller-strasse"
    assert fold("Łukasz Ørsted") == "lukasz orsted"


def test_prepare_normalises_phone_country_and_zone() -> None:
    contact = Contact(
        given_name=" Ann ",
        phones=(Phone("(816) 555-0142", "work"),),
        country="Germany",
        time_zone="america/chicago",
    )
    ready = prepare_contact(contact, "US")
    assert ready.given_name == "Ann"
    assert ready.phones == (Phone("+18165550142", "work"),)
    assert (ready.country, ready.time_zone) == ("DE", "America/Chicago")


@pytest.mark.parametrize(
    ("contact", "field"),
    [
        (Contact(), "name"),
        (Contact(given_name="A", phones=(Phone("12"),)), "phone"),
        (Contact(given_name="A", country="Narnia"), "country"),
        (Contact(given_name="A", time_zone="Mars/Olympus"), "time_zone"),
        (Contact(given_name="A", cadence_days=0), "cadence_days"),
    ],
)
def test_bad_input_names_its_field(contact: Contact, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        prepare_contact(contact, "US")
    assert caught.value.field == field
    assert "\n" not in str(caught.value)


def test_imports_keep_an_unparseable_phone_flagged() -> None:
    ready = prepare_contact(Contact(given_name="A", phones=(Phone("ext. 12"),)), "US", strict=False)
    assert ready.phones == (Phone("ext. 12", "mobile", valid=False),)


def test_an_organization_may_go_by_its_organization_name() -> None:
    line = Contact(kind=RelationshipKind.ORGANIZATION, organization="Brightline Appliances")
    assert prepare_contact(line, "US").name == "Brightline Appliances"


@given(contacts())
def test_json_shape_round_trips(contact: Contact) -> None:
    stamped = contact.with_changes(
        id=7,
        created_at=dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC),
        updated_at=dt.datetime(2026, 1, 2, 3, 5, tzinfo=dt.UTC),
    )
    assert contact_from_dict(contact_to_dict(stamped)) == stamped


def test_settings_defaults_follow_the_playbook() -> None:
    """P3.2: no calls before 08:00 or after 21:00; P3.1: mid-afternoon and early evening."""
    settings = Settings.defaults()
    assert (settings.quiet_start, settings.quiet_end) == (dt.time(8), dt.time(21))
    assert settings.personal_windows[0] == (dt.time(14), dt.time(16, 30))


def test_settings_reject_bad_values_with_the_accepted_form() -> None:
    with pytest.raises(ValidationError, match="09:00-17:00 or 9am-5pm"):
        check_setting("calling_hours", "nine to five")
    assert check_setting("calling_hours", "9 to 5") == "09:00-17:00"  # issue 15.6
    assert check_setting("calling_days", "Mon-Fri") == "Mo-Fr"
    with pytest.raises(ValidationError, match="unknown setting"):
        check_setting("colour", "blue")
    assert check_setting("user_phone", "(816) 555-0100") == "+18165550100"
    assert parse_days("Fr-Mo", "d") == frozenset({4, 5, 6, 0})

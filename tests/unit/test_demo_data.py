"""The shipped demo contacts: each loads and validates, and together they exercise every feature."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any

import phonenumbers
import pytest

from callwise.domain.codec import contact_from_dict, contact_to_dict
from callwise.domain.contacts import prepare_contact
from callwise.domain.model import Contact, RelationshipKind
from callwise.domain.zones import resolve_location

TODAY = dt.date(2026, 11, 24)
STORED_ONLY = {"id", "name", "created_at", "updated_at", "kind_guessed"}  # set by imports


@cache
def raw_entries() -> tuple[dict[str, Any], ...]:
    text = resources.files("callwise").joinpath("data/demo_contacts.json").read_text("utf-8")
    data = json.loads(text)
    assert isinstance(data, list)
    return tuple(data)


@cache
def demo() -> tuple[Contact, ...]:
    return tuple(contact_from_dict(entry) for entry in raw_entries())


def test_about_sixty_contacts() -> None:
    assert 55 <= len(demo()) <= 70


def test_entries_have_exactly_the_codec_shape() -> None:
    expected = set(contact_to_dict(Contact())) - STORED_ONLY
    for entry in raw_entries():
        assert set(entry) == expected, entry.get("given_name") or entry.get("organization")
        assert entry["met"]["introduced_by"] is None


def test_entries_round_trip_through_the_codec() -> None:
    for entry, contact in zip(raw_entries(), demo(), strict=True):
        again = {k: v for k, v in contact_to_dict(contact).items() if k not in STORED_ONLY}
        assert again == entry


@pytest.mark.parametrize("index", range(len(raw_entries())))
def test_every_contact_validates_unchanged(index: int) -> None:
    contact = demo()[index]
    prepared = prepare_contact(contact, "US")
    assert prepared.phones == contact.phones  # already E.164
    assert prepared.country == contact.country
    assert prepared.time_zone == contact.time_zone


def test_every_number_is_valid_e164() -> None:
    numbers = [p.number for c in demo() for p in c.phones]
    numbers += [c.gatekeeper.phone for c in demo() if c.gatekeeper]
    for number in numbers:
        parsed = phonenumbers.parse(number, None)
        assert phonenumbers.is_valid_number(parsed), number
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == number
    assert len(set(numbers)) == len(numbers)


def test_emails_use_example_domains() -> None:
    domains = {e.address.rsplit("@", 1)[1] for c in demo() for e in c.emails}
    assert domains <= {"example.com", "example.org", "example.net"}


def test_display_names_are_unique() -> None:
    names = [c.name for c in demo()]
    assert len(set(names)) == len(names)


def test_several_countries() -> None:
    assert len({c.country for c in demo() if c.country}) >= 5


def test_many_zones_reachable_explicitly_or_by_city() -> None:
    located = [resolve_location(c, "America/Chicago") for c in demo()]
    zones = {loc.zone for loc in located if loc.source in ("explicit", "city")}
    assert len(zones) >= 8
    assert {loc.source for loc in located} >= {"explicit", "city"}


def test_some_zones_are_left_to_be_resolved() -> None:
    explicit = [c for c in demo() if c.time_zone]
    assert 5 <= len(explicit) < len(demo()) // 2


def test_birthdays_with_and_without_years() -> None:
    birthdays = [c.birthday for c in demo() if c.birthday]
    assert any(b.year is None for b in birthdays)
    assert any(b.year is not None for b in birthdays)
    assert any((b.month, b.day) == (2, 29) and b.year is None for b in birthdays)


def test_gatekeepers_and_topics_to_avoid() -> None:
    assert sum(c.gatekeeper is not None for c in demo()) >= 4
    assert sum(bool(c.avoid_topics) for c in demo()) >= 5


def test_all_four_kinds() -> None:
    assert {c.kind for c in demo()} == set(RelationshipKind)


def test_organizations_are_named_by_organization() -> None:
    orgs = [c for c in demo() if c.kind is RelationshipKind.ORGANIZATION]
    assert 2 <= len(orgs) <= 4
    assert all(c.organization and not c.given_name for c in orgs)


def test_recent_linkedin_connections_to_call_about() -> None:
    recent = [
        c
        for c in demo()
        if c.source == "linkedin"
        and c.connected_on is not None
        and 14 <= (TODAY - c.connected_on).days <= 28
    ]
    assert len(recent) >= 3
    assert all(c.linkedin_url.startswith("https://www.linkedin.com/in/") for c in recent)


def test_how_we_met_and_cadences() -> None:
    assert sum(bool(c.met.event and c.met.date and c.met.place) for c in demo()) >= 30
    assert {c.cadence_days for c in demo()} >= {14, 30, 60, 90, 180}
    assert any(c.honorific for c in demo())
    assert any(c.other_dates for c in demo())

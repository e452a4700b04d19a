"""The seeded synthetic contacts for benchmarks: deterministic, valid and realistically spread."""

from __future__ import annotations

import ast
import collections
import datetime as dt
import inspect
import random
import sys
import zoneinfo
from types import ModuleType

import phonenumbers
import pytest

import callwise.services.synthetic.data as synthetic_data
import callwise.services.synthetic.generator as synthetic
import callwise.services.synthetic.tables as synthetic_tables
from callwise.domain.contacts import prepare_contact
from callwise.domain.model import Contact, RelationshipKind
from callwise.services.synthetic import canonical_zones, synthetic_contacts

TODAY = dt.date(2026, 11, 24)


def generate(n: int, seed: int = 0) -> list[Contact]:
    return list(synthetic_contacts(n, seed, today=TODAY))


@pytest.fixture(scope="module")
def many() -> list[Contact]:
    return generate(100_000, seed=7)


@pytest.mark.parametrize("n", [0, 1, 17, 1000])
def test_n_is_respected(n: int) -> None:
    assert len(generate(n)) == n


def test_negative_n_is_refused() -> None:
    with pytest.raises(ValueError, match="n must be"):
        generate(-1)


def test_deterministic_for_a_seed() -> None:
    assert generate(500, seed=3) == generate(500, seed=3)
    assert generate(500, seed=3) != generate(500, seed=4)
    assert generate(100, seed=3) == generate(1000, seed=3)[:100]


def _assert_valid(contact: Contact) -> None:
    numbers = [p.number for p in contact.phones]
    if contact.gatekeeper:
        numbers.append(contact.gatekeeper.phone)
    assert numbers, contact
    for number in numbers:
        parsed = phonenumbers.parse(number, None)
        assert phonenumbers.is_valid_number(parsed), number
        assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == number
    if contact.country:
        assert (
            phonenumbers.region_code_for_number(phonenumbers.parse(numbers[0])) == contact.country
        )


def test_phones_valid_on_a_sample(many: list[Contact]) -> None:
    for contact in random.Random(1).sample(many, 500):
        _assert_valid(contact)


def test_phones_valid_for_every_country(many: list[Contact]) -> None:
    by_country: dict[str, list[Contact]] = collections.defaultdict(list)
    for contact in many:
        by_country[contact.country].append(contact)
    assert len(by_country) >= 20
    for contacts in by_country.values():
        for contact in contacts[:40]:
            _assert_valid(contact)


def test_phones_and_emails_are_unique(many: list[Contact]) -> None:
    numbers = [p.number for c in many for p in c.phones]
    numbers += [c.gatekeeper.phone for c in many if c.gatekeeper]
    assert len(set(numbers)) == len(numbers)
    emails = [e.address for c in many for e in c.emails]
    assert len(set(emails)) == len(emails)


def test_contacts_validate(many: list[Contact]) -> None:
    for contact in many[:2000]:
        prepared = prepare_contact(contact, "US")
        assert prepared.phones == contact.phones
        assert prepared.time_zone == contact.time_zone


def test_hundreds_of_explicit_zones(many: list[Contact]) -> None:
    zones = {c.time_zone for c in many if c.time_zone}
    assert len(zones) >= 300
    assert zones <= zoneinfo.available_timezones()
    assert len(canonical_zones()) >= 300


def test_zone_pool_is_canonical() -> None:
    pool = set(canonical_zones())
    assert {"America/Chicago", "Asia/Kolkata", "Asia/Kathmandu", "Europe/Kyiv"} <= pool
    assert not pool & {"Asia/Calcutta", "Asia/Katmandu", "US/Central", "Etc/GMT+5", "EST"}


def test_kinds_distribution(many: list[Contact]) -> None:
    counts = collections.Counter(c.kind for c in many)
    expected = {
        RelationshipKind.BUSINESS: 0.45,
        RelationshipKind.PERSONAL: 0.25,
        RelationshipKind.INFORMAL: 0.25,
        RelationshipKind.ORGANIZATION: 0.05,
    }
    for kind, share in expected.items():
        assert counts[kind] / len(many) == pytest.approx(share, abs=0.01)


def test_countries_weighted(many: list[Contact]) -> None:
    counts = collections.Counter(c.country for c in many if c.country)
    ranked = [code for code, _ in counts.most_common()]
    assert ranked[0] == "US"
    assert 0.4 < counts["US"] / len(many) < 0.55
    assert {"GB", "CA", "DE", "IN", "AU", "FR"} <= set(ranked[:8])


def test_cities_come_with_region_and_country(many: list[Contact]) -> None:
    placed = [c for c in many if c.country]
    assert all(c.city for c in placed)
    assert sum(bool(c.region) for c in placed) / len(placed) > 0.9
    unzoned = [c for c in placed if not c.time_zone]
    assert len(unzoned) / len(many) > 0.5  # most must be resolved from city or phone


def test_birthdays_spread_over_the_year(many: list[Contact]) -> None:
    birthdays = [c.birthday for c in many if c.birthday]
    assert 0.27 < sum(b.year is None for b in birthdays) / len(birthdays) < 0.33
    months = collections.Counter(b.month for b in birthdays)
    assert all(0.06 < months[m] / len(birthdays) < 0.11 for m in range(1, 13))
    assert any((b.month, b.day) == (2, 29) for b in birthdays)


def test_connections_within_three_years(many: list[Contact]) -> None:
    people = [c for c in many if c.kind is not RelationshipKind.ORGANIZATION]
    ages = [(TODAY - c.connected_on).days for c in people if c.connected_on]
    assert len(ages) == len(people)
    assert all(0 <= age <= 3 * 366 for age in ages)
    assert 0.04 < sum(age < 30 for age in ages) / len(ages) < 0.06
    linkedin = [c for c in people if c.source == "linkedin"]
    assert 0.37 < len(linkedin) / len(people) < 0.43
    assert all(c.linkedin_url.startswith("https://www.linkedin.com/in/") for c in linkedin)
    assert not any(c.linkedin_url for c in people if c.source != "linkedin")


def test_cadences_and_tags(many: list[Contact]) -> None:
    assert {c.cadence_days for c in many} == {None, 14, 30, 60, 90, 180}
    assert sum(bool(c.tags) for c in many) / len(many) > 0.5


def test_business_contacts_have_work_details(many: list[Contact]) -> None:
    business = [c for c in many if c.kind is RelationshipKind.BUSINESS]
    assert all(c.job_title and c.organization for c in business)
    assert any(c.honorific == "Dr." for c in business)
    assert 0.03 < sum(c.gatekeeper is not None for c in business) / len(business) < 0.09


def test_name_collisions_are_uncommon_at_everyday_sizes(many: list[Contact]) -> None:
    names = collections.Counter(c.name for c in many[:1000])
    shared = sum(count for count in names.values() if count > 1)
    assert shared / 1000 < 0.05


@pytest.mark.parametrize("module", [synthetic, synthetic_tables, synthetic_data])
def test_pure_stdlib_and_domain_imports_only(module: ModuleType) -> None:
    """The generator moved out of the domain (issue 12) but stays pure: the standard library,
    the domain and its own package only."""
    tree = ast.parse(inspect.getsource(module))
    modules = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    modules |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    for name in modules:
        top = name.split(".")[0]
        own = name.startswith(("callwise.domain", "callwise.services.synthetic"))
        assert top in sys.stdlib_module_names or own, name
    source = inspect.getsource(module)
    assert ".now(" not in source and ".today(" not in source and "open(" not in source

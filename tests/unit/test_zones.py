"""Where a contact is, so courtesy is judged by their own clock (P3.1, P3.2), and holidays."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from callwise.domain.model import Contact, Phone
from callwise.domain.zone_evidence import subdivision_code
from callwise.domain.zones import (
    country_phrase,
    public_holiday,
    resolve_location,
    wall_to_utc,
)

HOME = "America/Chicago"
UTC = dt.UTC


def utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


def test_p3_explicit_zone_wins_over_city_and_phone() -> None:
    contact = Contact(time_zone="asia/kolkata", city="Berlin", phones=(Phone("+18165550142"),))
    location = resolve_location(contact, HOME)
    assert (location.zone, location.source) == ("Asia/Kolkata", "explicit")
    assert location.country == "IN"  # from the zone: neither the city nor the phone agrees
    assert location.detail == "the time zone given: Asia/Kolkata"
    assert location.place == "Berlin"


def test_p3_explicit_zone_takes_country_and_state_from_an_agreeing_phone() -> None:
    contact = Contact(time_zone="America/Chicago", phones=(Phone("+18165550142"),))
    location = resolve_location(contact, "Europe/Berlin")
    assert (location.country, location.subdivision, location.place) == ("US", "MO", "Chicago")


def test_p3_a_number_of_many_zones_names_the_place_of_the_zone_assumed() -> None:
    """A toll-free number fits every North American zone: the sentence's place is the assumed
    zone's city (yours), never the prefix's first ("15:00 in New York" at 15:00 Chicago time)."""
    location = resolve_location(Contact(phones=(Phone("+18005550199"),)), HOME)
    assert (location.zone, location.place) == (HOME, "Chicago")
    assert location.ambiguous


def test_p3_city_gives_zone_and_country() -> None:
    location = resolve_location(Contact(city="Berlin"), HOME)
    assert (location.zone, location.source, location.country) == ("Europe/Berlin", "city", "DE")
    assert not location.ambiguous
    assert location.detail == "from the city Berlin, DE"


@pytest.mark.parametrize(
    ("city", "zone"),
    [
        ("München", "Europe/Berlin"),
        ("Zürich", "Europe/Zurich"),
        ("  new   york ", "America/New_York"),
    ],
)
def test_p3_city_names_match_without_accents_case_or_spacing(city: str, zone: str) -> None:
    assert resolve_location(Contact(city=city), HOME).zone == zone


def test_p3_ambiguous_city_is_reported_with_its_candidate_zones() -> None:
    location = resolve_location(Contact(city="London"), HOME)
    assert location.ambiguous
    assert location.zone == "Europe/London"  # the larger London
    assert location.candidates[:2] == ("Europe/London", "America/Toronto")
    assert "several time zones" in location.detail
    assert "give the region, the country or the time zone" in location.detail


@pytest.mark.parametrize(
    ("contact", "zone", "subdivision"),
    [
        (Contact(city="London", country="CA"), "America/Toronto", "ON"),
        (Contact(city="London", region="Ontario"), "America/Toronto", "ON"),
        (Contact(city="London, UK"), "Europe/London", "ENG"),
        (Contact(city="Portland", region="OR"), "America/Los_Angeles", "OR"),
        (Contact(city="Portland", region="Maine"), "America/New_York", "ME"),
        (Contact(city="Los Angeles, CA"), "America/Los_Angeles", "CA"),
    ],
)
def test_p3_region_or_country_settles_an_ambiguous_city(
    contact: Contact, zone: str, subdivision: str
) -> None:
    location = resolve_location(contact, HOME)
    assert (location.zone, location.subdivision, location.ambiguous) == (zone, subdivision, False)


def test_p3_cities_sharing_one_zone_are_not_ambiguous() -> None:
    """Kansas City, MO and Kansas City, KS both keep Central time: not ambiguous."""
    location = resolve_location(Contact(city="Kansas City"), "Europe/Berlin")
    assert (location.zone, location.ambiguous, location.country) == ("America/Chicago", False, "US")
    assert location.subdivision == ""  # which state is unknown: national holidays only


@pytest.mark.parametrize(
    ("contact", "state"),
    [
        (Contact(city="Kansas City", region="Missouri"), "MO"),
        (Contact(city="Kansas City", region="mo"), "MO"),
        (Contact(city="Kansas City, KS"), "KS"),
    ],
)
def test_us_state_names_and_abbreviations_give_the_holiday_subdivision(
    contact: Contact, state: str
) -> None:
    assert resolve_location(contact, HOME).subdivision == state


def test_p3_phone_number_gives_zone_country_and_state() -> None:
    location = resolve_location(Contact(phones=(Phone("+18165550142"),)), "Europe/Berlin")
    assert (location.zone, location.source) == ("America/Chicago", "phone")
    assert (location.country, location.subdivision) == ("US", "MO")
    assert location.detail == "from the phone number +18165550142"


def test_p3_phone_spanning_several_zones_is_ambiguous_and_prefers_the_users_zone() -> None:
    contact = Contact(phones=(Phone("+79161234567"),))
    far = resolve_location(contact, "America/Chicago")
    assert far.ambiguous and far.zone == "Europe/Moscow" and "Asia/Omsk" in far.candidates
    near = resolve_location(contact, "Asia/Yekaterinburg")
    assert near.zone == "Asia/Yekaterinburg" and near.ambiguous


def test_p3_phone_settles_an_ambiguous_city() -> None:
    contact = Contact(city="Springfield", phones=(Phone("+14135550000"),))  # 413: Massachusetts
    location = resolve_location(contact, HOME)
    assert (location.zone, location.source, location.ambiguous) == (
        "America/New_York",
        "city",
        False,
    )


def test_invalid_phone_is_not_evidence() -> None:
    location = resolve_location(Contact(phones=(Phone("555-NOPE", valid=False),)), HOME)
    assert location.source == "unknown"


def test_p3_unknown_location_uses_the_home_zone_and_says_so() -> None:
    location = resolve_location(Contact(given_name="Ann"), "Europe/Paris")
    assert (location.zone, location.source, location.place) == ("Europe/Paris", "unknown", "Paris")
    assert "assuming your own, Europe/Paris" in location.detail


def test_unknown_explicit_zone_is_ignored_and_said() -> None:
    location = resolve_location(Contact(time_zone="Mars/Olympus", city="Berlin"), HOME)
    assert (location.zone, location.source) == ("Europe/Berlin", "city")
    assert location.detail.startswith("the time zone 'Mars/Olympus' is not an IANA name")


def test_unknown_city_is_said_before_falling_back() -> None:
    location = resolve_location(Contact(city="Qwertyville", phones=(Phone("+4930901820"),)), HOME)
    assert (location.zone, location.source) == ("Europe/Berlin", "phone")
    assert location.detail.startswith("the city 'Qwertyville' is not one I know; from the phone")


def test_subdivision_code_reads_names_and_codes() -> None:
    assert subdivision_code("Missouri", "US") == "MO"
    assert subdivision_code("quebec", "CA") == "QC"
    assert subdivision_code("BY", "DE") == "BY"
    assert subdivision_code("Atlantis", "US") == ""


# Wall-clock to UTC across clock changes (P3.2 must hold on those days too).

CHICAGO = ZoneInfo("America/Chicago")


def test_time_skipped_by_spring_forward_maps_to_the_change() -> None:
    skipped = dt.datetime(2024, 3, 10, 2, 30)
    assert wall_to_utc(skipped, CHICAGO, start=True) == utc(2024, 3, 10, 8, 0)
    assert wall_to_utc(skipped, CHICAGO, start=False) == utc(2024, 3, 10, 8, 0)


def test_time_repeated_by_fall_back_starts_late_and_ends_early() -> None:
    repeated = dt.datetime(2024, 11, 3, 1, 30)
    assert wall_to_utc(repeated, CHICAGO, start=True) == utc(2024, 11, 3, 7, 30)  # 01:30 CST
    assert wall_to_utc(repeated, CHICAGO, start=False) == utc(2024, 11, 3, 6, 30)  # 01:30 CDT


def test_lord_howe_half_hour_fall_back() -> None:
    """Lord Howe goes from +11:00 to +10:30 at 02:00 on 7 April 2024: 01:30-02:00 happens twice."""
    zone = ZoneInfo("Australia/Lord_Howe")
    repeated = dt.datetime(2024, 4, 7, 1, 45)
    assert wall_to_utc(repeated, zone, start=True) == utc(2024, 4, 6, 15, 15)
    assert wall_to_utc(repeated, zone, start=False) == utc(2024, 4, 6, 14, 45)


def test_samoa_skipped_a_whole_day_across_the_date_line() -> None:
    """30 December 2011 never happened in Pacific/Apia: every time of it maps to the jump."""
    zone = ZoneInfo("Pacific/Apia")
    jump = utc(2011, 12, 30, 10, 0)
    assert wall_to_utc(dt.datetime(2011, 12, 30, 9, 0), zone, start=True) == jump
    assert wall_to_utc(dt.datetime(2011, 12, 30, 20, 0), zone, start=False) == jump
    assert jump.astimezone(zone) == dt.datetime(2011, 12, 31, 0, 0, tzinfo=zone)


ZONES = [
    "America/Chicago",
    "Europe/London",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Santiago",
    "America/Havana",
    "Pacific/Apia",
    "Europe/Dublin",
    "Antarctica/Troll",
    "Asia/Kathmandu",
]
naive = st.datetimes(min_value=dt.datetime(2005, 1, 1), max_value=dt.datetime(2035, 1, 1))


@given(st.sampled_from(ZONES), naive, st.booleans())
def test_wall_to_utc_never_lands_before_the_wall_time(
    zone: str, wall: dt.datetime, start: bool
) -> None:
    """The instant's own wall time is the asked one, or just after it inside a skipped stretch."""
    instant = wall_to_utc(wall, ZoneInfo(zone), start=start)
    shown = instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    assert shown >= wall
    assert shown - wall <= dt.timedelta(days=1)


@given(st.sampled_from(ZONES), naive, naive, st.booleans())
def test_wall_to_utc_keeps_order(
    zone: str, first: dt.datetime, second: dt.datetime, start: bool
) -> None:
    early, late = sorted((first, second))
    tz = ZoneInfo(zone)
    assert wall_to_utc(early, tz, start=start) <= wall_to_utc(late, tz, start=start)


# Public holidays (no business calls on them).


def test_public_holidays_by_country_and_state() -> None:
    assert public_holiday("US", "", dt.date(2024, 11, 28)) == "Thanksgiving Day"
    assert public_holiday("US", "MO", dt.date(2024, 5, 8)) == "Truman Day"
    assert public_holiday("US", "KS", dt.date(2024, 5, 8)) is None
    assert public_holiday("DE", "", dt.date(2024, 10, 3)) == "German Unity Day"
    assert public_holiday("", "", dt.date(2024, 12, 25)) is None
    assert public_holiday("XX", "", dt.date(2024, 12, 25)) is None


def test_country_phrase_reads_in_a_sentence() -> None:
    assert country_phrase("US") == "the US"
    assert country_phrase("NL") == "the Netherlands"
    assert country_phrase("DE") == "Germany"

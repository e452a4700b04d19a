"""The synthetic generator's tables: countries with their cities, phone ranges and name
cultures, parsed once from `data`; and the pool of canonical IANA zones."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import NamedTuple

from callwise.services.synthetic.data import CITIES, COUNTRIES, NAMES

Random = Callable[[], float]  # a bound `random.Random.random`: one draw in [0, 1)
# Backward-compatible spellings in the zone database: the pool keeps the canonical names.
_LEGACY_ZONE_TEXT = """Africa/Asmera Africa/Timbuktu America/Argentina/ComodRivadavia America/Atka
    America/Buenos_Aires America/Catamarca America/Coral_Harbour America/Cordoba America/Ensenada
    America/Fort_Wayne America/Godthab America/Indianapolis America/Jujuy America/Knox_IN
    America/Louisville America/Mendoza America/Montreal America/Porto_Acre America/Rosario
    America/Santa_Isabel America/Shiprock America/Virgin Asia/Ashkhabad Asia/Calcutta
    Asia/Chongqing Asia/Chungking Asia/Dacca Asia/Harbin Asia/Istanbul Asia/Kashgar Asia/Katmandu
    Asia/Macao Asia/Rangoon Asia/Saigon Asia/Tel_Aviv Asia/Thimbu Asia/Ujung_Pandang
    Asia/Ulan_Bator Atlantic/Faeroe Atlantic/Jan_Mayen Australia/Canberra Australia/North
    Australia/Queensland Australia/South Australia/Tasmania Australia/Victoria Australia/West
    Australia/Yancowinna Europe/Belfast Europe/Kiev Europe/Nicosia Europe/Tiraspol
    Pacific/Enderbury Pacific/Johnston Pacific/Ponape Pacific/Samoa Pacific/Truk Pacific/Yap"""
_ZONE_AREAS = ("Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")

_PATTERN = re.compile(r"^(\+\d+)(?:\[(\d)-(\d)\])?(#+)$")


@dataclass(frozen=True, slots=True)
class Pattern:
    """A valid number range: `prefix`, then a `width`-digit integer in [lo, lo + span)."""

    prefix: str
    lo: int
    span: int
    width: int

    def draw(self, rnd: Random) -> str:
        return self.prefix + str(self.lo + int(rnd() * self.span)).zfill(self.width)


class City(NamedTuple):
    name: str
    region: str
    zone: str
    landline: Pattern


class Country(NamedTuple):
    code: str
    cities: tuple[City, ...]
    mobiles: tuple[Pattern, ...]
    cultures: tuple[str, ...]
    culture_cum: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Tables:
    countries: tuple[Country, ...]
    country_cum: tuple[float, ...]
    names: dict[str, tuple[str, ...]]
    zones: tuple[str, ...]


def keyed(text: str) -> dict[str, list[str]]:
    """Parse `key value` lines of a text table; an indented line continues the previous key."""
    table: dict[str, list[str]] = {}
    key = ""
    for line in text.splitlines():
        if not line.strip():
            continue
        if line[0].isspace():
            table[key].append(line.strip())
        else:
            key, _, rest = line.partition(" ")
            table[key] = [rest.strip()]
    return table


_LEGACY_ZONES = frozenset(_LEGACY_ZONE_TEXT.split())


def _parse_pattern(text: str) -> Pattern:
    match = _PATTERN.match(text.strip())
    if match is None:
        raise ValueError(f"bad phone pattern {text!r}")
    prefix, first, last, rest = match.groups()
    if first is None:
        return Pattern(prefix, 0, 10 ** len(rest), len(rest))
    unit = 10 ** len(rest)
    return Pattern(prefix, int(first) * unit, (int(last) + 1 - int(first)) * unit, len(rest) + 1)


def cumulative(weights: Sequence[float]) -> tuple[float, ...]:
    total = sum(weights)
    cum = [w / total for w in accumulate(weights)]
    cum[-1] = 1.0  # so that bisect on random() in [0, 1) always lands on an item
    return tuple(cum)


def _country(row: tuple[str, float, str, str], cities: list[str]) -> Country:
    code, _, cultures, mobiles = row
    pairs = [part.split(":") for part in cultures.split()]
    fields = [entry.split("|") for line in cities for entry in line.split(";")]
    return Country(
        code,
        tuple(City(f[0].strip(), f[1], f[2], _parse_pattern(f[3])) for f in fields),
        tuple(_parse_pattern(p) for p in mobiles.split()),
        tuple(name for name, _ in pairs),
        cumulative([float(weight) for _, weight in pairs]),
    )


@cache
def canonical_zones() -> tuple[str, ...]:
    """Sorted canonical Area/City IANA zones of this system: the pool for explicit zones."""
    return tuple(
        sorted(
            zone
            for zone in zoneinfo.available_timezones()
            if "/" in zone
            and zone.split("/")[0] in _ZONE_AREAS
            and not zone.rsplit("/", 1)[1].isupper()
            and zone not in _LEGACY_ZONES
        )
    )


@cache
def load_tables() -> Tables:
    cities = keyed(CITIES)
    countries = tuple(_country(row, cities[row[0]]) for row in COUNTRIES)
    names = {key: tuple(" ".join(lines).split()) for key, lines in keyed(NAMES).items()}
    weights = cumulative([row[1] for row in COUNTRIES])
    return Tables(countries, weights, names, canonical_zones())

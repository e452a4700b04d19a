"""Local teams and attractions by city, for light small talk about their home (P4.1, P4.2).

The facts ship as package data (`callwise/data/city_facts.json`, dated by its `as_of` field);
`services.reference_data` reads them and hands them in, so this module stays pure. A city is
keyed by its folded name and ISO country code ("kansas city|US"); aliases are other places in
the same metro area, so a contact in Arlington, TX finds the Dallas teams. Regions (state or
province codes and names) tell same-named places apart: Portland, ME does not get the
Portland, OR teams.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from callwise.domain.text import fold

# The words people use for each league's sport, to match interests and topics to avoid.
LEAGUE_SPORTS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "MLB": ("baseball",),
        "NFL": ("football", "american football"),
        "NBA": ("basketball",),
        "NHL": ("hockey", "ice hockey"),
        "MLS": ("soccer", "football"),
        "Premier League": ("football", "soccer"),
    }
)

# When each league plays, postseason included, as (month, day) from and to; a season that
# crosses New Year wraps. A team comes up in small talk only in its league's season (P4.2):
# nobody follows baseball in December.
LEAGUE_SEASONS: Mapping[str, tuple[tuple[int, int], tuple[int, int]]] = MappingProxyType(
    {
        "MLB": ((3, 20), (11, 5)),  # opening day late March, World Series into early November
        "NFL": ((9, 1), (2, 15)),  # September to the Super Bowl in early February
        "NBA": ((10, 15), (6, 25)),  # mid October to the Finals in June
        "NHL": ((10, 1), (6, 30)),  # October to the Stanley Cup Final in June
        "MLS": ((2, 20), (12, 15)),  # late February to MLS Cup in December
        "Premier League": ((8, 10), (5, 31)),  # mid August to late May
    }
)


def in_season(league: str, day: dt.date) -> bool:
    """Whether `league` is playing on `day` (LEAGUE_SEASONS); an unknown league never is."""
    season = LEAGUE_SEASONS.get(league)
    if season is None:
        return False
    start, end = season
    today = (day.month, day.day)
    if start <= end:
        return start <= today <= end
    return today >= start or today <= end


@dataclass(frozen=True, slots=True)
class Team:
    """A professional team; `spoken` is how it is said mid-sentence ("the Royals", "Arsenal")."""

    name: str
    spoken: str
    league: str
    venue: str = ""

    @property
    def sports(self) -> tuple[str, ...]:
        return LEAGUE_SPORTS.get(self.league, ())

    @property
    def event(self) -> str:
        """What a fixture is called: a match in English football, a game elsewhere."""
        return "match" if self.league == "Premier League" else "game"

    def in_season(self, day: dt.date) -> bool:
        return in_season(self.league, day)


@dataclass(frozen=True, slots=True)
class CityInfo:
    """What a caller can mention about one city (P4.2)."""

    key: str
    name: str
    country: str
    regions: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    teams: tuple[Team, ...] = ()
    attractions: tuple[str, ...] = ()

    def in_region(self, region: str) -> bool:
        """Whether `region` (a code or a name) is one this city lies in; no list accepts all."""
        if not self.regions or not region.strip():
            return True
        return name_key(region) in {name_key(r) for r in self.regions}


Index = Mapping[str, tuple[tuple[str, bool], ...]]


@dataclass(frozen=True, slots=True)
class CityFacts:
    """All cities, with an index of primary names and aliases for lookup."""

    as_of: str
    cities: Mapping[str, CityInfo]
    index: Index = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", _build_index(self.cities))

    def lookup(self, city: str, region: str = "", country: str = "") -> CityInfo | None:
        """The city a contact lives in, or None when unknown or ambiguous (P4.2)."""
        name = name_key(city)
        if not name:
            return None
        code = country.strip().upper()
        found = [
            (self.cities[key], primary)
            for key, primary in self.index.get(name, ())
            if not code or self.cities[key].country == code
        ]
        found = [(info, primary) for info, primary in found if info.in_region(region)]
        return _best(found, region)


def _best(found: list[tuple[CityInfo, bool]], region: str) -> CityInfo | None:
    """One candidate wins: the only one, else the only explicit region match, else a primary."""
    if len(found) <= 1:
        return found[0][0] if found else None
    if region.strip():
        explicit = [info for info, _ in found if info.regions]
        if len(explicit) == 1:
            return explicit[0]
    primaries = [info for info, primary in found if primary]
    return primaries[0] if len(primaries) == 1 else None


def _build_index(cities: Mapping[str, CityInfo]) -> Index:
    """Folded name -> (city key, whether it is the city's own name rather than an alias)."""
    index: dict[str, list[tuple[str, bool]]] = {}
    for key, info in cities.items():
        index.setdefault(name_key(info.name), []).append((key, True))
        for alias in info.aliases:
            entries = index.setdefault(name_key(alias), [])
            if (key, True) not in entries:
                entries.append((key, False))
    return MappingProxyType({name: tuple(keys) for name, keys in index.items()})


def name_key(text: str) -> str:
    """Fold a place name for matching: 'St. Louis', 'Saint-Louis' and 'st louis' agree."""
    words = fold(text.replace(".", " ").replace("-", " ").replace("'", "")).split()
    if words and words[0] == "saint":
        words[0] = "st"
    return " ".join(words)


def city_key(name: str, country: str) -> str:
    """The data file's key for a city: folded name, '|', ISO country code."""
    return f"{name_key(name)}|{country.strip().upper()}"


def _team(raw: Mapping[str, Any]) -> Team:
    return Team(
        name=str(raw["name"]),
        spoken=str(raw.get("spoken") or raw["name"]),
        league=str(raw["league"]),
        venue=str(raw.get("venue", "")),
    )


def _city(key: str, raw: Mapping[str, Any]) -> CityInfo:
    return CityInfo(
        key=key,
        name=str(raw["name"]),
        country=str(raw["country"]).upper(),
        regions=tuple(str(r) for r in raw.get("regions", ())),
        aliases=tuple(str(a) for a in raw.get("aliases", ())),
        teams=tuple(_team(t) for t in raw.get("teams", ())),
        attractions=tuple(str(a) for a in raw.get("attractions", ())),
    )


def parse_city_facts(data: Mapping[str, Any]) -> CityFacts:
    """Build `CityFacts` from the JSON shape; keys are normalised with `city_key`."""
    cities: dict[str, CityInfo] = {}
    for raw in data["cities"].values():
        info = _city(city_key(str(raw["name"]), str(raw["country"])), raw)
        cities[info.key] = info
    return CityFacts(as_of=str(data["as_of"]), cities=MappingProxyType(cities))

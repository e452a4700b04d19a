"""The shipped city facts for small talk (P4.2): coverage, team counts, lookups."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources

import pytest

from callwise.domain.city_facts import CityFacts, CityInfo, name_key, parse_city_facts
from callwise.services.reference_data import load_city_facts

LEAGUES = ("MLB", "NFL", "NBA", "NHL", "MLS", "Premier League")

# Team counts for the 2026 MLB/NFL/NBA/NHL/MLS seasons and the 2025-26 Premier League.
EXPECTED_TEAMS = {"MLB": 30, "NFL": 32, "NBA": 30, "NHL": 32, "Premier League": 20}


@pytest.fixture(scope="module")
def facts() -> CityFacts:
    return load_city_facts()


def facts_for(
    city: str, region: str = "", country: str = "", *, facts: CityFacts | None = None
) -> CityInfo | None:
    """What the shipped (or the given) facts say about a city; None when nothing."""
    return (facts or load_city_facts()).lookup(city, region, country)


def teams(facts: CityFacts) -> Counter[str]:
    return Counter(t.league for c in facts.cities.values() for t in c.teams)


def test_the_file_is_dated_and_covers_at_least_100_cities(facts: CityFacts) -> None:
    assert facts.as_of == "2026-11"
    assert len(facts.cities) >= 100


def test_team_counts_are_plausible(facts: CityFacts) -> None:
    counts = teams(facts)
    for league, expected in EXPECTED_TEAMS.items():
        assert counts[league] == expected, league
    assert counts["MLS"] >= 29
    assert set(counts) <= set(LEAGUES)


def test_no_team_is_listed_twice(facts: CityFacts) -> None:
    names = [t.name for c in facts.cities.values() for t in c.teams]
    assert len(names) == len(set(names))


def test_every_city_has_attractions_and_a_country_key(facts: CityFacts) -> None:
    for key, info in facts.cities.items():
        assert 2 <= len(info.attractions) <= 4, key
        assert key == f"{name_key(info.name)}|{info.country}"
        assert len(info.country) == 2 and info.country.isupper()


def test_kansas_city_has_the_royals_and_the_chiefs(facts: CityFacts) -> None:
    info = facts_for("Kansas City", "MO", "US")
    assert info is not None and info.key == "kansas city|US"
    names = {t.name for t in info.teams}
    assert {"Kansas City Royals", "Kansas City Chiefs"} <= names
    assert facts.cities["kansas city|US"] is info


@pytest.mark.parametrize(
    ("city", "region", "country", "key"),
    [
        ("Overland Park", "KS", "US", "kansas city|US"),
        ("Brooklyn", "NY", "", "new york|US"),
        ("East Rutherford", "NJ", "US", "new york|US"),
        ("Santa Clara", "CA", "US", "san francisco|US"),
        ("Saint Louis", "", "", "st louis|US"),
        ("st. louis", "Missouri", "US", "st louis|US"),
        ("Montréal", "QC", "CA", "montreal|CA"),
        ("MÜNCHEN", "", "DE", "munich|DE"),
        ("Bengaluru", "", "IN", "bangalore|IN"),
        ("São Paulo", "", "BR", "sao paulo|BR"),
        ("Birmingham", "AL", "", "birmingham|US"),
        ("Birmingham", "", "GB", "birmingham|GB"),
        ("Birmingham", "West Midlands", "GB", "birmingham|GB"),
        ("Arlington", "TX", "US", "dallas|US"),
        ("Arlington", "VA", "US", "washington|US"),
        ("Dublin", "", "", "dublin|IE"),
        ("Mexico City", "", "MX", "mexico city|MX"),
    ],
)
def test_lookups_fold_names_and_use_aliases(city: str, region: str, country: str, key: str) -> None:
    info = facts_for(city, region, country)
    assert info is not None and info.key == key


@pytest.mark.parametrize(
    ("city", "region", "country"),
    [
        ("Portland", "ME", "US"),  # the teams are in Portland, Oregon
        ("London", "ON", "CA"),
        ("Birmingham", "", ""),  # Alabama or England: better nothing than the wrong teams
        ("Pasadena", "", "US"),  # California or Texas
        ("Nowhere Springs", "", "US"),
        ("", "", ""),
    ],
)
def test_unknown_or_ambiguous_places_have_no_facts(city: str, region: str, country: str) -> None:
    assert facts_for(city, region, country) is None


def test_the_premier_league_cities(facts: CityFacts) -> None:
    london = facts.cities["london|GB"]
    assert sum(t.league == "Premier League" for t in london.teams) == 7
    assert {t.event for t in london.teams} == {"match"}
    assert {t.event for t in facts.cities["kansas city|US"].teams} == {"game"}


def test_facts_can_be_supplied_instead_of_the_shipped_file() -> None:
    raw = {
        "as_of": "2030-01",
        "cities": {
            "x": {
                "name": "Springfield",
                "country": "us",
                "regions": ["IL"],
                "teams": [{"name": "Springfield Isotopes", "league": "MLB"}],
                "attractions": ["the gorge", "the dam"],
            }
        },
    }
    custom = parse_city_facts(raw)
    info = facts_for("springfield", "IL", "US", facts=custom)
    assert info is not None and info.teams[0].spoken == "Springfield Isotopes"
    assert facts_for("Springfield", "MO", "US", facts=custom) is None


def test_the_data_file_is_plain_json_with_the_documented_shape() -> None:
    text = resources.files("callwise").joinpath("data/city_facts.json").read_text("utf-8")
    data = json.loads(text)
    assert set(data) >= {"as_of", "cities"}
    for key, city in data["cities"].items():
        assert key == f"{name_key(city['name'])}|{city['country']}"
        for team in city["teams"]:
            assert team["league"] in LEAGUES
            assert {"name", "spoken", "league"} <= set(team)

"""Reference data shipped with callwise (`callwise/data/`), read once and handed to the
domain: city facts for small talk (P4.1, P4.2)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from callwise.domain.city_facts import CityFacts, CityInfo, parse_city_facts

CITY_FACTS = "data/city_facts.json"


@cache
def load_city_facts() -> CityFacts:
    """The shipped city facts, read once from package data."""
    text = resources.files("callwise").joinpath(CITY_FACTS).read_text("utf-8")
    return parse_city_facts(json.loads(text))


def facts_for(
    city: str, region: str = "", country: str = "", *, facts: CityFacts | None = None
) -> CityInfo | None:
    """What to mention about where a contact lives (P4.2); None for a city we know nothing of."""
    return (facts or load_city_facts()).lookup(city, region, country)

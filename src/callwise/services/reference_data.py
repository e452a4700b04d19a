"""Reference data shipped with callwise (`callwise/data/`), read once and handed to the
domain: city facts for small talk (P4.1, P4.2)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from callwise.domain.city_facts import CityFacts, parse_city_facts

CITY_FACTS = "data/city_facts.json"


@cache
def load_city_facts() -> CityFacts:
    """The shipped city facts, read once from package data."""
    text = resources.files("callwise").joinpath(CITY_FACTS).read_text("utf-8")
    return parse_city_facts(json.loads(text))

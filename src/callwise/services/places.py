"""Places as the forms offer them (issue 15.6): the IANA zones to choose from, the zone a
city suggests, and the places a trip's city name may mean (P3.1, P9.3).

Decisions:
- The zone a city suggests is only a suggestion: the contact form preselects it in the list,
  and a contact saved without a zone keeps following their city (domain/zones.py).
- A trip's city is checked before it is stored: an unknown name gets one line, a name of
  several places (Springfield) the places to choose from, each with its state and country.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from functools import cache

from callwise.domain.model import Contact
from callwise.domain.zone_evidence import PlaceChoice, place_choices
from callwise.domain.zones import resolve_location
from callwise.services.app import App

__all__ = ["CityCheck", "PlaceChoice", "city_check", "zone_guess", "zone_names"]


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone this machine knows, sorted (the zone lists of the forms)."""
    return tuple(sorted(zoneinfo.available_timezones()))


def zone_guess(app: App, city: str, region: str = "", country: str = "") -> str:
    """The zone the city (narrowed by region and country) puts someone in; '' when the city
    does not settle it (P3.1)."""
    if not city.strip():
        return ""
    where = Contact(given_name="-", city=city, region=region, country=country)
    found = resolve_location(where, app.settings().home_zone)
    return found.zone if found.source == "city" and not found.ambiguous else ""


@dataclass(frozen=True)
class CityCheck:
    """What a city name means: the places it may be (none: unknown; several: ambiguous)."""

    city: str
    choices: tuple[PlaceChoice, ...]

    @property
    def known(self) -> bool:
        return bool(self.choices)

    @property
    def ambiguous(self) -> bool:
        return len(self.choices) > 1

    @property
    def problem(self) -> str:
        """One line for a person, or '' when the name means one place."""
        if not self.choices:
            return (
                f"No city called {self.city.strip()} is known here: check the spelling, "
                "or tick “Add it anyway”."
            )
        if self.ambiguous:
            return f"There are {len(self.choices)} places called {self.city.strip()}: choose one."
        return ""


def city_check(city: str, region: str = "", country: str = "") -> CityCheck:
    """The places `city` may mean, narrowed by region and country (P9.3)."""
    return CityCheck(city, place_choices(city, region, country))

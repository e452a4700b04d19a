"""The contact's public holidays, as the set of dates a script's next call avoids (P6.1).

The `holidays` package knows each country's (and subdivision's) calendar; the domain gets only
the dates (domain/spoken.py), so it stays free of calendars it would have to load.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays as calendars

from callwise.domain.courtesy import CourtesyPlanner
from callwise.domain.model import Contact


@lru_cache(maxsize=512)
def _year(country: str, subdivision: str, year: int) -> frozenset[dt.date]:
    try:
        found = calendars.country_holidays(country, subdiv=subdivision or None, years=year)
    except NotImplementedError:  # a country or subdivision the package does not know
        return frozenset()
    return frozenset(found.keys())


def holiday_dates(
    country: str, subdivision: str, start: dt.date, end: dt.date
) -> frozenset[dt.date]:
    """Public holidays in `country` (two letters) and `subdivision` from `start` to `end`."""
    if not country.strip():
        return frozenset()
    code, sub = country.strip().upper(), subdivision.strip().upper()
    days = (_year(code, sub, year) for year in range(start.year, end.year + 1))
    return frozenset(d for found in days for d in found if start <= d <= end)


def contact_holidays(
    planner: CourtesyPlanner, contact: Contact, today: dt.date, days: int
) -> frozenset[dt.date]:
    """The public holidays where the contact is (their country and region, as the courtesy
    planner locates them; your default region when nothing says), from `today` for `days`."""
    key = planner.key(contact)
    country = key.country or planner.settings.default_region
    subdivision = key.subdivision if key.country else ""
    return holiday_dates(country, subdivision, today, today + dt.timedelta(days=days))

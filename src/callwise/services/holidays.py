"""The contact's public holidays, as the set of dates a script's next call avoids (P6.1).

The `holidays` package knows each country's (and subdivision's) calendar, read once per year
in `domain/zones.py` (`holiday_calendar`, which the courtesy windows use too); the script gets
only the dates (domain/spoken.py).
"""

from __future__ import annotations

import datetime as dt

from callwise.domain.courtesy import CourtesyPlanner
from callwise.domain.model import Contact
from callwise.domain.zones import holiday_calendar


def holiday_dates(
    country: str, subdivision: str, start: dt.date, end: dt.date
) -> frozenset[dt.date]:
    """Public holidays in `country` (two letters) and `subdivision` from `start` to `end`."""
    if not country.strip():
        return frozenset()
    code, sub = country.strip().upper(), subdivision.strip().upper()
    days = (holiday_calendar(code, sub, year) for year in range(start.year, end.year + 1))
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

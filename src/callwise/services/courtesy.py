"""When to call: the courtesy engine over stored contacts (P3.1-P3.4)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from callwise.domain.courtesy import CourtesyPlanner, Verdict, Window
from callwise.domain.model import Contact
from callwise.domain.zones import Location
from callwise.services.app import App
from callwise.services.contacts import resolve_contact


@dataclass(frozen=True)
class WhenReport:
    """Their local time now, whether now is good and why, and the next windows."""

    contact: Contact
    location: Location
    now: dt.datetime
    verdict: Verdict
    windows: tuple[Window, ...]
    home_zone: str


def planner(app: App) -> CourtesyPlanner:
    """A courtesy planner for the user's settings (home zone, hours, policy)."""
    settings = app.settings()
    return CourtesyPlanner(settings, settings.home_zone)


def when(app: App, query: str, *, count: int = 3) -> WhenReport:
    """`callwise when CONTACT`: now and the next `count` courteous windows."""
    contact = resolve_contact(app, query)
    plan = planner(app)
    verdict = plan.verdict(contact, app.now)
    key = plan.key(contact)
    found: list[Window] = []
    start = app.now
    while len(found) < count:
        window = plan.next_window(key, start)
        if window is None:
            break
        found.append(window)
        start = window.end
    return WhenReport(contact, verdict.location, app.now, verdict, tuple(found), plan.home_zone)

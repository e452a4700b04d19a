"""The Today page: whom to call today and why, their time now, the courteous window, a `tel:`
link to dial and the call guide; then what is left today and the week ahead (P3.1, P9.5).

It shows `services.today.today`, the plan `callwise today` prints, as cards (mobile first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from callwise.domain.overdue import overdue_text
from callwise.domain.phones import number_to_dial
from callwise.domain.plan import PlanEntry
from callwise.domain.readiness import zone_unknown
from callwise.domain.zones import resolve_location
from callwise.services import first_run
from callwise.services.app import App
from callwise.services.cache import remembered
from callwise.services.contacts import count_contacts
from callwise.services.demo import load_demo_if_empty
from callwise.services.reason import missing_data
from callwise.services.today import next_call, planned_calls, today
from callwise.web.deps import AppDep, CsrfDep, redirect_with_flash, render, templates
from callwise.web.pages.call import QUICK_OUTCOMES
from callwise.web.pages.welcome import introduction

router = APIRouter()


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


@dataclass(frozen=True)
class EntryCard:
    """One call of today's plan as the page shows it."""

    entry: PlanEntry
    number: str
    good_now: bool
    missing: tuple[str, ...] = ()  # said first on the card: no number, no known zone

    @property
    def overdue(self) -> str:
        """'2 days past the date it was due' (domain.overdue)."""
        return overdue_text(self.entry.overdue_days)

    @property
    def why_now(self) -> str:
        """Why this call is on today's list, in words (domain/plan.py `PlanEntry.why_now`)."""
        return self.entry.why_now


@dataclass(frozen=True)
class DayLine:
    """One day of the week ahead, in words."""

    date: dt.date
    words: str
    total: int


def next_call_words(entry: PlanEntry, today: dt.date, zone: str) -> str:
    """'Tomorrow 09:30: Chris Dawson', 'Thu 26 Nov 14:00: Chris Dawson': the day and the
    start of the courteous window, your time (issue 15)."""
    when = (
        "Tomorrow"
        if entry.day == today + dt.timedelta(days=1)
        else f"{entry.day:%a} {entry.day.day} {entry.day:%b}"
    )
    if entry.window is not None:
        when += f" {entry.window.home_start.astimezone(ZoneInfo(zone)):%H:%M}"
    return f"{when}: {entry.contact.name}"


def cards_html(app: App) -> Markup:
    """Today's call cards as HTML, the costly part of the page (a card per call with its
    windows and numbers; tens of calls on a busy day): kept per data revision and minute
    (services/cache.py). Nothing in a card depends on who asks (no CSRF token)."""
    report = today(app)
    cards = [_card(app, e, report.report.home_zone) for e in report.plan.days[0].entries]
    return Markup(templates.get_template("partials/today_entries.html").render(cards=cards))


def _card(app: App, e: PlanEntry, home_zone: str) -> EntryCard:
    """A card; with no known zone the time shown is yours, so never "a good time now"."""
    missing = missing_data(e.contact, home_zone)
    zone_known = not zone_unknown(resolve_location(e.contact, home_zone))
    good = zone_known and e.window is not None and e.window.contains(app.now)
    return EntryCard(e, number_to_dial(e.contact), good, missing)


@router.get("/", response_class=HTMLResponse)
def today_page(request: Request, app: AppDep) -> HTMLResponse:
    """Today's calls, or a way to get started on an empty database."""
    report = today(app)
    day = report.plan.days[0]
    if not day.entries and count_contacts(app) == 0:  # counted only when nothing is planned
        return render(request, "today.html", {"empty": True})
    coming = None if day.entries else next_call(app)
    planned = planned_calls(app)
    week = [
        DayLine(d.date, d.words(calls), calls + d.total + d.trips_starting)
        for d in report.week_ahead
        for calls in [planned.get(d.date, 0)]
    ]
    context = {
        "empty": False,
        "report": report,
        "day": day,
        "cards_html": remembered(app, ("page:today:cards",), lambda: cards_html(app)),
        "week": week,
        "over_budget": sum(1 for e in day.entries if e.over_budget),
        "plural": plural,
        "outcomes": QUICK_OUTCOMES,
        "next_call": coming,
        "next_words": next_call_words(coming, day.date, report.report.home_zone) if coming else "",
        "intro": introduction(app, "/") if first_run.invitation_due(app) else None,
        "errors": {},
    }
    return render(request, "today.html", context)


@router.post("/demo", dependencies=[CsrfDep])
def load_demo_page(request: Request, app: AppDep) -> Response:
    """The demo address book on an empty database, from the empty Today page (issue 15.5: no
    terminal command on a page). Refused once there are contacts: nothing is mixed in."""
    added = load_demo_if_empty(app)
    said = f"Added {added} demo contacts." if added else "You have contacts already: no demo added."
    return redirect_with_flash(request, "/", said)

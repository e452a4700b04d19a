"""The invitation calls a trip brings, as the plan places them (issue 15.6, P9.3): for each
contact near the city, the day and the courteous window the plan gives the call, so the
trips page can show them and start each call's guide.

Decisions:
- Only the plan's own days are read (`services.plan.plan_report`, kept while it holds): from
  the first day an invitation is due (the trip's lead days before it starts, not before today)
  to the day before the trip. A trip already under way has no invitations left to plan.
- An invitation belongs to a trip when it is a trip occasion whose last day is that trip's
  (the day before it starts) and whose reason names its city.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from callwise.domain.calls import Trip
from callwise.domain.courtesy import Window
from callwise.domain.model import Contact
from callwise.domain.occasions import Occasion, PlanPolicy
from callwise.services.app import App
from callwise.services.plan import MAX_DAYS, home_today, plan_report

_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class TripInvitation:
    """One planned invitation: whom, on which of your days, in which window (None: the plan
    found no courteous window that day), and the script the guide opens with (P9.3)."""

    contact: Contact
    day: dt.date
    window: Window | None
    script: str


def _invites_to(occasion: Occasion, trip: Trip, last: dt.date) -> bool:
    return occasion.kind == "trip" and occasion.deadline == last and trip.city in occasion.reason


def trip_invitations(app: App, trip: Trip) -> list[TripInvitation]:
    """The invitation calls the plan holds for `trip`, in the order it makes them (P9.3)."""
    policy = PlanPolicy.from_settings(app.settings())
    today = home_today(app)
    due = trip.start - policy.trip_lead_days * _DAY
    last = max(due, trip.start - _DAY)
    first = max(today, due)
    if last < first:
        return []
    days = min((last - first).days + 1, MAX_DAYS)
    found = []
    for entry in plan_report(app, first, days).plan.entries:
        invitation = next((o for o in entry.occasions if _invites_to(o, trip, last)), None)
        if invitation is not None:
            found.append(TripInvitation(entry.contact, entry.day, entry.window, invitation.script))
    return found

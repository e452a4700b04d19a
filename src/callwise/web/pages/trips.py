"""The trips page (issue 7, P9.3): your trips, the contacts in each city, add and remove.

Decisions:
- The form names its fields start and end; the service's `from` and `to` errors are shown
  next to them. After adding or removing, the browser is sent back to the list (no resubmit
  on reload), and the list says what was done once (the flash, web/flash.py).
- Issue 15.6: the city is checked before the trip is stored. An unknown name gets one line
  and an "Add it anyway" box (small towns are missing from the city tables); a name of several
  places offers each, with its state and country, as a button that adds the trip there.
- Each trip lists its invitation calls as the plan places them, with the day and window and
  a button that starts the call's guide (services/trip_plan.py).
- "Contacts there" are the ones the plan would invite: in the trip's city or within the trip
  radius, nearest first (services.occasions.trip_contacts, P9.3).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact
from callwise.domain.occasions import span_text
from callwise.services import occasions
from callwise.services.app import App
from callwise.services.occasions import TripReport
from callwise.services.places import CityCheck, city_check
from callwise.services.trip_plan import TripInvitation, trip_invitations
from callwise.web.deps import AppDep, CsrfDep, redirect_with_flash, render

router = APIRouter()

FIELDS = ("city", "start", "end", "region", "country", "notes")
SERVICE_FIELDS = {"from": "start", "to": "end"}
MISSING = {"start": "give the first day of the trip", "end": "give the last day of the trip"}
SHOWN_CONTACTS = 12


@dataclass(frozen=True)
class TripRow:
    """A trip as the page shows it: when, and who lives there."""

    report: TripReport
    when: str
    contacts: list[Contact]
    more: bool
    invitations: list[TripInvitation]


def contacts_in(app: App, report: occasions.TripReport) -> tuple[list[Contact], bool]:
    """Contacts in or near the trip's city, nearest first (first `SHOWN_CONTACTS`), and
    whether there are more: the ones the plan invites (P9.3)."""
    near = occasions.trip_contacts(app, report, limit=SHOWN_CONTACTS + 1)
    return near[:SHOWN_CONTACTS], len(near) > SHOWN_CONTACTS


def _rows(app: App, past: bool) -> list[TripRow]:
    rows = []
    for report in occasions.list_trips(app, include_past=past):
        trip = report.trip
        people, more = contacts_in(app, report)
        when = f"{span_text(trip.start, trip.end)} {trip.end.year}"
        invited = trip_invitations(app, trip)
        rows.append(TripRow(report, when, people, more, invited))
    return rows


def _page(
    request: Request,
    app: App,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    check: CityCheck | None = None,
    past: bool = False,
    status_code: int = 200,
) -> HTMLResponse:
    context: dict[str, Any] = {
        "rows": _rows(app, past),
        "values": values or {},
        "errors": errors or {},
        "past": past,
        "check": check,
    }
    return render(request, "trips.html", context, status_code=status_code)


@router.get("/trips", response_class=HTMLResponse)
def trips_page(request: Request, app: AppDep, past: bool = False) -> HTMLResponse:
    return _page(request, app, past=past)


@router.post("/trips", dependencies=[CsrfDep])
def trips_add(
    request: Request,
    app: AppDep,
    city: Annotated[str, Form()] = "",
    start: Annotated[str, Form()] = "",
    end: Annotated[str, Form()] = "",
    region: Annotated[str, Form()] = "",
    country: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
    place: Annotated[str, Form()] = "",
    anyway: Annotated[str, Form()] = "",
) -> Response:
    """Record a trip; a rejected value is shown next to its field with what was typed kept,
    and a city that is unknown or names several places is asked about first."""
    if place:  # one of the places offered for an ambiguous name: "region|country"
        region, _, country = place.partition("|")
    values = dict(zip(FIELDS, (city, start, end, region, country, notes), strict=True))
    errors = {name: text for name, text in MISSING.items() if not values[name].strip()}
    check = city_check(city, region, country) if city.strip() else None
    if check is not None and check.problem and not (anyway and not check.known):
        errors = {"city": check.problem, **errors}
    if not errors:
        try:
            report = occasions.add_trip(app, city, start, end, region, country, notes)
        except ValidationError as exc:
            field = SERVICE_FIELDS.get(str(exc.field), str(exc.field))
            errors = {field if field in FIELDS else "city": exc.message}
    if errors:
        return _page(request, app, values=values, errors=errors, check=check, status_code=422)
    trip = report.trip
    said = f"Trip to {trip.city}, {span_text(trip.start, trip.end)} {trip.end.year}, added."
    return redirect_with_flash(request, "/trips", said)


@router.post("/trips/{trip_id}/remove", dependencies=[CsrfDep])
def trips_remove(request: Request, app: AppDep, trip_id: int) -> RedirectResponse:
    trips = occasions.list_trips(app, include_past=True)
    city = next((r.trip.city for r in trips if r.trip.id == trip_id), "")
    occasions.remove_trip(app, trip_id)
    return redirect_with_flash(request, "/trips", f"Trip to {city} removed.")

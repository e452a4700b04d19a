"""Who may be due in a plan's days, found by index and loaded for occasion finding (issue 5).

Each reason of the occasion registry (`domain.occasion_kinds.REASONS`) names the lookups
that find its candidates; this module maps each key to its query in `store.candidates`:
- `IN_FULL`: what happens on one day, plus trip neighbours (at most a cap per trip, nearest
  first, P9.3), always looked up in full. A row's day, when it has one, is checked against the
  contact's own days (P9.1) on a narrow read of where they are, before anyone is loaded.
- `MOST_OVERDUE`: calls that can wait; only the `CAP_FACTOR` x budget x days most overdue over
  all of them are kept (P6.1, P10.3).
A new reason with new data adds one query and one key here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from callwise.domain.calls import CustomOccasion
from callwise.domain.model import RELATIONSHIP_KINDS, Contact, PartialDate, Phone
from callwise.domain.occasion_kinds import candidate_keys
from callwise.domain.occasions import (
    ContactHistory,
    PlanPolicy,
    TripStop,
    distance_km,
    occurrences,
    yearly_date,
)
from callwise.domain.plan_dates import their_first_day
from callwise.domain.settings import Settings
from callwise.domain.text import fold
from callwise.domain.zones import resolve_location
from callwise.store import activity, candidates
from callwise.store import contacts as contact_store

CAP_FACTOR = 3
ATTEMPT_LOOKBACK_DAYS = 30
_BEHIND, _AHEAD = dt.timedelta(hours=12), dt.timedelta(hours=14)  # UTC-12 .. UTC+14
_DAY = dt.timedelta(days=1)
Customs = Mapping[int, Sequence[CustomOccasion]]
DayKey = tuple[int, int] | dt.date  # a yearly (month, day), or a date
Found = list[tuple[int, DayKey | None]]  # contact id, and their day to check (None: none)
TheirDays = tuple[frozenset[tuple[int, int]], frozenset[dt.date]]


@dataclass(frozen=True, slots=True)
class PlanRange:
    """The plan's days, and the contacts' own dates they can fall on."""

    start: dt.date
    days: int
    now: dt.datetime
    home_zone: str

    def _noon(self, index: int) -> dt.datetime:
        """Noon of plan day `index`, your time, in UTC: where the contacts' dates are read."""
        day = self.start + index * _DAY
        return dt.datetime.combine(day, dt.time(12), ZoneInfo(self.home_zone)).astimezone(dt.UTC)

    @property
    def first(self) -> dt.date:
        return min((self._noon(0) - _BEHIND).date(), (self.now - _BEHIND).date())

    @property
    def last(self) -> dt.date:
        return (self._noon(self.days - 1) + _AHEAD).date()

    def since(self, policy: PlanPolicy) -> dt.datetime:
        """The oldest call occasion finding must read: attempts, and talks since a connection."""
        days = max(ATTEMPT_LOOKBACK_DAYS, policy.connect_window_days + 1)
        earliest = dt.datetime.combine(min(self.first, self.now.date()), dt.time(), dt.UTC)
        return earliest - days * _DAY


@dataclass(frozen=True)
class Lookup:
    """What every candidate lookup reads: the connection, the range, the knobs, the trips."""

    conn: Connection
    span: PlanRange
    settings: Settings
    policy: PlanPolicy
    stops: tuple[TripStop, ...]

    @property
    def cap(self) -> int:
        return CAP_FACTOR * self.settings.daily_calls * self.span.days

    @cached_property
    def custom(self) -> Customs:
        return activity.custom_occasions_for(self.conn)


def _yearly(q: Lookup) -> Found:
    """Birthdays and other yearly dates (P9.1, P9.4)."""
    return [(i, (m, d)) for i, m, d in candidates.yearly_rows(q.conn, q.span.first, q.span.last)]


def _connection_deadline(q: Lookup) -> Found:
    """The last day to call a new connection (P9.2)."""
    window = q.policy.connect_window_days
    rows = candidates.connection_deadlines_between(q.conn, q.span.first, q.span.last, window)
    return [(i, last_day) for i, last_day in rows]


def _call_back(q: Lookup) -> Found:
    """A call back at a time they gave (P3.4)."""
    return [(i, None) for i in candidates.call_back_ids(q.conn, q.span.first, q.span.last)]


def _custom(q: Lookup) -> Found:
    """Contacts with a user-defined occasion falling in the range (P9.4)."""
    first, last = q.span.first, q.span.last
    return [
        (contact_id, None)
        for contact_id, items in q.custom.items()
        if any(occurrences(item, first, last) for item in items)
    ]


def _trip(q: Lookup) -> Found:
    """Contacts in or near each trip's city, the nearest first (P9.3)."""
    return [(i, None) for stop in q.stops for i in trip_neighbours(q.conn, stop, q.policy, q.cap)]


def _defaults(policy: PlanPolicy) -> Mapping[str, int | None]:
    return {kind: getattr(policy, f"cadence_{kind}") for kind in RELATIONSHIP_KINDS}


IN_FULL: Mapping[str, Callable[[Lookup], Found]] = {
    "yearly": _yearly,
    "connection_deadline": _connection_deadline,
    "call_back": _call_back,
    "custom": _custom,
    "trip": _trip,
}
# Anchors and due dates are UTC dates: the day after the range's last is looked up too.
MOST_OVERDUE: Mapping[str, Callable[[Lookup], list[candidates.Due]]] = {
    "connection": lambda q: candidates.connection_due(
        q.conn, q.span.first, q.span.last, q.policy.connect_window_days, limit=q.cap
    ),
    "cadence": lambda q: candidates.cadence_due(
        q.conn, q.span.last + _DAY, _defaults(q.policy), limit=q.cap
    ),
    "promise": lambda q: candidates.promise_due(q.conn, q.span.last + _DAY, limit=q.cap),
    "follow_up": lambda q: candidates.follow_up_due(q.conn, q.span.last + _DAY, limit=q.cap),
    "attempt": lambda q: candidates.attempt_due(
        q.conn, q.span.since(q.policy), q.span.last + _DAY, limit=q.cap
    ),
}


def trip_stops(conn: Connection, span: PlanRange, policy: PlanPolicy) -> tuple[TripStop, ...]:
    """Trips whose invitations can fall in the range (P9.3)."""
    lead = policy.trip_lead_days * _DAY
    stops = []
    for trip, where in activity.list_trips(conn, ending_after=span.first):
        due = trip.start - lead
        if due <= span.last and max(due, trip.start - _DAY) >= span.first:
            stops.append(TripStop(trip, where))
    return tuple(stops)


def candidate_ids(q: Lookup) -> set[int]:
    """Everyone some reason of the registry may make due in the range, snoozed ones left out."""
    keys = candidate_keys()
    found = [row for key in keys if key in IN_FULL for row in IN_FULL[key](q)]
    ids = _on_their_days(q, found)
    waiting = [MOST_OVERDUE[key](q) for key in keys if key in MOST_OVERDUE]
    ids.update(candidates.merge_due(waiting, q.cap))
    return ids - candidates.snoozed_through(q.conn, q.span.start + (q.span.days - 1) * _DAY)


def _on_their_days(q: Lookup, found: Found) -> set[int]:
    """The found contacts whose day, when a row has one, is one of their own plan days."""
    checked = sorted({i for i, key in found if key is not None})
    days = _their_days(candidates.places(q.conn, checked), q.span, q.policy, q.settings.home_zone)
    return {
        i
        for i, key in found
        if key is None or key in (days[i][1] if isinstance(key, dt.date) else days[i][0])
    }


def _their_days(
    places: Mapping[int, candidates.Place], span: PlanRange, policy: PlanPolicy, home_zone: str
) -> dict[int, TheirDays]:
    """Each contact's own plan days, as (month, day) keys and as dates, computed once per
    place and per zone (P9.1: their date, not yours)."""
    by_place: dict[candidates.Place, str] = {}
    by_zone: dict[str, TheirDays] = {}
    found = {}
    for contact_id, place in places.items():
        zone = by_place.get(place)
        if zone is None:
            zone_text, city, region, country, numbers = place
            where = Contact(
                time_zone=zone_text,
                city=city,
                region=region,
                country=country,
                phones=tuple(Phone(n) for n in numbers),
            )
            zone = by_place[place] = resolve_location(where, home_zone).zone
        if zone not in by_zone:
            # A day either side: a fixed day's call goes where its window falls (P9.1).
            first = their_first_day(span.start, home_zone, ZoneInfo(zone)) - _DAY
            dates = [first + i * _DAY for i in range(span.days + 2)]
            by_zone[zone] = (_yearly_keys(dates, policy), frozenset(dates))
        found[contact_id] = by_zone[zone]
    return found


def _yearly_keys(dates: Sequence[dt.date], policy: PlanPolicy) -> frozenset[tuple[int, int]]:
    """The (month, day) of yearly dates falling on these days; 29 Feb by the policy's rule."""
    keys = {(d.month, d.day) for d in dates}
    leap_day = PartialDate(2, 29)
    if any(yearly_date(leap_day, d.year, policy.feb29_rule) == d for d in dates):
        keys.add((2, 29))
    return frozenset(keys)


def trip_neighbours(conn: Connection, stop: TripStop, policy: PlanPolicy, limit: int) -> list[int]:
    """Ids of the contacts in the trip's city or within the trip radius, nearest first (P9.3)."""
    near: list[tuple[float, int]] = []
    if stop.coordinates is not None:
        radius = policy.trip_radius_km
        for contact_id, lat, lon in candidates.near_ids(conn, *stop.coordinates, radius):
            away = distance_km(stop.coordinates, (lat, lon))
            if away <= radius:
                near.append((away, contact_id))
    key = fold(stop.trip.city.split(",")[0])
    near += [(0.0, i) for i in candidates.city_ids(conn, key, limit=limit)]
    nearest: dict[int, float] = {}
    for away, contact_id in sorted(near):
        nearest.setdefault(contact_id, away)
    return list(nearest)[:limit]


def histories(
    conn: Connection, span: PlanRange, settings: Settings, policy: PlanPolicy
) -> list[ContactHistory]:
    """The candidates, loaded with what occasion finding reads about each."""
    q = Lookup(conn, span, settings, policy, trip_stops(conn, span, policy))
    ids = candidate_ids(q)
    return _load(conn, sorted(ids), span, policy, q.stops, q.custom)


def _load(
    conn: Connection,
    ids: Sequence[int],
    span: PlanRange,
    policy: PlanPolicy,
    stops: tuple[TripStop, ...],
    custom: Customs,
) -> list[ContactHistory]:
    contacts = contact_store.get_contacts(conn, ids)
    recent = activity.recent_calls(conn, ids, span.since(policy))
    touches = activity.last_touches(conn, ids)
    snoozes = activity.snoozes_for(conn, ids, span.start)
    where = candidates.coordinates(conn, ids) if stops else {}
    found = []
    for contact in contacts:
        assert contact.id is not None
        snooze = snoozes.get(contact.id)
        history = ContactHistory(
            contact,
            calls=tuple(recent.get(contact.id, ())),
            last_touch=touches.get(contact.id),
            trips=stops,
            snoozes=(snooze,) if snooze else (),
            custom=tuple(custom.get(contact.id, ())),
            coordinates=where.get(contact.id),
        )
        found.append(history)
    return found

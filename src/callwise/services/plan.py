"""Whom to call, day by day, and why, over stored contacts (P3.1, P6.1, P9.1-P9.5, P10.3).

The plan is computed from indexed columns, never by loading every contact (issue 5): the
contacts who may be due are found by index (`store.candidates`), only they are loaded with
their recent calls, and the domain (`domain.plan`) merges, orders and budgets their calls.

Decisions:
- Dates: a plan day is a date of the user's home zone; a contact's occasions are dated in
  their own zone (P9.1), which is at most 12 hours behind or 14 ahead of UTC, so the dates
  looked up run from (now - 12 h) to (now + 14 h), shifted to the plan's days.
- What happens on one day (birthdays, other dates, user occasions, a call back at a time they
  gave, the last day to answer a connection) is always looked up in full: such a call is never
  dropped by the budget. Calls that can wait (keep-in-touch, connections, promises, agreed
  follow-ups, retries) are capped: the `CAP_FACTOR` x budget x days most overdue, since only
  the most overdue can fit and with a million contacts thousands are due (P6.1, P10.3).
  `Plan.pushed` therefore lists at most that many.
- A retry is looked for among attempts of the last `ATTEMPT_LOOKBACK_DAYS` days (P10.3);
  an older unanswered call is left to the keep-in-touch cadence.
- Trip invitations go to at most `CAP_FACTOR` x budget x days contacts per trip, the nearest
  first (P9.3): inviting a whole city to lunch is not a plan.
- Snoozed contacts are left out until the snooze date.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from callwise.domain import call_log
from callwise.domain.calls import CustomOccasion
from callwise.domain.courtesy import CourtesyPlanner
from callwise.domain.errors import ValidationError
from callwise.domain.model import RELATIONSHIP_KINDS, Contact, PartialDate, Phone
from callwise.domain.occasions import (
    ContactHistory,
    PlanPolicy,
    TripStop,
    distance_km,
    occurrences,
    yearly_date,
)
from callwise.domain.plan import Plan, build_plan, candidate_for
from callwise.domain.settings import Settings
from callwise.domain.text import fold
from callwise.domain.zones import resolve_location
from callwise.services.app import App
from callwise.services.cache import remembered
from callwise.store import activity, candidates
from callwise.store import contacts as contact_store

CAP_FACTOR = 3
MAX_DAYS = 366
ATTEMPT_LOOKBACK_DAYS = 30
_BEHIND, _AHEAD = dt.timedelta(hours=12), dt.timedelta(hours=14)  # UTC-12 .. UTC+14
_DAY = dt.timedelta(days=1)
Customs = Mapping[int, Sequence[CustomOccasion]]


def home_today(app: App) -> dt.date:
    """The user's date now, in their home zone."""
    return app.now.astimezone(ZoneInfo(app.settings().home_zone)).date()


def parse_day(text: str | dt.date, *, field: str, today: dt.date) -> dt.date:
    """A day as the user types it: YYYY-MM-DD, `today`, `tomorrow`, `+N` days or `+Nw` weeks."""
    return call_log.parse_day(text, today, field=field)


@dataclass(frozen=True)
class PlanReport:
    """A plan with what it was made against: the clock, your zone and the daily budget."""

    plan: Plan
    now: dt.datetime
    home_zone: str
    budget_calls: int
    budget_minutes: int


def plan_report(app: App, start: dt.date, days: int) -> PlanReport:
    """`plan_days` with the budget and zone it used, for display (kept while it holds:
    services/cache.py)."""
    return remembered(app, ("plan", start, days), lambda: _plan_report(app, start, days))


def _plan_report(app: App, start: dt.date, days: int) -> PlanReport:
    settings = app.settings()
    plan = plan_days(app, start, days)
    return PlanReport(
        plan, app.now, settings.home_zone, settings.daily_calls, settings.daily_minutes
    )


def week(app: App) -> PlanReport:
    """`callwise week`: seven days from today, and how the budget spreads them."""
    return plan_report(app, home_today(app), 7)


def plan_between(app: App, first: str | dt.date, last: str | dt.date) -> PlanReport:
    """`callwise plan --from D --to D`: the plan of the days from `first` to `last`."""
    today = home_today(app)
    start = parse_day(first, field="from", today=today)
    end = parse_day(last, field="to", today=today)
    if end < start:
        raise ValidationError(f"the range ends ({end}) before it starts ({start})", field="to")
    return plan_report(app, start, (end - start).days + 1)


@dataclass(frozen=True, slots=True)
class _Range:
    """The plan's days, and the contacts' own dates they can fall on."""

    start: dt.date
    days: int
    now: dt.datetime
    offset: dt.timedelta  # plan day 0 minus the user's today

    @property
    def first(self) -> dt.date:
        return (self.now - _BEHIND).date() + self.offset

    @property
    def last(self) -> dt.date:
        return (self.now + _AHEAD).date() + self.offset + (self.days - 1) * _DAY

    def since(self, policy: PlanPolicy) -> dt.datetime:
        """The oldest call occasion finding must read: attempts, and talks since a connection."""
        days = max(ATTEMPT_LOOKBACK_DAYS, policy.connect_window_days + 1)
        earliest = dt.datetime.combine(min(self.first, self.now.date()), dt.time(), dt.UTC)
        return earliest - days * _DAY


def _check_range(start: dt.date, days: int, today: dt.date) -> None:
    if start < today:
        raise ValidationError(
            f"the plan starts on {start}, before today ({today}); plan from today on", field="from"
        )
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(f"plan between 1 and {MAX_DAYS} days, not {days}", field="to")


def plan_days(app: App, start: dt.date, days: int) -> Plan:
    """The calls of `days` days from `start` (the user's dates), within the daily budget."""
    settings = app.settings()
    zone = ZoneInfo(settings.home_zone)
    today = app.now.astimezone(zone).date()
    _check_range(start, days, today)
    planner = CourtesyPlanner(settings, settings.home_zone)
    policy = PlanPolicy.from_settings(settings)
    span = _Range(start, days, app.now, start - today)
    with _collector_paused(), app.engine.connect() as conn:
        stops = _trip_stops(conn, span, policy)
        histories = _histories(conn, span, settings, policy, stops)
        found = [
            candidate_for(h, start=start, days=days, now=app.now, planner=planner, policy=policy)
            for h in histories
        ]
        worth = [c for c in found if c.occasions]
        return build_plan(worth, start, days, app.now, settings, planner)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a plan is made.

    A plan allocates many short-lived objects (rows, contacts, occasions; reference counting
    frees them), and each full collection walks every long-lived object too, the large city
    and zone indexes among them: at a million contacts that was a quarter of the time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _trip_stops(conn: Connection, span: _Range, policy: PlanPolicy) -> tuple[TripStop, ...]:
    """Trips whose invitations can fall in the range (P9.3)."""
    lead = policy.trip_lead_days * _DAY
    stops = []
    for trip, where in activity.list_trips(conn, ending_after=span.first):
        due = trip.start - lead
        if due <= span.last and max(due, trip.start - _DAY) >= span.first:
            stops.append(TripStop(trip, where))
    return tuple(stops)


def _cap(settings: Settings, span: _Range) -> int:
    return CAP_FACTOR * settings.daily_calls * span.days


def _fixed_ids(conn: Connection, span: _Range, policy: PlanPolicy, home_zone: str) -> set[int]:
    """Contacts with something on one of their own days of the range: a birthday or another
    yearly date (P9.1, P9.4), the last day to call a connection (P9.2), a call back at a time
    they gave (P3.4). The dates looked up span every zone; each contact's own dates are
    checked on a narrow read of where they are, before anyone is loaded in full."""
    yearly = candidates.yearly_rows(conn, span.first, span.last)
    window = policy.connect_window_days
    deadlines = candidates.connection_deadlines_between(conn, span.first, span.last, window)
    ids = sorted({row[0] for row in yearly} | {row[0] for row in deadlines})
    days = _their_days(candidates.places(conn, ids), span, policy, home_zone)
    found = {i for i, month, day in yearly if (month, day) in days[i][0]}
    found |= {i for i, last_day in deadlines if last_day in days[i][1]}
    return found | candidates.call_back_ids(conn, span.first, span.last)


TheirDays = tuple[frozenset[tuple[int, int]], frozenset[dt.date]]


def _their_days(
    places: Mapping[int, candidates.Place], span: _Range, policy: PlanPolicy, home_zone: str
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
            first = span.now.astimezone(ZoneInfo(zone)).date() + span.offset
            dates = [first + i * _DAY for i in range(span.days)]
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


def _waiting_ids(
    conn: Connection, span: _Range, settings: Settings, policy: PlanPolicy
) -> list[int]:
    """The most overdue calls that can wait, over every kind of occasion (P6.1, P9.2, P10.3)."""
    cap, last = _cap(settings, span), span.last + _DAY  # anchors are UTC dates
    defaults: Mapping[str, int | None] = {
        kind: getattr(policy, f"cadence_{kind}") for kind in RELATIONSHIP_KINDS
    }
    window = policy.connect_window_days
    groups = [
        candidates.connection_due(conn, span.first, span.last, window, limit=cap),
        candidates.cadence_due(conn, last, defaults, limit=cap),
        candidates.promise_due(conn, last, limit=cap),
        candidates.follow_up_due(conn, last, limit=cap),
        candidates.attempt_due(conn, span.since(policy), last, limit=cap),
    ]
    return candidates.merge_due(groups, cap)


def _trip_ids(
    conn: Connection, stops: Sequence[TripStop], policy: PlanPolicy, limit: int
) -> set[int]:
    """Contacts in or near each trip's city, the nearest first (P9.3)."""
    found: set[int] = set()
    for stop in stops:
        found.update(trip_neighbours(conn, stop, policy, limit))
    return found


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


def _custom_ids(custom: Customs, span: _Range) -> set[int]:
    """Contacts with a user-defined occasion falling in the range (P9.4)."""
    return {
        contact_id
        for contact_id, items in custom.items()
        if any(occurrences(item, span.first, span.last) for item in items)
    }


def _histories(
    conn: Connection,
    span: _Range,
    settings: Settings,
    policy: PlanPolicy,
    stops: tuple[TripStop, ...],
) -> list[ContactHistory]:
    """The candidates, loaded with what occasion finding reads about each."""
    custom = activity.custom_occasions_for(conn)
    ids = (
        _fixed_ids(conn, span, policy, settings.home_zone)
        | _custom_ids(custom, span)
        | set(_waiting_ids(conn, span, settings, policy))
    )
    ids |= _trip_ids(conn, stops, policy, _cap(settings, span))
    ids -= candidates.snoozed_through(conn, span.start + (span.days - 1) * _DAY)
    return _load(conn, sorted(ids), span, policy, stops, custom)


def _load(
    conn: Connection,
    ids: Sequence[int],
    span: _Range,
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

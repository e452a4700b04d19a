"""When to call: courteous windows in the contact's own local time (P3.1-P3.4).

The policy, per local date of the contact:
- stated hours, when given, are the only windows, tagged preferred, and may go outside the
  quiet hours (P3.3); stated days without a time of day keep the quiet hours;
- otherwise nothing before `quiet_start` or from `quiet_end` on (P3.2);
- personal and informal contacts: `personal_windows` preferred, the rest of the day acceptable;
- business contacts and organizations: `business_hours` on `business_days` minus
  `business_avoid`, preferred, and nothing else (P3.1);
- public holidays: no business calls; personal calls unless the settings say no;
- always within the user's own `calling_hours` on `calling_days` in their home zone.
Arithmetic is on wall-clock times per local date, converted to UTC by `wall_to_utc`, so clock
changes in either zone are exact. The same functions serve scheduled and returned calls (P3.4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from callwise.domain.courtesy_spans import (
    DAY,
    HORIZON,
    Policy,
    Range,
    Span,
    Tag,
    clip,
    dates,
    day_plan,
    offset_changes,
    on_day,
    to_utc,
    within,
)
from callwise.domain.model import Contact, RelationshipKind
from callwise.domain.settings import Settings, format_ranges
from callwise.domain.stated_hours import StatedHours, parse_stated_hours
from callwise.domain.zones import (
    Location,
    country_phrase,
    location_inputs,
    public_holiday,
    resolve_location,
)

__all__ = ["CourtesyPlanner", "PolicyKey", "Tag", "Verdict", "Window", "next_window", "windows"]

HolidayLookup = Callable[[str, str, dt.date], str | None]
UTC = dt.UTC


@dataclass(frozen=True, slots=True)
class Window:
    """A time to call, in the contact's zone and in the user's home zone (P3.1, P3.2)."""

    start: dt.datetime
    end: dt.datetime
    home_start: dt.datetime
    home_end: dt.datetime
    tag: Tag

    def contains(self, at: dt.datetime) -> bool:
        """Whether the instant `at` falls in [start, end), compared in UTC."""
        return self.start.astimezone(UTC) <= at.astimezone(UTC) < self.end.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether calling at one instant is courteous, and why in words (P3.1-P3.3)."""

    ok: bool
    reason: str
    local_time: dt.datetime
    location: Location
    tag: Tag | None = None


@dataclass(frozen=True, slots=True)
class PolicyKey:
    """Everything windows depend on besides settings: contacts sharing it share windows."""

    zone: str
    policy: Policy
    country: str = ""
    subdivision: str = ""
    stated: StatedHours | None = None


def policy_key(contact: Contact, home_zone: str) -> PolicyKey:
    """The contact's zone, policy, holiday region and stated hours (P3.1-P3.3)."""
    return key_for(resolve_location(contact, home_zone), contact.kind, contact.availability)


def key_for(location: Location, kind: RelationshipKind, availability: str) -> PolicyKey:
    """The key of an already resolved location; raises ValidationError on unreadable hours."""
    stated = parse_stated_hours(availability) if availability.strip() else None
    business = kind in (RelationshipKind.BUSINESS, RelationshipKind.ORGANIZATION)
    policy: Policy = "business" if business else "personal"
    return PolicyKey(location.zone, policy, location.country, location.subdivision, stated)


def _blocking_holiday(key: PolicyKey, day: dt.date, planner: CourtesyPlanner) -> str | None:
    """The holiday that rules out calling on this local date: any for business, else by settings."""
    if key.policy == "personal" and planner.settings.personal_calls_on_holidays:
        return None
    return planner.holidays(key.country, key.subdivision, day) if key.country else None


def _wall_spans(
    key: PolicyKey, first: dt.date, last: dt.date, planner: CourtesyPlanner
) -> list[Span]:
    """The contact's courteous wall-clock ranges on local dates first..last (P3.1-P3.3)."""
    days = dates(first, last)
    open_days = [d for d in days if _blocking_holiday(key, d, planner) is None]
    settings = planner.settings
    if key.stated is None:
        plans = ((day, day_plan(key.policy, day.weekday(), settings)) for day in open_days)
        return [(*on_day(day, a, b), tag) for day, plan in plans for a, b, tag in plan]
    # Stated hours win (P3.3); stated days without a time of day keep the quiet hours (P3.2).
    if key.stated.all_day:
        allowed = [on_day(day, settings.quiet_start, settings.quiet_end) for day in open_days]
    else:
        allowed = [
            (a, a + DAY) for a, _ in (on_day(day, dt.time(), dt.time()) for day in open_days)
        ]
    begin = dt.datetime.combine(days[0], dt.time())
    opened = key.stated.open_intervals(begin, begin + len(days) * DAY)
    return within([(a, b, "preferred") for a, b in opened], allowed)


@lru_cache(maxsize=1024)
def _user_ranges(
    planner: CourtesyPlanner, start: dt.datetime, end: dt.datetime
) -> tuple[Range, ...]:
    """The user's own calling hours on calling days, in naive UTC, around [start, end)."""
    zone, settings = ZoneInfo(planner.home_zone), planner.settings
    aware = start.replace(tzinfo=UTC), end.replace(tzinfo=UTC)
    days = dates(aware[0].astimezone(zone).date(), aware[1].astimezone(zone).date())
    hours = clip(settings.calling_hours, dt.time.min, dt.time.max)
    wall: list[Span] = [
        (*on_day(day, a, b), "preferred")
        for day in days
        if day.weekday() in settings.calling_days
        for a, b in hours
    ]
    return tuple((a, b) for a, b, _ in to_utc(wall, zone))


@lru_cache(maxsize=8192)
def _key_spans(
    key: PolicyKey, start: dt.datetime, end: dt.datetime, planner: CourtesyPlanner
) -> tuple[Span, ...]:
    """The windows of a policy key in [start, end), as naive UTC spans (P3.1-P3.3)."""
    zone = ZoneInfo(key.zone)
    first = start.replace(tzinfo=UTC).astimezone(zone).date()
    last = end.replace(tzinfo=UTC).astimezone(zone).date()
    spans = within(to_utc(_wall_spans(key, first, last, planner), zone), [(start, end)])
    return tuple(within(spans, _user_ranges(planner, start, end)))


def _no_holidays(country: str, subdivision: str, day: dt.date) -> str | None:
    return None


def _aware_utc(moment: dt.datetime, name: str) -> dt.datetime:
    """A naive UTC datetime from an aware one; naive input is refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware (callwise never guesses a zone)")
    return moment.astimezone(UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class CourtesyPlanner:
    """The user's settings, home zone and holiday calendar: computes windows per policy key.

    Contacts with equal `PolicyKey`s share their windows, so planning many is cheap (P3.1-P3.3).
    """

    settings: Settings
    home_zone: str
    holidays: HolidayLookup = public_holiday

    def key(self, contact: Contact) -> PolicyKey:
        """The contact's zone, policy, holiday region and stated hours."""
        return policy_key(contact, self.home_zone)

    def windows(self, key: PolicyKey, start: dt.datetime, end: dt.datetime) -> tuple[Window, ...]:
        """Sorted, disjoint windows inside [start, end) for every contact sharing `key`."""
        start_utc, end_utc = _aware_utc(start, "start"), _aware_utc(end, "end")
        if end_utc <= start_utc:
            return ()
        return tuple(self._window(key, span) for span in _key_spans(key, start_utc, end_utc, self))

    def _window(self, key: PolicyKey, span: Span) -> Window:
        zone, home = ZoneInfo(key.zone), ZoneInfo(self.home_zone)
        start, end = span[0].replace(tzinfo=UTC), span[1].replace(tzinfo=UTC)
        return Window(
            start.astimezone(zone),
            end.astimezone(zone),
            start.astimezone(home),
            end.astimezone(home),
            span[2],
        )

    def _first(self, key: PolicyKey, start: dt.datetime, end: dt.datetime) -> Span | None:
        """The first window in [start, end) (naive UTC), seen whole even if it runs past `end`."""
        spans = _key_spans(key, start, end, self)
        if spans and spans[0][1] == end:  # cut by the search step
            spans = _key_spans(key, spans[0][0], spans[0][0] + 2 * DAY, self)
        return spans[0] if spans else None

    def next_window(self, key: PolicyKey, after: dt.datetime) -> Window | None:
        """The first window starting within a year of `after` (it may already be open), or None."""
        start = _aware_utc(after, "after")
        span = self._first(key, start, start + 8 * DAY) or self._later(key, start)
        return None if span is None else self._window(key, span)

    def _later(self, key: PolicyKey, after: dt.datetime) -> Span | None:
        """Search past the first week; weekly hours need one week per pair of UTC offsets."""
        begin, horizon = after + 8 * DAY, after + HORIZON * DAY
        if key.stated is None or key.stated.weekly:
            # Between clock changes the pattern repeats weekly; holidays only remove windows.
            changes = {*offset_changes(key.zone, after), *offset_changes(self.home_zone, after)}
            starts = [after, *(after + (k - 1) * DAY for k in sorted(changes))]
            free = CourtesyPlanner(self.settings, self.home_zone, _no_holidays)
            possible = [s for s in starts if free._first(key, s, s + 9 * DAY) is not None]
            begin = max(begin, possible[0]) if possible else horizon
        while begin < horizon:
            span = self._first(key, begin, min(begin + 32 * DAY, horizon))
            if span is not None:
                return span
            begin += 32 * DAY
        return None

    def next_windows(self, contacts: Iterable[Contact], after: dt.datetime) -> list[Window | None]:
        """`next_window` for many contacts, in order, computed once per policy key."""
        keys: dict[tuple[object, ...], PolicyKey] = {}
        found: dict[PolicyKey, Window | None] = {}
        results: list[Window | None] = []
        for contact in contacts:
            signature = _signature(contact)
            key = keys.get(signature)
            if key is None:
                key = keys[signature] = self.key(contact)
            if key not in found:
                found[key] = self.next_window(key, after)
            results.append(found[key])
        return results

    def verdict(self, contact: Contact, at: dt.datetime) -> Verdict:
        """Whether calling at the instant `at` is courteous; yes exactly inside a window."""
        location = resolve_location(contact, self.home_zone)
        key = key_for(location, contact.kind, contact.availability)
        found = self.windows(key, at, at + dt.timedelta(seconds=1))
        local = at.astimezone(ZoneInfo(key.zone))
        if found and found[0].contains(at):
            tag = found[0].tag
            return Verdict(True, _welcome(key, local, location.place, tag), local, location, tag)
        reason = _refusal(key, local, location.place, self)
        reason = reason or _user_refusal(local, location.place, self)
        return Verdict(False, reason, local, location)


def _signature(contact: Contact) -> tuple[object, ...]:
    """What `CourtesyPlanner.key` reads of a contact: equal signatures give equal keys."""
    return (location_inputs(contact), contact.kind, contact.availability)


def windows(
    contact: Contact,
    start: dt.datetime,
    end: dt.datetime,
    settings: Settings,
    *,
    home_zone: str | None = None,
    holidays: HolidayLookup = public_holiday,
) -> list[Window]:
    """The courteous windows to call `contact` between two instants (P3.1-P3.4)."""
    planner = CourtesyPlanner(settings, home_zone or settings.home_zone, holidays)
    return list(planner.windows(planner.key(contact), start, end))


def next_window(
    contact: Contact,
    after: dt.datetime,
    settings: Settings,
    *,
    home_zone: str | None = None,
    holidays: HolidayLookup = public_holiday,
) -> Window | None:
    """When the user can next call `contact` courteously; the window may already be open (P3.4)."""
    planner = CourtesyPlanner(settings, home_zone or settings.home_zone, holidays)
    return planner.next_window(planner.key(contact), after)


def _welcome(key: PolicyKey, local: dt.datetime, place: str, tag: Tag) -> str:
    """Why an instant is a good (or acceptable) time, in words (P3.1, P3.3)."""
    clock = f"{local:%H:%M} in {place}"
    if key.stated is not None:
        return f"{clock}: within the hours they gave ({key.stated.osm})"
    if tag == "preferred":
        return f"{clock}: a good time"
    return f"{clock}: acceptable, though mid-afternoon or early evening is better"


def _refusal(key: PolicyKey, local: dt.datetime, place: str, planner: CourtesyPlanner) -> str:
    """The first of the contact's rules that `local` breaks, in words; '' when none does."""
    settings = planner.settings
    clock, wall = f"{local:%H:%M} in {place}", local.replace(tzinfo=None)
    if key.stated is not None and not key.stated.is_open(wall):
        return f"outside the hours they gave: {key.stated.osm} ({local:%a %H:%M} in {place})"
    if key.stated is None or key.stated.all_day:
        if wall.time() < settings.quiet_start:
            return f"{clock}: too early"
        if wall.time() >= settings.quiet_end:
            return f"{clock}: too late"
    holiday = _blocking_holiday(key, local.date(), planner)
    if holiday:
        rule = "no business calls" if key.policy == "business" else "you chose no personal calls"
        return f"{holiday} in {country_phrase(key.country)}: {rule} on public holidays"
    if key.stated is None and key.policy == "business":
        return _business_refusal(local, place, settings)
    return ""


def _business_refusal(local: dt.datetime, place: str, settings: Settings) -> str:
    """Working days and hours, less the busy times to avoid (P3.1)."""
    now = local.time()
    if local.weekday() not in settings.business_days:
        return f"{local:%A} in {place}: not a working day"
    if not any(a <= now < b for a, b in settings.business_hours):
        return f"{local:%H:%M} in {place}: outside working hours"
    if any(a <= now < b for a, b in settings.business_avoid):
        avoid = format_ranges(settings.business_avoid)
        return f"{local:%H:%M} in {place}: a busy time of the working day ({avoid})"
    return ""


def _user_refusal(local: dt.datetime, place: str, planner: CourtesyPlanner) -> str:
    """Why the user's own availability rules out an instant the contact would welcome."""
    settings = planner.settings
    mine = local.astimezone(ZoneInfo(planner.home_zone))
    clock = f"{local:%H:%M} in {place} is {mine:%a %H:%M} for you"
    if mine.weekday() not in settings.calling_days:
        return f"{clock}: not one of your calling days"
    if not any(a <= mine.time() < b for a, b in settings.calling_hours):
        return f"{clock}: outside your calling hours"
    return f"{local:%H:%M} in {place}: the clock changes there, so no call is planned then"

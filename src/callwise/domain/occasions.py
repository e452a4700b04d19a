"""Occasions to call: why a contact is due, in words (P6.1, P9.1-P9.5, P10.3).

Pure functions over one contact, their call log, the user's trips and custom occasions.
`today` is the contact's own local date: a birthday falls due on the day where they are (P9.1).
Each occasion says whether it happens on one day (`fixed_day`, a birthday) or can wait (a
keep-in-touch call), and whether the call needs an answer (a lunch invitation does, a birthday
wish does not: P10.3).

Decisions:
- Cadence (P6.1): due `cadence` days after the last touching contact (calls.TOUCHING: a
  conversation, a voicemail, a message left with a gatekeeper, a meeting). Never contacted: the
  clock starts on the day the contact was added (`created_at`), so a fresh import does not
  flood the first day; with no such date the contact is due at once.
- Yearly dates (birthdays, anniversaries) and custom RRULE occasions happen on one day: offered
  on that day only (never belated), and settled by any touching call logged that day.
- A connection (P9.2) and a trip invitation (P9.3) can wait until a last day (`deadline`): the
  end of the connect window, the day before the trip. They need an answer, so only a
  conversation (connected, or a meeting) settles them, not a voicemail.
- Promises count only with a due date and until marked done (P6.1).
- Attempts (P10.3): after NO_ANSWER or BUSY a retry follows `retry_gap_hours` later in a window
  that does not start in the failed call's hour, up to `retry_max_tries` attempts in a row; then,
  as after a voicemail, occasions that can wait and need no answer rest `voicemail_quiet_days`.
  After a voicemail, a call that needs an answer is retried like an unanswered one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal, get_args

from dateutil.rrule import rrule, rrulestr

from callwise.domain.calls import TOUCHING, UNANSWERED, Call, CustomOccasion, Outcome, Snooze, Trip
from callwise.domain.errors import ValidationError
from callwise.domain.model import RELATIONSHIP_KINDS, Contact, PartialDate
from callwise.domain.places import normalise_country
from callwise.domain.settings import Settings
from callwise.domain.text import fold

OccasionKind = Literal[
    "birthday", "connect", "trip", "follow-up", "cadence", "date", "custom", "retry"
]
ScriptOccasion = Literal[
    "birthday", "connect", "lunch", "follow-up", "check-in", "return-call", "custom"
]
Feb29Rule = Literal["feb28", "mar1"]
Coordinates = tuple[float, float]  # (latitude, longitude) in degrees

_RULES = ("P9.1", "P9.2", "P9.3", "P6.1", "P6.1", "P9.4", "P9.4", "P10.3")
OCCASION_RULES: Mapping[str, str] = dict(zip(get_args(OccasionKind), _RULES, strict=True))
SCRIPT_OCCASIONS: tuple[ScriptOccasion, ...] = get_args(ScriptOccasion)
_SCRIPT_BY_NAME: Mapping[str, ScriptOccasion] = {name: name for name in SCRIPT_OCCASIONS}
_ANSWER_NEEDED = frozenset({"connect", "lunch", "return-call", "organization"})  # P10.3
_CONVERSATION = frozenset({Outcome.CONNECTED, Outcome.MEETING})
_DAY = dt.timedelta(days=1)
_EARTH_RADIUS_KM = 6371.0088
_RRULE_HINT = "write an RFC 5545 rule such as FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1"


@dataclass(frozen=True, slots=True)
class Occasion:
    """One reason to call a contact, due on a date of theirs (P6.1, P9.1-P9.4, P10.3).

    `deadline` is the last day an occasion that can wait still makes sense; `not_before` and
    `last_attempt` (aware instants) keep a new attempt away from the failed one (P10.3).
    """

    contact_id: int | None
    kind: OccasionKind
    due: dt.date
    reason: str
    fixed_day: bool
    needs_answer: bool
    script: ScriptOccasion
    deadline: dt.date | None = None
    not_before: dt.datetime | None = None
    last_attempt: dt.datetime | None = None

    @property
    def rule(self) -> str:
        """The playbook rule this occasion serves."""
        return OCCASION_RULES[self.kind]


@dataclass(frozen=True, slots=True)
class PlanPolicy:
    """The knobs of occasion finding; cadences default to the user's settings (P6.1, P10.3)."""

    feb29_rule: Feb29Rule = "feb28"
    connect_window_days: int = 30
    trip_lead_days: int = 5
    trip_radius_km: float = 50.0
    retry_max_tries: int = 3
    retry_gap_hours: int = 3
    voicemail_quiet_days: int = 4
    cadence_business: int | None = 90
    cadence_personal: int | None = 30
    cadence_informal: int | None = 60
    cadence_organization: int | None = None

    def __post_init__(self) -> None:
        if self.feb29_rule not in ("feb28", "mar1"):
            raise ValidationError("use feb28 or mar1", field="feb29_rule")
        for name in ("connect_window_days", "trip_lead_days", "voicemail_quiet_days"):
            if getattr(self, name) < 0:
                raise ValidationError("a number of days cannot be negative", field=name)
        for name in ("retry_max_tries", "retry_gap_hours"):
            if getattr(self, name) < 1:
                raise ValidationError("use a whole number of at least 1", field=name)
        if self.trip_radius_km < 0:
            raise ValidationError("a distance cannot be negative", field="trip_radius_km")

    @classmethod
    def from_settings(cls, settings: Settings, **changes: Any) -> PlanPolicy:
        """The default policy with the cadences the user set (settings `cadence_*`)."""
        names = (f"cadence_{kind}" for kind in RELATIONSHIP_KINDS)
        return cls(**{**{name: getattr(settings, name) for name in names}, **changes})

    def cadence_for(self, contact: Contact) -> int | None:
        """The contact's own cadence, else the default of their relationship kind (P6.1)."""
        default: int | None = getattr(self, f"cadence_{contact.kind.value}")
        return contact.cadence_days or default


@dataclass(frozen=True, slots=True)
class TripStop:
    """One of the user's trips with the coordinates of its city, when known (P9.3)."""

    trip: Trip
    coordinates: Coordinates | None = None


@dataclass(frozen=True, slots=True)
class ContactHistory:
    """What occasion finding reads about one contact.

    `calls`: at least the latest calls and every call with an open promise, any order;
    `last_touch`: the latest touching call when `calls` is only a recent slice.
    """

    contact: Contact
    calls: tuple[Call, ...] = ()
    last_touch: Call | None = None
    trips: tuple[TripStop, ...] = ()
    snoozes: tuple[Snooze, ...] = ()
    custom: tuple[CustomOccasion, ...] = ()
    coordinates: Coordinates | None = None


def distance_km(a: Coordinates, b: Coordinates) -> float:
    """Great-circle distance between two (latitude, longitude) points, by haversine (P9.3)."""
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def yearly_date(date: PartialDate, year: int, rule: Feb29Rule = "feb28") -> dt.date:
    """The day a yearly date falls on in `year`; 29 Feb in a common year by `rule` (P9.1)."""
    if (date.month, date.day) == (2, 29) and not calendar.isleap(year):
        return dt.date(year, 3, 1) if rule == "mar1" else dt.date(year, 2, 28)
    return dt.date(year, date.month, date.day)


def day_text(day: dt.date, today: dt.date) -> str:
    """'12 Nov', with the year when it is not `today`'s."""
    text = f"{day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"


def span_text(start: dt.date, end: dt.date) -> str:
    """'3-5 Dec', '30 Nov-2 Dec' or '3 Dec' for a trip."""
    if start >= end:
        return f"{start.day} {start:%b}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}-{end.day} {end:%b}"
    return f"{start.day} {start:%b}-{end.day} {end:%b}"


def _when(day: dt.date, today: dt.date) -> str:
    return "today" if day == today else f"on {day:%a} {day_text(day, today)}"


def check_rrule(text: str, start: dt.date | None = None) -> str:
    """The RRULE value of `text` (with or without 'RRULE:'); a bad rule names the fix (P9.4).

    Occasions fall on days, so FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY.
    """
    body = text.strip().upper().removeprefix("RRULE:").strip()
    if not body or any(c in body for c in ":\n\r"):
        raise ValidationError(f"{text!r} is not one recurrence rule; {_RRULE_HINT}", field="rrule")
    parts = dict(p.partition("=")[::2] for p in body.split(";"))
    if parts.get("FREQ") not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        raise ValidationError(
            f"{text!r}: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY; {_RRULE_HINT}", field="rrule"
        )
    try:
        _parse_rule(body, start or dt.date(2000, 1, 1))
    except (ValueError, TypeError, KeyError) as exc:
        raise ValidationError(
            f"{text!r} is not a valid rule ({exc}); {_RRULE_HINT}", field="rrule"
        ) from None
    return body


def _parse_rule(body: str, start: dt.date) -> tuple[rrule, dt.tzinfo | None]:
    """The rule and the zone of its start: UNTIL in UTC ('...Z') needs an aware start."""
    begin = dt.datetime.combine(start, dt.time())
    zone: dt.tzinfo | None = None
    try:
        found = rrulestr(body, dtstart=begin)
    except ValueError as exc:
        if "UNTIL" not in str(exc):
            raise
        zone = dt.UTC
        found = rrulestr(body, dtstart=begin.replace(tzinfo=zone))
    if not isinstance(found, rrule):
        raise ValueError("one RRULE only")
    return found, zone


def occurrences(custom: CustomOccasion, first: dt.date, last: dt.date) -> list[dt.date]:
    """The days from `first` to `last` on which a custom occasion falls (RFC 5545, P9.4)."""
    rule, zone = _parse_rule(check_rrule(custom.rrule, custom.start), custom.start)
    low = dt.datetime.combine(first, dt.time(), zone)
    found = rule.between(low, dt.datetime.combine(last, dt.time.max, zone), inc=True)
    return sorted({moment.date() for moment in found})


@dataclass(frozen=True, slots=True)
class _Scope:
    history: ContactHistory
    today: dt.date
    until: dt.date
    policy: PlanPolicy
    zone: dt.tzinfo
    calls: tuple[Call, ...]  # sorted by time

    @property
    def contact(self) -> Contact:
        return self.history.contact

    def day_of(self, moment: dt.datetime) -> dt.date:
        return moment.astimezone(self.zone).date()

    def touched_on(self, day: dt.date) -> bool:
        return any(c.outcome in TOUCHING and self.day_of(c.at) == day for c in self.calls)

    def talked_since(self, day: dt.date) -> bool:
        return any(c.outcome in _CONVERSATION and self.day_of(c.at) >= day for c in self.calls)

    def occasion(self, kind: OccasionKind, due: dt.date, reason: str, **more: Any) -> Occasion:
        fixed = kind in ("birthday", "date", "custom")
        needs = kind in ("connect", "trip")
        values: dict[str, Any] = {"fixed_day": fixed, "needs_answer": needs, **more}
        script = values.pop("script", "check-in")
        return Occasion(self.contact.id, kind, due, reason, script=script, **values)


def _yearly_days(date: PartialDate, s: _Scope) -> list[dt.date]:
    days = (
        yearly_date(date, y, s.policy.feb29_rule) for y in range(s.today.year, s.until.year + 1)
    )
    return [d for d in days if s.today <= d <= s.until and not s.touched_on(d)]


def _birthdays(s: _Scope) -> list[Occasion]:
    """A birthday on the contact's local date, with the age and round numbers (P9.1)."""
    born = s.contact.birthday
    if born is None:
        return []
    found = []
    for day in _yearly_days(born, s):
        reason = f"Birthday {_when(day, s.today)}"
        if born.year is not None and day.year > born.year:
            age = day.year - born.year
            reason += f": turns {age}" + (" (a round number)" if age % 10 == 0 else "")
        if (born.month, born.day) == (2, 29) and (day.month, day.day) != (2, 29):
            reason += f" (born on 29 Feb; marked on {day_text(day, day)} in a common year)"
        found.append(s.occasion("birthday", day, reason, script="birthday"))
    return found


def _other_dates(s: _Scope) -> list[Occasion]:
    """Anniversaries and other dates, yearly, with the number of years when known (P9.4)."""
    found = []
    for other in s.contact.other_dates:
        label = other.label.strip() or "Anniversary"
        for day in _yearly_days(other.date, s):
            years = None if other.date.year is None else day.year - other.date.year
            if years is not None and years < 0:
                continue
            extra = f" ({years} year{'s' if years != 1 else ''})" if years else ""
            reason = f"{label[:1].upper()}{label[1:]} {_when(day, s.today)}{extra}"
            found.append(s.occasion("date", day, reason))
    return found


def _custom(s: _Scope) -> list[Occasion]:
    """The user's own occasions, on each day their RRULE gives (P9.4)."""
    found = []
    ours = (c for c in s.history.custom if s.contact.id in (None, c.contact_id))
    for custom in ours:
        for day in occurrences(custom, s.today, s.until):
            if not s.touched_on(day):
                reason = f"{custom.label.strip() or 'Your occasion'} {_when(day, s.today)}"
                more = {"needs_answer": custom.needs_answer, "script": "custom"}
                found.append(s.occasion("custom", day, reason, **more))
    return found


def _connection(s: _Scope) -> list[Occasion]:
    """A new connection: call while it is fresh, within the connect window (P9.2, P9.5)."""
    on = s.contact.connected_on
    if on is None:
        return []
    last = on + s.policy.connect_window_days * _DAY
    if on > s.until or s.today > last or s.talked_since(on):
        return []
    linkedin = s.contact.source.lower() == "linkedin" or bool(s.contact.linkedin_url)
    where = " on LinkedIn" if linkedin else ""
    reason = (
        f"Asked to connect{where} on {day_text(on, s.today)}: call by {day_text(last, s.today)}"
    )
    return [s.occasion("connect", on, reason, script="connect", deadline=last)]


def _near(s: _Scope, stop: TripStop) -> bool:
    """Within the trip radius, or in the trip's city when coordinates are missing (P9.3)."""
    if s.history.coordinates is not None and stop.coordinates is not None:
        return distance_km(s.history.coordinates, stop.coordinates) <= s.policy.trip_radius_km
    city = fold(s.contact.city.split(",")[0])
    if not city or city != fold(stop.trip.city.split(",")[0]):
        return False
    ours, theirs = _country(s.contact.country), _country(stop.trip.country)
    return not ours or not theirs or ours == theirs


def _country(text: str) -> str:
    try:
        return normalise_country(text)
    except ValidationError:
        return fold(text)


def _trips(s: _Scope) -> list[Occasion]:
    """An invitation to lunch or coffee a few days before the user's trip nearby (P9.3)."""
    found = []
    for stop in s.history.trips:
        trip = stop.trip
        due = trip.start - s.policy.trip_lead_days * _DAY
        last = max(due, trip.start - _DAY)
        if due > s.until or s.today > last or s.talked_since(due) or not _near(s, stop):
            continue
        when = span_text(trip.start, trip.end)
        reason = f"You'll be in {trip.city} {when}: invite to lunch or coffee"
        found.append(s.occasion("trip", due, reason, script="lunch", deadline=last))
    return found


def _promise_reason(text: str, due: dt.date, today: dt.date) -> str:
    words = text.strip().rstrip(".")
    if words[:1].isupper() and words[1:2].islower():
        words = words[:1].lower() + words[1:]
    if not words.startswith("to "):
        words = f"to {words}"
    return f"You promised {words} (due {day_text(due, today)})"


def _follow_ups(s: _Scope) -> list[Occasion]:
    """Open promises with a due date, the next call agreed, a call back asked for (P6.1)."""
    found: dict[tuple[str, dt.date], Occasion] = {}
    for call in s.calls:
        for p in call.promises:
            if not p.done and p.due is not None and p.due <= s.until:
                reason = _promise_reason(p.text, p.due, s.today)
                found[(reason, p.due)] = s.occasion("follow-up", p.due, reason, script="follow-up")
    agreed = [c for c in s.calls if c.follow_up is not None]
    if agreed and agreed[-1].follow_up is not None:
        call, due = agreed[-1], agreed[-1].follow_up
        later = any(c.outcome in TOUCHING and c.at > call.at for c in s.calls)
        if not later and due <= s.until:
            said = f"in the call of {day_text(s.day_of(call.at), s.today)}"
            reason = f"You agreed {said} to talk again on {day_text(due, s.today)}"
            found[(reason, due)] = s.occasion("follow-up", due, reason, script="follow-up")
    return [*found.values(), *_call_back(s)]


def _call_back(s: _Scope) -> list[Occasion]:
    """They asked to be called back: at their time when they gave one (P3.4, P10.3)."""
    if not s.calls or s.calls[-1].outcome is not Outcome.CALL_BACK:
        return []
    call = s.calls[-1]
    when = call.call_back_at or call.at + s.policy.retry_gap_hours * dt.timedelta(hours=1)
    day = s.day_of(when)
    if day > s.until:
        return []
    clock = f" at {when.astimezone(s.zone):%H:%M} their time" if call.call_back_at else ""
    reason = f"They asked you to call back on {day_text(day, s.today)}{clock}"
    fixed = call.call_back_at is not None
    more = {"fixed_day": fixed, "needs_answer": True, "not_before": when, "script": "return-call"}
    return [s.occasion("follow-up", day, reason, **more)]


def _last_touch(s: _Scope) -> Call | None:
    touching = [c for c in s.calls if c.outcome in TOUCHING]
    if s.history.last_touch is not None:
        touching.append(s.history.last_touch)
    return max(touching, key=lambda c: c.at) if touching else None


def _cadence(s: _Scope) -> list[Occasion]:
    """Keep in touch: due `cadence` days after the last touching contact (P6.1)."""
    every = s.policy.cadence_for(s.contact)
    if every is None:
        return []
    touch, created = _last_touch(s), s.contact.created_at
    if touch is not None:
        since = s.day_of(touch.at)
        ago = (s.today - since).days
        note = f"last contact {ago} day{'s' if ago != 1 else ''} ago"
    elif created is not None:
        since = s.day_of(created)
        note = f"no contact logged since you added them on {day_text(since, s.today)}"
    else:
        since, note = s.today - every * _DAY, "no contact logged yet"
    due = since + every * _DAY
    if due > s.until:
        return []
    return [s.occasion("cadence", due, f"Keep in touch every {every} days: {note}")]


def _attempts(s: _Scope) -> tuple[Call | None, int]:
    """The latest call when it reached nobody in person, and such attempts in a row (P10.3)."""
    tries = 0
    for call in reversed(s.calls):
        if call.outcome not in UNANSWERED and call.outcome is not Outcome.VOICEMAIL:
            break
        tries += 1
    return (s.calls[-1], tries) if tries else (None, 0)


def _retry(s: _Scope, latest: Call | None, tries: int) -> list[Occasion]:
    """Try again later at a different time, up to the maximum tries (P10.3)."""
    if latest is None or tries >= s.policy.retry_max_tries:
        return []
    script = _SCRIPT_BY_NAME.get(latest.occasion, "check-in")
    needs = latest.occasion in _ANSWER_NEEDED
    if latest.outcome is Outcome.VOICEMAIL and not needs:
        return []
    again = latest.at + s.policy.retry_gap_hours * dt.timedelta(hours=1)
    day, on = s.day_of(again), day_text(s.day_of(latest.at), s.today)
    what = {Outcome.BUSY: f"Line busy on {on}", Outcome.NO_ANSWER: f"No answer on {on}"}
    said = what.get(latest.outcome, f"Voicemail left on {on}, and the call needs an answer")
    count = f"attempt {tries + 1} of {s.policy.retry_max_tries}"
    reason = f"{said}: try again at a different time ({count})"
    more = {"needs_answer": needs, "script": script, "not_before": again}
    return [s.occasion("retry", day, reason, last_attempt=latest.at, **more)]


def _after_attempt(o: Occasion, latest: Call | None, tries: int, s: _Scope) -> Occasion:
    """Keep a new attempt away from the failed one; rest after a voicemail (P10.3)."""
    if latest is None:
        return o
    gap = latest.at + s.policy.retry_gap_hours * dt.timedelta(hours=1)
    exhausted = tries >= s.policy.retry_max_tries
    resting = latest.outcome is Outcome.VOICEMAIL and not o.needs_answer
    if not o.fixed_day and (resting or exhausted):
        gap = max(gap, latest.at + s.policy.voicemail_quiet_days * _DAY)
        o = replace(o, due=max(o.due, s.day_of(gap)))
    not_before = gap if o.not_before is None else max(o.not_before, gap)
    return replace(o, not_before=not_before, last_attempt=latest.at)


def find_occasions(
    history: ContactHistory,
    today: dt.date,
    policy: PlanPolicy | None = None,
    *,
    until: dt.date | None = None,
    zone: dt.tzinfo | None = None,
) -> tuple[Occasion, ...]:
    """Every occasion open on `today` or falling due by `until` (default `today`), by due date.

    `today` is the contact's local date and `zone` their zone (default UTC), which dates
    calls (P9.1, P9.5, P6.1, P10.3).
    """
    last = until or today
    if last < today:
        raise ValidationError("the range ends before it starts", field="until")
    calls = tuple(sorted(history.calls, key=lambda c: c.at))
    s = _Scope(history, today, last, policy or PlanPolicy(), zone or dt.UTC, calls)
    found = [*_birthdays(s), *_other_dates(s), *_custom(s), *_connection(s), *_trips(s)]
    found += [*_follow_ups(s), *_cadence(s)]
    latest, tries = _attempts(s)
    found += _retry(s, latest, tries)
    adjusted = (_after_attempt(o, latest, tries, s) for o in found)
    return tuple(sorted((o for o in adjusted if o.due <= last), key=lambda o: (o.due, o.kind)))

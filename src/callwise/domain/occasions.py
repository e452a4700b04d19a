"""Occasions to call: why a contact is due, in words (P6.1, P9.1-P9.5, P10.3).

Pure functions over one contact, their call log, the user's trips and custom occasions. What
each kind of occasion is (its rule, script, whether it waits or needs an answer) is read from
the registry, `domain.occasion_kinds`; dates and rules live in `occasion_dates`, the inputs in
`occasion_inputs` (re-exported here).
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
- An agreed next call (`log --follow-up`) stays until it is done, a touching call made on or
  after its date, or replaced by a later call that agrees another; a call in between (about
  something else, or a quick word) does not cancel it (P6.1).
- Attempts (P10.3): after NO_ANSWER or BUSY a retry follows `retry_gap_hours` later in a window
  that does not start in the failed call's hour, up to `retry_max_tries` attempts in a row; then,
  as after a voicemail, occasions that can wait and need no answer rest `voicemail_quiet_days`.
  After a voicemail, a call that needs an answer is retried like an unanswered one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from callwise.domain.acquaintance import first_call_due
from callwise.domain.calls import TOUCHING, UNANSWERED, Call, Outcome
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, PartialDate
from callwise.domain.occasion_dates import (
    Coordinates,
    Feb29Rule,
    check_rrule,
    day_text,
    distance_km,
    occurrences,
    promise_reason,
    span_text,
    yearly_date,
)
from callwise.domain.occasion_inputs import ContactHistory, PlanPolicy, TripStop
from callwise.domain.occasion_kinds import DEFAULT_SCRIPT, REASONS, SCRIPTS, ReasonId, ScriptId
from callwise.domain.places import normalise_country
from callwise.domain.text import fold

__all__ = [
    "ContactHistory",
    "Coordinates",
    "Feb29Rule",
    "Occasion",
    "OccasionKind",
    "PlanPolicy",
    "ScriptOccasion",
    "TripStop",
    "check_rrule",
    "day_text",
    "distance_km",
    "find_occasions",
    "occurrences",
    "span_text",
    "yearly_date",
]

OccasionKind = ReasonId  # why the plan calls (domain.occasion_kinds.REASONS)
ScriptOccasion = ScriptId  # which script the call gets (domain.occasion_kinds.SCRIPTS)
_CONVERSATION = frozenset({Outcome.CONNECTED, Outcome.MEETING})
_DAY = dt.timedelta(days=1)


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
    purpose: str = ""  # what a user's own occasion is about: its label (P9.4)

    @property
    def rule(self) -> str:
        """The playbook rule this occasion serves."""
        return REASONS[self.kind].rule

    @property
    def due_by(self) -> dt.date:
        """The date it was due: its last day when it has one (P9.2, P9.3), else its due date;
        it is overdue once that date has passed (`domain.overdue`)."""
        return self.deadline or self.due


def _when(day: dt.date, today: dt.date) -> str:
    return "today" if day == today else f"on {day:%a} {day_text(day, today)}"


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
        known = REASONS[kind]
        values: dict[str, Any] = {
            "fixed_day": known.fixed_day,
            "needs_answer": known.needs_answer,
            "script": known.script,
            **more,
        }
        return Occasion(self.contact.id, kind, due, reason, **values)


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
        found.append(s.occasion("birthday", day, reason))
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
                more = {"needs_answer": custom.needs_answer, "purpose": custom.label.strip()}
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
    return [s.occasion("connect", on, reason, deadline=last)]


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
        found.append(s.occasion("trip", due, reason, deadline=last))
    return found


def _follow_ups(s: _Scope) -> list[Occasion]:
    """Open promises with a due date, the next call agreed, a call back asked for (P6.1)."""
    found: dict[tuple[str, dt.date], Occasion] = {}
    for call in s.calls:
        for p in call.promises:
            if not p.done and p.due is not None and p.due <= s.until:
                reason = promise_reason(p.text, p.due, s.today)
                found[(reason, p.due)] = s.occasion("follow-up", p.due, reason)
    agreed = _agreed(s)
    if agreed is not None and agreed[1] <= s.until:
        call, due = agreed
        said = f"in the call of {day_text(s.day_of(call.at), s.today)}"
        reason = f"You agreed {said} to talk again on {day_text(due, s.today)}"
        found[(reason, due)] = s.occasion("follow-up", due, reason)
    return [*found.values(), *_call_back(s)]


def _agreed(s: _Scope) -> tuple[Call, dt.date] | None:
    """The next call agreed in the latest call that agreed one, while it is open: a later
    agreement replaces it, and only a call made on or after its date settles it (P6.1)."""
    agreed = [c for c in s.calls if c.follow_up is not None]
    if not agreed or agreed[-1].follow_up is None:
        return None
    call, due = agreed[-1], agreed[-1].follow_up
    done = any(c.outcome in TOUCHING and c.at > call.at and s.day_of(c.at) >= due for c in s.calls)
    return None if done else (call, due)


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
    """Keep in touch: due `cadence` days after the last touching contact (P6.1), or the day
    after meeting someone new when that is sooner (`domain.acquaintance`, P9.5)."""
    every, touch, created = s.policy.cadence_for(s.contact), _last_touch(s), s.contact.created_at
    met = s.contact.met
    first = first_call_due(
        met.date, created and s.day_of(created), s.day_of(touch.at) if touch else None
    )
    found = [] if every is None else [_rhythm(s, every, touch, created)]
    if first is not None and met.date is not None:
        what = f" ({met.event.strip()})" if met.event.strip() else ""
        reason = f"You met on {day_text(met.date, s.today)}{what}: call while it is fresh"
        found.append(s.occasion("cadence", first, reason))
    return sorted((o for o in found if o.due <= s.until), key=lambda o: o.due)[:1]


def _rhythm(s: _Scope, every: int, touch: Call | None, created: dt.datetime | None) -> Occasion:
    """The keep-in-touch call `every` days after the last touch, else the day added (P6.1)."""
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
    return s.occasion("cadence", due, f"Keep in touch every {every} days: {note}")


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
    known = SCRIPTS.get(latest.occasion)
    script = known.id if known is not None and known.planned else DEFAULT_SCRIPT
    needs = known is not None and known.needs_answer is True
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

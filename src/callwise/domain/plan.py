"""Whom to call, day by day, and why: the plan (P3.1, P6.1, P9.1-P9.5, P10.2, P10.3).

The occasions of one contact merge into one call (`PlanEntry`). Priority is transparent,
printed as `priority_text`: first what happens on one day (a birthday today, or the last day
of an invitation), then the most overdue, then the nearest last day (a connection to answer
by a date), then by the start of the courteous window, so that equal entries read as a
schedule (P3.1).

Decisions:
- Plan day i is a date of the user's (home zone); for a contact it is their own date at noon
  of that day of yours (`their_first_day`), whatever the hour the plan is made, and a call on a
  fixed day is placed in a window of the contact's own date: a birthday call is on the
  birthday where they are (P9.1, P9.5).
- A personal call gets a preferred window (mid-afternoon, early evening) when that day of
  theirs and yours still has one, not the first acceptable hour (P3.1).
- "Overdue" is `domain.overdue`: days past the date an occasion was due (its last day when it
  has one), never the age of an occasion that is still in time.
- One call per contact and day: a contact's occasions due (or fixed) on the same day merge,
  and so does a call moved forward by the budget with the calls it meets. An occasion is
  never called before its due day (a trip invitation waits for its lead days, P9.3).
- The daily budget (calls and minutes) is filled in priority order. A fixed-day call is
  never pushed past its day: when it does not fit it stays, flagged `over_budget`. A call that
  can wait and does not fit (or has no courteous window left that day) moves to the next day,
  while smaller calls behind it may still fit; past the range it lands in `Plan.pushed`.
- Snoozed contacts are left out until the snooze date (their fixed days meanwhile too).
- No courteous window within a year: the call is still listed, with `window` None and a note.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from callwise.domain.courtesy import CourtesyPlanner, PolicyKey, Window
from callwise.domain.errors import ValidationError
from callwise.domain.model import Contact, RelationshipKind
from callwise.domain.occasion_kinds import DEFAULT_SCRIPT, ORGANIZATION_SCRIPT, REASONS, SCRIPTS
from callwise.domain.occasions import (
    ContactHistory,
    Occasion,
    PlanPolicy,
    day_text,
    find_occasions,
)
from callwise.domain.overdue import days_overdue, overdue_text
from callwise.domain.plan_dates import snoozed_until, their_first_day
from callwise.domain.plan_windows import call_window, their_midnight
from callwise.domain.settings import Settings
from callwise.domain.text import fold

Priority = tuple[int, int, int, float, str, int]
_NO_LAST_DAY = 100_000  # days to the last day of a call that has none
_DAY = dt.timedelta(days=1)
# Minutes a call takes by script (P10.2: keep it short), from the registry; calling an
# organization takes longer.
MINUTES = {s.id: s.minutes for s in SCRIPTS.values() if s.planned}
ORGANIZATION_MINUTES = SCRIPTS[ORGANIZATION_SCRIPT].minutes
EXTRA_OCCASION_MINUTES = 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """A contact with their open occasions (see `candidate_for`)."""

    contact: Contact
    occasions: tuple[Occasion, ...]
    snoozed_until: dt.date | None = None


@dataclass(frozen=True, slots=True)
class PlanEntry:
    """One call: a contact, the occasions it serves in words, when, and why this rank.

    `window` is the next courteous window on the entry's day (None: none within a year);
    `local_time_now` is `now` in the contact's zone (P3.1).
    """

    contact: Contact
    day: dt.date
    occasions: tuple[Occasion, ...]
    overdue_days: int
    local_time_now: dt.datetime
    window: Window | None
    estimated_minutes: int
    priority: Priority
    priority_text: str
    fixed_day: bool
    over_budget: bool = False
    notes: tuple[str, ...] = ()

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(o.reason for o in self.occasions)

    @property
    def why_now(self) -> str:
        """`priority_text` in words, without its rank (entries are shown in rank order):
        'Fixed day (birthday today)', 'Call by 3 Dec', '2 days past the date it was due'."""
        rank, _, words = self.priority_text.partition(" · ")
        if rank == "2" and self.overdue_days:
            words = overdue_text(self.overdue_days) or words
        words = words or self.priority_text
        return words[:1].upper() + words[1:]

    @property
    def needs_answer(self) -> bool:
        """Whether the voicemail asks for a call back (P10.3)."""
        return any(o.needs_answer for o in self.occasions)

    @property
    def script(self) -> str:
        """The script occasion of the leading occasion (issue 6); an organization is always
        called with its own (P1.3: the reference details), as `callwise script` does."""
        if self.contact.kind is RelationshipKind.ORGANIZATION:
            return ORGANIZATION_SCRIPT
        return self.occasions[0].script


@dataclass(frozen=True, slots=True)
class PlanDay:
    date: dt.date
    entries: tuple[PlanEntry, ...]
    minutes: int

    @property
    def calls(self) -> int:
        return len(self.entries)

    @property
    def over_budget(self) -> bool:
        return any(e.over_budget for e in self.entries)


@dataclass(frozen=True, slots=True)
class Plan:
    days: tuple[PlanDay, ...]
    pushed: tuple[PlanEntry, ...]

    @property
    def entries(self) -> tuple[PlanEntry, ...]:
        return tuple(e for day in self.days for e in day.entries)


def candidate_for(
    history: ContactHistory,
    *,
    start: dt.date,
    days: int,
    now: dt.datetime,
    planner: CourtesyPlanner,
    policy: PlanPolicy,
) -> Candidate:
    """The contact's occasions over the plan's days, dated in their own zone (P9.1)."""
    zone = ZoneInfo(planner.key(history.contact).zone)
    today = now.astimezone(zone).date()
    first = their_first_day(start, planner.home_zone, zone)
    last = max(today, first + days * _DAY)  # a day more: a fixed day may fall on your last
    found = find_occasions(history, today, policy, until=last, zone=zone)
    return Candidate(history.contact, found, snoozed_until(history.snoozes, start))


def estimate_minutes(contact: Contact, occasions: Sequence[Occasion]) -> int:
    """Minutes for one call: by script, an organization longer, a little per extra topic."""
    scripts = {o.script for o in occasions}
    if contact.kind is RelationshipKind.ORGANIZATION:
        base = ORGANIZATION_MINUTES
    else:
        base = max((MINUTES[s] for s in scripts), default=MINUTES[DEFAULT_SCRIPT])
    return base + EXTRA_OCCASION_MINUTES * max(0, len(occasions) - 1)


@dataclass(frozen=True, slots=True)
class _Draft:
    """A call not yet placed: where it stands, what it serves, why it moved."""

    contact: Contact
    occasions: tuple[Occasion, ...]
    key: PolicyKey
    first: dt.date  # the contact's date on plan day 0
    note: str = ""


@dataclass(frozen=True, slots=True)
class _Context:
    start: dt.date
    now: dt.datetime
    planner: CourtesyPlanner
    budget_calls: int
    budget_minutes: int

    @property
    def home_today(self) -> dt.date:
        return self.now.astimezone(ZoneInfo(self.planner.home_zone)).date()

    def midnight(self, index: int) -> dt.datetime:
        day = self.start + index * _DAY
        return dt.datetime.combine(day, dt.time(), ZoneInfo(self.planner.home_zone))


def _drafts(c: Candidate, ctx: _Context, days: int) -> list[tuple[int, _Draft]]:
    """The contact's occasions by plan day: fixed ones on their day, others from their due day."""
    key = ctx.planner.key(c.contact)
    first = their_first_day(ctx.start, ctx.planner.home_zone, ZoneInfo(key.zone))
    back = 0 if c.snoozed_until is None else (c.snoozed_until - ctx.start).days
    by_day: dict[int, list[Occasion]] = {}
    for o in c.occasions:
        if o.fixed_day:
            index = _fixed_index(ctx, key, o, max(0, (o.due - first).days))
        else:
            index = max((o.due - first).days, 0, back)
        if max(0, back) <= index < days:
            by_day.setdefault(index, []).append(o)
    return [(i, _Draft(c.contact, tuple(found), key, first)) for i, found in by_day.items()]


def _fixed_index(ctx: _Context, key: PolicyKey, o: Occasion, fallback: int) -> int:
    """The plan day of a fixed day's call: the day of yours on which the first courteous window
    of the contact's own date falls (P9.1, P9.5); `fallback` when that date has none left."""
    after = max(ctx.now, their_midnight(o.due, key), o.not_before or ctx.now)
    window = ctx.planner.next_window(key, after)
    if window is None or max(window.start, after).astimezone(ZoneInfo(key.zone)).date() != o.due:
        return fallback
    home = max(window.home_start, after).astimezone(ZoneInfo(ctx.planner.home_zone))
    return (home.date() - ctx.start).days


def _merged(drafts: Iterable[_Draft]) -> list[_Draft]:
    """One call per contact and day: drafts that meet (one moved by the budget) merge."""
    found: dict[object, _Draft] = {}
    for draft in drafts:
        same = draft.contact.id if draft.contact.id is not None else id(draft.contact)
        if same in found:
            kept = found[same]
            occasions = (*kept.occasions, *draft.occasions)
            draft = replace(kept, occasions=occasions, note=kept.note or draft.note)
        found[same] = draft
    return list(found.values())


def _window(ctx: _Context, draft: _Draft, index: int) -> Window | None:
    """The call's window on plan day `index` (`domain.plan_windows`, P3.1, P9.1, P10.3)."""
    after = max(ctx.now, ctx.midnight(index))
    return call_window(ctx.planner, draft.key, after, draft.occasions, ctx.midnight(index + 1))


def _last_day(occasions: Sequence[Occasion]) -> dt.date | None:
    """The nearest last day of the call's occasions that have one (P9.2, P9.3)."""
    return min((o.deadline for o in occasions if o.deadline is not None), default=None)


def _priority(rank: int, overdue: int, draft: _Draft, index: int, w: Window | None) -> Priority:
    """Fixed day first, then the most overdue, the nearest last day, the earliest window."""
    last = _last_day(draft.occasions)
    left = _NO_LAST_DAY if last is None else (last - (draft.first + index * _DAY)).days
    starts = math.inf if w is None else w.start.timestamp()
    return (rank, -overdue, left, starts, fold(draft.contact.name), draft.contact.id or 0)


def _priority_text(
    rank: int, pinned: Sequence[Occasion], overdue: int, when: str, last: dt.date | None
) -> str:
    """'1 · fixed day (birthday today)', '2 · 12 days overdue' (`domain.overdue`), '2 · call
    by 26 Nov', '2 · due today'."""
    if rank == 1:
        o = pinned[0]
        what = REASONS[o.kind].priority_words or o.kind
        if o.fixed_day:
            return f"1 · fixed day ({what} {when})"
        return f"1 · {what} ({when})"
    if overdue:
        return f"2 · {overdue} day{'s' if overdue != 1 else ''} overdue"
    if last is not None:
        return f"2 · call by {day_text(last, last)}"
    return f"2 · due {when}"


def _off_their_day(window: Window, pinned: Sequence[Occasion]) -> bool:
    """A fixed day's call whose window is not on the contact's own date (P9.1)."""
    return any(o.fixed_day and window.start.date() != o.due for o in pinned)


def _entry(ctx: _Context, draft: _Draft, index: int) -> PlanEntry:
    """The call as it stands on plan day `index`: window, rank, minutes, notes."""
    day, theirs = ctx.start + index * _DAY, draft.first + index * _DAY
    pinned = [o for o in draft.occasions if o.fixed_day or o.deadline == theirs]
    others = [o for o in draft.occasions if o not in pinned]
    occasions = (*pinned, *sorted(others, key=lambda o: o.due))
    overdue = max(0, *(days_overdue(o.due_by, theirs) for o in occasions))
    window = _window(ctx, draft, index)
    rank = 1 if pinned else 2
    when = "today" if day == ctx.home_today else f"{day:%a} {day_text(day, day)}"
    notes = [draft.note] if draft.note else []
    if window is None:
        notes.append("no courteous time to call within a year: check their stated hours (P3.3)")
    elif rank == 1 and (window.home_start.date() > day or _off_their_day(window, pinned)):
        notes.append(f"no courteous time left that day; the next is {window.start:%a %H:%M} theirs")
    return PlanEntry(
        contact=draft.contact,
        day=day,
        occasions=occasions,
        overdue_days=overdue,
        local_time_now=ctx.now.astimezone(ZoneInfo(draft.key.zone)),
        window=window,
        estimated_minutes=estimate_minutes(draft.contact, occasions),
        priority=_priority(rank, overdue, draft, index, window),
        priority_text=_priority_text(rank, pinned, overdue, when, _last_day(occasions)),
        fixed_day=bool(pinned),
        notes=tuple(notes),
    )


def _still_open(draft: _Draft, index: int) -> _Draft | None:
    """Drop occasions past their last day; a call with none left is dropped."""
    theirs = draft.first + index * _DAY
    kept = tuple(o for o in draft.occasions if o.deadline is None or o.deadline >= theirs)
    return replace(draft, occasions=kept) if kept else None


def _fill_day(
    ctx: _Context, index: int, drafts: Sequence[_Draft]
) -> tuple[list[PlanEntry], list[_Draft]]:
    """Place calls in priority order within the budget; return the placed and the moved."""
    alive = [d for d in (_still_open(d, index) for d in _merged(drafts)) if d is not None]
    scored = sorted(((_entry(ctx, d, index), d) for d in alive), key=lambda pair: pair[0].priority)
    day = ctx.start + index * _DAY
    placed: list[PlanEntry] = []
    moved: list[_Draft] = []
    calls = minutes = 0
    for entry, draft in scored:
        fits = calls < ctx.budget_calls and minutes + entry.estimated_minutes <= ctx.budget_minutes
        too_late = entry.window is not None and entry.window.home_start.date() > day
        if not entry.fixed_day and (too_late or not fits):
            why = "no courteous time left that day" if too_late else "the daily budget was full"
            moved.append(replace(draft, note=f"moved from {day:%a} {day_text(day, day)}: {why}"))
            continue
        if not fits:
            note = "over your daily budget: kept, as it happens on this day"
            entry = replace(entry, over_budget=True, notes=(*entry.notes, note))
        placed.append(entry)
        calls, minutes = calls + 1, minutes + entry.estimated_minutes
    return placed, moved


def build_plan(
    candidates: Iterable[Candidate],
    start: dt.date,
    days: int,
    now: dt.datetime,
    settings: Settings,
    planner: CourtesyPlanner,
    budget_calls: int | None = None,
    budget_minutes: int | None = None,
) -> Plan:
    """The calls of `days` days from `start` (the user's dates), within the daily budget.

    Budgets default to the settings `daily_calls` and `daily_minutes` (P9.5, P10.2).
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValidationError("the time must carry a UTC offset or zone", field="now")
    if days < 1:
        raise ValidationError("plan at least one day", field="days")
    calls = settings.daily_calls if budget_calls is None else budget_calls
    minutes = settings.daily_minutes if budget_minutes is None else budget_minutes
    if calls < 1 or minutes < 1:
        raise ValidationError("a daily budget must be at least 1", field="budget")
    ctx = _Context(start, now, planner, calls, minutes)
    queue: dict[int, list[_Draft]] = {}
    for candidate in candidates:
        for index, draft in _drafts(candidate, ctx, days):
            queue.setdefault(index, []).append(draft)
    plan_days: list[PlanDay] = []
    carried: list[_Draft] = []
    for index in range(days):
        placed, carried = _fill_day(ctx, index, [*carried, *queue.get(index, [])])
        total = sum(e.estimated_minutes for e in placed)
        plan_days.append(PlanDay(start + index * _DAY, tuple(placed), total))
    alive = [d for d in (_still_open(d, days) for d in carried) if d is not None]
    pushed = sorted((_entry(ctx, d, days) for d in alive), key=lambda e: e.priority)
    return Plan(tuple(plan_days), tuple(pushed))

"""`callwise today`: today's calls in full, then what is left and the week ahead (P9.5).

Decisions:
- Today is planned in full (`plan_days` for one day). The week ahead is a summary from
  indexed counts, not six more plans: per day, the birthdays and other yearly dates, the
  connections reaching their last day to call (P9.2) and the trips starting; plus the calls
  due that did not fit today. Counts go by the user's dates (a contact's own date can differ
  by one day), so they read as "about"; `callwise week` plans the days themselves.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from callwise.domain.occasions import PlanPolicy
from callwise.domain.plan import Plan, PlanEntry
from callwise.services.app import App
from callwise.services.cache import remembered
from callwise.services.plan import PlanReport, home_today, plan_report
from callwise.store import activity, candidates

WEEK_AHEAD_DAYS = 6
NEXT_CALL_DAYS = 7  # how far `next_call` looks past today
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class DayOutlook:
    """What falls on one coming day, by count."""

    date: dt.date
    birthdays: int
    dates: int
    connection_deadlines: int
    trips_starting: int

    @property
    def total(self) -> int:
        return self.birthdays + self.dates + self.connection_deadlines

    def words(self, calls: int) -> str:
        """The `calls` planned on the day, then what falls on it, counted (P9.1-P9.3): what
        Today's week ahead says on every surface."""
        parts = [_plural(calls, "call") + " planned"] if calls else []
        if self.birthdays:
            parts.append(_plural(self.birthdays, "birthday"))
        if self.dates:
            many = "anniversaries or other dates"
            parts.append(_plural(self.dates, "anniversary or other date", many))
        if self.connection_deadlines:
            parts.append(_plural(self.connection_deadlines, "connection") + " to call by then")
        if self.trips_starting:
            parts.append(_plural(self.trips_starting, "trip") + " of yours starting")
        return ", ".join(parts) or "nothing planned"


def _plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


@dataclass(frozen=True)
class TodayReport:
    """Today's plan, the calls left in it, and the coming days in counts."""

    report: PlanReport
    week_ahead: tuple[DayOutlook, ...]

    @property
    def plan(self) -> Plan:
        return self.report.plan

    @property
    def left_calls(self) -> int:
        return len(self.plan.days[0].entries)

    @property
    def left_minutes(self) -> int:
        return self.plan.days[0].minutes

    @property
    def waiting(self) -> int:
        """Calls due that did not fit today (at most the candidates looked at)."""
        return len(self.plan.pushed)


def today(app: App) -> TodayReport:
    """`callwise today`: the plan of the user's today and the week ahead (kept while it holds:
    services/cache.py)."""
    return remembered(app, ("today",), lambda: _today(app))


def _today(app: App) -> TodayReport:
    start = home_today(app)
    return TodayReport(plan_report(app, start, 1), week_ahead(app, start + _DAY, WEEK_AHEAD_DAYS))


def week_ahead(app: App, first: dt.date, days: int) -> tuple[DayOutlook, ...]:
    """Per day from `first`: yearly dates, connection deadlines and trips starting, counted."""
    last = first + (days - 1) * _DAY
    window = PlanPolicy.from_settings(app.settings()).connect_window_days
    with app.engine.connect() as conn:
        births, others = candidates.yearly_counts(conn, first, last)
        deadlines = candidates.connection_deadlines(conn, first, last, window)
        trips = [trip for trip, _ in activity.list_trips(conn, ending_after=first)]
    found = []
    for i in range(days):
        day = first + i * _DAY
        keys = [(day.month, day.day)]
        if keys[0] == (2, 28) and not calendar.isleap(day.year):
            keys.append((2, 29))  # P9.1: marked on 28 Feb in a common year
        found.append(
            DayOutlook(
                day,
                sum(births.get(k, 0) for k in keys),
                sum(others.get(k, 0) for k in keys),
                deadlines.get(day, 0),
                sum(1 for t in trips if t.start == day),
            )
        )
    return tuple(found)


def planned_calls(app: App) -> dict[dt.date, int]:
    """How many calls the plan holds on each of the coming days (the plan `next_call` reads),
    so the week ahead never calls a day with calls quiet (issue 15.5)."""
    start = home_today(app)
    plan = plan_report(app, start, NEXT_CALL_DAYS + 1).plan
    return {day.date: len(day.entries) for day in plan.days[1:]}


def next_call(app: App) -> PlanEntry | None:
    """The first call planned after today, within `NEXT_CALL_DAYS`: what Today names once the
    calling day is over (issue 15). The days are planned as `callwise plan` plans them, so
    the calls today could not fit come first (P9.5)."""
    start = home_today(app)
    plan = plan_report(app, start, NEXT_CALL_DAYS + 1).plan
    return next((e for day in plan.days[1:] for e in day.entries), None)

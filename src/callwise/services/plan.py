"""Whom to call, day by day, and why, over stored contacts (P3.1, P6.1, P9.1-P9.5, P10.3).

The plan is computed from indexed columns, never by loading every contact (issue 5): the
contacts who may be due are found by index (`services.plan_candidates`, dispatching on the
lookups the occasion registry names), only they are loaded with their recent calls, and the
domain (`domain.plan`) merges, orders and budgets their calls.

Decisions:
- Dates: a plan day is a date of the user's home zone; a contact's occasions are dated in
  their own zone (P9.1): their date at noon of your day (`domain.plan.their_first_day`),
  at most 12 hours behind or 14 ahead of UTC, so the dates looked up run from noon of the
  first day - 12 h to noon of the last + 14 h.
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
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from callwise.domain import call_log
from callwise.domain.courtesy import CourtesyPlanner
from callwise.domain.errors import ValidationError
from callwise.domain.occasions import PlanPolicy
from callwise.domain.plan import Plan, build_plan, candidate_for
from callwise.services import plan_candidates
from callwise.services.app import App
from callwise.services.cache import remembered
from callwise.services.plan_candidates import (
    ATTEMPT_LOOKBACK_DAYS,
    CAP_FACTOR,
    PlanRange,
    trip_neighbours,
)
from callwise.services.runtime import paused_collection

__all__ = [
    "ATTEMPT_LOOKBACK_DAYS",
    "CAP_FACTOR",
    "MAX_DAYS",
    "PlanReport",
    "home_today",
    "parse_day",
    "plan_between",
    "plan_days",
    "plan_report",
    "trip_neighbours",
    "week",
]

MAX_DAYS = 366


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
    span = PlanRange(start, days, app.now, settings.home_zone)
    with paused_collection(), app.engine.connect() as conn:
        histories = plan_candidates.histories(conn, span, settings, policy)
        found = [
            candidate_for(h, start=start, days=days, now=app.now, planner=planner, policy=policy)
            for h in histories
        ]
        worth = [c for c in found if c.occasions]
        return build_plan(worth, start, days, app.now, settings, planner)

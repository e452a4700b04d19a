"""The shapes of the plan: an entry, a day, a plan, the week ahead and today (docs/json.md,
"The plan"; P3.1, P6.1, P9.1-P9.5, P10.3)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from callwise.domain.phones import dial_uri, number_to_dial
from callwise.services.shapes import day_text
from callwise.services.shapes.courtesy import optional_window_shape

if TYPE_CHECKING:
    from callwise.domain.model import Contact
    from callwise.domain.occasions import Occasion
    from callwise.domain.plan import PlanDay, PlanEntry
    from callwise.services.plan import PlanReport
    from callwise.services.today import DayOutlook, TodayReport


def dial_shape(contact: Contact) -> dict[str, Any]:
    """The contact with the number to dial (E.164) and its tel: URI, both "" when none."""
    number = number_to_dial(contact)
    return {"id": contact.id, "name": contact.name, "phone": number, "tel": dial_uri(number)}


def occasion_shape(occasion: Occasion) -> dict[str, Any]:
    return {
        "kind": occasion.kind,
        "rule": occasion.rule,
        "due": occasion.due.isoformat(),
        "deadline": day_text(occasion.deadline),
        "reason": occasion.reason,
        "needs_answer": occasion.needs_answer,
        "script": occasion.script,
    }


def entry_shape(entry: PlanEntry) -> dict[str, Any]:
    """One call: several occasions of one contact merged."""
    return {
        "contact": dial_shape(entry.contact),
        "date": entry.day.isoformat(),
        "priority": entry.priority[0],
        "priority_text": entry.priority_text,
        "why_now": entry.why_now,
        "fixed_day": entry.fixed_day,
        "reasons": list(entry.reasons),
        "occasions": [occasion_shape(o) for o in entry.occasions],
        "overdue_days": entry.overdue_days,
        "local_time_now": entry.local_time_now.isoformat(),
        "zone": str(entry.local_time_now.tzinfo),
        "window": optional_window_shape(entry.window),
        "estimated_minutes": entry.estimated_minutes,
        "over_budget": entry.over_budget,
        "needs_answer": entry.needs_answer,
        "script": entry.script,
        "notes": list(entry.notes),
    }


def day_shape(day: PlanDay) -> dict[str, Any]:
    return {
        "date": day.date.isoformat(),
        "calls": day.calls,
        "minutes": day.minutes,
        "over_budget": day.over_budget,
        "entries": [entry_shape(e) for e in day.entries],
    }


def plan_shape(report: PlanReport) -> dict[str, Any]:
    """The calls of some days within the budget; `pushed` fit none of them."""
    days = report.plan.days
    return {
        "now": report.now.isoformat(),
        "home_zone": report.home_zone,
        "from": days[0].date.isoformat(),
        "to": days[-1].date.isoformat(),
        "budget": {"calls": report.budget_calls, "minutes": report.budget_minutes},
        "days": [day_shape(d) for d in days],
        "pushed": [entry_shape(e) for e in report.plan.pushed],
    }


def outlook_shape(day: DayOutlook) -> dict[str, Any]:
    """What falls on one coming day, counted by your dates."""
    return {
        "date": day.date.isoformat(),
        "birthdays": day.birthdays,
        "dates": day.dates,
        "connection_deadlines": day.connection_deadlines,
        "trips_starting": day.trips_starting,
    }


def today_shape(report: TodayReport) -> dict[str, Any]:
    """Today's plan, what is left of it, the calls waiting, and the six days ahead."""
    return {
        **plan_shape(report.report),
        "left_today": {"calls": report.left_calls, "minutes": report.left_minutes},
        "waiting": report.waiting,
        "week_ahead": [outlook_shape(d) for d in report.week_ahead],
    }

"""The plan, today and courteous windows as the REST API gives them (docs/json.md, "The plan"
and `when`): whom to call, why, their time now, the window and the number to dial (issue 7)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, Field, WithJsonSchema

from callwise.domain.model import Contact
from callwise.domain.occasion_kinds import PLANNED_SCRIPTS, ReasonId, ScriptId
from callwise.domain.phones import tel_uri
from callwise.domain.plan import PlanDay, PlanEntry
from callwise.domain.zones import LocationSource
from callwise.services.courtesy import WhenReport
from callwise.services.plan import PlanReport
from callwise.services.today import DayOutlook, TodayReport
from callwise.web.schemas.common import ContactRef, WindowOut

# The scripts a plan can name (domain.occasion_kinds: every script but the organization call,
# which the contact's kind chooses).
PlannedScript = Annotated[
    ScriptId, WithJsonSchema({"type": "string", "enum": list(PLANNED_SCRIPTS)})
]


def dial_number(contact: Contact) -> str:
    """The first valid number (E.164), or "" when there is none."""
    return next((p.number for p in contact.phones if p.valid and p.number.strip()), "")


class EntryContact(ContactRef):
    phone: str = Field(description="The number to dial, E.164, or empty")
    tel: str = Field(description="Its tel: URI (RFC 3966), or empty")


class OccasionOut(BaseModel):
    kind: ReasonId
    rule: str = Field(description="The playbook rule it serves, e.g. P9.1")
    due: dt.date = Field(description="Their date")
    deadline: dt.date | None
    reason: str
    needs_answer: bool
    script: PlannedScript


class EntryOut(BaseModel):
    """One call: several occasions of one contact merged."""

    contact: EntryContact
    date: dt.date = Field(description="The plan day, your date")
    priority: int = Field(description="1: happens on this day; 2: can wait")
    priority_text: str
    fixed_day: bool
    reasons: list[str]
    occasions: list[OccasionOut]
    overdue_days: int
    local_time_now: dt.datetime = Field(description="Now, in their zone")
    zone: str
    window: WindowOut | None = Field(description="The next courteous window that day, or null")
    estimated_minutes: int
    over_budget: bool
    needs_answer: bool
    script: PlannedScript
    notes: list[str]

    @classmethod
    def of(cls, entry: PlanEntry) -> EntryOut:
        number = dial_number(entry.contact)
        assert entry.contact.id is not None
        return cls(
            contact=EntryContact(
                id=entry.contact.id,
                name=entry.contact.name,
                phone=number,
                tel=tel_uri(number) if number else "",
            ),
            date=entry.day,
            priority=entry.priority[0],
            priority_text=entry.priority_text,
            fixed_day=entry.fixed_day,
            reasons=list(entry.reasons),
            occasions=[
                OccasionOut(
                    kind=o.kind,
                    rule=o.rule,
                    due=o.due,
                    deadline=o.deadline,
                    reason=o.reason,
                    needs_answer=o.needs_answer,
                    script=o.script,
                )
                for o in entry.occasions
            ],
            overdue_days=entry.overdue_days,
            local_time_now=entry.local_time_now,
            zone=str(entry.local_time_now.tzinfo),
            window=WindowOut.of(entry.window),
            estimated_minutes=entry.estimated_minutes,
            over_budget=entry.over_budget,
            needs_answer=entry.needs_answer,
            script=entry.occasions[0].script,
            notes=list(entry.notes),
        )


class DayOut(BaseModel):
    date: dt.date
    calls: int
    minutes: int
    over_budget: bool
    entries: list[EntryOut] = Field(description="In priority order")

    @classmethod
    def of(cls, day: PlanDay) -> DayOut:
        return cls(
            date=day.date,
            calls=day.calls,
            minutes=day.minutes,
            over_budget=day.over_budget,
            entries=[EntryOut.of(e) for e in day.entries],
        )


class Budget(BaseModel):
    calls: int
    minutes: int


class PlanOut(BaseModel):
    """The calls of some days within your daily budget; `pushed` fit none of them."""

    now: dt.datetime
    home_zone: str
    from_: dt.date = Field(alias="from", serialization_alias="from")
    to: dt.date
    budget: Budget
    days: list[DayOut]
    pushed: list[EntryOut]

    @classmethod
    def of(cls, report: PlanReport) -> PlanOut:
        return cls.model_validate(plan_fields(report))


def plan_fields(report: PlanReport) -> dict[str, object]:
    """The keys of a plan, by their JSON names."""
    days = report.plan.days
    return {
        "now": report.now,
        "home_zone": report.home_zone,
        "from": days[0].date,
        "to": days[-1].date,
        "budget": Budget(calls=report.budget_calls, minutes=report.budget_minutes),
        "days": [DayOut.of(d) for d in days],
        "pushed": [EntryOut.of(e) for e in report.plan.pushed],
    }


class LeftToday(BaseModel):
    calls: int
    minutes: int


class Outlook(BaseModel):
    """What falls on one coming day, counted by your dates."""

    date: dt.date
    birthdays: int
    dates: int
    connection_deadlines: int
    trips_starting: int

    @classmethod
    def of(cls, day: DayOutlook) -> Outlook:
        return cls(
            date=day.date,
            birthdays=day.birthdays,
            dates=day.dates,
            connection_deadlines=day.connection_deadlines,
            trips_starting=day.trips_starting,
        )


class TodayOut(PlanOut):
    """Today's plan, what is left of it, the calls waiting, and the six days ahead."""

    left_today: LeftToday
    waiting: int = Field(description="Calls due that did not fit today")
    week_ahead: list[Outlook]

    @classmethod
    def of_today(cls, report: TodayReport) -> TodayOut:
        return cls.model_validate(
            {
                **plan_fields(report.report),
                "left_today": {"calls": report.left_calls, "minutes": report.left_minutes},
                "waiting": report.waiting,
                "week_ahead": [Outlook.of(d) for d in report.week_ahead],
            }
        )


class LocationOut(BaseModel):
    """Where their clock is, and how callwise knows (P3.1, P3.2)."""

    zone: str
    source: LocationSource
    place: str
    country: str
    subdivision: str
    detail: str
    candidates: list[str]


class WhenOut(BaseModel):
    """Their time now, whether calling now is courteous and why, and the next windows."""

    contact: ContactRef
    location: LocationOut
    now: dt.datetime
    local_time: dt.datetime
    ok: bool
    reason: str
    home_zone: str
    windows: list[WindowOut]

    @classmethod
    def of(cls, report: WhenReport) -> WhenOut:
        loc, contact = report.location, report.contact
        assert contact.id is not None
        return cls(
            contact=ContactRef(id=contact.id, name=contact.name),
            location=LocationOut(
                zone=loc.zone,
                source=loc.source,
                place=loc.place,
                country=loc.country,
                subdivision=loc.subdivision,
                detail=loc.detail,
                candidates=list(loc.candidates),
            ),
            now=report.now,
            local_time=report.verdict.local_time,
            ok=report.verdict.ok,
            reason=report.verdict.reason,
            home_zone=report.home_zone,
            windows=[w for w in map(WindowOut.of, report.windows) if w is not None],
        )

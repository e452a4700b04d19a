"""The plan, today and courteous windows as the REST API gives them (docs/json.md, "The plan"
and `when`): whom to call, why, their time now, the window and the number to dial (issue 7)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, Field, WithJsonSchema

from callwise.domain.occasion_kinds import PLANNED_SCRIPTS, ReasonId, ScriptId
from callwise.domain.zones import LocationSource
from callwise.web.schemas.common import ContactRef, WindowOut

# The scripts a plan can name (domain.occasion_kinds: every script but the organization call,
# which the contact's kind chooses).
PlannedScript = Annotated[
    ScriptId, WithJsonSchema({"type": "string", "enum": list(PLANNED_SCRIPTS)})
]


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
    why_now: str = Field(description="Why the call is on the list now, in words (as Today shows)")
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


class DayOut(BaseModel):
    date: dt.date
    calls: int
    minutes: int
    over_budget: bool
    entries: list[EntryOut] = Field(description="In priority order")


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


class TodayOut(PlanOut):
    """Today's plan, what is left of it, the calls waiting, and the six days ahead."""

    left_today: LeftToday
    waiting: int = Field(description="Calls due that did not fit today")
    week_ahead: list[Outlook]


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

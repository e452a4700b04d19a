"""/api/v1 trips, a contact's own occasions and snoozes: what the user adds to the plan by
hand (P9.3, P9.4, P9.5; issue 7)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from callwise.domain.errors import renamed_fields
from callwise.services import occasions as service
from callwise.services.shapes import agenda as shapes
from callwise.web.deps import AppDep
from callwise.web.idempotency import Idempotent
from callwise.web.schemas.common import MAX_ID, ContactId, ContactRef, Input

router = APIRouter(tags=["agenda"])
DAY_HELP = "YYYY-MM-DD, today, tomorrow, +N days or +Nw weeks"


class TripIn(Input):
    city: str
    start: str = Field(description=f"First day there: {DAY_HELP}")
    end: str = Field(description=f"Last day there: {DAY_HELP}")
    region: str = Field(default="", description="State or region, to tell cities apart")
    country: str = Field(default="", description="Country code or English name")
    notes: str = ""


class TripOut(BaseModel):
    id: int
    city: str
    region: str
    country: str
    start: dt.date
    end: dt.date
    notes: str
    latitude: float | None = Field(description="null when callwise does not know the city")
    longitude: float | None


class TripAdded(BaseModel):
    trip: TripOut
    warning: str = Field(description='"", or why no distance to contacts can be measured')


class TripList(BaseModel):
    trips: list[TripOut]


class TripRemoved(BaseModel):
    removed: int


class OccasionIn(Input):
    label: str = Field(examples=["Name day"])
    rrule: str = Field(
        description="RFC 5545 recurrence rule", examples=["FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=26"]
    )
    start: str | None = Field(default=None, description=f"When the rule starts: {DAY_HELP}")
    needs_answer: bool = Field(default=False, description="The voicemail asks for a call back")


class CustomOccasionOut(BaseModel):
    id: int
    contact: ContactRef
    label: str
    rrule: str = Field(description="Canonical, without RRULE:")
    start: dt.date
    needs_answer: bool


class OccasionAdded(BaseModel):
    occasion: CustomOccasionOut
    next_dates: list[dt.date] = Field(description="Up to three coming dates")


class SnoozeIn(Input):
    until: str = Field(description=f"Back in the plan on: {DAY_HELP}")
    reason: str = ""


class Snoozed(BaseModel):
    contact: ContactRef
    until: dt.date
    reason: str


@router.get("/trips", summary="Your trips in date order")
def get_trips(
    app: AppDep,
    past: Annotated[bool, Query(description="Include trips already over.")] = False,
) -> TripList:
    found = service.list_trips(app, include_past=past)
    return TripList.model_validate({"trips": [shapes.trip_shape(r) for r in found]})


@router.post(
    "/trips",
    status_code=201,
    summary="Record a trip: contacts near the city are invited",
    dependencies=[Idempotent],
)
def add_trip(app: AppDep, body: TripIn) -> TripAdded:
    with renamed_fields({"from": "start", "to": "end"}):
        report = service.add_trip(
            app, body.city, body.start, body.end, body.region, body.country, body.notes
        )
    return TripAdded.model_validate(shapes.trip_added_shape(report))


@router.delete("/trips/{trip_id}", summary="Forget a trip (its invitations leave the plan)")
def remove_trip(
    app: AppDep, trip_id: Annotated[int, Path(ge=1, le=MAX_ID, description="The trip's id.")]
) -> TripRemoved:
    service.remove_trip(app, trip_id)
    return TripRemoved(removed=trip_id)


@router.post(
    "/contacts/{contact_id}/occasions",
    status_code=201,
    summary="Your own occasion to call them, on the days a recurrence rule gives (P9.4)",
    dependencies=[Idempotent],
)
def add_occasion(app: AppDep, contact_id: ContactId, body: OccasionIn) -> OccasionAdded:
    report = service.add_occasion(
        app, str(contact_id), body.label, body.rrule, body.start, body.needs_answer
    )
    return OccasionAdded.model_validate(shapes.occasion_added_shape(report))


@router.post(
    "/contacts/{contact_id}/snooze",
    summary="Leave them out of the plan until a date",
    dependencies=[Idempotent],
)
def snooze(app: AppDep, contact_id: ContactId, body: SnoozeIn) -> Snoozed:
    done = service.snooze(app, str(contact_id), body.until, body.reason)
    return Snoozed.model_validate(shapes.snoozed_shape(done))

"""/api/v1 today, week, plan, a contact's courteous windows and the calendar file: whom to
call, when and why (P3.1, P6.1, P9.1-P9.5, P10.3; issue 7)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from callwise.domain.errors import renamed_fields
from callwise.services import courtesy, plan, today
from callwise.services.app import App
from callwise.services.cache import remembered
from callwise.services.calendar import calendar_export
from callwise.services.shapes import plan as shapes
from callwise.services.shapes.courtesy import when_shape
from callwise.web.deps import AppDep
from callwise.web.schemas.common import ContactId, Text
from callwise.web.schemas.plan import PlanOut, TodayOut, WhenOut

router = APIRouter(tags=["plan"])

Start = Annotated[
    Text,
    Query(description="First day: YYYY-MM-DD, today, tomorrow, +N days or +Nw weeks."),
]
Days = Annotated[int, Query(ge=1, le=plan.MAX_DAYS, description="How many days.")]
PLAN_FIELDS = {"from": "start", "to": "days"}


def file_response(media_type: str, example: str = "") -> dict[int | str, dict[str, Any]]:
    """The OpenAPI description of a 200 answered with a file of `media_type`."""
    schema = {"type": "string", **({"example": example} if example else {})}
    return {200: {"description": "The file", "content": {media_type: {"schema": schema}}}}


@router.get(
    "/today",
    summary="Today's calls in order, what is left, and the week ahead",
    response_model=TodayOut,
)
def get_today(app: AppDep) -> Response:
    return kept_json(
        app, ("api:today",), lambda: TodayOut.model_validate(shapes.today_shape(today.today(app)))
    )


@router.get("/week", summary="The next seven days of calls within your daily budget")
def get_week(app: AppDep) -> PlanOut:
    return PlanOut.model_validate(shapes.plan_shape(plan.week(app)))


@router.get(
    "/plan",
    summary="The calls of the days from `start`, within your daily budget",
    response_model=PlanOut,
)
def get_plan(app: AppDep, start: Start = "today", days: Days = 7) -> Response:
    with renamed_fields(PLAN_FIELDS):
        first = plan.parse_day(start, field="start", today=plan.home_today(app))
        return kept_json(
            app,
            ("api:plan", first, days),
            lambda: PlanOut.model_validate(shapes.plan_shape(plan.plan_report(app, first, days))),
        )


def kept_json(app: App, question: tuple[Hashable, ...], make: Callable[[], BaseModel]) -> Response:
    """The JSON of a plan, made once per data revision and minute (services/cache.py): building
    and serialising the models costs more than the plan (600 kB for a week of 20k contacts)."""
    body = remembered(app, question, lambda: make().model_dump_json(by_alias=True).encode())
    return Response(body, media_type="application/json")


@router.get(
    "/contacts/{contact_id}/windows",
    summary="Their time now, whether calling now is courteous, and the next windows",
)
def get_windows(
    app: AppDep,
    contact_id: ContactId,
    count: Annotated[int, Query(ge=1, le=20, description="How many windows.")] = 3,
) -> WhenOut:
    return WhenOut.model_validate(when_shape(courtesy.when(app, str(contact_id), count=count)))


@router.get(
    "/calendar.ics",
    summary="The planned calls and birthdays as an iCalendar file (RFC 5545)",
    response_class=Response,
    responses=file_response("text/calendar", "BEGIN:VCALENDAR\r\n..."),
)
def get_calendar(
    app: AppDep,
    start: Start = "today",
    days: Days = 7,
    birthdays: Annotated[
        Literal["range", "all"],
        Query(description="range: of planned contacts and within the days; all: every one."),
    ] = "range",
) -> Response:
    with renamed_fields(PLAN_FIELDS):
        made = calendar_export(app, start, days, birthdays=birthdays)
    return Response(
        made.data,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="callwise.ics"'},
    )

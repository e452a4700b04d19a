"""/api/v1/contacts/{id}/script and /calls: what to say, logging a call and the history
(P1-P10; issue 7)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from callwise.domain.errors import renamed_fields
from callwise.services import calls as service
from callwise.services.shapes import calls as shapes
from callwise.web.deps import AppDep
from callwise.web.idempotency import Idempotent
from callwise.web.schemas.calls import CallIn, HistoryOut, LoggedOut, OccasionName, ScriptOut
from callwise.web.schemas.common import ContactId, Text

router = APIRouter(prefix="/contacts/{contact_id}", tags=["calls"])

# The service's name of a field -> the key an API client sent.
CALL_FIELDS = {
    "duration": "duration_minutes",
    "promise": "promises",
    "due": "promises",
    "topic": "topics",
    "line": "memorable_line",
}


@router.get("/script", summary="What to say: opener, gatekeeper, small talk, close, voicemail")
def get_script(
    app: AppDep,
    contact_id: ContactId,
    occasion: Annotated[
        OccasionName | None,
        Query(description="Default: chosen from their dates and your last call."),
    ] = None,
    purpose: Annotated[Text, Query(description="What you need from them (P5.1).")] = "",
    memorable_line: Annotated[Text, Query(description="A line for the opener (P4.4).")] = "",
    recap: Annotated[Text, Query(description="What to sum up at the close (P7.1).")] = "",
    needs_answer: Annotated[
        bool | None,
        Query(
            description="Whether the voicemail asks for a call back (P10.3; default: from the "
            "occasion and what the purpose asks)."
        ),
    ] = None,
) -> ScriptOut:
    with renamed_fields(CALL_FIELDS):
        prepared = service.prepare(
            app,
            str(contact_id),
            occasion,
            purpose,
            memorable_line,
            recap,
            needs_answer=needs_answer,
        )
    return ScriptOut.model_validate(shapes.script_shape(prepared))


@router.post(
    "/calls",
    status_code=201,
    summary="Log a call and see what comes next",
    dependencies=[Idempotent],
)
def log_call(app: AppDep, contact_id: ContactId, body: CallIn) -> LoggedOut:
    with renamed_fields(CALL_FIELDS):
        logged = service.log_call(
            app,
            str(contact_id),
            body.outcome,
            note=body.note,
            duration=body.duration_minutes,
            follow_up=body.follow_up,
            promises=[(p.text, p.due) for p in body.promises],
            call_back_at=body.call_back_at,
            agent_name=body.agent_name,
            reference=body.reference,
            topics=body.topics,
            occasion=body.occasion,
            at=body.at,
            recap=body.recap,
            settle_promises=body.settle_promises,
        )
    return LoggedOut.model_validate(shapes.logged_shape(logged))


@router.get("/calls", summary="The calls with a contact, newest first")
def get_calls(
    app: AppDep,
    contact_id: ContactId,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many calls.")] = 20,
) -> HistoryOut:
    return HistoryOut.model_validate(
        shapes.timeline_shape(service.timeline(app, str(contact_id), limit))
    )

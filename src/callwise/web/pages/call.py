"""The call guide: the stages of a call with their script text and a notes field each, the
outcome buttons, and what was scheduled once the call is logged (issue 7, P1-P10).

Without JavaScript the guide is one long form, a section per stage; static/call.js turns it
into a stepper (one stage at a time, the branch chosen by who answered, the voicemail timer).
Logging goes through services.calls.log_call, as `callwise call` does: one rule, one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import FormData

from callwise.domain.errors import ConflictError, ValidationError
from callwise.domain.occasion_kinds import script_labels
from callwise.domain.scripts import VOICEMAIL_LIMIT_SECONDS, Section, is_cue
from callwise.services import calls, first_run
from callwise.services.app import App
from callwise.services.calls import LoggedCall, Prepared
from callwise.services.contacts import add_phone, get_contact
from callwise.web.deps import AppDep, CsrfDep, redirect_with_flash, render
from callwise.web.idempotency import FormIdempotent

router = APIRouter()

# Who answered decides the branch of the walk (P2.3, P10.1).
BRANCHES = (
    ("answered", "They answered"),
    ("gatekeeper", "An assistant or switchboard answered"),
    ("no_answer", "No answer: voicemail"),
)
# The conversation, in the script's own order (P2.5-P7.2, P8.1); each stage is a script section.
TALK_STAGES = ("opener", "confirm", "small_talk", "next_call", "purpose", "identity", "close")
STAGE_LABELS = {
    "gatekeeper": "Gatekeeper",
    "opener": "Opener",
    "confirm": "Confirmation",
    "small_talk": "Small talk",
    "purpose": "Purpose",
    "identity": "Their name and reference",
    "next_call": "Next call",
    "close": "Close",
    "voicemail": "Voicemail",
    "general": "Other notes",
}
NOTE_ORDER = tuple(STAGE_LABELS)
# The outcome buttons (domain.calls.Outcome values), and the ones each branch leads to.
OUTCOMES = (
    ("connected", "We talked"),
    ("voicemail", "Left voicemail"),
    ("no_answer", "No answer, no message"),
    ("busy", "Line busy"),
    ("gatekeeper", "Left a message with the gatekeeper"),
    ("call_back", "They asked me to call back"),
    ("wrong_number", "Wrong number"),
    ("meeting", "We met in person"),
)
# The outcomes "How did it go?" offers after a call dialled from Today or a contact's page
# (issue 15): the guide's buttons, less a meeting, which is not a call.
QUICK_OUTCOMES = tuple((value, label) for value, label in OUTCOMES if value != "meeting")
BRANCH_OUTCOMES = {
    "answered": ("connected", "call_back", "wrong_number"),
    "gatekeeper": ("gatekeeper", "call_back", "connected"),
    "no_answer": ("voicemail", "no_answer", "busy"),
}
PROMISE_SLOTS = (1, 2, 3)


def day(value: dt.date) -> str:
    """'Tue 24 Nov 2026', as the CLI writes dates."""
    return f"{value:%a} {value.day} {value:%b} {value.year}"


def stamp(moment: dt.datetime, zone: str | None = None) -> str:
    """A moment as 'Tue 24 Nov 2026 09:00 CST', in `zone` when given."""
    local = moment.astimezone(ZoneInfo(zone)) if zone else moment
    return f"{day(local)} {local:%H:%M %Z}"


def span(start: dt.datetime, end: dt.datetime) -> str:
    """'Tue 24 Nov 2026 14:00-16:30 CST', or both ends in full across midnight."""
    if start.date() == end.date():
        return f"{day(start)} {start:%H:%M}-{end:%H:%M %Z}"
    return f"{stamp(start)} - {stamp(end)}"


DATES = {"day": day, "stamp": stamp, "span": span}


@dataclass(frozen=True)
class Stage:
    """One step of the guide: its script section (None when the script has none)."""

    key: str
    label: str
    branch: str
    section: Section | None


@dataclass
class Guide:
    """Everything the guide template shows: the script, the stages, what was typed, errors."""

    contact_id: int
    name: str
    phones: list[tuple[str, str]]
    prepared: Prepared | None
    stages: list[Stage]
    before: list[Section]
    occasion: str
    purpose: str
    needs_settings: str = ""
    needs_purpose: str = ""  # the occasion that needs a purpose typed first (P5.1)
    stand_ins: bool = False  # the script says "[your name]" (services/first_run.py)
    values: Mapping[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def _stages(prepared: Prepared | None) -> list[Stage]:
    """The gatekeeper stage (P2.3), the conversation in script order, then the voicemail."""
    script = prepared.script if prepared else None
    keys = script.keys if script else TALK_STAGES
    talk = [k for k in keys if k in TALK_STAGES and (script or k != "identity")]
    found = []
    if script is None or script.section("gatekeeper"):
        found.append(("gatekeeper", "gatekeeper"))
    found += [(k, "answered") for k in talk]
    found.append(("voicemail", "no_answer"))
    return [
        Stage(k, STAGE_LABELS[k], branch, script.section(k) if script else None)
        for k, branch in found
    ]


def _guide(
    app: App,
    contact_id: int,
    occasion: str = "",
    purpose: str = "",
    errors: dict[str, str] | None = None,
    needs_answer: bool | None = None,
) -> Guide:
    """Prepare the script; a refused occasion or purpose is shown next to its field (and the
    script for the occasion due instead); one that still fails leaves the guide without text."""
    errors = errors if errors is not None else {}
    query = f"#{contact_id}"
    prepared: Prepared | None = None
    needs, needs_purpose = "", ""
    try:
        prepared = calls.prepare(app, query, occasion or None, purpose, needs_answer=needs_answer)
    except ValidationError as exc:
        errors.setdefault(exc.field or "occasion", exc.message)
        try:
            prepared = calls.prepare(app, query)
        except ValidationError as again:
            needs = again.message
            if again.field == "purpose":
                needs_purpose = occasion or "organization"
    contact = prepared.contact if prepared else get_contact(app, contact_id)
    before = [s for s in (prepared.script.sections if prepared else ()) if not s.spoken]
    return Guide(
        contact_id=contact_id,
        name=contact.name,
        phones=[(p.number, p.label) for p in contact.phones if p.valid],
        prepared=prepared,
        stages=_stages(prepared),
        before=before,
        occasion=prepared.script.occasion if prepared else (occasion or ""),
        purpose=purpose,
        needs_settings=needs,
        needs_purpose=needs_purpose,
        stand_ins=prepared is not None and first_run.uses_placeholders(app),
        errors=errors,
    )


def _context(guide: Guide) -> dict[str, Any]:
    script = guide.prepared.script if guide.prepared else None
    return {
        "guide": guide,
        "script": script,
        "branches": BRANCHES,
        "outcomes": OUTCOMES,
        "branch_outcomes": BRANCH_OUTCOMES,
        "occasions": script_labels(),
        "promise_slots": PROMISE_SLOTS,
        "is_cue": is_cue,
        "voicemail_limit": int(VOICEMAIL_LIMIT_SECONDS),
        "voicemail_estimate": round(script.voicemail_seconds) if script else None,
        **DATES,
    }


@router.get("/contacts/{contact_id}/call", response_class=HTMLResponse)
def call_guide(
    request: Request,
    app: AppDep,
    contact_id: int,
    occasion: str = "",
    purpose: str = "",
    needs_answer: bool | None = None,
) -> HTMLResponse:
    """The guide for calling a contact now, for an occasion (default: the one due, P9);
    `needs_answer` decides whether the voicemail asks for a call back (P10.3)."""
    guide = _guide(app, contact_id, occasion, purpose, needs_answer=needs_answer)
    return render(request, "call.html", _context(guide))


def joined_notes(form: Mapping[str, str]) -> str:
    """The notes of each stage, one block each under the stage's name (as `callwise call`)."""
    blocks = []
    for key in NOTE_ORDER:
        text = form.get(f"notes_{key}", "").strip()
        if text:
            blocks.append(f"{STAGE_LABELS[key]}: {text}")
    return "\n".join(blocks)


def _text_fields(form: FormData) -> dict[str, str]:
    return {k: v.strip() if k != "outcome" else v for k, v in form.items() if isinstance(v, str)}


def _duration(text: str) -> float | None:
    if not text:
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise ValidationError(
            f"{text!r} is not a number of minutes; write e.g. 5 or 2.5", field="duration"
        ) from None


def _promises(values: Mapping[str, str]) -> list[tuple[str, str | None]]:
    found = []
    for n in PROMISE_SLOTS:
        text, due = values.get(f"promise_{n}", ""), values.get(f"promise_{n}_due", "")
        if text or due:
            found.append((text, due or None))
    return found


def _log(app: App, contact_id: int, values: Mapping[str, str]) -> LoggedCall:
    """Log the call as typed; ValidationError names the field to fix (nothing is stored)."""
    outcome = values.get("outcome", "")
    if not outcome:
        raise ValidationError("choose how the call ended with one of the buttons", field="outcome")
    topics = [t.strip() for t in values.get("topics", "").split(",") if t.strip()]
    return calls.log_call(
        app,
        f"#{contact_id}",
        outcome,
        note=joined_notes(values),
        duration=_duration(values.get("duration", "")),
        follow_up=values.get("follow_up") or None,
        promises=_promises(values),
        call_back_at=values.get("call_back_at") or None,
        agent_name=values.get("agent_name", ""),
        reference=values.get("reference", ""),
        topics=topics,
        occasion=values.get("occasion") or None,
        recap=values.get("recap", ""),
        settle_promises=values.get("settle_promises") == "on",
    )


def error_field(exc: ValidationError, values: Mapping[str, str]) -> str:
    """The form field a refused value belongs to: a promise's due date is found by its text."""
    if exc.field == "due":
        for n in PROMISE_SLOTS:
            due = values.get(f"promise_{n}_due", "")
            if due and due in exc.message:
                return f"promise_{n}_due"
        return "promise_1_due"
    if exc.field == "promise":
        return next(
            (f"promise_{n}" for n in PROMISE_SLOTS if values.get(f"promise_{n}_due")), "promise_1"
        )
    return exc.field or "outcome"


@router.post("/contacts/{contact_id}/call", dependencies=[CsrfDep, FormIdempotent])
async def log_guided_call(request: Request, app: AppDep, contact_id: int) -> Response:
    """Save the call with the notes of each stage, then go to the page of the saved call
    (post/redirect/get: reloading it saves nothing again, issue 15); a refused value
    re-renders the guide with the message next to its field (422). A call sent from the
    phone's outbox carries an Idempotency-Key: sent twice, it is logged once."""
    values = _text_fields(await request.form())
    try:
        logged = _log(app, contact_id, values)
    except ValidationError as exc:
        errors = {error_field(exc, values): exc.message}
        guide = _guide(
            app, contact_id, values.get("occasion", ""), values.get("purpose", ""), errors
        )
        guide.values = values
        return render(request, "call.html", _context(guide), status_code=422)
    said = []
    if logged.settled_promises:
        said.append(f"Marked {logged.settled_promises} earlier promise(s) as kept.")
    if logged.warnings:
        said.append("Saved, with warnings:")
    url = f"/contacts/{contact_id}/calls/{logged.call.id}"
    return redirect_with_flash(request, url, " ".join(said), logged.warnings)


@router.post("/contacts/{contact_id}/call/phone", dependencies=[CsrfDep])
async def save_number(request: Request, app: AppDep, contact_id: int) -> Response:
    """The guide asked for a number (the contact had none): save it to the contact and go on
    to the guide; a number that cannot be used is shown again next to its field (issue 14)."""
    values = _text_fields(await request.form())
    typed = values.get("phone", "")
    try:
        saved = add_phone(app, contact_id, typed)
    except (ValidationError, ConflictError) as exc:
        guide = _guide(app, contact_id, errors={"phone": exc.message})
        guide.values = values
        return render(request, "call.html", _context(guide), status_code=422)
    url = f"/contacts/{contact_id}/call"
    return redirect_with_flash(request, url, f"Saved {typed} to {saved.name}; you can call now.")


@router.get("/contacts/{contact_id}/calls/{call_id}", response_class=HTMLResponse)
def saved_call(request: Request, app: AppDep, contact_id: int, call_id: int) -> HTMLResponse:
    """A saved call and what is scheduled next for the contact (P6.1, P10.3)."""
    logged = calls.logged_call(app, contact_id, call_id)
    labels = dict(OUTCOMES)
    context = {
        "logged": logged,
        "outcome_label": labels.get(logged.call.outcome.value, logged.call.outcome.value),
        "contact_id": contact_id,
        **DATES,
    }
    return render(request, "call_done.html", context)


@router.get("/contacts/{contact_id}/script", response_class=HTMLResponse)
def printable_script(
    request: Request, app: AppDep, contact_id: int, occasion: str = "", purpose: str = ""
) -> HTMLResponse:
    """The whole script on one printable page: the answered version and the voicemail (P10.4)."""
    guide = _guide(app, contact_id, occasion, purpose)
    return render(request, "call_script.html", _context(guide))

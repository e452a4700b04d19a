"""A contact's page and removing a contact (issue 7).

The page shows the profile (P1.1, P1.2, P2.3, P4.2), their local time and whether now is
courteous (P3.1-P3.3), the calls in the plan of the coming week, the timeline of calls and
notes (P7.1), and the script for the next call as readable stages (P1-P10).

Decisions:
- Upcoming calls are the contact's entries in the plan of the coming week (`callwise week`,
  the same plan as Today, so both agree, and kept in memory by the service), plus a call due
  that waits for room in the budget. A longer plan costs seconds at 20k contacts; a service
  answering for one contact would let the page look further ahead.
- The script is for the occasion of the next planned call, else the one a call now would
  have; a script that cannot be made (your name or number not set, an organization call
  without a purpose) says why and where to fix it instead of failing the page.
- Removing asks on a page of its own first; the flash says a JSON backup restores the contact.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from callwise.domain.errors import CallwiseError, ValidationError
from callwise.domain.model import Contact
from callwise.domain.occasions import PlanPolicy
from callwise.domain.phones import number_to_dial
from callwise.domain.plan import PlanEntry
from callwise.services import calls, contacts, courtesy, first_run
from callwise.services.app import App
from callwise.services.calls import Prepared
from callwise.services.plan import week
from callwise.web.deps import AppDep, CsrfDep, redirect_with_flash, render
from callwise.web.pages.call import QUICK_OUTCOMES

TIMELINE_LIMIT = 20
OUTCOME_WORDS = {
    "connected": "Connected",
    "voicemail": "Left voicemail",
    "no_answer": "No answer",
    "busy": "Busy",
    "gatekeeper": "Gatekeeper (message left)",
    "wrong_number": "Wrong number",
    "call_back": "Asked to call back",
    "meeting": "Met in person",
}
SOURCE_WORDS = {
    "explicit": "the time zone you gave",
    "city": "their city",
    "phone": "their phone number",
    "unknown": "nothing known, so your own zone is assumed",
}

router = APIRouter()


@dataclass(frozen=True)
class Upcoming:
    """The contact's calls in the plan of the coming week, and one due that waits for room."""

    entries: tuple[PlanEntry, ...]
    waiting: PlanEntry | None


@dataclass(frozen=True)
class ScriptView:
    """The script for the next call, or why there is none; `stand_ins` when it still says
    "[your name]" or "[your number]" (services/first_run.py)."""

    prepared: Prepared | None
    problem: str = ""
    stand_ins: bool = False
    needs_purpose: str = ""  # the occasion that needs a purpose typed first (P5.1)


def upcoming_calls(app: App, contact_id: int) -> Upcoming:
    report = week(app)
    mine = tuple(e for e in report.plan.entries if e.contact.id == contact_id)
    waiting = next((e for e in report.plan.pushed if e.contact.id == contact_id), None)
    return Upcoming(mine, waiting)


def next_script(app: App, contact: Contact, upcoming: Upcoming) -> ScriptView:
    """The script `callwise script` gives (the plan's reason, services/reason.py), else the
    planned occasion's when that one cannot be prepared."""
    planned = upcoming.entries[0] if upcoming.entries else upcoming.waiting
    tries = [None, planned.script] if planned else [None]  # None: the plan's reason
    problem, needs_purpose = "", ""
    for occasion in tries:
        try:
            prepared = calls.prepare(app, str(contact.id), occasion)
            return ScriptView(prepared, stand_ins=first_run.uses_placeholders(app))
        except ValidationError as exc:
            problem = exc.message
            if exc.field == "purpose":
                needs_purpose = occasion or (planned.script if planned else "") or "organization"
    return ScriptView(None, problem, needs_purpose=needs_purpose)


def birthday_words(contact: Contact) -> str:
    """'15 April 1980', or '15 April' when the year is unknown."""
    born = contact.birthday
    if born is None:
        return ""
    text = f"{born.day} {calendar.month_name[born.month]}"
    return f"{text} {born.year}" if born.year else text


def _introducer(app: App, contact: Contact) -> Contact | None:
    introduced_by = contact.met.introduced_by
    if introduced_by is None:
        return None
    try:
        return contacts.get_contact(app, introduced_by)
    except CallwiseError:
        return None


@router.get("/contacts/{contact_id:int}", response_class=HTMLResponse)
def contact_page(request: Request, app: AppDep, contact_id: int) -> HTMLResponse:
    """Everything about one contact, and what to do next."""
    contact = contacts.get_contact(app, contact_id)
    query = str(contact_id)
    upcoming = upcoming_calls(app, contact_id)
    timeline = calls.timeline(app, query, limit=TIMELINE_LIMIT)
    context = {
        "c": contact,
        "when": courtesy.when(app, query, count=3),
        "timeline": timeline,
        "home": ZoneInfo(timeline.home_zone),
        "birthday": birthday_words(contact),
        "upcoming": upcoming,
        "script": next_script(app, contact, upcoming),
        "introducer": _introducer(app, contact),
        "cadence": PlanPolicy.from_settings(app.settings()).cadence_for(contact),
        "outcome_words": OUTCOME_WORDS,
        "source_words": SOURCE_WORDS,
        "dial": number_to_dial(contact),
        "outcomes": QUICK_OUTCOMES,
    }
    return render(request, "contact.html", context)


@router.get("/contacts/{contact_id:int}/remove", response_class=HTMLResponse)
def confirm_remove(request: Request, app: AppDep, contact_id: int) -> HTMLResponse:
    contact = contacts.get_contact(app, contact_id)
    calls_logged = len(calls.timeline(app, str(contact_id), limit=TIMELINE_LIMIT + 1).calls)
    context = {"c": contact, "calls_logged": calls_logged, "more": calls_logged > TIMELINE_LIMIT}
    return render(request, "partials/contact_remove.html", context)


@router.post("/contacts/{contact_id:int}/remove", dependencies=[CsrfDep])
def remove(request: Request, app: AppDep, contact_id: int) -> Response:
    removed = contacts.remove_contact(app, contact_id)
    return redirect_with_flash(
        request,
        "/contacts",
        f"Removed {removed.name} (#{removed.id}) and their calls. A JSON backup made before "
        "restores them: callwise import backup.json.",
    )

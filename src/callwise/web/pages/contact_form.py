"""Adding and editing a contact through a form (issue 7; fields of issue 2, P1.1, P1.2, P2.6).

Saving goes through `services.contacts` (`save_contact` to add, `edit_contact` to change),
the same checks as the CLI. A refused value shows the form again (422) with everything typed
and the message next to its field; a phone or email that another contact has (409) asks
whether to save anyway (`force`). An edit applies only the inputs changed in the form to the
contact as stored now; an input also changed elsewhere since the form was opened is a 409
naming it, with what was typed kept (web/forms.py, issue 11).

Issue 15.6: adding asks for `ESSENTIALS` first, the other groups under "More details" (opened
when one of their inputs is refused); editing shows every group. The birthday is a day, month
and optional year picker, the time zone a list with the zone the city suggests first.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from callwise.domain.errors import ConflictError, ValidationError
from callwise.domain.model import (
    CONNECTION_SOURCES,
    PHONE_LABELS,
    RELATIONSHIP_KINDS,
    AddressForm,
    Contact,
)
from callwise.services.app import App
from callwise.services.contacts import edit_contact as edit_stored
from callwise.services.contacts import get_contact, save_contact
from callwise.services.places import zone_guess, zone_names
from callwise.web.deps import AppDep, CsrfDep, redirect_with_flash, render
from callwise.web.forms import (
    ContactForm,
    EditConflict,
    blank_form,
    edited_contact,
    error_input,
    form_from_contact,
    read_form,
)
from callwise.web.forms import to_contact as form_contact

router = APIRouter()

ESSENTIALS = (
    *("given_name", "family_name", "phone_1", "email_1", "city", "kind", "birthday"),
    *("met_circumstances", "notes"),
)
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Name", ("given_name", "family_name", "display_name", "nickname", "honorific", "kind")),
    ("Work", ("job_title", "organization", "department")),
    ("How you met", ("met_circumstances", "met_event", "met_date", "met_place")),
    ("Where they are", ("city", "region", "country", "time_zone", "availability")),
    ("Gatekeeper", ("gatekeeper_name", "gatekeeper_role", "gatekeeper_phone")),
    ("Knowing them", ("birthday", "interests", "family_notes", "avoid_topics")),
    ("Keeping in touch", ("source", "connected_on", "linkedin_url", "cadence_days", "tags")),
    ("Notes", ("notes",)),
)
GROUPS = ((GROUPS[0][0], (*GROUPS[0][1], "address_form")), *GROUPS[1:])
MONTHS = tuple(calendar.month_name[1:])


def _groups(form: ContactForm) -> list[tuple[str, tuple[str, ...]]]:
    """The groups with this form's phone and email rows in the one about reaching them."""
    phones = tuple(f"phone_{i}" for i in range(1, form.phone_rows + 1))
    emails = tuple(f"email_{i}" for i in range(1, form.email_rows + 1))
    return [*GROUPS[:3], ("Phones and emails", phones + emails), *GROUPS[3:]]


@dataclass
class FormState:
    """A form as shown: its values, the errors by input name, a general error, a conflict."""

    form: ContactForm
    errors: dict[str, str] = field(default_factory=dict)
    general: str = ""
    conflict: str = ""
    stale: str = ""


def _show(
    request: Request,
    app: App,
    state: FormState,
    contact: Contact | None,
    status_code: int = 200,
) -> HTMLResponse:
    context = {
        "f": state.form,
        "errors": state.errors,
        "focus": next(iter(state.errors), ""),
        "general": state.general,
        "conflict": state.conflict,
        "stale": state.stale,
        "contact": contact,
        "action": f"/contacts/{contact.id}/edit" if contact else "/contacts/new",
        "kinds": RELATIONSHIP_KINDS,
        "address_forms": [a.value for a in AddressForm],
        "phone_labels": PHONE_LABELS,
        "sources": CONNECTION_SOURCES,
        "essentials": ESSENTIALS,
        "groups": _groups(state.form),
        "more_open": bool(set(state.errors) - set(ESSENTIALS)) or bool(state.general),
        "months": MONTHS,
        "zones": zone_names(),
        "zone_guess": zone_guess(app, *(state.form.get(k) for k in ("city", "region", "country"))),
    }
    return render(request, "contact_form.html", context, status_code=status_code)


async def _submitted(request: Request) -> ContactForm:
    return read_form(dict((await request.form()).items()))


def _store(app: AppDep, form: ContactForm, base: Contact | None, warnings: list[str]) -> Contact:
    """Save the form; each number masked on the way adds a line naming its field (P8.2)."""
    if base is None or base.id is None:
        return save_contact(app, form_contact(form, base), force=form.force, warnings=warnings)
    return edit_stored(
        app,
        base.id,
        lambda stored: edited_contact(form, stored),
        force=form.force,
        warnings=warnings,
    )


def _save(request: Request, app: AppDep, form: ContactForm, base: Contact | None) -> Response:
    """Store the contact and go to its page, or show the form again with what went wrong."""
    if form.problems:  # an input that could not be read: nothing is stored
        return _show(request, app, FormState(form, dict(form.problems)), base, status_code=422)
    masked: list[str] = []
    try:
        saved = _store(app, form, base, masked)
    except EditConflict as exc:
        return _show(request, app, FormState(exc.form, stale=exc.message), base, 409)
    except ValidationError as exc:
        state = FormState(form)
        name = error_input(exc, form, app.settings().default_region)
        if name is None:
            state.general = str(exc)
        else:
            state.errors[name] = exc.message
        return _show(request, app, state, base, status_code=422)
    except ConflictError as exc:
        form.force = False
        state = FormState(form, conflict=exc.message)
        return _show(request, app, state, base, status_code=409)
    verb = "Added" if base is None else "Saved the changes to"
    said = f"{verb} {saved.name}." + (" Numbers were masked:" if masked else "")
    return redirect_with_flash(request, f"/contacts/{saved.id}", said, tuple(masked))


@router.get("/contacts/new", response_class=HTMLResponse)
def new_contact_form(request: Request, app: AppDep) -> HTMLResponse:
    return _show(request, app, FormState(blank_form()), None)


@router.post("/contacts/new", dependencies=[CsrfDep])
async def add_contact(request: Request, app: AppDep) -> Response:
    form = await _submitted(request)
    return await run_in_threadpool(_save, request, app, form, None)


@router.get("/contacts/{contact_id:int}/edit", response_class=HTMLResponse)
def edit_contact_form(request: Request, app: AppDep, contact_id: int) -> HTMLResponse:
    contact = get_contact(app, contact_id)
    return _show(request, app, FormState(form_from_contact(contact)), contact)


@router.post("/contacts/{contact_id:int}/edit", dependencies=[CsrfDep])
async def edit_contact(request: Request, app: AppDep, contact_id: int) -> Response:
    form = await _submitted(request)
    contact = await run_in_threadpool(get_contact, app, contact_id)
    if form.original is None:  # a client that does not send it: every input typed is a change
        form.original = form_from_contact(contact).values
    return await run_in_threadpool(_save, request, app, form, contact)

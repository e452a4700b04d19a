"""Marking the contacts a search finds as business or personal (imports guess the relationship
from the card, domain/kind_guess; this corrects a batch of guesses).

The list offers "Mark these N as business / personal" once a search or filter is set; that
link opens a page saying how many will change, whose form changes them and answers 303 to the
list with a flash line (post/redirect/get, issue 15).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from callwise.services.browse import Filters
from callwise.services.contact_kinds import preview_kind_change, set_kind_of_matching
from callwise.web.deps import AppDep, CsrfDep, redirect_with_flash, render
from callwise.web.pages.contacts import list_url

router = APIRouter()


def _filters(q: str, relationship: str, tag: str, city: str, overdue: bool) -> Filters:
    return Filters(q.strip(), relationship or None, tag or None, city or None, overdue)


@router.get("/contacts/mark", response_class=HTMLResponse)
def mark_confirm(
    request: Request,
    app: AppDep,
    kind: str,
    q: str = "",
    relationship: str = "",
    tag: str = "",
    city: str = "",
    overdue: bool = False,
) -> HTMLResponse:
    """How many contacts the search finds and how many would change; a form to change them."""
    filters = _filters(q, relationship, tag, city, overdue)
    change = preview_kind_change(app, filters, kind)
    context = {
        "change": change,
        "filters": filters,
        "back": list_url(filters),
    }
    return render(request, "contacts_mark.html", context)


@router.post("/contacts/mark", dependencies=[CsrfDep])
def mark_post(
    request: Request,
    app: AppDep,
    kind: Annotated[str, Form()],
    q: Annotated[str, Form()] = "",
    relationship: Annotated[str, Form()] = "",
    tag: Annotated[str, Form()] = "",
    city: Annotated[str, Form()] = "",
    overdue: Annotated[bool, Form()] = False,
) -> RedirectResponse:
    """Mark them, then show the list again with what was done."""
    filters = _filters(q, relationship, tag, city, overdue)
    done = set_kind_of_matching(app, filters, kind)
    noun = "contact" if done.changing == 1 else "contacts"
    said = f"Marked {done.changing} {noun} as {done.kind.value}."
    return redirect_with_flash(request, list_url(filters), said)

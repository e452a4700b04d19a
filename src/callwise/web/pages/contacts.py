"""The contacts pages (issue 7): the searchable list here; the add and edit forms, a contact's
page and removing one in `contact_form` and `contact_profile`.

The list is a plain GET form (`q` and the filters), so it works without JavaScript;
`static/contacts.js` fetches the same URL with `partial=1` as the user types and swaps in the
results. One page is one indexed query for the ids and one for the contacts (no N+1).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from callwise.domain.model import RELATIONSHIP_KINDS
from callwise.services.browse import BrowsePage, Filters, browse_contacts, filter_choices
from callwise.web.deps import AppDep, render
from callwise.web.pages import contact_form, contact_profile
from callwise.web.schemas.common import MAX_ID

PAGE_SIZE = 50
MARKS = ("business", "personal")  # what a search's results can be marked as (contacts_mark)

router = APIRouter()


def filter_query(filters: Filters, offset: int = 0) -> str:
    """The query string of a list URL with these filters (empty ones left out)."""
    pairs: dict[str, str | int] = {}
    for key, value in asdict(filters).items():
        name = "q" if key == "query" else key
        if value:
            pairs[name] = "1" if value is True else str(value)
    if offset:
        pairs["offset"] = offset
    return urlencode(pairs)


def list_url(filters: Filters, offset: int = 0) -> str:
    query = filter_query(filters, offset)
    return f"/contacts?{query}" if query else "/contacts"


def page_links(filters: Filters, page: BrowsePage) -> dict[str, str]:
    """The previous and next page URLs, keeping the filters."""
    links = {}
    if page.offset > 0:
        links["previous"] = list_url(filters, max(0, page.offset - page.limit))
    if page.more:
        links["next"] = list_url(filters, page.offset + page.limit)
    return links


def mark_links(filters: Filters) -> dict[str, str]:
    """The page that marks every contact these filters find as business or personal."""
    query = filter_query(filters)
    return {kind: f"/contacts/mark?{query}&{urlencode({'kind': kind})}" for kind in MARKS}


@router.get("/contacts", response_class=HTMLResponse)
def contacts_page(
    request: Request,
    app: AppDep,
    q: str = "",
    relationship: str = "",
    tag: str = "",
    city: str = "",
    overdue: bool = False,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
    partial: bool = False,
) -> HTMLResponse:
    """The contacts matching the search and filters, a page at a time."""
    filters = Filters(q.strip(), relationship or None, tag or None, city or None, overdue)
    page = browse_contacts(app, filters, limit=PAGE_SIZE, offset=offset)
    context = {
        "filters": filters,
        "page": page,
        "links": page_links(filters, page),
        "filtered": filter_query(filters) != "",
        "marks": mark_links(filters),
    }
    if partial:
        return render(request, "partials/contact_results.html", context)
    context.update(choices=filter_choices(app), kinds=RELATIONSHIP_KINDS)
    return render(request, "contacts.html", context)


router.include_router(contact_form.router)
router.include_router(contact_profile.router)

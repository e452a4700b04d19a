"""The Duplicates page (issue 13): pairs that may be one person side by side, with the
evidence in words and its score; Merge (a confirmation page, then the merge) and Not the same
person. Every write is a POST answered by a redirect (post/redirect/get)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from callwise.domain.merging import VALUE_FIELDS, label, show
from callwise.domain.model import Contact
from callwise.services import merging
from callwise.services.duplicates import DuplicatePair, find_duplicates
from callwise.web.deps import AppDep, CsrfDep, render
from callwise.web.schemas.common import MAX_ID

router = APIRouter()
SHOWN_PAIRS = 50
Id = Annotated[int, Query(ge=1, le=MAX_ID)]
FormId = Annotated[int, Form(ge=1, le=MAX_ID)]


@dataclass(frozen=True)
class PairView:
    """A pair as the page shows it: both contacts in full and their values field by field."""

    pair: DuplicatePair
    first: Contact
    second: Contact
    rows: list[tuple[str, str, str]]  # (field, first's value, second's value)


def _rows(a: Contact, b: Contact) -> list[tuple[str, str, str]]:
    """The fields either contact fills, as words."""
    rows = []
    for name in VALUE_FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        if show(x) == "(empty)" and show(y) == "(empty)":
            continue
        rows.append((label(name), show(x), show(y)))
    return rows


def _views(pairs: list[DuplicatePair], full: dict[int, Contact]) -> list[PairView]:
    views = []
    for pair in pairs:
        a, b = full.get(pair.first.id or 0), full.get(pair.second.id or 0)
        if a is not None and b is not None:
            views.append(PairView(pair, a, b, _rows(a, b)))
    return views


def _flash(merged: int | None, dismissed: str | None, unmerged: int | None) -> str:
    if merged is not None:
        return f"Merged into #{merged}. Undo brings the other contact back as it was."
    if unmerged is not None:
        return f"The last merge into #{unmerged} is undone: both contacts are back."
    if dismissed:
        return f"Marked {dismissed} as two people: they are not proposed again."
    return ""


@router.get("/duplicates", response_class=HTMLResponse)
def duplicates_page(
    request: Request,
    app: AppDep,
    merged: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    dismissed: str | None = None,
    unmerged: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> HTMLResponse:
    pairs = find_duplicates(app, limit=SHOWN_PAIRS)
    ids = sorted({c.id for p in pairs for c in (p.first, p.second) if c.id is not None})
    views = _views(pairs, merging.contacts_by_id(app, ids))
    context: dict[str, Any] = {
        "views": views,
        "flash": _flash(merged, dismissed, unmerged),
        "undo": merged,
    }
    return render(request, "duplicates.html", context)


@router.get("/duplicates/merge", response_class=HTMLResponse)
def merge_confirm(request: Request, app: AppDep, keep: Id, other: Id) -> HTMLResponse:
    """What merging `other` into `keep` will change, and the button that does it."""
    preview = merging.merge(app, keep, other, dry_run=True)
    context = {"report": preview, "keep": preview.plan.keep, "other": preview.plan.other}
    return render(request, "duplicates_merge.html", context)


@router.post("/duplicates/merge", dependencies=[CsrfDep])
def merge_post(app: AppDep, keep: FormId, other: FormId) -> RedirectResponse:
    merging.merge(app, keep, other)
    return RedirectResponse(f"/duplicates?merged={keep}", status_code=303)


@router.post("/duplicates/dismiss", dependencies=[CsrfDep])
def dismiss_post(app: AppDep, first: FormId, second: FormId) -> RedirectResponse:
    merging.dismiss(app, first, second)
    return RedirectResponse(f"/duplicates?dismissed=%23{first}+and+%23{second}", status_code=303)


@router.post("/duplicates/unmerge", dependencies=[CsrfDep])
def unmerge_post(app: AppDep, keep: FormId) -> RedirectResponse:
    """Undo the last merge into `keep` (item 5 of issue 13, from the page)."""
    merging.unmerge(app, keep)
    return RedirectResponse(f"/duplicates?unmerged={keep}", status_code=303)

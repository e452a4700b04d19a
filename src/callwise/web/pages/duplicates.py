"""The Duplicates page (issue 13): pairs that may be one person side by side, with the
evidence in words and its score; Merge (a confirmation page, then the merge) and Not the same
person. Every write is a POST answered by a redirect (post/redirect/get) that leaves a
flash saying what was done."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from callwise.domain.merging import VALUE_FIELDS, show
from callwise.domain.model import Contact
from callwise.services import merging
from callwise.services.duplicates import DuplicatePair, find_duplicates
from callwise.web.deps import AppDep, CsrfDep, redirect_with_flash, render
from callwise.web.field_words import field_words
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
        rows.append((field_words(name).capitalize(), show(x), show(y)))
    return rows


def _views(pairs: list[DuplicatePair], full: dict[int, Contact]) -> list[PairView]:
    views = []
    for pair in pairs:
        a, b = full.get(pair.first.id or 0), full.get(pair.second.id or 0)
        if a is not None and b is not None:
            views.append(PairView(pair, a, b, _rows(a, b)))
    return views


@router.get("/duplicates", response_class=HTMLResponse)
def duplicates_page(
    request: Request,
    app: AppDep,
    undo: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> HTMLResponse:
    """The pairs; after a merge (`undo`: the contact kept) the button that undoes it."""
    pairs = find_duplicates(app, limit=SHOWN_PAIRS)
    ids = sorted({c.id for p in pairs for c in (p.first, p.second) if c.id is not None})
    views = _views(pairs, merging.contacts_by_id(app, ids))
    context: dict[str, Any] = {"views": views, "undo": undo}
    return render(request, "duplicates.html", context)


@router.get("/duplicates/merge", response_class=HTMLResponse)
def merge_confirm(request: Request, app: AppDep, keep: Id, other: Id) -> HTMLResponse:
    """What merging `other` into `keep` will change, and the button that does it."""
    preview = merging.merge(app, keep, other, dry_run=True)
    context = {"report": preview, "keep": preview.plan.keep, "other": preview.plan.other}
    return render(request, "duplicates_merge.html", context)


@router.post("/duplicates/merge", dependencies=[CsrfDep])
def merge_post(request: Request, app: AppDep, keep: FormId, other: FormId) -> RedirectResponse:
    plan = merging.merge(app, keep, other).plan
    said = f"Merged {plan.other.name} into {plan.keep.name}. Undo brings them back as they were."
    return redirect_with_flash(request, f"/duplicates?undo={keep}", said)


@router.post("/duplicates/dismiss", dependencies=[CsrfDep])
def dismiss_post(request: Request, app: AppDep, first: FormId, second: FormId) -> RedirectResponse:
    merging.dismiss(app, first, second)
    names = [c.name for c in merging.contacts_by_id(app, [first, second]).values()]
    said = f"Marked {' and '.join(names)} as two people: they are not proposed again."
    return redirect_with_flash(request, "/duplicates", said)


@router.post("/duplicates/unmerge", dependencies=[CsrfDep])
def unmerge_post(request: Request, app: AppDep, keep: FormId) -> RedirectResponse:
    """Undo the last merge into `keep` (item 5 of issue 13, from the page)."""
    report = merging.unmerge(app, keep)
    said = f"The merge is undone: {report.keep.name} and {report.other.name} are back."
    return redirect_with_flash(request, "/duplicates", said)

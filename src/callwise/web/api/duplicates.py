"""/api/v1 duplicates, "not the same person", merge and unmerge (issue 13).

Decisions:
- Merging a contact with itself is 422; an unknown id is 404; nothing is changed either way.
- `dry_run` answers exactly what the merge would do (the same work, rolled back).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from callwise.services import contacts as contacts_service
from callwise.services import merging
from callwise.services.duplicates import find_duplicates
from callwise.web.deps import AppDep
from callwise.web.idempotency import Idempotent
from callwise.web.schemas.common import ContactId
from callwise.web.schemas.duplicates import (
    DismissIn,
    DismissOut,
    DuplicateList,
    MergeIn,
    MergeOut,
    UnmergeOut,
)

router = APIRouter(tags=["duplicates"])


def _with_version(contact: dict[str, Any], source: Any) -> dict[str, Any]:
    return contact | {"version": contacts_service.contact_version(source)}


@router.get("/duplicates", summary="Pairs of contacts that may be one person, strongest first")
def list_duplicates(app: AppDep, limit: Annotated[int, Query(ge=1, le=1000)] = 50) -> DuplicateList:
    pairs = find_duplicates(app, limit=limit)
    return DuplicateList.model_validate(
        {"duplicates": [p.as_dict() for p in pairs], "count": len(pairs)}
    )


@router.post(
    "/duplicates/dismiss",
    summary='Mark two contacts "not the same person"',
    dependencies=[Idempotent],
)
def dismiss(app: AppDep, body: DismissIn) -> DismissOut:
    added = merging.dismiss(app, body.first, body.second)
    return DismissOut(first=body.first, second=body.second, added=added)


@router.post(
    "/contacts/{keep}/merge",
    summary="Merge a contact into this one, keeping everything",
    dependencies=[Idempotent],
)
def merge(app: AppDep, keep: ContactId, body: MergeIn) -> MergeOut:
    report = merging.merge(app, keep, body.other, dry_run=body.dry_run)
    data = report.as_dict()
    data["contact"] = _with_version(data["contact"], report.plan.merged)
    return MergeOut.model_validate(data)


@router.post(
    "/contacts/{contact_id}/unmerge",
    summary="Undo the last merge into this contact",
    dependencies=[Idempotent],
)
def unmerge(app: AppDep, contact_id: ContactId) -> UnmergeOut:
    report = merging.unmerge(app, contact_id)
    data = report.as_dict()
    data["keep"] = _with_version(data["keep"], report.keep)
    data["other"] = _with_version(data["other"], report.other)
    return UnmergeOut.model_validate(data)

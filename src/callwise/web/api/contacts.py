"""/api/v1/contacts: browse, create, read, replace, patch and remove contacts (issue 7).

Decisions:
- DELETE is the confirmation (the web has no terminal prompt); it returns what was removed.
- A phone or email another contact has is refused with 409 unless `?force=true`.
- PATCH is a JSON merge patch (RFC 7396) of the contact JSON: keys sent replace, `met` and
  `gatekeeper` merge key by key, null clears.
- No lost updates (issue 11): PATCH and PUT apply to the contact as stored when they write,
  inside one transaction (`services.contacts.edit_contact`), so a PATCH changes only the keys
  it sends. Every contact read carries `version` (a content fingerprint); a PUT or PATCH that
  sends back a `version` which is no longer current is refused with 409, nothing written.
- A service names the domain's field ("phone"); the API names the key sent ("phones").
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from callwise.domain.codec import contact_from_dict, contact_to_dict
from callwise.domain.errors import ConflictError, renamed_fields
from callwise.domain.model import Contact, RelationshipKind
from callwise.services import contacts as service
from callwise.services.app import App
from callwise.services.browse import MAX_LIMIT, Filters, browse_contacts
from callwise.web.deps import AppDep
from callwise.web.idempotency import Idempotent
from callwise.web.schemas.common import MAX_ID, ContactId, SearchText, ShortText
from callwise.web.schemas.contacts import (
    ContactIn,
    ContactList,
    ContactOut,
    ContactPatch,
    Removed,
)

router = APIRouter(prefix="/contacts", tags=["contacts"])

# The domain's name of a field -> the key an API client sent.
FIELD_KEYS = {
    "phone": "phones",
    "email": "emails",
    "gatekeeper_phone": "gatekeeper.phone",
    "introduced_by": "met.introduced_by",
    "met_date": "met.date",
    "date": "other_dates",
}
Force = Annotated[
    bool, Query(description="Save even when another contact has the same phone or email.")
]


def contact_out(contact: Contact) -> ContactOut:
    data = contact_to_dict(contact) | {"version": service.contact_version(contact)}
    return ContactOut.model_validate(data)


def saved_out(contact: Contact, warnings: list[str]) -> ContactOut:
    """The saved contact and a line per number masked on the way in (P8.2)."""
    return contact_out(contact).model_copy(update={"warnings": warnings})


def _save(app: App, data: dict[str, Any], force: bool) -> ContactOut:
    """Read the contact JSON with the codec and add it through the service."""
    masked: list[str] = []
    with renamed_fields(FIELD_KEYS):
        contact = contact_from_dict(data)
        try:
            saved = service.save_contact(app, contact, force=force, warnings=masked)
        except ConflictError as exc:
            raise ConflictError(f"{exc.message} (add ?force=true to save anyway)") from None
    return saved_out(saved, masked)


def _edit(
    app: App, contact_id: int, change: service.Change, force: bool, version: str | None
) -> ContactOut:
    """Apply `change` to the stored contact in one transaction (services.edit_contact)."""
    masked: list[str] = []
    with renamed_fields(FIELD_KEYS):
        try:
            saved = service.edit_contact(
                app, contact_id, change, force=force, version=version, warnings=masked
            )
        except service.StaleVersionError:
            raise
        except ConflictError as exc:
            raise ConflictError(f"{exc.message} (add ?force=true to save anyway)") from None
    return saved_out(saved, masked)


def _from_json(data: dict[str, Any], contact_id: int) -> Contact:
    return contact_from_dict({**data, "id": contact_id})


def merge_patch(target: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """RFC 7396: objects merge key by key, null removes a key, anything else replaces."""
    merged = dict(target)
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_patch(merged[key], value)
        else:
            merged[key] = value
    return merged


@router.get("", summary="Search and filter contacts, a page at a time")
def list_contacts(
    app: AppDep,
    q: Annotated[
        SearchText, Query(description="Words in names, organization, city, tags, notes.")
    ] = "",
    relationship: Annotated[RelationshipKind | None, Query(description="Only this kind.")] = None,
    tag: Annotated[ShortText | None, Query(description="Only contacts with this tag.")] = None,
    city: Annotated[ShortText | None, Query(description="Only contacts in this city.")] = None,
    overdue: Annotated[bool, Query(description="Only those past their keep-in-touch day.")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> ContactList:
    kind = relationship.value if relationship else None
    filters = Filters(query=q, relationship=kind, tag=tag, city=city, overdue=overdue)
    page = browse_contacts(app, filters, limit=limit, offset=offset)
    return ContactList(
        contacts=[contact_out(c) for c in page.contacts],
        total=page.total,
        more=page.more,
        limit=page.limit,
        offset=page.offset,
    )


@router.post("", status_code=201, summary="Add a contact", dependencies=[Idempotent])
def create_contact(app: AppDep, body: ContactIn, force: Force = False) -> ContactOut:
    return _save(app, body.model_dump(mode="json"), force)


@router.get("/{contact_id}", summary="One contact, every field")
def read_contact(app: AppDep, contact_id: ContactId) -> ContactOut:
    return contact_out(service.get_contact(app, contact_id))


@router.put("/{contact_id}", summary="Replace a contact (keys left out take their defaults)")
def replace_contact(
    app: AppDep, contact_id: ContactId, body: ContactIn, force: Force = False
) -> ContactOut:
    data = body.model_dump(mode="json", exclude={"version"})
    return _edit(app, contact_id, lambda _stored: _from_json(data, contact_id), force, body.version)


@router.patch("/{contact_id}", summary="Change some fields (JSON merge patch, RFC 7396)")
def patch_contact(
    app: AppDep, contact_id: ContactId, body: ContactPatch, force: Force = False
) -> ContactOut:
    changes = body.changes()
    version = changes.pop("version", None)

    def patched(stored: Contact) -> Contact:
        return _from_json(merge_patch(contact_to_dict(stored), changes), contact_id)

    return _edit(app, contact_id, patched, force, version)


@router.delete("/{contact_id}", summary="Remove a contact (a backup export brings them back)")
def remove_contact(app: AppDep, contact_id: ContactId) -> Removed:
    return Removed(removed=contact_out(service.remove_contact(app, contact_id)))

"""Contact use cases: add, edit, show, list, find, remove, and resolving a contact argument."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import Connection

from callwise.domain.codec import contact_to_dict
from callwise.domain.contacts import MAX_ID, prepare_contact
from callwise.domain.errors import AmbiguousError, ConflictError, NotFoundError, ValidationError
from callwise.domain.model import Contact, Phone
from callwise.domain.suggest import closest_names
from callwise.domain.text import fold
from callwise.services.app import App
from callwise.store import contacts as store


@dataclass(frozen=True)
class Page:
    """One page of contacts and whether more follow."""

    contacts: list[Contact]
    more: bool


def _duplicates(conn: Connection, contact: Contact, stored: Contact | None = None) -> list[str]:
    """Lines naming each phone or email this save adds to `contact` (compared with `stored`,
    its record before the edit) that another contact already has. Numbers shared already
    (a family landline, an office's main line) are normal and never asked about again
    (issue 13, item 7)."""
    had_numbers = {p.number for p in stored.phones} if stored else set()
    had_addresses = {e.address.strip().casefold() for e in stored.emails} if stored else set()
    numbers = [p.number for p in contact.phones if p.valid and p.number not in had_numbers]
    addresses = [
        e.address for e in contact.emails if e.address.strip().casefold() not in had_addresses
    ]
    clashes: list[tuple[str, int]] = []
    for number, owners in store.owners_of_phones(conn, numbers).items():
        clashes += [(f"phone {number}", o) for o in owners if o != contact.id]
    for address, owners in store.owners_of_emails(conn, addresses).items():
        clashes += [(f"email {address}", o) for o in owners if o != contact.id]
    names = {c.id: c.name for c in store.get_contacts(conn, sorted({o for _, o in clashes}))}
    return [
        f"{what} already belongs to {names[o]} (#{o}); if you save, it will be shared "
        f"between {names[o]} and {contact.name or 'this contact'}"
        for what, o in clashes
    ]


def _check_introducer(conn: Connection, contact: Contact) -> None:
    introducer = contact.met.introduced_by
    if introducer is None:
        return
    if introducer == contact.id or store.get_contact(conn, introducer) is None:
        raise ValidationError(
            f"no other contact has id {introducer}; give the id of the contact who introduced you",
            field="introduced_by",
        )


Change = Callable[[Contact], Contact]


class StaleVersionError(ConflictError):
    """The contact changed after the version the client read; `fields` names what differs."""

    def __init__(self, message: str, fields: tuple[str, ...] = ()) -> None:
        super().__init__(message, field="version")
        self.fields = fields


def contact_version(contact: Contact) -> str:
    """A fingerprint of everything a user can set on `contact` (not its timestamps).

    It is derived from the content, not counted in a column, so every way of writing a
    contact (imports, restores, edits) moves it without having to remember to."""
    data = contact_to_dict(contact)
    for key in ("id", "name", "created_at", "updated_at"):
        data.pop(key, None)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _store_checked(
    conn: Connection, prepared: Contact, force: bool, stored: Contact | None = None
) -> None:
    _check_introducer(conn, prepared)
    clashes = _duplicates(conn, prepared, stored)
    if clashes and not force:
        raise ConflictError("; ".join(clashes))  # each surface says how to save anyway


def save_contact(
    app: App, contact: Contact, *, force: bool = False, warnings: list[str] | None = None
) -> Contact:
    """Validate and store `contact` (new when its id is None, else a whole replacement);
    return it as stored, any SSN or card number masked with a line in `warnings` (P8.2).

    A phone or email that another contact has raises ConflictError unless `force`.
    """
    if contact.id is not None:
        return edit_contact(
            app, contact.id, lambda _stored: contact, force=force, warnings=warnings
        )
    prepared = prepare_contact(contact, app.settings().default_region, warnings=warnings)
    with app.transaction() as conn:
        _store_checked(conn, prepared, force)
        stamped = replace(prepared, created_at=app.now, updated_at=app.now)
        new_id = store.insert_contacts(conn, [stamped])[0]
        return replace(stamped, id=new_id)


def edit_contact(
    app: App,
    contact_id: int,
    change: Change,
    *,
    force: bool = False,
    version: str | None = None,
    warnings: list[str] | None = None,
) -> Contact:
    """Apply `change` to the contact as stored at this moment and store the result; return it.
    Any SSN or card number is masked, with a line in `warnings` (P8.2).

    Decision (issue 11, no lost updates): an edit is a function of the current record, run
    inside the one write transaction that re-reads it (BEGIN IMMEDIATE on SQLite; on
    PostgreSQL the row is locked FOR UPDATE before it is read), so two edits of different
    fields never undo each other, and tag additions add to the tags stored now. Callers
    that hold an older copy (PUT, a form) pass the `version` they read (`contact_version`,
    a content fingerprint: no column, no migration, moved by every writer); when it is no
    longer current the edit is refused with StaleVersionError (409), naming what differs.
    """
    region = app.settings().default_region
    with app.transaction() as conn:
        current = store.lock_contact(conn, contact_id) if 1 <= contact_id <= MAX_ID else None
        if current is None:
            raise NotFoundError(
                f"no contact has id {contact_id}; `callwise contacts find` lists ids",
                field="contact",
            )
        if version is not None and version != contact_version(current):
            raise StaleVersionError(
                f"contact #{contact_id} changed after version {version!r} was read "
                f"(now {contact_version(current)!r}); read it again and resend the change"
            )
        changed = replace(change(current), id=contact_id)
        if changed.kind is not current.kind:  # the user set it: no import guesses it again
            changed = replace(changed, kind_guessed=False)
        prepared = prepare_contact(changed, region, warnings=warnings)
        _store_checked(conn, prepared, force, current)
        stamped = replace(prepared, created_at=current.created_at, updated_at=app.now)
        store.update_contact(conn, stamped)
        return stamped


def get_contact(app: App, contact_id: int) -> Contact:
    found = None
    if 1 <= contact_id <= MAX_ID:  # no stored id is larger (nor can the database compare one)
        with app.engine.connect() as conn:
            found = store.get_contact(conn, contact_id)
    if found is None:
        raise NotFoundError(
            f"no contact has id {contact_id}; `callwise contacts find` lists ids", field="contact"
        )
    return found


def _not_found(conn: Connection, query: str) -> NotFoundError:
    """No contact of that name: the closest names, if any, else how to look (issue 15)."""
    close = closest_names(query, store.sort_names(conn)) if query.strip() else []
    names = list(
        dict.fromkeys(
            c.name
            for folded in close
            for c in store.get_contacts(conn, store.ids_by_name(conn, folded))
        )
    )
    if not names:
        return NotFoundError(
            f"no contact matches {query!r}; try `callwise contacts find` or give an id",
            field="contact",
        )
    options = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return NotFoundError(f"no contact named {query!r}; did you mean {options}?", field="contact")


def resolve_contact(app: App, query: str) -> Contact:
    """A contact argument: an id (`42`, `#42`) or a name query that matches exactly one contact."""
    text = query.strip().lstrip("#")
    if text.isdigit():
        return get_contact(app, int(text))
    with app.engine.connect() as conn:
        ids = store.ids_by_name(conn, fold(text)) or store.find_ids(conn, text, limit=11)
        matches = store.get_contacts(conn, ids)
        if not text or not matches:
            raise _not_found(conn, query)
    if len(matches) > 1:
        candidates = [
            f"#{c.id} {c.name}" + (f" ({c.organization})" if c.organization else "")
            for c in matches[:10]
        ]
        raise AmbiguousError(
            f"{query!r} matches {'more than 10' if len(matches) > 10 else len(matches)} contacts; "
            "give an id or a fuller name",
            candidates,
            field="contact",
        )
    return matches[0]


def find_contacts(app: App, query: str, *, limit: int = 50, offset: int = 0) -> Page:
    """Contacts whose names, organization, city, tags or notes contain every word of `query`,
    ignoring case and accents."""
    with app.engine.connect() as conn:
        ids = store.find_ids(conn, query, limit=limit + 1, offset=offset)
        return Page(store.get_contacts(conn, ids[:limit]), more=len(ids) > limit)


def list_contacts(
    app: App, *, kind: str | None = None, tag: str | None = None, limit: int = 100, offset: int = 0
) -> Page:
    with app.engine.connect() as conn:
        ids = store.list_ids(conn, kind=kind, tag=tag, limit=limit + 1, offset=offset)
        return Page(store.get_contacts(conn, ids[:limit]), more=len(ids) > limit)


def count_contacts(app: App) -> int:
    with app.engine.connect() as conn:
        return store.count_contacts(conn)


def remove_contact(app: App, contact_id: int) -> Contact:
    """Delete one contact (the caller has confirmed); return what was removed."""
    with app.transaction() as conn:
        found = store.get_contact(conn, contact_id) if 1 <= contact_id <= MAX_ID else None
        if found is None:
            raise NotFoundError(f"no contact has id {contact_id}", field="contact")
        store.delete_contact(conn, contact_id)
    return found


def add_phone(app: App, contact_id: int, number: str) -> Contact:
    """Give a contact a number to call, kept after those stored: the guided call asks for one
    when there is none (issue 14). A number that cannot be read is refused, naming `phone`."""
    text = number.strip()
    if not text:
        raise ValidationError(
            "type their phone number, with its country code when it is abroad", field="phone"
        )
    added = Phone(text, "mobile")
    return edit_contact(app, contact_id, lambda c: replace(c, phones=(*c.phones, added)))

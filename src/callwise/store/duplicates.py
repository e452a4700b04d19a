"""Candidates for possible duplicates (issue 13), by indexed keys and one narrow scan.

Contacts that share a phone (`ix_contact_phones_number`), an email (`ix_contact_emails_folded`)
or a LinkedIn profile (`ix_contacts_linkedin_key`) come from grouped index reads; contacts
that may be one person without a shared key are found by name blocks over the name columns
of contacts with an organization (the caller blocks: it holds the nickname book).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from callwise.domain.model import Contact, Email, Phone
from callwise.store.tables import contact_emails, contact_phones, contacts

BATCH = 1000


NameRow = tuple[int, str, str, str, str]  # id, given, family, display name, organization


def key_holder_ids(conn: Connection) -> set[int]:
    """Contacts holding a phone, an email or a LinkedIn profile another contact holds. Each
    grouping reads only its index (a contact holds a number or an address once)."""
    p, e, c = contact_phones.c, contact_emails.c, contacts.c
    numbers = select(p.number).group_by(p.number).having(func.count() > 1)
    addresses = select(e.folded).group_by(e.folded).having(func.count() > 1)
    profiles = (
        select(c.linkedin_key).where(c.linkedin_key != "").group_by(c.linkedin_key)
        .having(func.count() > 1)
    )  # fmt: skip
    found = set(conn.scalars(select(p.contact_id).where(p.number.in_(numbers))))
    found.update(conn.scalars(select(e.contact_id).where(e.folded.in_(addresses))))
    found.update(conn.scalars(select(c.id).where(c.linkedin_key.in_(profiles))))
    return found


def named_rows_with_organization(conn: Connection) -> list[NameRow]:
    """(id, given, family, display name, organization) of every contact that names an
    organization: one narrow read, for blocking by name."""
    c = contacts.c
    query = select(c.id, c.given_name, c.family_name, c.display_name, c.organization)
    return list(conn.execute(query.where(c.organization != "")))


def identity_contacts(conn: Connection, ids: Sequence[int]) -> list[Contact]:
    """The contacts with these ids, in id order, carrying only what identity reads and a
    listing shows: names, organization, LinkedIn profile, phones and emails (a lighter read
    than store/contacts.py's `get_contacts`, for thousands of candidates at once)."""
    c, p, e = contacts.c, contact_phones.c, contact_emails.c
    found: list[Contact] = []
    ordered = sorted(ids)
    for start in range(0, len(ordered), BATCH):
        chunk = ordered[start : start + BATCH]
        phones: dict[int, list[Phone]] = defaultdict(list)
        query = select(p.contact_id, p.number, p.label, p.valid).where(p.contact_id.in_(chunk))
        for ph in conn.execute(query.order_by(p.position)):
            phones[ph.contact_id].append(Phone(ph.number, ph.label, bool(ph.valid)))
        emails: dict[int, list[Email]] = defaultdict(list)
        query = select(e.contact_id, e.address, e.label).where(e.contact_id.in_(chunk))
        for em in conn.execute(query.order_by(e.position)):
            emails[em.contact_id].append(Email(em.address, em.label))
        columns = (c.id, c.given_name, c.family_name, c.display_name, c.nickname)
        query = select(*columns, c.organization, c.linkedin_url).where(c.id.in_(chunk))
        for row in conn.execute(query.order_by(c.id)):
            found.append(_light(row, phones[row.id], emails[row.id]))
    return found


def _light(row: Any, phones: list[Phone], emails: list[Email]) -> Contact:
    return Contact(
        id=row.id,
        given_name=row.given_name,
        family_name=row.family_name,
        display_name=row.display_name,
        nickname=row.nickname,
        organization=row.organization,
        linkedin_url=row.linkedin_url,
        phones=tuple(phones),
        emails=tuple(emails),
    )


def holder_ids(conn: Connection, keys: Iterable[str]) -> set[int]:
    """Stored contacts holding any of these identity keys (`phone:…`, `email:…`,
    `linkedin:…`, as domain/merge.py's `match_keys` writes them), by index."""
    wanted: dict[str, list[str]] = defaultdict(list)
    for key in set(keys):
        kind, _, value = key.partition(":")
        wanted[kind].append(value)
    columns = {
        "phone": (contact_phones.c.contact_id, contact_phones.c.number),
        "email": (contact_emails.c.contact_id, contact_emails.c.folded),
        "linkedin": (contacts.c.id, contacts.c.linkedin_key),
    }
    found: set[int] = set()
    for kind, (owner, column) in columns.items():
        values = wanted.get(kind, [])
        for start in range(0, len(values), BATCH):
            chunk = values[start : start + BATCH]
            found.update(conn.scalars(select(owner).where(column.in_(chunk))))
    return found
